"""An accessible inline SVG of a workflow's states, with the current one highlighted.

Drawn from the workflow declaration alone (``workflows.core.Workflow``) on the
grid of ``diagram_layout``, so every workflow gets one. Nothing here knows a
particular workflow.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from flask_babel import get_locale, gettext, ngettext
from markupsafe import Markup, escape

from driver.main.diagram_layout import Layout, layout, successors
from workflows.core import State, Workflow

BOX_W = 144  # a state's box
GAP_X = 44  # between columns
GAP_Y = 40  # between rows
LINE_H = 15  # label lines (12px text)
TAG_H = 13  # the small "current" / "end" line
PAD = 9
BAND_H = 26  # step names above the columns
MARGIN = 12
WRAP = 18  # characters per label line
MAX_LINES = 3


def wrap(text: str, width: int = WRAP, max_lines: int = MAX_LINES) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines of about ``width`` characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
        if len(lines[-1]) > width:
            lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines or [""]


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def border_towards(self, px: float, py: float, gap: float = 2.0) -> tuple[float, float]:
        """Where the ray from the centre towards (px, py) leaves the box, ``gap`` outside it."""
        dx, dy = px - self.cx, py - self.cy
        if dx == 0 and dy == 0:
            return self.cx, self.cy
        sx = (self.w / 2 + gap) / abs(dx) if dx else float("inf")
        sy = (self.h / 2 + gap) / abs(dy) if dy else float("inf")
        s = min(sx, sy)
        return self.cx + dx * s, self.cy + dy * s

    def contains(self, px: float, py: float, margin: float = 5.0) -> bool:
        return (
            self.x - margin <= px <= self.x + self.w + margin
            and self.y - margin <= py <= self.y + self.h + margin
        )


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _curve(a: _Box, b: _Box, offset: float) -> tuple[tuple[float, float], ...]:
    """Start, control and end point of a quadratic curve from box ``a`` to box ``b``."""
    mx, my = (a.cx + b.cx) / 2, (a.cy + b.cy) / 2
    dx, dy = b.cx - a.cx, b.cy - a.cy
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    cx, cy = mx - dy / length * offset, my + dx / length * offset
    # A quadratic curve passes half-way to its control point: aim the ends at it.
    start = a.border_towards(cx, cy) if offset else a.border_towards(b.cx, b.cy)
    end = b.border_towards(cx, cy, gap=3.0) if offset else b.border_towards(a.cx, a.cy, gap=3.0)
    return start, (cx, cy), end


def _hits(points: tuple[tuple[float, float], ...], others: list[_Box]) -> bool:
    (x0, y0), (cx, cy), (x1, y1) = points
    for i in range(1, 40):
        t = i / 40
        px = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t * t * x1
        py = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t * t * y1
        if any(box.contains(px, py) for box in others):
            return True
    return False


def _route(a: _Box, b: _Box, others: list[_Box], paired: bool) -> tuple[tuple[float, float], ...]:
    """The gentlest curve from ``a`` to ``b`` that stays clear of every other box."""
    base = 14.0 if paired else 0.0
    offsets = [base] + [base + sign * step for step in range(22, 200, 22) for sign in (1, -1)]
    for offset in offsets:
        points = _curve(a, b, offset)
        if not _hits(points, others):
            return points
    return _curve(a, b, base)


@dataclass(frozen=True)
class StateRow:
    """One state in the text version of a diagram."""

    name: str
    label: str
    step: int
    terminal: bool
    current: bool
    next_labels: tuple[str, ...]


def state_rows(workflow: Workflow, current: str | None, *, staff: bool) -> list[StateRow]:
    """The states as a list, in the viewer's labels and language: the diagram's text alternative."""
    succ = successors(workflow)
    return [
        StateRow(
            name=s.name,
            label=gettext(workflow.label(s.name, staff=staff)),
            step=s.step,
            terminal=s.terminal,
            current=s.name == current,
            next_labels=tuple(gettext(workflow.label(n, staff=staff)) for n in succ[s.name]),
        )
        for s in workflow.states.values()
    ]


def _dom_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def render_svg(
    workflow: Workflow,
    current: str | None,
    *,
    staff: bool,
    steps: Mapping[int, str] | None = None,
    title: str | None = None,
    id_prefix: str | None = None,
) -> Markup:
    """An inline SVG of ``workflow`` with ``current`` highlighted, in the viewer's labels.

    ``staff`` picks the staff or the public labels; ``steps`` names the step
    columns; ``id_prefix`` keeps ids unique when a page shows several diagrams.
    """
    grid = layout(workflow)
    prefix = _dom_id(id_prefix or f"wf-{workflow.name}")
    labels = {name: gettext(workflow.label(name, staff=staff)) for name in workflow.states}
    lines = {name: wrap(label) for name, label in labels.items()}
    box_h = 2 * PAD + max(len(v) for v in lines.values()) * LINE_H + TAG_H
    top = MARGIN + BAND_H
    boxes = {
        name: _Box(
            MARGIN + GAP_X / 2 + slot.col * (BOX_W + GAP_X),
            top + slot.row * (box_h + GAP_Y),
            BOX_W,
            box_h,
        )
        for name, slot in grid.slots.items()
    }
    width = 2 * MARGIN + len(grid.columns) * (BOX_W + GAP_X)
    height = top + grid.rows * (box_h + GAP_Y) - GAP_Y + MARGIN
    current_label = labels.get(current or "", "")
    heading = title or gettext("The %(name)s workflow", name=workflow.name)
    n_steps = len(set(grid.columns))
    sentences = [
        ngettext(
            "%(states)d states in %(num)d step, with arrows for the moves between them.",
            "%(states)d states in %(num)d steps, with arrows for the moves between them.",
            n_steps,
            states=len(workflow.states),
        )
    ]
    if current_label:
        sentences.append(gettext("The current state is “%(state)s”.", state=current_label))
    sentences.append(gettext("The same states follow as a list."))
    description = " ".join(sentences)

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wf-svg" role="img" '
        f'viewBox="0 0 {_fmt(width)} {_fmt(height)}" width="{_fmt(width)}" '
        f'height="{_fmt(height)}" aria-labelledby="{prefix}-title {prefix}-desc" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{prefix}-title">{escape(heading)}</title>',
        f'<desc id="{prefix}-desc">{escape(description)}</desc>',
        "<defs>",
    ]
    for kind, size in (("edge", 8), ("next", 10)):
        out.append(
            f'<marker id="{prefix}-arrow-{kind}" class="wf-arrow wf-arrow--{kind}" '
            'viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" '
            f'markerWidth="{size}" markerHeight="{size}" orient="auto-start-reverse">'
            '<path d="M0,0 L10,5 L0,10 z"/></marker>'
        )
    out.append("</defs>")
    out.extend(_bands(grid, steps, height))
    out.extend(_edges(workflow, boxes, current, prefix))
    for name, box in boxes.items():
        out.extend(_state(workflow.states[name], box, lines[name], current))
    out.append("</svg>")
    return Markup("".join(out))


def _bands(grid: Layout, steps: Mapping[int, str] | None, height: float) -> list[str]:
    out = ['<g class="wf-bands">']
    col = 0
    while col < len(grid.columns):
        step = grid.columns[col]
        last = col
        while last + 1 < len(grid.columns) and grid.columns[last + 1] == step:
            last += 1
        x = MARGIN + col * (BOX_W + GAP_X) + 2
        w = (last - col + 1) * (BOX_W + GAP_X) - 4
        if steps and step in steps:
            name = f"{step}. {gettext(steps[step])}"
        else:
            name = gettext("Step %(number)s", number=step)
        out.append(
            f'<rect class="wf-band wf-band--{step % 2}" x="{_fmt(x)}" y="{MARGIN}" '
            f'width="{_fmt(w)}" height="{_fmt(height - 2 * MARGIN)}" rx="6" fill="#f4f6f9"/>'
            f'<text class="wf-band-label" x="{_fmt(x + 8)}" y="{MARGIN + 17}" '
            f'font-weight="600" fill="#3d4650">{escape(name)}</text>'
        )
        col = last + 1
    out.append("</g>")
    return out


def _edges(
    workflow: Workflow, boxes: Mapping[str, _Box], current: str | None, prefix: str
) -> list[str]:
    triggers: dict[tuple[str, str], list[str]] = {}
    for src, dest, trigger in workflow.edges():
        if src != dest:
            triggers.setdefault((src, dest), []).append(trigger)
    out = ['<g class="wf-edges" fill="none">']
    for (src, dest), names in triggers.items():
        others = [box for name, box in boxes.items() if name not in {src, dest}]
        paired = (dest, src) in triggers
        (x0, y0), (cx, cy), (x1, y1) = _route(boxes[src], boxes[dest], others, paired)
        kind = "next" if src == current else "edge"
        what = "; ".join(gettext(workflow.transition(t).label) for t in names)
        out.append(
            f'<path class="wf-edge wf-edge--{kind}" d="M{_fmt(x0)},{_fmt(y0)} '
            f'Q{_fmt(cx)},{_fmt(cy)} {_fmt(x1)},{_fmt(y1)}" '
            f'stroke="{"#0b4f8a" if kind == "next" else "#6c757d"}" '
            f'stroke-width="{2.5 if kind == "next" else 1.4}" '
            f'marker-end="url(#{prefix}-arrow-{kind})"><title>{escape(what)}</title></path>'
        )
    out.append("</g>")
    return out


def _state(state: State, box: _Box, lines: list[str], current: str | None) -> list[str]:
    is_current = state.name == current
    classes = ["wf-state"]
    if state.terminal:
        classes.append("wf-state--terminal")
    if is_current:
        classes.append("wf-state--current")
    fill = "#0b4f8a" if is_current else ("#eceff3" if state.terminal else "#ffffff")
    ink = "#ffffff" if is_current else "#1f2933"
    out = [
        f'<g class="{" ".join(classes)}">',
        f'<rect class="wf-box" x="{_fmt(box.x)}" y="{_fmt(box.y)}" width="{_fmt(box.w)}" '
        f'height="{_fmt(box.h)}" rx="8" fill="{fill}" stroke="#0b4f8a" '
        f'stroke-width="{3 if is_current else 1.5}"/>',
    ]
    if state.terminal:  # a double border marks an end state, as in UML
        out.append(
            f'<rect class="wf-box-inner" x="{_fmt(box.x + 4)}" y="{_fmt(box.y + 4)}" '
            f'width="{_fmt(box.w - 8)}" height="{_fmt(box.h - 8)}" rx="5" fill="none" '
            f'stroke="{ink}" stroke-width="1"/>'
        )
    tags = [
        t
        for t, on in (("● " + gettext("current"), is_current), (gettext("end"), state.terminal))
        if on
    ]
    text_top = box.cy - (len(lines) * LINE_H + (TAG_H if tags else 0)) / 2 + LINE_H - 3
    weight = "700" if is_current else "400"
    out.append(
        f'<text class="wf-label" x="{_fmt(box.cx)}" text-anchor="middle" fill="{ink}" '
        f'font-weight="{weight}">'
    )
    for i, line in enumerate(lines):
        y = _fmt(text_top + i * LINE_H)
        out.append(f'<tspan x="{_fmt(box.cx)}" y="{y}">{escape(line)}</tspan>')
    out.append("</text>")
    if tags:
        out.append(
            f'<text class="wf-tag" x="{_fmt(box.cx)}" y="{_fmt(text_top + len(lines) * LINE_H)}" '
            f'text-anchor="middle" font-size="10" fill="{ink}">{escape(" · ".join(tags))}</text>'
        )
    out.append("</g>")
    return out


def render_svg_cached(
    workflow: Workflow,
    current: str | None,
    *,
    staff: bool,
    steps: Mapping[int, str] | None = None,
    title: str | None = None,
    id_prefix: str | None = None,
) -> Markup:
    """``render_svg``, remembered: a diagram depends on nothing but its arguments.

    The workflows are fixed data, so every object page need not lay the same
    diagram out again (the benchmark found it a large part of a page's time);
    the language is part of the key, as the labels are drawn in it.
    """
    frozen_steps = tuple(steps.items()) if steps else None
    locale = str(get_locale())
    return _remembered_svg(locale, workflow, current, staff, frozen_steps, title, id_prefix)


@lru_cache(maxsize=1024)
def _remembered_svg(
    locale: str,
    workflow: Workflow,
    current: str | None,
    staff: bool,
    steps: tuple[tuple[int, str], ...] | None,
    title: str | None,
    id_prefix: str | None,
) -> Markup:
    return render_svg(
        workflow,
        current,
        staff=staff,
        steps=dict(steps) if steps else None,
        title=title,
        id_prefix=id_prefix,
    )
