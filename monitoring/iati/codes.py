"""IATI 2.03 codes the export uses, and who publishes it.

Codes come from the IATI codelists (https://iatistandard.org/en/iati-standard/203/
codelists/): IndicatorMeasure, ResultType, ActivityStatus, ActivityDateType,
OrganisationRole, IndicatorVocabulary. The publisher is read from Django settings
so that an installation publishing under its own IATI organisation identifier sets
it once; without it the file uses ``XM-CLUSTERDEV`` (a placeholder prefix, enough
for a valid file and for tests)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings

from ..models import Measure, ResultLevel

IATI_VERSION = "2.03"

# IndicatorMeasure: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative. A yes/no
# milestone is reported as qualitative: its answer goes in a comment, with no @value.
MEASURE = {
    Measure.NUMBER: "1",
    Measure.PERCENTAGE: "2",
    Measure.YES_NO: "5",
    Measure.QUALITATIVE: "5",
}
QUALITATIVE = "5"

# ResultType: 1 output, 2 outcome, 3 impact.
RESULT_TYPE = {ResultLevel.OUTPUT: "1", ResultLevel.OUTCOME: "2", ResultLevel.IMPACT: "3"}

# ActivityStatus: 1 pipeline/identification, 2 implementation, 3 finalisation.
STATUS_PIPELINE, STATUS_IMPLEMENTATION, STATUS_FINALISATION = "1", "2", "3"

# ActivityDateType: 1 planned start, 2 actual start, 3 planned end.
DATE_PLANNED_START, DATE_ACTUAL_START, DATE_PLANNED_END = "1", "2", "3"

# OrganisationRole: 1 funding, 4 implementing.
ROLE_FUNDING, ROLE_IMPLEMENTING = "1", "4"

# IndicatorVocabulary 99: the reporting organisation's own codes (the pool's codes).
VOCABULARY_REPORTING_ORG = "99"

# The sex categories of a split value, as IATI dimension values.
SEX_DIMENSION = "sex"
SEX_VALUES = {"women": "female", "men": "male"}

# WGS 84, the reference system IATI asks for in location/point.
SRS_WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"


@dataclass(frozen=True)
class Publisher:
    """The reporting organisation: its IATI identifier, OrganisationType and name."""

    ref: str
    type: str
    name: str


def publisher() -> Publisher:
    """``IATI_REPORTING_ORG_REF``, ``_TYPE`` (OrganisationType, default 40:
    multilateral) and ``_NAME`` from settings."""
    return Publisher(
        ref=getattr(settings, "IATI_REPORTING_ORG_REF", "") or "XM-CLUSTERDEV",
        type=getattr(settings, "IATI_REPORTING_ORG_TYPE", "") or "40",
        name=getattr(settings, "IATI_REPORTING_ORG_NAME", "") or "ClusterDev",
    )


def activity_identifier(project_pk: int) -> str:
    """``IATI_ACTIVITY_IDENTIFIERS[pk]`` when settings name the project's registered
    identifier; otherwise the publisher's prefix and the project's id, as IATI asks
    (an activity identifier starts with its reporting organisation's identifier)."""
    known = getattr(settings, "IATI_ACTIVITY_IDENTIFIERS", None) or {}
    return known.get(project_pk) or known.get(str(project_pk)) or f"{publisher().ref}-{project_pk}"


def activity_status(
    starts_on: datetime.date, ends_on: datetime.date | None, today: datetime.date
) -> str:
    """By the project's dates: not started, running, or past its end date."""
    if today < starts_on:
        return STATUS_PIPELINE
    if ends_on is not None and today > ends_on:
        return STATUS_FINALISATION
    return STATUS_IMPLEMENTATION
