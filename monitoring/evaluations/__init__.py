"""Mid-term and final evaluations: OECD-DAC ratings, findings, lessons, recommendations and
management responses."""
