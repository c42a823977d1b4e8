"""Benchmarks: a city's stages beside its region's and its size group's, never another city's.

A group's average of an area is shown only when at least MIN_GROUP other cities
have a stage in that area: the city itself is left out of its groups, so that an
average never mixes in its own answers and never stands for fewer than three
others. Each other city counts with its latest assessment up to the year
compared. Size groups need the population (``Member.population``); a city
without one gets no size-group benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from driver.activator.models import Assessment
from driver.activator.services import results
from driver.extensions import db
from driver.i18n import N_
from driver.members.models import Member
from driver.members.reference import AREAS

MIN_GROUP = 3
# Upper bounds (exclusive) of the size groups, in people; the last group is open.
# The labels complete "Cities of …" and are translated where shown.
SIZE_GROUPS: tuple[tuple[int | None, str], ...] = (
    (500_000, N_("under 500,000 people")),
    (2_000_000, N_("500,000 to 2 million people")),
    (5_000_000, N_("2 to 5 million people")),
    (None, N_("5 million people or more")),
)


def size_group(population: int | None) -> int | None:
    """The index of the size group of ``population``; None when it is not known."""
    if population is None:
        return None
    for index, (limit, _) in enumerate(SIZE_GROUPS):
        if limit is None or population < limit:
            return index
    return None  # pragma: no cover - the last group is open-ended


@dataclass(frozen=True)
class Average:
    """A group's average stage in one area, and how many cities it stands for (≥ MIN_GROUP)."""

    stage: float
    cities: int


@dataclass(frozen=True)
class Benchmark:
    """Per area: the region's and the size group's average, when the groups are large enough."""

    region: str
    size_label: str | None
    by_area: dict[str, tuple[Average | None, Average | None]]

    @property
    def any(self) -> bool:
        return any(r or s for r, s in self.by_area.values())


def averages(stages: dict[str, list[int]], minimum: int = MIN_GROUP) -> dict[str, Average | None]:
    """Each area's mean stage, or None where fewer than ``minimum`` cities have one."""
    out: dict[str, Average | None] = {}
    for slug, _ in AREAS:
        values = stages.get(slug, [])
        out[slug] = (
            Average(round(float(Fraction(sum(values), len(values))), 1), len(values))
            if len(values) >= minimum
            else None
        )
    return out


def benchmark(assessment: Assessment) -> Benchmark:
    """The benchmarks of ``assessment``'s city, from other cities' latest assessments."""
    city = assessment.member
    group = size_group(city.population)
    latest: dict[int, Assessment] = {}
    # Only each city's latest year is read (not every year's answers).
    latest_year = (
        select(Assessment.member_id, func.max(Assessment.year).label("year"))
        .where(Assessment.year <= assessment.year)
        .group_by(Assessment.member_id)
        .subquery()
    )
    stmt = (
        select(Assessment)
        .join(
            latest_year,
            (latest_year.c.member_id == Assessment.member_id)
            & (latest_year.c.year == Assessment.year),
        )
        .join(Member, Member.id == Assessment.member_id)
        .where(Assessment.member_id != city.id, Member.category == "local_government")
        .options(
            selectinload(Assessment.answers),
            selectinload(Assessment.goals),
            joinedload(Assessment.member),
        )
        .order_by(Assessment.year)
    )
    if group is None:
        stmt = stmt.where(Member.region == city.region)
    else:
        stmt = stmt.where(or_(Member.region == city.region, Member.population.is_not(None)))
    for other in db.session.scalars(stmt):
        latest[other.member_id] = other  # later years overwrite earlier ones
    region: dict[str, list[int]] = {}
    size: dict[str, list[int]] = {}
    for other in latest.values():
        same_region = other.member.region == city.region
        same_size = group is not None and size_group(other.member.population) == group
        if not (same_region or same_size):
            continue
        for area in results(other).areas:
            if area.stage is None:
                continue
            if same_region:
                region.setdefault(area.area, []).append(area.stage)
            if same_size:
                size.setdefault(area.area, []).append(area.stage)
    by_region, by_size = averages(region), averages(size)
    return Benchmark(
        region=city.region,
        size_label=SIZE_GROUPS[group][1] if group is not None else None,
        by_area={
            slug: (by_region[slug], by_size[slug] if group is not None else None)
            for slug, _ in AREAS
        },
    )
