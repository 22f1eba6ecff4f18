"""Mapping of candidate clusters: the mapping record, import, export and the map."""
