"""The public picture of WeGO: its active members by region and the latest published projects.

Only what WeGO shows the world: names, countries, categories; never fees,
GDP, employees, contacts or a lapsed or suspended member.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import case, select

from driver.extensions import db
from driver.members.models import Member
from driver.members.reference import CATEGORIES, REGIONS, SUB_CATEGORIES
from driver.plan_exchange.models import Project
from driver.plan_exchange.search import SearchFilter, search_stmt

LATEST_PROJECTS = 6
_SUB_LABELS = {k: v for group in SUB_CATEGORIES.values() for k, v in group.items()}


@dataclass(frozen=True)
class PublicMember:
    """A member as the public page shows it."""

    name: str
    country: str
    category: str  # label
    sub_category: str | None  # label


@dataclass(frozen=True)
class Directory:
    counts: dict[str, dict[str, int]]  # region -> category label -> active members
    totals: dict[str, int]  # category label -> active members
    by_region: list[tuple[str, list[PublicMember]]]  # cities first, then by name
    projects: list[Project]


def public_directory(*, latest: int = LATEST_PROJECTS) -> Directory:
    """WeGO's active members grouped by region (cities first) and the latest published projects."""
    local_first = case((Member.category == "local_government", 0), else_=1)
    rows = db.session.execute(
        select(Member.name, Member.country, Member.region, Member.category, Member.sub_category)
        .where(Member.status == "active")
        .order_by(local_first, Member.name, Member.id)
    )
    regions: dict[str, list[PublicMember]] = {}
    counts: dict[str, Counter[str]] = {}
    for name, country, region, category, sub in rows:
        label = CATEGORIES.get(category, category)
        regions.setdefault(region, []).append(
            PublicMember(name, country, label, _SUB_LABELS.get(sub) if sub else None)
        )
        counts.setdefault(region, Counter())[label] += 1
    order = {region: n for n, region in enumerate(REGIONS)}
    ordered = sorted(regions, key=lambda r: (order.get(r, len(order)), r))
    totals = Counter[str]()
    for counter in counts.values():
        totals.update(counter)
    projects = list(db.session.scalars(search_stmt(SearchFilter()).limit(latest)))
    return Directory(
        counts={r: dict(counts[r]) for r in ordered},
        totals=dict(totals),
        by_region=[(r, regions[r]) for r in ordered],
        projects=projects,
    )
