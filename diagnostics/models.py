"""Phase 3 (diagnostic study, SWOT, surveys, linkages): models come with its issue."""
