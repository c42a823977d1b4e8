"""Where each state of a workflow sits in its diagram: a grid computed once per workflow.

States are laid out in columns by step (and, inside a step, by distance from the
initial state); the longest forward path runs along the top row, other open
states below it and the end states in a row of their own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from workflows.core import Workflow


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


def successors(workflow: Workflow) -> dict[str, list[str]]:
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
    succ = successors(workflow)
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
