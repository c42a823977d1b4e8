"""The reports' arithmetic: percentiles, funnels, durations, membership over time.

Pure functions over plain numbers and tuples (no database), so each rule is
tested on constructed data; only the words of a duration go through gettext
(English outside a request).

Percentiles use linear interpolation between closest ranks (Hyndman and Fan's
type 7, the default of NumPy, R and spreadsheets): for ``n`` sorted values the
p-th percentile sits at position ``h = (n - 1) * p``; it is the value at
``floor(h)`` plus the fraction of ``h`` times the step to the next value. So
the median of an even count is the mean of the two middle values, the
percentile of one value is that value, and of no value is None.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from flask_babel import ngettext

from driver.formats import number

SECONDS_PER_DAY = 86_400


def percentile(values: Iterable[float], p: float) -> float | None:
    """The p-th percentile (0 ≤ p ≤ 1) of ``values`` by linear interpolation; None if empty."""
    if not 0 <= p <= 1:
        raise ValueError(f"a percentile is between 0 and 1, not {p!r}")
    ordered = sorted(values)
    if not ordered:
        return None
    h = (len(ordered) - 1) * p
    low = math.floor(h)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


def median(values: Iterable[float]) -> float | None:
    """The median (the 50th percentile); None if there is no value."""
    return percentile(values, 0.5)


def rate(part: int, whole: int) -> Fraction | None:
    """``part`` as a share of ``whole``; None when the whole is zero (no rate, not 0 %)."""
    return None if whole == 0 else Fraction(part, whole)


def percent(share: Fraction | None) -> str:
    """A share as whole percent ("67 %"), or an en dash when there is none."""
    return "–" if share is None else f"{round(share * 100)} %"


def human_duration(seconds: float | None) -> str:
    """A duration as people say it: minutes, hours under two days, then days."""
    if seconds is None:
        return "–"
    if seconds < 3600:
        minutes = round(seconds / 60)
        return ngettext("%(num)d minute", "%(num)d minutes", minutes)
    if seconds < 2 * SECONDS_PER_DAY:
        hours = round(seconds / 3600, 1)
        return ngettext("%(hours)s hour", "%(hours)s hours", _plural(hours), hours=_num(hours))
    days = round(seconds / SECONDS_PER_DAY, 1)
    return ngettext("%(days)s day", "%(days)s days", _plural(days), days=_num(days))


def _plural(value: float) -> int:
    """The count that chooses a plural form: the number if whole, else one read as "many"."""
    return int(value) if float(value).is_integer() else 2


def _num(value: float) -> str:
    """``1.5``, ``2`` (``1,5`` in French): at most one decimal, as the reader writes it."""
    return number(round(value, 1))


# -- funnels ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStep:
    """One step of a funnel: how many got at least this far, and the conversions."""

    state: str
    label: str
    reached: int
    from_previous: Fraction | None  # share of the previous step's objects that got here
    from_first: Fraction | None  # share of the first step's objects that got here


def funnel(steps: Sequence[tuple[str, str]], furthest: Mapping[int, int]) -> list[FunnelStep]:
    """The funnel of ``steps`` (state, label) from how many objects got furthest to each.

    ``furthest`` maps a step's index to the number of objects whose furthest
    step is that one. An object that reached a step counts at every step before
    it too, so one that skipped a step (or went back and forth) still counts
    once per step it passed, and the funnel never widens.
    """
    reached = [sum(n for i, n in furthest.items() if i >= k) for k in range(len(steps))]
    first = reached[0] if reached else 0
    return [
        FunnelStep(
            state=state,
            label=label,
            reached=reached[k],
            from_previous=None if k == 0 else rate(reached[k], reached[k - 1]),
            from_first=rate(reached[k], first),
        )
        for k, (state, label) in enumerate(steps)
    ]


def furthest_steps(histories: Mapping[int, Iterable[str]], steps: Sequence[str]) -> dict[int, int]:
    """How many objects got furthest to each step, from each object's states in order.

    The Python twin of the SQL the reports run (``MAX`` of the step index per
    object); objects that never reached the first step are left out.
    """
    index = {state: i for i, state in enumerate(steps)}
    counts: dict[int, int] = {}
    for states in histories.values():
        reached = [index[s] for s in states if s in index]
        if reached:
            best = max(reached)
            counts[best] = counts.get(best, 0) + 1
    return counts


# -- time in state ----------------------------------------------------------------------


@dataclass(frozen=True)
class StateTime:
    """How long objects stayed in one state: finished stays only, and who is there now."""

    state: str
    label: str
    stays: int
    median_seconds: float | None
    p90_seconds: float | None
    open_now: int  # objects in the state now (their stay is not counted)

    @property
    def median(self) -> str:
        return human_duration(self.median_seconds)

    @property
    def p90(self) -> str:
        return human_duration(self.p90_seconds)


def state_times(
    durations: Mapping[str, Sequence[float]],
    open_now: Mapping[str, int],
    states: Sequence[tuple[str, str]],
) -> list[StateTime]:
    """Median and 90th percentile of the finished stays in each of ``states`` (state, label)."""
    return [
        StateTime(
            state=state,
            label=label,
            stays=len(durations.get(state, ())),
            median_seconds=median(durations.get(state, ())),
            p90_seconds=percentile(durations.get(state, ()), 0.9),
            open_now=open_now.get(state, 0),
        )
        for state, label in states
    ]


def slowest(times: Iterable[StateTime]) -> StateTime | None:
    """The state with the longest median stay (then the longest 90th percentile)."""
    measured = [t for t in times if t.median_seconds is not None]
    if not measured:
        return None
    return max(measured, key=lambda t: (t.median_seconds or 0, t.p90_seconds or 0))


# -- membership over time ---------------------------------------------------------------


def active_at_year_end(
    groups: Iterable[tuple[str, int | None, int | None, int]], years: Sequence[int]
) -> dict[str, list[int]]:
    """Members active on 31 December of each year, per key.

    ``groups`` holds (key, year joined, year left or None, how many). A member
    is active at the end of year Y when it joined on or before 31 December Y
    (joined in Y or earlier) and has not left, or left after 31 December Y
    (left in Y + 1 or later): a member who left on 31 December Y no longer
    counts at the end of Y. Rows without a joining year are not counted here.
    """
    out: dict[str, list[int]] = {}
    for key, joined, left, count in groups:
        series = out.setdefault(key, [0] * len(years))
        if joined is None:
            continue
        for i, year in enumerate(years):
            if joined <= year and (left is None or left > year):
                series[i] += count
    return out


def year_range(first: int | None, last: int, *, earliest: int) -> list[int]:
    """The years from ``first`` (not before ``earliest``) to ``last``; just ``last`` if none."""
    start = max(first, earliest) if first is not None else last
    return list(range(min(start, last), last + 1))


# -- self-assessment stages ---------------------------------------------------------------

INSUFFICIENT = 0  # the column of "insufficient data" in a stage distribution


def stage_distribution(
    stages: Iterable[tuple[str, int | None]], areas: Sequence[str]
) -> dict[str, list[int]]:
    """Per area, how many cities are at stage 1-5, with "insufficient data" at index 0.

    ``stages`` holds one (area, stage or None) per city and area assessed.
    """
    out = {area: [0] * 6 for area in areas}
    for area, stage in stages:
        if area in out:
            out[area][stage or INSUFFICIENT] += 1
    return out
