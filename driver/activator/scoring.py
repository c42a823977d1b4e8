"""The self-assessment's arithmetic (DESIGN §5): pure functions over plain answers.

An answer is 0-4 (not considered … city-wide and evaluated) or ``None`` for
"don't know"; a question left unanswered is simply absent. "Don't know" and
unanswered questions are both left out of the denominator, so an area's score
is points ÷ (4 × answered). Stages are cut at 20/40/60/80 % with exact integer
arithmetic, so an area at exactly 20 % is stage 2, never 1 by rounding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from driver.i18n import N_

MAX_POINTS = 4
MIN_ANSWERS = 4  # fewer answered questions in an area: "insufficient data"
MIN_AREAS_OVERALL = 4  # fewer areas with a stage: no overall stage
# The lower bound of stages 2-5, as a share of the points possible.
STAGE_FLOORS = ((5, Fraction(4, 5)), (4, Fraction(3, 5)), (3, Fraction(2, 5)), (2, Fraction(1, 5)))
PRIORITIES = {1: N_("Low"), 2: N_("Medium"), 3: N_("High")}  # translated where shown


def stage_for(score: Fraction) -> int:
    """The stage (1-5) of a score between 0 and 1."""
    for stage, floor in STAGE_FLOORS:
        if score >= floor:
            return stage
    return 1


@dataclass(frozen=True)
class AreaScore:
    """One area's result: how many questions counted, its score and stage (None: too few)."""

    area: str
    answered: int
    dont_know: int
    points: int
    score: Fraction | None
    stage: int | None
    target: int | None = None
    priority: int | None = None

    @property
    def percent(self) -> int | None:
        """The score in whole percent, rounded down (so 79.9 % never reads as 80)."""
        return None if self.score is None else int(self.score * 100)

    @property
    def sufficient(self) -> bool:
        return self.stage is not None

    @property
    def gap(self) -> int | None:
        """Stages between now and the target; None when either is unknown."""
        if self.stage is None or self.target is None:
            return None
        return max(self.target - self.stage, 0)

    @property
    def weighted_gap(self) -> int:
        return (self.gap or 0) * (self.priority or 0)


def score_area(
    area: str,
    answers: Iterable[int | None],
    *,
    target: int | None = None,
    priority: int | None = None,
) -> AreaScore:
    """Score one area from its answers (0-4, or None for "don't know")."""
    values = list(answers)
    known = [v for v in values if v is not None]
    for v in known:
        if not 0 <= v <= MAX_POINTS:
            raise ValueError(f"an answer is 0-{MAX_POINTS} or None, not {v!r}")
    points = sum(known)
    if len(known) < MIN_ANSWERS:
        score, stage = None, None
    else:
        score = Fraction(points, MAX_POINTS * len(known))
        stage = stage_for(score)
    return AreaScore(
        area=area,
        answered=len(known),
        dont_know=len(values) - len(known),
        points=points,
        score=score,
        stage=stage,
        target=target,
        priority=priority,
    )


@dataclass(frozen=True)
class Overall:
    """The city's overall stage: from the mean score of the areas that have a stage."""

    areas_counted: int
    score: Fraction | None
    stage: int | None

    @property
    def percent(self) -> int | None:
        return None if self.score is None else int(self.score * 100)


def overall(areas: Iterable[AreaScore]) -> Overall:
    """The mean of the scored areas' scores; no stage when fewer than MIN_AREAS_OVERALL count."""
    scores = [a.score for a in areas if a.score is not None]
    if len(scores) < MIN_AREAS_OVERALL:
        return Overall(len(scores), None, None)
    mean = sum(scores, Fraction(0)) / len(scores)
    return Overall(len(scores), mean, stage_for(mean))


def ranked_gaps(
    areas: Iterable[AreaScore], order: Mapping[str, int] | None = None
) -> list[AreaScore]:
    """Areas with a gap, largest gap × priority first (then priority, gap, area order)."""
    order = order or {}
    with_gap = [a for a in areas if a.gap and a.priority]
    return sorted(
        with_gap,
        key=lambda a: (-a.weighted_gap, -(a.priority or 0), -(a.gap or 0), order.get(a.area, 0)),
    )
