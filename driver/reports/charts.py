"""Server-drawn SVG charts of the reports: bars, stacked bars, lines and a funnel.

Like the Activator's radar (driver.activator.charts, left as it is), every chart
is an ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>``, drawn on
the server from the numbers alone: no script, no inline style, no remote
asset (driver/static/css/reports.css colours it). Nothing is told by colour
alone: each series has its own hatching pattern (lines: dash pattern and
marker shape) and a legend, bars carry their value as text, and every page
shows the same numbers in a table after the chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup, escape

from driver.formats import number

PATTERNS = 6  # series beyond this reuse the patterns, with their own legend entry
CHAR_WIDTH = 6.6  # average width of a 12 px label character, to size the label column


@dataclass(frozen=True)
class Series:
    """A named row of values, one per category (None: no value)."""

    name: str
    values: Sequence[float | None]


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _num(value: float | None) -> str:
    """A value as the reader writes numbers: whole, else to one decimal (``1,234``, ``2,5``)."""
    if value is None:
        return _("n/a")
    return number(value, 0 if float(value).is_integer() else 1)


def _open(kind: str, prefix: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img" '
        f'viewBox="0 0 {_f(width)} {_f(height)}" '
        f'aria-labelledby="{prefix}-title {prefix}-desc">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>',
    ]


def _patterns(prefix: str, count: int) -> str:
    """One fill per series: a colour (CSS class) under its own hatching."""
    marks = [
        "",
        '<path class="chart-hatch" d="M0,8 L8,0"/>',
        '<path class="chart-hatch" d="M0,4 L8,4"/>',
        '<circle class="chart-hatch-dot" cx="4" cy="4" r="1.6"/>',
        '<path class="chart-hatch" d="M4,0 L4,8"/>',
        '<path class="chart-hatch" d="M0,0 L8,8 M0,8 L8,0"/>',
    ]
    defs = ["<defs>"]
    for i in range(min(count, PATTERNS)):
        defs.append(
            f'<pattern id="{prefix}-p{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect class="chart-s{i}" width="8" height="8"/>{marks[i]}</pattern>'
        )
    defs.append("</defs>")
    return "".join(defs)


def _fill(prefix: str, i: int) -> str:
    return f'fill="url(#{prefix}-p{i % PATTERNS})"'


def _legend(prefix: str, names: Sequence[str], x: float, y: float, width: float) -> list[str]:
    """A legend in rows: a swatch with the series' pattern, then its name."""
    parts = ['<g class="chart-legend" aria-hidden="true">']
    cx, cy = x, y
    for i, name in enumerate(names):
        item = 22 + len(name) * CHAR_WIDTH + 18
        if cx + item > x + width and cx > x:
            cx, cy = x, cy + 18
        parts.append(
            f'<rect class="chart-swatch" x="{_f(cx)}" y="{_f(cy - 10)}" width="14" height="12" '
            f"{_fill(prefix, i)}/>"
            f'<text x="{_f(cx + 20)}" y="{_f(cy)}">{escape(name)}</text>'
        )
        cx += item
    parts.append("</g>")
    return parts


def _legend_height(names: Sequence[str], width: float) -> float:
    rows, cx = 1, 0.0
    for name in names:
        item = 22 + len(name) * CHAR_WIDTH + 18
        if cx + item > width and cx > 0:
            rows, cx = rows + 1, 0.0
        cx += item
    return rows * 18 + 8


def _label_column(labels: Sequence[str], cap: int = 34) -> float:
    longest = max((min(len(label), cap) for label in labels), default=4)
    return 12 + longest * CHAR_WIDTH


def _short(label: str, cap: int = 34) -> str:
    return label if len(label) <= cap else label[: cap - 1] + "…"


def hbar(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    description: str,
    id_prefix: str,
    width: int = 720,
    fmt: Callable[[float | None], str] = _num,
) -> Markup:
    """Horizontal bars, one per label, each with its value written after it."""
    left = _label_column(labels)
    right = 70
    row = 26
    height = 16 + row * len(labels)
    top = max((v for v in values if v is not None), default=0) or 1
    plot = width - left - right
    parts = _open("hbar", id_prefix, width, height, title, description)
    parts.append(_patterns(id_prefix, 1))
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 8 + i * row
        parts.append(
            f'<text class="chart-label" x="{_f(left - 8)}" y="{_f(y + 15)}" '
            f'text-anchor="end">{escape(_short(label))}</text>'
        )
        w = plot * (value or 0) / top
        if value:
            parts.append(
                f'<rect class="chart-bar" x="{_f(left)}" y="{_f(y + 2)}" width="{_f(w)}" '
                f'height="{row - 6}" {_fill(id_prefix, 0)}/>'
            )
        parts.append(
            f'<text class="chart-value" x="{_f(left + w + 6)}" y="{_f(y + 15)}">'
            f"{escape(fmt(value))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def vbar(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    description: str,
    id_prefix: str,
    width: int = 720,
    height: int = 300,
    fmt: Callable[[float | None], str] = _num,
) -> Markup:
    """Vertical bars, one per label, each with its value written above it."""
    left, right, top_pad, bottom = 16, 16, 22, 40
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max((v for v in values if v is not None), default=0) or 1
    slot = plot_w / max(len(labels), 1)
    bar = min(slot * 0.7, 70)
    parts = _open("vbar", id_prefix, width, height, title, description)
    parts.append(_patterns(id_prefix, 1))
    base = top_pad + plot_h
    parts.append(
        f'<line class="chart-axis" x1="{left}" y1="{_f(base)}" x2="{width - right}" '
        f'y2="{_f(base)}"/>'
    )
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + slot * i + (slot - bar) / 2
        h = plot_h * (value or 0) / top
        if value:
            parts.append(
                f'<rect class="chart-bar" x="{_f(x)}" y="{_f(base - h)}" width="{_f(bar)}" '
                f'height="{_f(h)}" {_fill(id_prefix, 0)}/>'
            )
        parts.append(
            f'<text class="chart-value" x="{_f(x + bar / 2)}" y="{_f(base - h - 5)}" '
            f'text-anchor="middle">{escape(fmt(value))}</text>'
            f'<text class="chart-label" x="{_f(x + bar / 2)}" y="{_f(base + 16)}" '
            f'text-anchor="middle">{escape(_short(label, 14))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    id_prefix: str,
    horizontal: bool = True,
    width: int = 720,
    height: int = 320,
) -> Markup:
    """Stacked bars: one bar per label, one segment per series, the total after each bar.

    A segment wide enough for it carries its value; the legend and the hatching
    tell the series apart.
    """
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(labels))]
    top = max(totals, default=0) or 1
    names = [s.name for s in series]
    if horizontal:
        left, right, row = _label_column(labels), 60, 26
        legend_h = _legend_height(names, width - left)
        height = 16 + row * len(labels) + legend_h
        plot = width - left - right
    else:
        left, right, top_pad, bottom = 16, 16, 22, 40
        legend_h = _legend_height(names, width - left)
        plot_h = height - top_pad - bottom - legend_h
        slot = (width - left - right) / max(len(labels), 1)
        bar = min(slot * 0.7, 70)
        base = top_pad + plot_h
    parts = _open("stacked", id_prefix, width, height, title, description)
    parts.append(_patterns(id_prefix, len(series)))
    for i, label in enumerate(labels):
        offset = 0.0
        if horizontal:
            y = 8 + i * row
            parts.append(
                f'<text class="chart-label" x="{_f(left - 8)}" y="{_f(y + 15)}" '
                f'text-anchor="end">{escape(_short(label))}</text>'
            )
        else:
            x = left + slot * i + (slot - bar) / 2
        for k, s in enumerate(series):
            value = s.values[i] or 0
            if not value:
                continue
            size = (plot if horizontal else plot_h) * value / top
            if horizontal:
                x = left + offset
                parts.append(
                    f'<rect class="chart-segment" x="{_f(x)}" y="{_f(y + 2)}" width="{_f(size)}" '
                    f'height="{row - 6}" {_fill(id_prefix, k)}/>'
                )
                if size >= 8 + len(_num(value)) * CHAR_WIDTH:
                    parts.append(
                        f'<text class="chart-inside" x="{_f(x + size / 2)}" y="{_f(y + 15)}" '
                        f'text-anchor="middle">{_num(value)}</text>'
                    )
            else:
                y0 = base - offset - size
                parts.append(
                    f'<rect class="chart-segment" x="{_f(x)}" y="{_f(y0)}" width="{_f(bar)}" '
                    f'height="{_f(size)}" {_fill(id_prefix, k)}/>'
                )
                if size >= 14:
                    parts.append(
                        f'<text class="chart-inside" x="{_f(x + bar / 2)}" '
                        f'y="{_f(y0 + size / 2 + 4)}" text-anchor="middle">{_num(value)}</text>'
                    )
            offset += size
        if horizontal:
            parts.append(
                f'<text class="chart-value" x="{_f(left + offset + 6)}" y="{_f(y + 15)}">'
                f"{_num(totals[i])}</text>"
            )
        else:
            parts.append(
                f'<text class="chart-value" x="{_f(x + bar / 2)}" y="{_f(base - offset - 5)}" '
                f'text-anchor="middle">{_num(totals[i])}</text>'
                f'<text class="chart-label" x="{_f(x + bar / 2)}" y="{_f(base + 16)}" '
                f'text-anchor="middle">{escape(_short(label, 14))}</text>'
            )
    parts.extend(_legend(id_prefix, names, left, height - legend_h + 12, width - left))
    parts.append("</svg>")
    return Markup("".join(parts))


MARKERS = ("circle", "square", "triangle", "diamond", "cross", "bar")


def _marker(kind: str, x: float, y: float, cls: str) -> str:
    if kind == "circle":
        return f'<circle class="{cls}" cx="{_f(x)}" cy="{_f(y)}" r="4"/>'
    if kind == "square":
        return f'<rect class="{cls}" x="{_f(x - 4)}" y="{_f(y - 4)}" width="8" height="8"/>'
    if kind == "triangle":
        return f'<path class="{cls}" d="M{_f(x)},{_f(y - 5)} L{_f(x + 5)},{_f(y + 4)} L{_f(x - 5)},{_f(y + 4)} Z"/>'  # noqa: E501
    if kind == "diamond":
        return f'<path class="{cls}" d="M{_f(x)},{_f(y - 5)} L{_f(x + 5)},{_f(y)} L{_f(x)},{_f(y + 5)} L{_f(x - 5)},{_f(y)} Z"/>'  # noqa: E501
    if kind == "cross":
        return f'<path class="{cls} chart-marker-cross" d="M{_f(x - 4)},{_f(y - 4)} L{_f(x + 4)},{_f(y + 4)} M{_f(x - 4)},{_f(y + 4)} L{_f(x + 4)},{_f(y - 4)}"/>'  # noqa: E501
    return f'<rect class="{cls}" x="{_f(x - 5)}" y="{_f(y - 2)}" width="10" height="4"/>'


def line(
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    id_prefix: str,
    width: int = 720,
    height: int = 320,
) -> Markup:
    """Lines over the x labels, one per series: its own dash and marker, named at its end."""
    names = [s.name for s in series]
    left, right, top_pad, bottom = 44, 56 + _label_column(names, 30), 16, 36
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max((v or 0 for s in series for v in s.values), default=0) or 1
    top = math.ceil(top / 4) * 4  # four whole-number steps between grid lines
    step = plot_w / max(len(x_labels) - 1, 1)
    base = top_pad + plot_h
    parts = _open("line", id_prefix, width, height, title, description)
    for tick in range(5):
        value = top * tick / 4
        y = base - plot_h * tick / 4
        parts.append(
            f'<line class="chart-grid" x1="{left}" y1="{_f(y)}" x2="{_f(left + plot_w)}" '
            f'y2="{_f(y)}"/><text class="chart-tick" x="{left - 6}" y="{_f(y + 4)}" '
            f'text-anchor="end">{_num(round(value, 1))}</text>'
        )
    every = max(1, math.ceil(len(x_labels) * 44 / plot_w))  # labels 44 px apart at least
    for i, label in enumerate(x_labels):
        if i % every == 0 or i == len(x_labels) - 1:
            parts.append(
                f'<text class="chart-label" x="{_f(left + step * i)}" y="{_f(base + 18)}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    ends: list[float] = []
    for k, s in enumerate(series):
        points = [(left + step * i, base - plot_h * (v or 0) / top) for i, v in enumerate(s.values)]
        cls = f"chart-line chart-line-s{k % PATTERNS}"
        path = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
        parts.append(f'<polyline class="{cls}" points="{path}"/>')
        mark = f"chart-marker chart-marker-s{k % PATTERNS}"
        parts.extend(_marker(MARKERS[k % len(MARKERS)], x, y, mark) for x, y in points)
        if points:
            x, y = points[-1]
            while any(abs(y - other) < 13 for other in ends):
                y += 13  # keep end labels of close lines apart
            ends.append(y)
            last = s.values[-1]
            parts.append(
                f'<text class="chart-label" x="{_f(x + 10)}" y="{_f(y + 4)}">'
                f"{escape(_short(s.name, 30))} ({_num(last)})</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def funnel(
    labels: Sequence[str],
    values: Sequence[int],
    notes: Sequence[str],
    *,
    title: str,
    description: str,
    id_prefix: str,
    width: int = 720,
) -> Markup:
    """A funnel: one centred bar per step, as wide as its count, with the count and a note."""
    row = 40
    height = 12 + row * len(labels)
    left = _label_column(labels)
    note_w = 170
    plot = width - left - note_w
    top = max(values, default=0) or 1
    parts = _open("funnel", id_prefix, width, height, title, description)
    parts.append(_patterns(id_prefix, 1))
    for i, (label, value, note) in enumerate(zip(labels, values, notes, strict=True)):
        y = 6 + i * row
        w = max(plot * value / top, 2 if value else 0)
        x = left + (plot - w) / 2
        parts.append(
            f'<text class="chart-label" x="{_f(left - 8)}" y="{_f(y + 21)}" '
            f'text-anchor="end">{escape(_short(label))}</text>'
        )
        if value:
            parts.append(
                f'<rect class="chart-bar" x="{_f(x)}" y="{_f(y + 4)}" width="{_f(w)}" '
                f'height="{row - 10}" {_fill(id_prefix, 0)}/>'
            )
        parts.append(
            f'<text class="chart-value chart-value--boxed" x="{_f(left + plot / 2)}" '
            f'y="{_f(y + 23)}" text-anchor="middle">{_num(value)}</text>'
            f'<text class="chart-note" x="{_f(left + plot + 10)}" y="{_f(y + 21)}">'
            f"{escape(note)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
