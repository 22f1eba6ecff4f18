"""Dashboards: the project, cluster and country figures each role may read."""
