"""The network at a glance: self-assessment stages by area, membership over the years.

- **Self-assessment stages.** For a chosen year, each member city counts once,
  with its latest *completed* self-assessment of that year or an earlier one
  (so a city that did not reassess this year still counts with its last
  result). The database sums the answers per assessment and area; the stage
  (DESIGN §5) is computed from those sums with the Activator's own rules, and
  an area with fewer than four answers counts as "insufficient data".
- **Membership over time.** A member is active at the end of a year when it
  joined on or before 31 December and had not left by then (``left_on`` empty
  or later). The database groups members by region, category, year joined and
  year left; members without a joining date cannot be placed in time: they are
  counted apart and the page says how many.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from flask_babel import gettext as _
from sqlalchemy import and_, extract, func, select

from driver.activator import scoring
from driver.activator.models import Assessment, AssessmentAnswer
from driver.auth.models import User
from driver.extensions import db
from driver.members.models import Member
from driver.members.reference import AREAS, CATEGORIES, STAGES
from driver.reports import stats
from driver.reports.scope import member_in_scope

FIRST_YEAR = 2010  # WeGO's founding year: membership years start no earlier


@dataclass(frozen=True)
class StageReport:
    """Per area, the number of cities at each stage, and at "insufficient data"."""

    year: int | None  # None: no completed assessment in scope yet
    cities: int
    rows: list[tuple[str, list[int]]]  # (area name, [insufficient, stage 1 … stage 5])

    @property
    def stage_names(self) -> list[str]:
        return [f"{n} {_(name)}" for n, name in STAGES.items()]


def latest_assessment_year(user: User) -> int | None:
    """The latest year with a completed assessment of a city in the reader's scope."""
    return db.session.scalar(
        select(func.max(Assessment.year)).where(
            Assessment.completed_at.is_not(None),
            member_in_scope(user, Assessment.member_id),
        )
    )


def area_stages(user: User, year: int | None) -> StageReport:
    """How many cities are at each stage per area, as of ``year``; one statement."""
    if year is None:
        return StageReport(None, 0, [(name, [0] * 6) for _, name in AREAS])
    latest = (
        select(Assessment.member_id, func.max(Assessment.year).label("year"))
        .join(Member, Member.id == Assessment.member_id)
        .where(
            Assessment.year <= year,
            Assessment.completed_at.is_not(None),
            Member.category == "local_government",
            member_in_scope(user, Assessment.member_id),
        )
        .group_by(Assessment.member_id)
        .subquery()
    )
    stmt = (
        select(
            Assessment.id,
            AssessmentAnswer.area,
            func.count(AssessmentAnswer.value),
            func.coalesce(func.sum(AssessmentAnswer.value), 0),
        )
        .join(AssessmentAnswer, AssessmentAnswer.assessment_id == Assessment.id)
        .join(
            latest,
            and_(latest.c.member_id == Assessment.member_id, latest.c.year == Assessment.year),
        )
        .group_by(Assessment.id, AssessmentAnswer.area)
    )
    assessments: set[int] = set()
    stages: list[tuple[str, int | None]] = []
    for assessment_id, area, answered, points in db.session.execute(stmt):
        assessments.add(assessment_id)
        stages.append((area, stage_of(int(answered), int(points))))
    counts = stats.stage_distribution(stages, [slug for slug, _ in AREAS])
    rows = []
    for slug, name in AREAS:
        row = counts[slug]
        # A city whose assessment has no answer at all in the area has no stage in it either.
        row[stats.INSUFFICIENT] = len(assessments) - sum(row[1:])
        rows.append((name, row))
    return StageReport(year, len(assessments), rows)


def stage_of(answered: int, points: int) -> int | None:
    """An area's stage from its answered questions and their points (None: too few answers)."""
    if answered < scoring.MIN_ANSWERS:
        return None
    return scoring.stage_for(Fraction(points, scoring.MAX_POINTS * answered))


# -- membership -------------------------------------------------------------------------


@dataclass(frozen=True)
class MembershipReport:
    """Active members at each year's end, by region and by category."""

    years: list[int]
    by_region: list[tuple[str, list[int]]]
    by_category: list[tuple[str, list[int]]]
    totals: list[int]
    undated: int  # members without a joining date, left out of the series


def membership(user: User, today: date) -> MembershipReport:
    """Members active at the end of each year up to ``today``'s; one grouped statement."""
    joined = extract("year", Member.joined_on)
    left = extract("year", Member.left_on)
    stmt = (
        select(Member.region, Member.category, joined, left, func.count())
        .where(member_in_scope(user, Member.id))
        .group_by(Member.region, Member.category, joined, left)
    )
    rows = [
        (region, category, _int(j), _int(lft), int(n))
        for region, category, j, lft, n in db.session.execute(stmt)
    ]
    undated = sum(n for _, _, j, _, n in rows if j is None)
    first = min((j for _, _, j, _, _ in rows if j is not None), default=None)
    years = stats.year_range(first, today.year, earliest=FIRST_YEAR)
    regions = stats.active_at_year_end(((r, j, lft, n) for r, _, j, lft, n in rows), years)
    categories = stats.active_at_year_end(((c, j, lft, n) for _, c, j, lft, n in rows), years)
    totals = [sum(series[i] for series in regions.values()) for i in range(len(years))]
    return MembershipReport(
        years=years,
        by_region=sorted(regions.items()),
        by_category=[
            (label, categories[key]) for key, label in CATEGORIES.items() if key in categories
        ],
        totals=totals,
        undated=undated,
    )


def _int(value: object) -> int | None:
    return None if value is None else int(value)  # PostgreSQL's EXTRACT gives a Decimal
