"""Server-drawn SVG charts of the self-assessment: a radar over the 16 areas, progress by year.

Each chart is an ``<svg role="img">`` with a title and a description, drawn
from the numbers alone (no script, no remote asset, no inline style); the
pages show the same numbers in a table next to it as the text alternative.
The words drawn in a chart (legend, "n/a") are translated when it is drawn;
the caller passes the title, description and labels already translated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from flask_babel import gettext as _
from markupsafe import Markup, escape

MAX_STAGE = 5


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def radar(
    labels: Sequence[str],
    current: Sequence[int | None],
    target: Sequence[int | None],
    *,
    title: str,
    description: str,
    id_prefix: str = "radar",
    size: int = 520,
) -> Markup:
    """A radar chart: one spoke per area, rings for stages 1-5, current and target polygons.

    An area without a stage (insufficient data) is drawn at the centre and
    marked with a hollow dot, so a missing value is not mistaken for stage 1.
    """
    n = len(labels)
    cx = cy = size / 2
    radius = size / 2 - 95
    pad = 130  # room beside the plot for the longest area names ("Renewables & Circular …")

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * value / MAX_STAGE
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-radar" role="img" '
        f'viewBox="{-pad} 0 {size + 2 * pad} {size}" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
    ]
    for stage in range(1, MAX_STAGE + 1):
        ring = " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(i, stage) for i in range(n)))
        parts.append(f'<polygon class="chart-grid" points="{ring}"/>')
        x, y = point(0, stage)
        parts.append(f'<text class="chart-tick" x="{_f(x + 4)}" y="{_f(y + 4)}">{stage}</text>')
    for i, label in enumerate(labels):
        x, y = point(i, MAX_STAGE)
        parts.append(
            f'<line class="chart-grid" x1="{_f(cx)}" y1="{_f(cy)}" x2="{_f(x)}" y2="{_f(y)}"/>'
        )
        lx, ly = point(i, MAX_STAGE + 0.55)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        parts.append(
            f'<text class="chart-label" x="{_f(lx)}" y="{_f(ly + 4)}" '
            f'text-anchor="{anchor}">{escape(label)}</text>'
        )
    for name, values in (("target", target), ("current", current)):
        if not any(v is not None for v in values):
            continue
        shape = " ".join(
            f"{_f(x)},{_f(y)}" for x, y in (point(i, v or 0) for i, v in enumerate(values))
        )
        parts.append(f'<polygon class="chart-{name}" points="{shape}"/>')
    for i, value in enumerate(current):
        x, y = point(i, value or 0)
        dot = "chart-dot" if value is not None else "chart-dot chart-dot--missing"
        parts.append(f'<circle class="{dot}" cx="{_f(x)}" cy="{_f(y)}" r="3.5"/>')
    parts.append(_legend(size))
    parts.append("</svg>")
    return Markup("".join(parts))


def _legend(size: int) -> str:
    y = size - 18
    current, target, missing = (
        escape(_("Current stage")),
        escape(_("Target stage")),
        escape(_("Not enough answers")),
    )
    return (
        f'<g class="chart-legend" aria-hidden="true">'
        f'<rect class="chart-current" x="12" y="{y - 10}" width="14" height="10"/>'
        f'<text x="32" y="{y}">{current}</text>'
        f'<rect class="chart-target" x="150" y="{y - 10}" width="14" height="10"/>'
        f'<text x="170" y="{y}">{target}</text>'
        f'<circle class="chart-dot chart-dot--missing" cx="290" cy="{y - 5}" r="4"/>'
        f'<text x="300" y="{y}">{missing}</text></g>'
    )


def progress(
    years: Sequence[int],
    percents: Sequence[int | None],
    *,
    title: str,
    description: str,
    id_prefix: str = "progress",
    width: int = 520,
    height: int = 260,
) -> Markup:
    """Bars of the overall score (0-100 %) per year, with the stage bands as grid lines."""
    left, right, top, bottom = 44, 12, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-progress" role="img" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
    ]
    for pct in (0, 20, 40, 60, 80, 100):
        y = top + plot_h * (1 - pct / 100)
        parts.append(
            f'<line class="chart-grid" x1="{left}" y1="{_f(y)}" x2="{width - right}" y2="{_f(y)}"/>'
        )
        parts.append(
            f'<text class="chart-tick" x="{left - 6}" y="{_f(y + 4)}" '
            f'text-anchor="end">{pct} %</text>'
        )
    slot = plot_w / max(len(years), 1)
    bar = min(slot * 0.6, 60)
    for i, (year, pct) in enumerate(zip(years, percents, strict=True)):
        x = left + slot * i + (slot - bar) / 2
        if pct is not None:
            h = plot_h * pct / 100
            parts.append(
                f'<rect class="chart-bar" x="{_f(x)}" y="{_f(top + plot_h - h)}" '
                f'width="{_f(bar)}" height="{_f(h)}"/>'
            )
            parts.append(
                f'<text class="chart-value" x="{_f(x + bar / 2)}" y="{_f(top + plot_h - h - 4)}" '
                f'text-anchor="middle">{pct} %</text>'
            )
        else:
            none = escape(_("n/a"))
            parts.append(
                f'<text class="chart-value" x="{_f(x + bar / 2)}" y="{_f(top + plot_h - 4)}" '
                f'text-anchor="middle">{none}</text>'
            )
        parts.append(
            f'<text class="chart-label" x="{_f(x + bar / 2)}" y="{height - 12}" '
            f'text-anchor="middle">{year}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
