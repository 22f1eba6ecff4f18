"""The IATI 2.03 activity file of a project: ``<iati-activities version="2.03">`` with
one ``<iati-activity>``: identifier, reporting and participating organisations, title,
description, status, dates, recipient country, the clusters as locations, and the
results (``results.py``). Elements follow the schema's order, which it enforces."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from lxml import etree

from clusters.models import Project

from . import codes
from .elements import XML_LANG, clean_text, narrative, sub
from .results import add_results
from .selectors import ActivityFigures, iati_activity_figures

# ActivityScope 4: national (a project runs in one country); DescriptionType 1: general.
SCOPE_NATIONAL = "4"
DESCRIPTION_GENERAL = "1"


def _datetime(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


def _language() -> str:
    """The ISO 639-1 code of the language the file's own words are written in."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _organisation(parent, tag: str, publisher: codes.Publisher, **attributes) -> None:
    element = sub(parent, tag, ref=publisher.ref, type=publisher.type, **attributes)
    sub(element, "narrative").text = clean_text(publisher.name)


def _locations(activity, figures: ActivityFigures) -> dict[int, str]:
    """A ``<location>`` per cluster with indicators: name, place and coordinates."""
    refs = {}
    for cluster in figures.clusters:
        ref = f"cluster-{cluster.pk}"
        refs[cluster.pk] = ref
        location = sub(activity, "location", ref=ref)
        narrative(location, "name", cluster.name)
        place = ", ".join(p for p in (cluster.locality, cluster.region) if p.strip())
        if place:
            narrative(location, "description", place)
        if cluster.latitude is not None and cluster.longitude is not None:
            point = sub(location, "point", srsName=codes.SRS_WGS84)
            sub(point, "pos").text = f"{cluster.latitude} {cluster.longitude}"
    return refs


def _activity(root, figures: ActivityFigures, today: datetime.date) -> None:
    project = figures.project
    publisher = codes.publisher()
    updated = max(filter(None, (project.updated_at, figures.rolled_at)))
    activity = sub(root, "iati-activity", last_updated_datetime=_datetime(updated))
    activity.set(XML_LANG, _language())
    sub(activity, "iati-identifier").text = codes.activity_identifier(project.pk)
    _organisation(activity, "reporting-org", publisher)
    narrative(activity, "title", project.name)
    about = clean_text(project.description) or _(
        "Cluster development programme in %(country)s."
    ) % {"country": project.country.name}
    narrative(activity, "description", about).set("type", DESCRIPTION_GENERAL)
    _organisation(activity, "participating-org", publisher, role=codes.ROLE_IMPLEMENTING)
    if project.donor.strip():
        funder = sub(activity, "participating-org", role=codes.ROLE_FUNDING)
        sub(funder, "narrative").text = clean_text(project.donor)
    sub(
        activity,
        "activity-status",
        code=codes.activity_status(project.starts_on, project.ends_on, today),
    )
    sub(activity, "activity-date", type=codes.DATE_PLANNED_START, iso_date=str(project.starts_on))
    if project.starts_on <= today:
        sub(
            activity, "activity-date", type=codes.DATE_ACTUAL_START, iso_date=str(project.starts_on)
        )
    if project.ends_on:
        sub(activity, "activity-date", type=codes.DATE_PLANNED_END, iso_date=str(project.ends_on))
    sub(activity, "activity-scope", code=SCOPE_NATIONAL)
    country = sub(activity, "recipient-country", code=project.country.code)
    sub(country, "narrative").text = clean_text(project.country.name)
    locations = _locations(activity, figures)
    add_results(activity, figures, locations)


def iati_activities(figures: Iterable[ActivityFigures]) -> etree._Element:
    """``<iati-activities>`` holding an activity per project given."""
    now = timezone.now()
    root = etree.Element(
        "iati-activities", version=codes.IATI_VERSION, **{"generated-datetime": _datetime(now)}
    )
    for item in figures:
        _activity(root, item, timezone.localdate(now))
    return root


def iati_file(project: Project) -> bytes:
    """The project's activity file, UTF-8 with its XML declaration."""
    root = iati_activities([iati_activity_figures(project=project)])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
