"""Roll-ups: approved indicator values added up by each indicator's rules, from the
reporting period to quarter, year, financial year and to date, and from clusters to
the project, into ``IndicatorRollup`` cells, with set-based SQL."""
