"""The ``<result>`` elements of an activity: one per result statement (or per level for
indicators linked to no statement), each indicator with its baseline, and a period per
reporting period with its target and its actual from the roll-up cells. Totals stand
alone; women and men follow as ``<dimension name="sex" value="female"/"male">``, on
baselines, targets and actuals alike."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from lxml import etree

from ..models import Direction, Disaggregation, Measure, ResultLevel
from ..periods import period_from_key
from . import codes
from .elements import narrative, number, percentage, sub
from .selectors import ActivityFigures, IndicatorFigures, ResultGroup

CATEGORIES = ("", "women", "men")  # "" is the total

# (category, @value or None, comment or None): one baseline, target or actual element.
Figure = tuple[str, str | None, str | None]


def _level_title(level: str) -> str:
    return {
        ResultLevel.IMPACT: _("Impact indicators"),
        ResultLevel.OUTCOME: _("Outcome indicators"),
        ResultLevel.OUTPUT: _("Output indicators"),
    }.get(level, _("Indicators"))


def _answer(amount: Decimal | None) -> str | None:
    """A yes/no milestone's figure (rolled up as 1 or 0) in words."""
    if amount is None:
        return None
    return _("Yes") if amount > 0 else _("No")


def _split(definition, total, women, men) -> list[tuple[str, Decimal]]:
    """The total (or, left empty, the sum of its parts) and, for an indicator by sex,
    the parts that are known."""
    if total is None and women is not None and men is not None:
        total = women + men
    rows = [("", total)] if total is not None else []
    if definition.disaggregation == Disaggregation.SEX:
        rows += [
            (c, amount) for c, amount in (("women", women), ("men", men)) if amount is not None
        ]
    return rows


def _baselines(ind) -> list[Figure]:
    definition = ind.definition
    if definition.measure == Measure.QUALITATIVE:
        return [("", None, ind.baseline_text)] if ind.baseline_text.strip() else []
    if definition.measure == Measure.YES_NO:
        answer = _answer(ind.baseline_value)
        return [("", None, answer)] if answer else []
    source = ind.baseline_source.strip() or None
    rows = _split(definition, ind.baseline_value, ind.baseline_women, ind.baseline_men)
    return [(c, number(amount), source if c == "" else None) for c, amount in rows]


def _targets(item: IndicatorFigures, start) -> list[Figure]:
    target = item.target(start)
    definition = item.indicator.definition
    if target is None or definition.measure == Measure.QUALITATIVE:
        return []
    if definition.measure == Measure.YES_NO:
        answer = _answer(target.value)
        return [("", None, answer)] if answer else []
    rows = _split(definition, target.value, target.women, target.men)
    return [(c, number(amount), None) for c, amount in rows]


def _actuals(item: IndicatorFigures, start) -> list[Figure]:
    measure = item.indicator.definition.measure
    rows: list[Figure] = []
    for category in CATEGORIES:
        cell = item.cells.get((start, category))
        if cell is None:
            continue
        if measure == Measure.YES_NO:
            answer = _answer(cell.value)
            if answer:
                rows.append((category, None, answer))
            continue
        amount = cell.value
        if measure == Measure.PERCENTAGE:
            share = percentage(cell.numerator, cell.denominator)
            amount = share if share is not None else cell.value
        if amount is not None:
            rows.append((category, number(amount), None))
    return rows


def _fill(element, row: Figure, location: str | None) -> etree._Element:
    """A baseline's, target's or actual's children: where, which sex, and a comment.
    (The schema puts a document-link between dimension and comment in a baseline and
    after the comment elsewhere; none is written, so one order serves both.)"""
    category, _value, comment = row
    if location:
        sub(element, "location", ref=location)
    if category:
        sub(element, "dimension", name=codes.SEX_DIMENSION, value=codes.SEX_VALUES[category])
    if comment:
        narrative(element, "comment", comment)
    return element


def _indicator(parent, item: IndicatorFigures, figures: ActivityFigures, locations) -> None:
    ind = item.indicator
    definition = ind.definition
    location = locations.get(ind.cluster_id)
    element = sub(
        parent,
        "indicator",
        measure=codes.MEASURE[definition.measure],
        ascending="false" if definition.direction == Direction.LOWER else "true",
    )
    title = definition.name
    if ind.cluster_id:
        title = _("%(indicator)s (%(cluster)s)") % {
            "indicator": definition.name,
            "cluster": ind.cluster.name,
        }
    narrative(element, "title", title)
    about = [definition.description.strip()]
    if definition.measure == Measure.NUMBER and definition.unit.strip():
        about.append(_("Unit: %(unit)s") % {"unit": definition.unit.strip()})
    if any(about):
        narrative(element, "description", " ".join(p for p in about if p))
    sub(element, "reference", vocabulary=codes.VOCABULARY_REPORTING_ORG, code=definition.code)

    project = figures.project
    baseline_day = ind.baseline_date
    for row in _baselines(ind):
        baseline = sub(
            element,
            "baseline",
            year=str((baseline_day or project.starts_on).year),
            iso_date=baseline_day.isoformat() if baseline_day else None,
            value=row[1],
        )
        _fill(baseline, row, location)

    for start in item.period_starts:
        targets, actuals = _targets(item, start), _actuals(item, start)
        cell = next((item.cells[(start, c)] for c in CATEGORIES if (start, c) in item.cells), None)
        if cell is not None:
            end = cell.period_end
        else:
            try:
                end = period_from_key(start, ind.frequency, figures.fy_start_month).end
            except ValueError:  # a target of a period the indicator no longer has
                continue
        if not targets and not actuals:
            continue
        period = sub(element, "period")
        sub(period, "period-start", iso_date=start.isoformat())
        sub(period, "period-end", iso_date=end.isoformat())
        for row in targets:
            _fill(sub(period, "target", value=row[1]), row, location)
        for row in actuals:
            _fill(sub(period, "actual", value=row[1]), row, location)


def _result(parent, group: ResultGroup, figures: ActivityFigures, locations) -> None:
    result = sub(parent, "result", type=codes.RESULT_TYPE.get(group.level, "9"))
    statement = group.statement
    narrative(result, "title", statement.statement if statement else _level_title(group.level))
    if statement is not None and statement.cluster_id:
        narrative(
            result,
            "description",
            _("Result chain of the cluster %(cluster)s") % {"cluster": statement.cluster.name},
        )
    for item in group.indicators:
        _indicator(result, item, figures, locations)


def add_results(activity: etree._Element, figures: ActivityFigures, locations: dict) -> None:
    """Append the activity's results; ``locations`` maps a cluster id to the ``ref`` of
    its ``<location>``, so a cluster's figures say where they were measured."""
    for group in figures.results:
        _result(activity, group, figures, locations)
