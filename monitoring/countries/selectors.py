"""Reads for the country view: the projects of one country side by side, with their
clusters by phase, CDAs, field activity this year and indicator progress to date.

Every figure comes from a roll-up table or a count grouped by project, so the page runs
the same queries whatever the number of projects, clusters and indicators."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone
from django_countries import countries

from clusters.models import Cluster, Phase, Project
from governance.access import country_codes_viewable, visible
from governance.models import Role, RoleAssignment

from ..models import (
    ActivityRollup,
    ClusterAggregation,
    Direction,
    Indicator,
    IndicatorRollup,
    Measure,
    PeriodKind,
    RollupStamp,
)

HUNDRED = Decimal(100)


@dataclass
class IndicatorProgress:
    """A project's indicator to date: the rolled-up actual against the end-of-project
    target (the project's own, else its clusters' combined by the rule across clusters)."""

    code: str
    name: str
    unit: str
    is_percentage: bool
    higher_is_better: bool
    actual: Decimal | None = None
    target: Decimal | None = None

    @property
    def progress(self) -> Decimal | None:
        """The actual as a percentage of the target (where more is better)."""
        if self.actual is None or not self.target or not self.higher_is_better:
            return None
        return (self.actual / self.target * HUNDRED).quantize(Decimal("1"))


@dataclass
class ProjectFigures:
    project: Project
    phases: list[tuple[str, int]] = field(default_factory=list)  # (phase label, clusters)
    clusters: int = 0
    cdas: int = 0
    activities_this_year: int = 0
    indicators: list[IndicatorProgress] = field(default_factory=list)
    rolled_at: datetime.datetime | None = None


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str
    projects: int


def country_name(code: str) -> str | None:
    """The country's name in the active language, or None for an unknown code."""
    code = (code or "").upper()
    return countries.name(code) or None


def country_list(*, user: Any) -> list[CountryRow]:
    """The countries whose country view ``user`` may open, with how many of their
    projects the user may see: two queries."""
    codes = country_codes_viewable(user)
    counts = Counter(
        dict(
            visible(user, Project)
            .filter(country__in=codes)
            .values_list("country")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    rows = [CountryRow(code, country_name(code) or code, counts.get(code, 0)) for code in codes]
    return sorted(rows, key=lambda row: row.name)


def country_projects(
    *, user: Any, code: str, today: datetime.date | None = None
) -> list[ProjectFigures]:
    """The projects of ``code`` that ``user`` may see, each with its figures, in seven
    queries whatever the number of projects."""
    today = today or timezone.localdate()
    projects = list(visible(user, Project).filter(country=code).order_by("name"))
    figures = {p.pk: ProjectFigures(project=p) for p in projects}
    ids = list(figures)
    if not ids:
        return []
    _add_phases(user, figures, ids)
    for project_id, n in (
        RoleAssignment.objects.active(today)
        .filter(role=Role.CDA, project_id__in=ids)
        .values_list("project_id")
        .annotate(n=Count("user_id", distinct=True))
        .order_by()
    ):
        figures[project_id].cdas = n
    for project_id, n in (
        ActivityRollup.objects.filter(
            project_id__in=ids,
            month__gte=datetime.date(today.year, 1, 1),
            month__lte=datetime.date(today.year, 12, 1),
        )
        .values_list("project_id")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        figures[project_id].activities_this_year = n or 0
    _add_indicators(figures, ids)
    for project_id, rolled_at in RollupStamp.objects.filter(project_id__in=ids).values_list(
        "project_id", "rolled_at"
    ):
        figures[project_id].rolled_at = rolled_at
    return [figures[p.pk] for p in projects]


def _add_phases(user: Any, figures: dict[int, ProjectFigures], ids: list[int]) -> None:
    labels = dict(Phase.choices)
    rows = (
        visible(user, Cluster)
        .filter(project_id__in=ids)
        .values_list("project_id", "phase")
        .annotate(n=Count("pk"))
        .order_by("project_id", "phase")
    )
    for project_id, phase, n in rows:
        figures[project_id].phases.append((labels.get(phase, str(phase)), n))
        figures[project_id].clusters += n


def _add_indicators(figures: dict[int, ProjectFigures], ids: list[int]) -> None:
    """Each project's indicators to date: one query for the plans, one for the cells."""
    indicators = (
        Indicator.objects.filter(project_id__in=ids)
        .exclude(definition__measure=Measure.QUALITATIVE)
        .select_related("definition")
        .order_by("project_id", "definition__code")
    )
    actuals = dict(
        ((row[0], row[1]), row[2])
        for row in IndicatorRollup.objects.filter(
            project_id__in=ids,
            cluster__isnull=True,
            shadow=False,
            category="",
            period_kind=PeriodKind.TO_DATE,
        )
        .order_by("period_end")  # the latest cell last, so it wins
        .values_list("project_id", "definition_id", "value")
    )
    own: dict[tuple[int, int], Indicator] = {}
    of_clusters: dict[tuple[int, int], list[Indicator]] = defaultdict(list)
    definitions: dict[tuple[int, int], Any] = {}
    for indicator in indicators:
        key = (indicator.project_id, indicator.definition_id)
        definitions[key] = indicator.definition
        if indicator.cluster_id is None:
            own[key] = indicator
        else:
            of_clusters[key].append(indicator)
    for key, definition in definitions.items():
        if key in own:
            target = own[key].end_target
        else:
            target = _combined_target(
                (i.end_target for i in of_clusters[key]), definition.cluster_aggregation
            )
        figures[key[0]].indicators.append(
            IndicatorProgress(
                code=definition.code,
                name=definition.name,
                unit=definition.unit,
                is_percentage=definition.measure == Measure.PERCENTAGE,
                higher_is_better=definition.direction == Direction.HIGHER,
                actual=actuals.get(key),
                target=target,
            )
        )


def _combined_target(targets: Iterable[Decimal | None], rule: str) -> Decimal | None:
    """The clusters' end targets across clusters: summed for a sum, else averaged."""
    known = [t for t in targets if t is not None]
    if not known:
        return None
    total = sum(known, Decimal(0))
    return total if rule == ClusterAggregation.SUM else total / len(known)
