"""Indicator values: entry, submission, approval and return, period locks, what is due,
and reporting completeness."""
