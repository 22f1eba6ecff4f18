"""The indicator pool, the indicators clusters adopt with their M&E plan and targets, and
how values add up over time (``aggregation``)."""
