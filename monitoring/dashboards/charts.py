"""The dashboards' charts as plain data (``json_script``): ``static/js/dashboard-charts.js``
draws each one on the canvas of the same id. The page prints every chart's numbers in a
table next to it, from the same figures, so nothing is only in a picture."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..values.completeness import Rate
from .lines import ProgressLine
from .progress import ProgressRow
from .selectors import ActivityFigures, GovernanceFigures

# Bars of "% of target" stop here, so one indicator far beyond its target does not
# flatten the others (the table gives the real figure).
PCT_CAP = 200


def _number(value: Decimal | int | None) -> float | None:
    return None if value is None else float(value)


def _month_labels(months: list[Any]) -> list[str]:
    return [date_format(m, "M Y") for m in months]


def progress_charts(rows: list[ProgressRow]) -> list[dict[str, Any]]:
    charts = []
    shown = [r for r in rows if r.pct is not None]
    if shown:
        charts.append(
            {
                "id": "chart-progress",
                "type": "bar",
                "horizontal": True,
                "max": PCT_CAP,
                "labels": [r.code for r in shown],
                "datasets": [
                    {
                        "label": _("Per cent of target"),
                        "series": "total",
                        "data": [min(r.pct, PCT_CAP) for r in shown],
                    }
                ],
            }
        )
    split = [r for r in rows if r.split and (r.actual.get("women") or r.actual.get("men"))]
    if split:
        charts.append(
            {
                "id": "chart-progress-sex",
                "type": "bar",
                "labels": [r.code for r in split],
                "datasets": [
                    {
                        "label": _("Women"),
                        "series": "women",
                        "data": [_number(r.actual.get("women")) for r in split],
                    },
                    {
                        "label": _("Men"),
                        "series": "men",
                        "data": [_number(r.actual.get("men")) for r in split],
                    },
                    {
                        "label": _("Target, women"),
                        "series": "women-target",
                        "data": [_number(r.target.get("women")) for r in split],
                    },
                    {
                        "label": _("Target, men"),
                        "series": "men-target",
                        "data": [_number(r.target.get("men")) for r in split],
                    },
                ],
            }
        )
    return charts


def _line_chart(line: ProgressLine) -> dict[str, Any]:
    """Actual, target (where the plan has one) and women and men, period by period: the
    same numbers as the line's table."""
    points = line.points
    datasets = [
        {
            "label": _("Actual"),
            "series": "total",
            "data": [_number(p.actual[""]) for p in points],
        }
    ]
    if line.has_targets:
        datasets.append(
            {
                "label": _("Target"),
                "series": "target",
                "dashed": True,
                "data": [_number(p.target) for p in points],
            }
        )
    if line.has_sexes:
        datasets += [
            {
                "label": _("Women"),
                "series": "women",
                "data": [_number(p.actual["women"]) for p in points],
            },
            {
                "label": _("Men"),
                "series": "men",
                "data": [_number(p.actual["men"]) for p in points],
            },
        ]
    return {
        "id": line.chart_id,
        "type": "line",
        "labels": [p.label for p in points],
        "datasets": datasets,
    }


def line_charts(rows: list[ProgressRow]) -> list[dict[str, Any]]:
    """One line chart per indicator with figures over more than one period."""
    return [_line_chart(r.line) for r in rows if r.line is not None]


def completeness_chart(rate: Rate) -> dict[str, Any]:
    return {
        "id": "chart-completeness",
        "type": "bar",
        "horizontal": True,
        "max": 100,
        "labels": [_("Submitted"), _("On time"), _("Approved")],
        "datasets": [
            {
                "label": _("Per cent of values expected"),
                "series": "total",
                "data": [rate.submitted_pct or 0, rate.on_time_pct or 0, rate.approved_pct or 0],
            }
        ],
    }


def activity_charts(figures: ActivityFigures) -> list[dict[str, Any]]:
    labels = _month_labels([m.month for m in figures.months])
    return [
        {
            "id": "chart-activity",
            "type": "bar",
            "stacked": True,
            "labels": labels,
            "datasets": [
                {
                    "label": kind.label,
                    "series": f"kind-{i}",
                    "data": [m.by_kind[i] for m in figures.months],
                }
                for i, kind in enumerate(figures.kinds)
                if kind.count
            ],
        },
        {
            "id": "chart-participation",
            "type": "bar",
            "labels": [k.label for k in figures.kinds],
            "datasets": [
                {
                    "label": _("Women"),
                    "series": "women",
                    "data": [k.women for k in figures.kinds],
                },
                {"label": _("Men"), "series": "men", "data": [k.men for k in figures.kinds]},
            ],
        },
    ]


def governance_chart(figures: GovernanceFigures) -> dict[str, Any]:
    months = [m for m, _row in figures.months]
    rows = [row for _m, row in figures.months]
    return {
        "id": "chart-governance",
        "type": "bar",
        "labels": _month_labels(months),
        "datasets": [
            {"label": _("Attendance, women"), "series": "women", "data": [r.women for r in rows]},
            {"label": _("Attendance, men"), "series": "men", "data": [r.men for r in rows]},
            {
                "label": _("Meetings"),
                "series": "line",
                "line": True,
                "data": [r.meetings for r in rows],
            },
        ],
    }
