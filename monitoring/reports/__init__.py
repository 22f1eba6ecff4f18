"""Progress reports: jobs, their rendering (PDF), and their API."""
