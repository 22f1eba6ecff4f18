"""The way in to the country view from the base pages (registered in
MonitoringConfig.ready()): a link on a project's card of the home page and on the
project page, for the users who may open the project's country view."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.panels import Link, PageAccess
from governance.access import country_codes_viewable

# The countries a page's user may open, read once per page (PageAccess lives as long
# as the page), so the home page's cards share one query however many there are.
_viewable: WeakKeyDictionary[PageAccess, frozenset[str]] = WeakKeyDictionary()


def _countries(access: PageAccess) -> frozenset[str]:
    if access not in _viewable:
        _viewable[access] = frozenset(country_codes_viewable(access.user))
    return _viewable[access]


def country_links(request: Any, project: Any, access: PageAccess) -> list[Link]:
    code = str(project.country)
    if not code or code not in _countries(access):
        return []
    label = _("Country view: %(country)s") % {"country": project.country.name}
    url = reverse("country-dashboard", args=[code])
    return [Link(label, url, "outline", order=95)]
