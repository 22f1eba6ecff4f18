"""The report's charts: pygal SVG, embedded in the HTML as ``data:`` images (the only URLs
the PDF fetcher allows besides static files), so they stay vectors in the PDF.

No JavaScript (pygal's tooltips script is left out) and a fixed, small set of charts
per section: WeasyPrint's time grows with the elements it lays out."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from .figures import IndicatorRow
from .line_charts import IndicatorLine, report_lines

if TYPE_CHECKING:
    from ..dashboards.lines import ProgressLine

# Charts carry the indicators' codes (the table beside names them); long labels would
# squeeze the bars.
MAX_BARS = 20
WIDTH = 760
DROPPED = {"script", "desc"}
# Actual, target, women, men: the bars' blue for the actual, grey for the target, and the
# dashboards' colours for women and men.
LINE_COLOURS = {"actual": "#1f5fa8", "target": "#6b7280", "women": "#9333ea", "men": "#0f766e"}


def _style(colours: Sequence[str] = ("#9aa9bf", "#1f5fa8", "#c0392b", "#2e7d5b")):
    from pygal.style import Style

    return Style(
        font_family="DejaVu Sans, sans-serif",
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#222",
        foreground_subtle="#888",
        colors=tuple(colours),
        guide_stroke_color="#c8c8c8",
        major_guide_stroke_color="#c8c8c8",
        label_font_size=11,
        major_label_font_size=11,
        legend_font_size=11,
        title_font_size=13,
        value_font_size=9,
    )


def _chart(kind: str, *, title: str, labels: Sequence[str], colours: Sequence[str] = ()):
    import pygal

    chart_class = getattr(pygal, kind)
    return chart_class(
        width=WIDTH,
        height=140 + 26 * max(len(labels), 1),
        title=title,
        style=_style(colours) if colours else _style(),
        js=[],  # no script: a PDF never runs it, and it would be fetched
        disable_xml_declaration=False,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        print_values=False,
        show_y_guides=False,
        x_labels=list(labels),
        truncate_label=-1,
        margin=12,
        margin_bottom=26,  # room for the legend (WeasyPrint's text runs taller than pygal's guess)
    )


def svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


_CLASS = re.compile(r"\.([A-Za-z_][\w-]*)")


def _printed_css(css: str, classes: set[str]) -> str:
    """pygal's style sheet without what a printed chart never uses: rules for classes
    the chart does not have (tooltips, other kinds of chart) and for hovering.
    WeasyPrint parses and matches every rule of every chart; a report has dozens."""
    import tinycss2

    kept = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            kept.append(rule.serialize())
            continue
        selectors = [
            selector.strip()
            for selector in tinycss2.serialize(rule.prelude).split(",")
            if ":hover" not in selector
            and "tooltip" not in selector
            and set(_CLASS.findall(selector)) <= classes
        ]
        if selectors:
            kept.append(f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}")
    return "".join(kept)


def _without_scripts(chart) -> bytes:
    """The chart's SVG without pygal's inline config script (it always writes one,
    holding the labels; nothing runs it, and a report carries no script), nor its
    tooltips' text and comments (a PDF has no hover; WeasyPrint would still parse them),
    and with only the style rules a printed chart uses."""
    from pygal.etree import etree

    tree = chart.render_tree()
    styles = []
    for parent in list(tree.iter()):
        for child in list(parent):
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            classes = (child.get("class") or "").split() if tag else []
            # not tag: a comment; the tooltip overlay is what a pointer would show.
            if tag in DROPPED or not tag or "tooltip-overlay" in classes:
                parent.remove(child)
            elif tag == "style":
                styles.append(child)
    classes = {name for element in tree.iter() for name in (element.get("class") or "").split()}
    for style in styles:
        style.text = _printed_css(style.text or "", classes)
    return etree.tostring(tree, encoding="utf-8", xml_declaration=True)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def actual_vs_target_chart(rows: Sequence[IndicatorRow], *, title: str = "") -> str | None:
    """Bars of actual against target for each indicator with a target, as a percentage
    of the target (indicators in people, money and hectares share one axis)."""
    rows = [r for r in rows if r.target.total and r.actual.total is not None][:MAX_BARS]
    if not rows:
        return None
    chart = _chart(
        "HorizontalBar",
        title=title or _("Actual against target, in per cent"),
        labels=[r.code for r in rows],
    )
    chart.add(_("Target"), [100.0 for _r in rows])
    chart.add(_("Actual"), [_number(r.progress) for r in rows])
    return svg_data_uri(_without_scripts(chart))


def women_men_chart(rows: Sequence[IndicatorRow], *, title: str = "") -> str | None:
    """Women and men side by side for each indicator split by sex."""
    rows = [r for r in rows if r.split and (r.actual.women is not None or r.actual.men is not None)]
    rows = rows[:MAX_BARS]
    if not rows:
        return None
    chart = _chart(
        "HorizontalBar",
        title=title or _("Actual by sex"),
        labels=[r.code for r in rows],
        colours=(LINE_COLOURS["women"], LINE_COLOURS["men"]),  # the dashboards' colours
    )
    chart.add(_("Women"), [_number(r.actual.women) for r in rows])
    chart.add(_("Men"), [_number(r.actual.men) for r in rows])
    return svg_data_uri(_without_scripts(chart))


# A line chart sits beside its table (about 40% of the page's width).
LINE_WIDTH = 460
LINE_HEIGHT = 250


def line_chart(line: ProgressLine) -> str:
    """An indicator's actual over the report's periods, with its target (dashed) where
    the plan sets one and women and men when it is split by sex. A period without a
    figure breaks the line rather than joining its neighbours."""
    import pygal

    series = [("actual", _("Actual"), [_number(p.actual[""]) for p in line.points])]
    if line.has_targets:
        series.append(("target", _("Target"), [_number(p.target) for p in line.points]))
    if line.has_sexes:
        series.append(("women", _("Women"), [_number(p.actual["women"]) for p in line.points]))
        series.append(("men", _("Men"), [_number(p.actual["men"]) for p in line.points]))
    style = _style([LINE_COLOURS[key] for key, _label, _data in series])
    chart = pygal.Line(
        width=LINE_WIDTH,
        height=LINE_HEIGHT,
        style=style,
        js=[],
        disable_xml_declaration=False,
        legend_at_bottom=True,
        legend_at_bottom_columns=len(series),
        print_values=False,
        allow_interruptions=True,
        include_x_axis=True,  # the axis starts at zero, as on the dashboards
        x_labels=[p.label for p in line.points],
        x_label_rotation=0 if len(line.points) <= 6 else 30,
        truncate_label=-1,
        truncate_legend=-1,
        dots_size=3,
        max_scale=8,  # a few round numbers on the axis, not sixteen
        margin=8,
        margin_right=24,  # the last period's label is centred on the chart's edge
        margin_bottom=20,
    )
    strokes = {"actual": {"width": 3}, "target": {"width": 2, "dasharray": "6, 4"}}
    for key, label, data in series:
        chart.add(label, data, stroke_style=strokes.get(key, {"width": 2}))
    return svg_data_uri(_without_scripts(chart))


def indicator_line_charts(*, project: Any, period: Any, cluster: Any = None) -> list[IndicatorLine]:
    """The summary's indicators over the report's periods (``line_charts``), each with
    its line chart as SVG."""
    lines = report_lines(project=project, period=period, cluster=cluster)
    for item in lines:
        item.chart = line_chart(item.line)
    return lines
