"""The result chain: impact, outcomes and outputs of a project or a cluster."""
