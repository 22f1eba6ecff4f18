"""API routes of this part of monitoring: (prefix, viewset, basename), registered on the
shared router by config/urls.py."""

ROUTES: list = []
