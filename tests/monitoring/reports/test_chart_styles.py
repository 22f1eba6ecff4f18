"""The report's charts keep the style rules a printed chart uses (its series' colours,
its guides) and lose pygal's rules for hovering and tooltips, and the tooltip layer
itself: WeasyPrint parses every rule of every chart of a report."""

import re

from monitoring.reports import charts


def _style_of(svg: str) -> str:
    return re.search(r"<style[^>]*>(.*?)</style>", svg, re.S).group(1)


def test_a_printed_chart_keeps_its_colours_and_drops_hover_and_tooltips():
    chart = charts._chart("HorizontalBar", title="Actual against target", labels=["A", "B"])
    chart.add("Target", [100.0, 100.0])
    chart.add("Actual", [40.0, 120.0])
    full = chart.render().decode()
    svg = charts._without_scripts(chart).decode()

    style = _style_of(svg)
    assert ".color-0" in style and ".color-1" in style  # the series keep their colours
    assert "#1f5fa8" in style and "stroke-dasharray" in style  # actual's blue; the guides
    assert ":hover" not in style and "tooltip" not in style
    assert "tooltip-overlay" not in svg and "<script" not in svg
    assert ":hover" in full  # pygal's own chart had them
    assert len(style) < len(_style_of(full)) / 2
