"""Catalogue services: providers write their solutions, WeGO reviewers verify them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, false, or_, select
from sqlalchemy.orm import joinedload, selectinload

from driver import transitions
from driver.auth.models import User
from driver.catalogue.models import COST_BANDS, Solution
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.extensions import db
from driver.members.models import Area
from driver.solution_finder.services import areas_by_slug

MAX_REFERENCE_CITIES = 20


@dataclass(frozen=True)
class SolutionInput:
    """A solution as its provider describes it."""

    name: str = ""
    summary: str = ""
    areas: tuple[str, ...] = ()
    stage_min: int = 1
    stage_max: int = 5
    cost_band: str | None = None
    reference_cities: tuple[str, ...] = ()


def visible_solutions(actor: Any) -> Select[tuple[Solution]]:
    """``select(Solution)`` limited to what ``actor`` may see.

    Staff see every solution; a provider its own and the verified ones; a city
    the verified ones; nobody else any.
    """
    stmt = select(Solution)
    if not getattr(actor, "is_authenticated", False):
        return stmt.where(false())
    if actor.is_staff:
        return stmt
    if actor.role == "provider" and actor.member_id is not None:
        return stmt.where(or_(Solution.verified.is_(True), Solution.provider_id == actor.member_id))
    if actor.role == "city":
        return stmt.where(Solution.verified.is_(True))
    return stmt.where(false())


def get_solution(actor: Any, solution_id: int) -> Solution:
    """The solution ``solution_id`` if ``actor`` may see it, else NotFound."""
    solution = db.session.scalar(
        visible_solutions(actor)
        .where(Solution.id == solution_id)
        .options(selectinload(Solution.areas), joinedload(Solution.provider))
    )
    if solution is None:
        raise not_found()
    return solution


def may_edit(actor: Any, solution: Solution) -> bool:
    """Whether ``actor`` edits ``solution``: its provider's users and admins."""
    return actor.is_admin or (actor.role == "provider" and actor.member_id == solution.provider_id)


def check_input(data: SolutionInput) -> None:
    """Invalid, with a message per field, unless ``data`` describes a solution."""
    errors: dict[str, list[str]] = {}
    if not data.name.strip():
        errors["name"] = [_("Give the solution a name.")]
    elif len(data.name) > 200:
        errors["name"] = [_("Keep the name under 200 characters.")]
    if not data.areas:
        errors["areas"] = [_("Choose at least one area.")]
    if not 1 <= data.stage_min <= data.stage_max <= 5:
        errors["stage_max"] = [_("Stages run from 1 to 5, the lowest first.")]
    if data.cost_band is not None and data.cost_band not in COST_BANDS:
        errors["cost_band"] = [_("Choose one of the cost bands.")]
    cities = [c for c in data.reference_cities if c.strip()]
    if len(cities) > MAX_REFERENCE_CITIES or any(len(c) > 100 for c in cities):
        errors["reference_cities"] = [
            _(
                "Name at most %(num)d cities, each under 100 characters.",
                num=MAX_REFERENCE_CITIES,
            )
        ]
    if errors:
        raise Invalid(_("The solution was not saved."), errors=errors)


def _apply(solution: Solution, data: SolutionInput) -> None:
    solution.name = data.name.strip()
    solution.summary = data.summary.strip()
    solution.areas = areas_by_slug(data.areas)
    solution.stage_min = data.stage_min
    solution.stage_max = data.stage_max
    solution.cost_band = data.cost_band
    solution.reference_cities = list(
        dict.fromkeys(c.strip() for c in data.reference_cities if c.strip())
    )


def _facts(solution: Solution) -> tuple[Any, ...]:
    """What WeGO verifies of a solution."""
    return (
        solution.name,
        solution.summary,
        tuple(solution.area_slugs),
        solution.stage_min,
        solution.stage_max,
        solution.cost_band,
        tuple(solution.reference_cities or ()),
    )


def create_solution(actor: User, data: SolutionInput) -> Solution:
    """Add a solution to the actor's provider catalogue (unverified); commit."""
    if actor.role != "provider" or actor.member_id is None:
        raise Forbidden(_("Only staff of a solution provider can add solutions."))
    check_input(data)
    solution = Solution(provider_id=actor.member_id)
    try:
        _apply(solution, data)
        db.session.add(solution)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return solution


def update_solution(
    actor: User, solution_id: int, data: SolutionInput, *, expected_version: int | None = None
) -> Solution:
    """Change a solution; a provider's change sends it back to verification. Commit."""
    check_input(data)
    try:
        solution = get_solution(actor, solution_id)
        if not may_edit(actor, solution):
            raise Forbidden(_("Only the provider's own staff or an admin can edit this solution."))
        if expected_version is not None and expected_version != solution.version:
            raise Conflict(transitions.STALE)
        before = _facts(solution)
        _apply(solution, data)
        if not actor.is_staff and _facts(solution) != before:
            # What WeGO verified is no longer what is shown: it needs a new look.
            solution.verified = False
            solution.verified_at = None
            solution.verified_by = None
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return solution


def set_verified(actor: User, solution_id: int, verified: bool) -> Solution:
    """Verify a solution, or withdraw its verification (WeGO staff). Commit."""
    try:
        solution = get_solution(actor, solution_id)
        if not actor.is_staff:
            raise Forbidden(_("Only WeGO reviewers verify solutions."))
        solution.verified = verified
        solution.verified_at = utcnow() if verified else None
        solution.verified_by = actor if verified else None
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return solution


def catalogue(
    actor: Any, *, area: str | None = None, verified: bool | None = None
) -> list[Solution]:
    """The solutions ``actor`` may see, by provider then name."""
    stmt = visible_solutions(actor)
    if area:
        stmt = stmt.where(Solution.areas.any(Area.slug == area))
    if verified is not None:
        stmt = stmt.where(Solution.verified.is_(verified))
    stmt = stmt.options(selectinload(Solution.areas), joinedload(Solution.provider)).order_by(
        Solution.provider_id, Solution.name, Solution.id
    )
    return list(db.session.scalars(stmt.limit(500)))


def verified_for(area_slugs: Iterable[str]) -> list[Solution]:
    """Verified solutions covering any of ``area_slugs``, with areas and provider loaded."""
    slugs = list(area_slugs)
    if not slugs:
        return []
    stmt = (
        select(Solution)
        .where(Solution.verified.is_(True), Solution.areas.any(Area.slug.in_(slugs)))
        .options(selectinload(Solution.areas), joinedload(Solution.provider))
        .order_by(Solution.name, Solution.id)
    )
    return list(db.session.scalars(stmt))
