"""The SVG charts: well-formed, labelled for assistive technology, values written as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from driver.reports import charts

NS = {"svg": "http://www.w3.org/2000/svg"}


def _parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))  # noqa: S314 - the app's own SVG, not untrusted input


def _texts(svg: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]


CHARTS = {
    "hbar": lambda **kw: charts.hbar(["A & B", "C"], [3, None], **kw),
    "vbar": lambda **kw: charts.vbar(["A & B", "C"], [3, 0], **kw),
    "stacked": lambda **kw: charts.stacked(
        ["A & B", "C"], [charts.Series("x", [1, 2]), charts.Series("y", [3, None])], **kw
    ),
    "stacked-vertical": lambda **kw: charts.stacked(
        ["2024", "2025"], [charts.Series("x", [1, 2])], horizontal=False, **kw
    ),
    "line": lambda **kw: charts.line(
        ["2024", "2025"], [charts.Series("A & B", [1, 4]), charts.Series("C", [0, 2])], **kw
    ),
    "funnel": lambda **kw: charts.funnel(["A & B", "C"], [10, 4], ["", "40 %"], **kw),
}


@pytest.mark.parametrize("kind", CHARTS)
def test_every_chart_is_an_image_labelled_by_its_title_and_description(kind):
    svg = _parse(CHARTS[kind](title="Title <1>", description="Desc & more", id_prefix="c1"))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find("svg:title", NS).get("id") == "c1-title"
    assert svg.find("svg:title", NS).text == "Title <1>"
    assert svg.find("svg:desc", NS).text == "Desc & more"
    assert all(el.get("style") is None for el in svg.iter())  # the CSP allows no inline style


def test_bars_carry_their_values_and_labels_as_text():
    svg = _parse(
        charts.hbar(
            ["Submitted", "In review"], [12, 3.5], title="t", description="d", id_prefix="h"
        )
    )
    texts = _texts(svg)
    assert {"Submitted", "In review", "12", "3.5"} <= set(texts)


def test_a_missing_value_is_said_not_drawn_as_zero():
    svg = _parse(charts.hbar(["A"], [None], title="t", description="d", id_prefix="h"))
    assert "n/a" in _texts(svg)
    assert svg.find(".//svg:rect[@class='chart-bar']", NS) is None


def test_stacked_segments_have_a_pattern_per_series_and_a_legend():
    svg = _parse(
        charts.stacked(
            ["Water"],
            [charts.Series("Stage 1", [30]), charts.Series("Stage 2", [50])],
            title="t",
            description="d",
            id_prefix="s",
        )
    )
    fills = [r.get("fill") for r in svg.iterfind(".//svg:rect[@class='chart-segment']", NS)]
    assert fills == ["url(#s-p0)", "url(#s-p1)"]
    patterns = {p.get("id") for p in svg.iterfind(".//svg:pattern", NS)}
    assert patterns == {"s-p0", "s-p1"}
    texts = _texts(svg)
    assert {"Stage 1", "Stage 2", "30", "50", "80"} <= set(texts)  # legend, segments, total


def test_lines_are_told_apart_by_dash_class_and_named_at_their_end():
    svg = _parse(
        charts.line(
            ["2024", "2025"],
            [charts.Series("Europe", [2, 5]), charts.Series("Africa", [1, 3])],
            title="t",
            description="d",
            id_prefix="l",
        )
    )
    lines = [p.get("class") for p in svg.iterfind(".//svg:polyline", NS)]
    assert lines == ["chart-line chart-line-s0", "chart-line chart-line-s1"]
    assert {"Europe (5)", "Africa (3)"} <= set(_texts(svg))


def test_funnel_bars_shrink_with_their_counts():
    svg = _parse(
        charts.funnel(["A", "B"], [10, 5], ["", "50 %"], title="t", description="d", id_prefix="f")
    )
    widths = [float(r.get("width")) for r in svg.iterfind(".//svg:rect[@class='chart-bar']", NS)]
    assert widths[1] == pytest.approx(widths[0] / 2)
    assert "50 %" in _texts(svg)
