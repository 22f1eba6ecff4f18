"""ClusterDev's date and time formats, one per language (``FORMAT_MODULE_PATH``).

Never month-first: "01/12/2026" reads as 1 December in most of the countries the
programmes run in and as 12 January in the United States, so English uses ISO dates in
short form and every language puts the day before the month. Times are 24-hour and
carry the zone's name (``T``: "14:05 EAT"), since a page shows them in its project's
time zone. Date inputs are HTML ``type="date"`` fields, which speak ISO 8601: ISO comes
first among the input formats, so a form shows its initial date in the one format the
browser reads.
"""
