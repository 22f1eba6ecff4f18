"""Roll-ups at scale: a full roll-up of N approved values against one raw SQL statement
computing the same cells, and one incremental refresh.

    python bench/run.py bench_rollup --values 5000000   (PostgreSQL; default 5M)

Synthetic data: projects of 500 clusters, 50 indicator definitions per project (flows,
stocks, cumulative, percentages, averages; one in five split by sex), every cluster
reporting every definition monthly, generated with ``generate_series``. All of it is
rolled back at the end. The reference is hand-written PostgreSQL (``date_trunc``,
``DISTINCT ON``) for the same cells: reporting period, quarter, year, financial year and
to date for each cluster, then the project across clusters.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import statistics
import sys
import time
from unittest import mock

from django.db import connection, transaction

from clusters.models import Cluster, Project
from monitoring.models import (
    Indicator,
    IndicatorDefinition,
    IndicatorRollup,
    IndicatorValue,
    MonitoringSettings,
)
from monitoring.rollups import cells, engine
from monitoring.rollups.services import _scope, rollup_rebuild, rollup_refresh

# Figures appear as they are taken (a 5M run lasts an hour).
print = functools.partial(print, flush=True)  # noqa: A001

CLUSTERS = 500
DEFINITIONS = 50
# (time rule, across clusters, measure, cumulative), cycled over the definitions.
RULES = [
    ("sum", "sum", "number", False),
    ("last", "sum", "number", False),
    ("last", "sum", "number", True),
    ("ratio", "ratio", "percentage", False),
    ("average", "average", "number", False),
]


class Rollback(Exception):
    pass


def _project(n: int, months: int) -> Project:
    project = Project.objects.create(
        name=f"Bench roll-up {n}", country="SN", starts_on=datetime.date(2017, 1, 1)
    )
    MonitoringSettings.objects.create(project=project, financial_year_start_month=7)
    Cluster.objects.bulk_create(
        Cluster(project=project, name=f"Bench {n}-{i}", sector="leather") for i in range(CLUSTERS)
    )
    definitions = IndicatorDefinition.objects.bulk_create(
        IndicatorDefinition(
            project=project,
            code=f"B{d:02d}",
            name=f"Bench indicator {d}",
            level="output",
            time_aggregation=RULES[d % len(RULES)][0],
            cluster_aggregation=RULES[d % len(RULES)][1],
            measure=RULES[d % len(RULES)][2],
            cumulative=RULES[d % len(RULES)][3],
            disaggregation="sex" if d % 5 == 0 and RULES[d % len(RULES)][2] == "number" else "none",
        )
        for d in range(DEFINITIONS)
    )
    Indicator.objects.bulk_create(
        Indicator(project=project, cluster_id=c, definition=d, frequency="month")
        for c in Cluster.objects.filter(project=project).values_list("pk", flat=True)
        for d in definitions
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO monitoring_indicatorvalue
              (indicator_id, period_start, period_end, status, value, numerator, denominator,
               yes_no, text, split_unknown, comment, return_reason, self_approved,
               created_at, updated_at)
            SELECT i.id, m.d::date, (m.d + interval '1 month - 1 day')::date, 'approved',
                   CASE WHEN d.measure = 'percentage' THEN NULL ELSE (i.id * 7 + m.n) %% 97 END,
                   CASE WHEN d.measure = 'percentage' THEN (i.id + m.n) %% 40 END,
                   CASE WHEN d.measure = 'percentage' THEN 40 END,
                   NULL, '', false, '', '', false, now(), now()
            FROM monitoring_indicator i
            JOIN monitoring_indicatordefinition d ON d.id = i.definition_id
            CROSS JOIN LATERAL (
              SELECT g AS n, (date '2017-01-01' + (g || ' month')::interval) AS d
              FROM generate_series(0, %s - 1) g
            ) m
            WHERE i.project_id = %s
            """,
            [months, project.pk],
        )
        cursor.execute(
            """
            INSERT INTO monitoring_indicatorvaluebreakdown
              (indicator_value_id, dimension, category, value)
            SELECT v.id, 'sex', c.category,
                   CASE WHEN c.category = 'women' THEN floor(v.value / 3)
                        ELSE v.value - floor(v.value / 3) END
            FROM monitoring_indicatorvalue v
            JOIN monitoring_indicator i ON i.id = v.indicator_id
            JOIN monitoring_indicatordefinition d ON d.id = i.definition_id
            CROSS JOIN (VALUES ('women'), ('men')) c(category)
            WHERE i.project_id = %s AND d.disaggregation = 'sex'
            """,
            [project.pk],
        )
    return project


# The reference: the same cells in one hand-written PostgreSQL statement per step.
RAW_CELLS = """
DROP TABLE IF EXISTS raw_cells;
CREATE TEMP TABLE raw_cells ON COMMIT DROP AS
WITH src AS (
  SELECT i.id AS ind, i.cluster_id, i.definition_id,
         CASE WHEN d.cumulative THEN 'last' ELSE d.time_aggregation END AS trule,
         '' AS cat, v.period_start AS ps, v.period_end AS pe,
         v.value AS v, v.numerator AS num, v.denominator AS den
  FROM monitoring_indicatorvalue v
  JOIN monitoring_indicator i ON i.id = v.indicator_id
  JOIN monitoring_indicatordefinition d ON d.id = i.definition_id
  WHERE v.status = 'approved' AND i.project_id = %(project)s
  UNION ALL
  SELECT i.id, i.cluster_id, i.definition_id,
         CASE WHEN d.cumulative THEN 'last' ELSE d.time_aggregation END,
         b.category, v.period_start, v.period_end, b.value, b.numerator, b.denominator
  FROM monitoring_indicatorvaluebreakdown b
  JOIN monitoring_indicatorvalue v ON v.id = b.indicator_value_id
  JOIN monitoring_indicator i ON i.id = v.indicator_id
  JOIN monitoring_indicatordefinition d ON d.id = i.definition_id
  WHERE v.status = 'approved' AND i.project_id = %(project)s
),
bucketed AS (
  SELECT src.*, k.kind,
         CASE k.kind
           WHEN 'period' THEN ps
           WHEN 'quarter' THEN date_trunc('quarter', ps)::date
           WHEN 'year' THEN date_trunc('year', ps)::date
           WHEN 'fy' THEN (date_trunc('year', ps - interval '6 months') + interval '6 months')::date
           ELSE %(start)s::date END AS b
  FROM src CROSS JOIN (VALUES ('period'), ('quarter'), ('year'), ('fy'), ('to_date')) k(kind)
),
grouped AS (
  SELECT cluster_id, definition_id, kind, b, cat,
         CASE trule WHEN 'sum' THEN sum(v) WHEN 'average' THEN avg(v)
           ELSE sum(num) * 100.0 / NULLIF(sum(den), 0) END AS value,
         sum(num) AS num, sum(den) AS den, count(*) AS n
  FROM bucketed WHERE trule <> 'last'
  GROUP BY cluster_id, definition_id, kind, b, cat, trule
),
latest AS (
  SELECT DISTINCT ON (ind, cat, kind, b) cluster_id, definition_id, kind, b, cat,
         v AS value, num, den, count(*) OVER (PARTITION BY ind, cat, kind, b) AS n
  FROM bucketed WHERE trule = 'last'
  ORDER BY ind, cat, kind, b, ps DESC
)
SELECT * FROM grouped UNION ALL SELECT * FROM latest;
INSERT INTO raw_cells
SELECT NULL, c.definition_id, c.kind, c.b, c.cat,
       CASE d.cluster_aggregation WHEN 'sum' THEN sum(c.value) WHEN 'average' THEN avg(c.value)
         ELSE sum(c.num) * 100.0 / NULLIF(sum(c.den), 0) END,
       sum(c.num), sum(c.den), sum(c.n)
FROM raw_cells c JOIN monitoring_indicatordefinition d ON d.id = c.definition_id
WHERE c.kind <> 'period'
GROUP BY c.definition_id, c.kind, c.b, c.cat, d.cluster_aggregation;
"""


# The reference's cells into the roll-up table itself (the period's last day is not
# computed by the reference; its first stands in: the cost of the write is the same).
RAW_WRITE = """
INSERT INTO monitoring_indicatorrollup
  (project_id, cluster_id, definition_id, period_kind, period_start, period_end, category,
   value, numerator, denominator, periods, rolled_at, shadow)
SELECT %(project)s, cluster_id, definition_id, kind, b, b, cat, value, num, den, n, now(), true
FROM raw_cells
"""


def _computing_alone(scope) -> float:
    """Our statements again, each ``SELECT`` written into a temporary table with no
    index, as the reference writes its cells: the computation alone, beside the
    reference's. Step 2 reads the cluster cells the timed roll-up left in the table."""

    def into_temporary_table(qs) -> int:
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('pg_temp.ours_alone') IS NOT NULL")
            exists = cursor.fetchone()[0]
            if exists:
                cursor.execute(f"INSERT INTO ours_alone {sql}", params)
            else:
                cursor.execute(f"CREATE TEMP TABLE ours_alone AS {sql}", params)
            return cursor.rowcount

    with (
        mock.patch.object(engine, "_insert", into_temporary_table),
        mock.patch.object(cells, "_insert", into_temporary_table),
    ):
        took = _timed(lambda: (engine.indicator_cells(scope), cells.project_cells(scope)))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE ours_alone")
    return took


def _warm(project: Project) -> None:
    """Read the project's values once, so that the first statement timed does not pay
    for pages just written."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), sum(v.value) FROM monitoring_indicatorvalue v"
            " JOIN monitoring_indicator i ON i.id = v.indicator_id WHERE i.project_id = %s",
            [project.pk],
        )
        cursor.execute(
            "SELECT count(*) FROM monitoring_indicatorvaluebreakdown b"
            " JOIN monitoring_indicatorvalue v ON v.id = b.indicator_value_id"
            " JOIN monitoring_indicator i ON i.id = v.indicator_id WHERE i.project_id = %s",
            [project.pk],
        )


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_rollup")
    parser.add_argument("--values", type=int, default=5_000_000)
    args, _rest = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if connection.vendor != "postgresql":
        print("bench_rollup needs PostgreSQL (set DATABASE_URL); skipped")
        return
    per_project = CLUSTERS * DEFINITIONS
    months = max(1, min(120, args.values // per_project))
    projects = max(1, round(args.values / (per_project * months)))
    try:
        with transaction.atomic():
            started = time.perf_counter()
            made = [_project(n, months) for n in range(projects)]
            values = IndicatorValue.objects.filter(indicator__project__in=made).count()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            print(
                f"generated {values:,} approved values ({projects} projects x {CLUSTERS} "
                f"clusters x {DEFINITIONS} indicators x {months} months) "
                f"in {time.perf_counter() - started:.1f} s"
            )
            ours, ours_alone, raw, raw_written = [], [], [], []
            for n, project in enumerate(made):
                scope = _scope(project, shadow=True)
                _warm(project)

                def full(scope=scope):
                    engine.indicator_cells(scope)
                    cells.project_cells(scope)

                def reference(project=project):
                    with connection.cursor() as cursor:
                        took = _timed(
                            lambda: cursor.execute(
                                RAW_CELLS, {"project": project.pk, "start": project.starts_on}
                            )
                        )
                        cursor.execute("SELECT count(*) FROM raw_cells")
                        count = cursor.fetchone()[0]
                        # The same cells written where ours go (indexes, WAL), then gone.
                        written = _timed(lambda: cursor.execute(RAW_WRITE, {"project": project.pk}))
                    IndicatorRollup.objects.filter(project=project, shadow=True).delete()
                    return took, written, count

                # Every other project the reference goes first: neither side always
                # meets cold pages.
                if n % 2:
                    took, written, raw_cells = reference()
                    ours.append(_timed(full))
                    ours_alone.append(_computing_alone(scope))
                else:
                    ours.append(_timed(full))
                    ours_alone.append(_computing_alone(scope))
                    n_cells = IndicatorRollup.objects.filter(project=project, shadow=True).count()
                    IndicatorRollup.objects.filter(project=project, shadow=True).delete()
                    took, written, raw_cells = reference()
                raw.append(took)
                raw_written.append(took + written)
                if n % 2:
                    n_cells = IndicatorRollup.objects.filter(project=project, shadow=True).count()
                print(
                    f"project {project.pk}: {n_cells:,} cells (raw SQL: {raw_cells:,});"
                    f" ORM {ours[-1]:.1f} s (computing alone {ours_alone[-1]:.1f} s),"
                    f" raw SQL {raw[-1]:.1f} s,"
                    f" raw SQL with its cells written to the roll-up table {raw_written[-1]:.1f} s"
                )
                IndicatorRollup.objects.filter(project=project, shadow=True).delete()
            rebuild = _timed(lambda: rollup_rebuild(project=made[0]))
            value = IndicatorValue.objects.filter(indicator__project=made[0]).order_by("?")[:20]
            refreshes = [
                _timed(
                    lambda v=v: rollup_refresh(
                        indicator_id=v.indicator_id, period_start=v.period_start
                    )
                )
                for v in value
            ]
            print(f"full roll-up (ORM INSERT ... SELECT): {sum(ours):.2f} s")
            print(
                f"ORM statements computing alone (into a temporary table): {sum(ours_alone):.2f} s"
            )
            print(f"raw SQL GROUP BY of the same cells (into a temporary table): {sum(raw):.2f} s")
            print(
                "raw SQL GROUP BY with its cells written to the roll-up table: "
                f"{sum(raw_written):.2f} s"
            )
            print(f"rebuild of one project with the comparison and swap: {rebuild:.2f} s")
            median = statistics.median(refreshes) * 1000
            print(
                f"incremental refresh of one value: median {median:.0f} ms,"
                f" max {max(refreshes) * 1000:.0f} ms"
            )
            print(f"ratio of the computations alone: {sum(ours_alone) / sum(raw):.2f}")
            print(f"ratio to raw SQL: {sum(ours) / sum(raw_written):.2f}")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
