"""What to do next: for the largest gaps, verified solutions and published projects that fit."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from driver.activator.questions import AREA_NAMES
from driver.activator.scoring import AreaScore
from driver.catalogue.models import Solution
from driver.catalogue.services import verified_for
from driver.extensions import db
from driver.members.models import Area
from driver.members.reference import STAGES
from driver.plan_exchange.models import Project

TOP_GAPS = 3
PER_AREA = 3


@dataclass(frozen=True)
class Pick:
    """A recommended solution or project, with the one line that says why."""

    kind: str  # "solution" or "project"
    id: int
    name: str
    by: str  # the provider, or the city and country
    reason: str


@dataclass(frozen=True)
class AreaAdvice:
    """The recommendations for one gap."""

    gap: AreaScore
    solutions: list[Pick]
    projects: list[Pick]

    @property
    def area_name(self) -> str:
        """The area's name in the reader's language."""
        return _(AREA_NAMES[self.gap.area])


def recommend(
    gaps: list[AreaScore], member_id: int, *, top: int = TOP_GAPS, per_area: int = PER_AREA
) -> list[AreaAdvice]:
    """For the ``top`` gaps (already ranked), the solutions and projects that fit each.

    A solution fits when WeGO verified it, it covers the area and its stage
    range includes the city's stage there; a project when it is published,
    is about the area, comes from another city and reached a stage between
    the city's stage and its target. Narrower stage ranges (more specific)
    and the stage nearest the target come first.
    """
    gaps = gaps[:top]
    if not gaps:
        return []
    slugs = [g.area for g in gaps]
    solutions = verified_for(slugs)
    projects = list(
        db.session.scalars(
            select(Project)
            .where(
                Project.state == "published",
                Project.member_id != member_id,
                Project.stage.is_not(None),
                Project.areas.any(Area.slug.in_(slugs)),
            )
            .options(selectinload(Project.areas), joinedload(Project.member))
            .order_by(Project.id)
        )
    )
    return [
        AreaAdvice(
            gap=gap,
            solutions=_solutions(gap, solutions)[:per_area],
            projects=_projects(gap, projects)[:per_area],
        )
        for gap in gaps
    ]


def _solutions(gap: AreaScore, solutions: list[Solution]) -> list[Pick]:
    assert gap.stage is not None
    fitting = [s for s in solutions if gap.area in s.area_slugs and s.fits_stage(gap.stage)]
    fitting.sort(key=lambda s: (s.stage_max - s.stage_min, s.name.casefold(), s.id))
    area = _(AREA_NAMES[gap.area])
    picks = []
    for s in fitting:
        reason = _(
            "Verified by WeGO for %(area)s; suits cities at stages %(low)s–%(high)s, "
            "and yours is %(stage)s (%(stage_name)s).",
            area=area,
            low=s.stage_min,
            high=s.stage_max,
            stage=gap.stage,
            stage_name=_(STAGES[gap.stage]),
        )
        if s.reference_cities:
            reason += " " + _("In use in %(cities)s.", cities=", ".join(s.reference_cities[:2]))
        picks.append(Pick("solution", s.id, s.name, s.provider.name, reason))
    return picks


def _projects(gap: AreaScore, projects: list[Project]) -> list[Pick]:
    assert gap.stage is not None and gap.target is not None
    fitting = [
        p
        for p in projects
        if gap.area in p.area_slugs and p.stage is not None and gap.stage < p.stage <= gap.target
    ]
    fitting.sort(key=lambda p: (gap.target - (p.stage or 0), -p.id))  # type: ignore[operator]
    area = _(AREA_NAMES[gap.area])
    return [
        Pick(
            "project",
            p.id,
            p.title,
            f"{p.member.name}, {p.member.country}",
            _(
                "A project in %(area)s at stage %(stage)s (%(stage_name)s): between "
                "your stage %(current)s and your target %(target)s.",
                area=area,
                stage=p.stage,
                stage_name=_(STAGES[p.stage or 1]),
                current=gap.stage,
                target=gap.target,
            ),
        )
        for p in fitting
    ]
