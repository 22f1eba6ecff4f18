"""Keeping the roll-up cells right: an incremental refresh for each approved value, and
a full rebuild (nightly, or ``manage.py rollup_rebuild``) that says what it corrected.

Refreshes of one definition are serialized by a row lock on the definition (its
project cells depend on every cluster's cells); a rebuild locks all of the project's
definitions. Running either twice, or out of order, leaves the same cells: each
recomputes its cells from the approved values as they are when it runs."""

from __future__ import annotations

import datetime
import logging

from django.db import connection, transaction

from clusters.models import Project

from ..indicators.schedule import project_settings
from ..models import Indicator, IndicatorDefinition, IndicatorRollup, RollupStamp
from . import cells, engine

logger = logging.getLogger(__name__)


def _scope(project: Project, **narrowing) -> engine.Scope:
    return engine.Scope(
        project_id=project.pk,
        project_start=project.starts_on,
        fy_start_month=project_settings(project).financial_year_start_month,
        **narrowing,
    )


def _stamp(project: Project, **fields) -> None:
    RollupStamp.objects.update_or_create(project=project, defaults=fields)


def rollup_refresh(*, indicator_id: int, period_start: datetime.date) -> int:
    """Recompute the cells one indicator's value for one period touches: that period,
    its quarter, years and to date, for the indicator and for its project."""
    indicator = (
        Indicator.objects.select_related("project", "project__monitoring_settings")
        .filter(pk=indicator_id)
        .first()
    )
    if indicator is None:  # deleted meanwhile: its cells went with it
        return 0
    project = indicator.project
    with transaction.atomic():
        IndicatorDefinition.objects.select_for_update().filter(pk=indicator.definition_id).first()
        scope = _scope(
            project,
            indicator_ids=[indicator.pk],
            definition_ids=[indicator.definition_id],
            period_starts=[period_start],
        )
        cells.delete_cells(scope)
        written = engine.indicator_cells(scope)
        written += cells.project_cells(scope)
        _stamp(project, rolled_at=scope.now)
    return written


def rollup_rebuild(*, project: Project) -> int:
    """Recompute every cell of the project beside the live ones, count the cells that
    differ (a missed or wrong refresh), then put the new ones in their place."""
    with transaction.atomic():
        list(IndicatorDefinition.objects.select_for_update().filter(project=project))
        scope = _scope(project, shadow=True)
        IndicatorRollup.objects.filter(project=project, shadow=True).delete()
        engine.indicator_cells(scope)
        cells.project_cells(scope)
        differences = _differences(project)
        IndicatorRollup.objects.filter(project=project, shadow=False).delete()
        IndicatorRollup.objects.filter(project=project, shadow=True).update(shadow=False)
        _stamp(project, rolled_at=scope.now, rebuilt_at=scope.now, differences=differences)
    if connection.vendor == "postgresql":
        # The planner must know the table changed wholesale, or the next refreshes
        # scan by project instead of by definition.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {IndicatorRollup._meta.db_table}")
    if differences:
        logger.warning("Roll-up rebuild of project %s corrected %s cells", project.pk, differences)
    return differences


# What makes two cells the same (rolled_at aside).
_CELL = (
    "definition_id, COALESCE(cluster_id, 0), period_kind, period_start, period_end, "
    "category, value, numerator, denominator, periods"
)


def _differences(project: Project) -> int:
    """Cells in the live set and not in the rebuilt one, plus the reverse."""
    table = IndicatorRollup._meta.db_table
    # Only constants are interpolated; the values are parameters.
    live = f"SELECT {_CELL} FROM {table} WHERE project_id = %s AND shadow = %s"  # noqa: S608
    sql = (
        f"SELECT (SELECT COUNT(*) FROM ({live} EXCEPT {live}) a)"  # noqa: S608
        f" + (SELECT COUNT(*) FROM ({live} EXCEPT {live}) b)"
    )
    params = [project.pk, False, project.pk, True, project.pk, True, project.pk, False]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def rollup_rebuild_all() -> dict[int, int]:
    """The nightly rebuild: every project with indicators; differences by project."""
    found = {}
    for project in Project.objects.filter(indicators__isnull=False).distinct():
        found[project.pk] = rollup_rebuild(project=project)
    return found


def last_rolled_up(project: Project) -> datetime.datetime | None:
    stamp = RollupStamp.objects.filter(project=project).first()
    return stamp.rolled_at if stamp else None


def rollup_queue(*, indicator_id: int, period_start: datetime.date) -> None:
    """Refresh the cells of a value whose approved figure changed, once the change is
    committed (a worker's job; at once under `make run`, where Celery is eager)."""
    from ..tasks import rollup_refresh_task

    transaction.on_commit(lambda: rollup_refresh_task.delay(indicator_id, period_start.isoformat()))
