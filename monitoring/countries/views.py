"""The country view: the projects of one country side by side (administrators and the
country's Programme Officers), and the list of the countries a user may open."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from governance.access import may_view_country

from . import selectors


def country_list(request):
    return render(
        request,
        "monitoring/countries/country_list.html",
        {"countries": selectors.country_list(user=request.user)},
    )


def country_dashboard(request, code: str):
    code = code.upper()
    name = selectors.country_name(code)
    # An unknown code and a country the user may not see answer alike: not found.
    if name is None or not may_view_country(request.user, code):
        raise Http404("Not found.")
    projects = selectors.country_projects(user=request.user, code=code)
    stamps = [p.rolled_at for p in projects if p.rolled_at is not None]
    return render(
        request,
        "monitoring/countries/country_dashboard.html",
        {
            "code": code,
            "country_name": name,
            "projects": projects,
            # The oldest stamp: every figure on the page is at least this fresh.
            "rolled_at": min(stamps) if stamps else None,
        },
    )
