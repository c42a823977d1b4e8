"""Pictures of a workflow: an accessible inline SVG of its states, and its step bar.

Both are drawn from the workflow declaration alone (``workflows.core.Workflow``),
so every workflow gets them: states are laid out in columns by step (and, inside
a step, by distance from the initial state), the longest path runs along the top
row, other open states below it and the end states in a row of their own.
Nothing here knows a particular workflow.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

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


# -- layout (viewer-independent, computed once per workflow) ---------------------------------


@dataclass(frozen=True)
class Slot:
    """Where a state's box sits: its column and row in the grid."""

    col: int
    row: int


@dataclass(frozen=True)
class Layout:
    slots: dict[str, Slot]
    columns: tuple[int, ...]  # the step of each column
    rows: int


def _successors(workflow: Workflow) -> dict[str, list[str]]:
    succ: dict[str, list[str]] = {name: [] for name in workflow.states}
    for src, dest, _ in workflow.edges():
        if src != dest and dest not in succ[src]:
            succ[src].append(dest)
    return succ


def _depths(workflow: Workflow, succ: Mapping[str, list[str]]) -> dict[str, int]:
    """Shortest distance of every state from the initial one (unreachable ones: 0)."""
    depth = {workflow.initial: 0}
    todo = deque([workflow.initial])
    while todo:
        name = todo.popleft()
        for nxt in succ[name]:
            if nxt not in depth:
                depth[nxt] = depth[name] + 1
                todo.append(nxt)
    return {name: depth.get(name, 0) for name in workflow.states}


def _spine(
    workflow: Workflow, succ: Mapping[str, list[str]], key: Mapping[str, tuple[int, int]]
) -> list[str]:
    """The longest path from the initial state that only moves forward (to a later column)."""
    order = sorted(workflow.states, key=lambda n: key[n])
    best: dict[str, tuple[int, str | None]] = {workflow.initial: (0, None)}
    for name in order:
        if name not in best:
            continue
        for nxt in succ[name]:
            if key[nxt] > key[name] and best[name][0] + 1 > best.get(nxt, (-1, None))[0]:
                best[nxt] = (best[name][0] + 1, name)
    end = max(best, key=lambda n: (best[n][0], -order.index(n)))
    path: list[str] = []
    cursor: str | None = end
    while cursor is not None:
        path.append(cursor)
        cursor = best[cursor][1]
    return path[::-1]


@cache
def layout(workflow: Workflow) -> Layout:
    """Place every state of ``workflow`` on a grid (columns by step, end states at the bottom)."""
    states = list(workflow.states.values())
    succ = _successors(workflow)
    depth = _depths(workflow, succ)
    key = {s.name: (s.step, depth[s.name]) for s in states}
    spine = _spine(workflow, succ, key)
    in_columns = [s for s in states if not s.terminal or s.name in spine]
    keys = sorted({key[s.name] for s in in_columns})
    column_of = {k: i for i, k in enumerate(keys)}

    slots: dict[str, Slot] = {}
    taken: set[tuple[int, int]] = set()

    def put(name: str, col: int, row: int) -> None:
        slots[name] = Slot(col, row)
        taken.add((col, row))

    for name in spine:
        put(name, column_of[key[name]], 0)
    for s in in_columns:
        if s.name not in slots:
            col = column_of[key[s.name]]
            row = next(r for r in range(len(states) + 1) if (col, r) not in taken)
            put(s.name, col, row)

    preds: dict[str, list[str]] = {s.name: [] for s in states}
    for src, nexts in succ.items():
        for dest in nexts:
            preds[dest].append(src)
    row = max((slot.row for slot in slots.values()), default=-1) + 1
    for s in states:
        if s.name in slots:
            continue
        placed_from = [slots[p].col for p in preds[s.name] if p in slots]
        own_step = [i for i, k in enumerate(keys) if k[0] == s.step] or list(range(len(keys)))
        wanted = sum(placed_from) / len(placed_from) if placed_from else own_step[0]
        candidates = sorted(own_step, key=lambda c: (abs(c - wanted), c))
        r = row
        while all((c, r) in taken for c in candidates):
            r += 1
        put(s.name, next(c for c in candidates if (c, r) not in taken), r)

    rows = max((slot.row for slot in slots.values()), default=0) + 1
    return Layout(slots, tuple(k[0] for k in keys), rows)


# -- drawing ---------------------------------------------------------------------------------


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
    """The states as a list, in the viewer's labels: the diagram's text alternative."""
    succ = _successors(workflow)
    return [
        StateRow(
            name=s.name,
            label=workflow.label(s.name, staff=staff),
            step=s.step,
            terminal=s.terminal,
            current=s.name == current,
            next_labels=tuple(workflow.label(n, staff=staff) for n in succ[s.name]),
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
    labels = {name: workflow.label(name, staff=staff) for name in workflow.states}
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
    heading = title or f"The {workflow.name} workflow"
    n_steps = len(set(grid.columns))
    description = (
        f"{len(workflow.states)} states in {n_steps} step{'s' if n_steps != 1 else ''}, "
        "with arrows for the moves between them."
        + (f" The current state is “{current_label}”." if current_label else "")
        + " The same states follow as a list."
    )

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
        name = f"{step}. {steps[step]}" if steps and step in steps else f"Step {step}"
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
        what = "; ".join(workflow.transition(t).label for t in names)
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
    tags = [t for t, on in (("● current", is_current), ("end", state.terminal)) if on]
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


# -- the step bar ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StepView:
    """One step of the step bar: its number, name, status and the words for the status."""

    number: int
    name: str
    status: str  # done, current, upcoming, stopped, not_reached
    words: str

    @property
    def current(self) -> bool:
        return self.status in {"current", "stopped"} or self.words == "finished"


_HERE = {False: ("current", "current step"), True: ("stopped", "stopped here")}
_AHEAD = {False: ("upcoming", "to come"), True: ("not_reached", "not reached")}


def step_progress(steps: Mapping[int, str], state: State) -> list[StepView]:
    """The steps with where ``state`` stands among them.

    An end state in the last step is a finish (every step done); an end state
    in an earlier step stopped the work there (declined, withdrawn…).
    """
    last = max(steps)
    finished = state.terminal and state.step == last
    views = []
    for number, name in sorted(steps.items()):
        if finished:
            status, words = "done", "finished" if number == last else "done"
        elif number < state.step:
            status, words = "done", "done"
        elif number == state.step:
            status, words = _HERE[state.terminal]
        else:
            status, words = _AHEAD[state.terminal]
        views.append(StepView(number, name, status, words))
    return views
