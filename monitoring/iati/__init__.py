"""The IATI 2.03 activity export: a project's results, indicators, baselines, targets
and approved actuals (from the roll-ups), as a file for IATI publishers and donors."""
