"""Selection of clusters: criteria, expert scores, the ranking and the decisions."""
