"""Plan Exchange services: writing a project, the review queue (publishing: ``publishing``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from driver import transitions
from driver.auth.models import User
from driver.auth.people import organisation_users, reviewers_for
from driver.catalogue.models import COST_BANDS
from driver.errors import Conflict, Forbidden, Invalid
from driver.extensions import db
from driver.members.models import Member
from driver.plan_exchange.models import ROLES, Project, Stakeholder
from driver.plan_exchange.scoping import relations_to_project, visible_projects
from driver.solution_finder.services import areas_by_slug
from workflows import OWNER, Context
from workflows.plan_exchange import EDITABLE_STATES, PROJECT

MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_STAKEHOLDERS = 20
# Which budget band a budget in US dollars falls in.
BAND_LIMITS = (("under_50k", 50_000), ("50k_250k", 250_000), ("250k_1m", 1_000_000))


class ProjectBinding(transitions.Binding):
    """The Plan Exchange publication workflow bound to its model."""

    workflow = PROJECT
    model = Project
    object_type = "plan_project"

    def scope(self, actor: User) -> Select:
        return visible_projects(actor)

    def relations(self, actor: User, obj: Project) -> frozenset[str]:
        return relations_to_project(actor, obj)

    def recipients(self, audience: str, obj: Project) -> Iterable[User]:
        if audience == "owner":
            return [u for u in organisation_users(obj.member_id) if u.role == "city"]
        if audience == "reviewers":
            return reviewers_for(obj.member.region)
        raise ValueError(f"unknown audience {audience!r}")

    def after(self, obj: Project, transition: Any, context: Context, actor: User) -> None:
        if transition.trigger == "publish":
            obj.published_at = context.now
            obj.return_reason = None
        elif transition.trigger in {"unpublish"}:
            obj.published_at = None

    def is_staff_view(self, user: User) -> bool:
        return bool(getattr(user, "is_authenticated", False) and user.is_staff)

    def title(self, obj: Project) -> str:
        return obj.title or _("Project #%(id)s", id=obj.id)

    def url(self, obj: Project) -> str:
        return f"/plan-exchange/{obj.id}"


BINDING = ProjectBinding()


@dataclass(frozen=True)
class ProjectInput:
    """A project's text; every field may stay empty in a draft."""

    title: str = ""
    summary: str = ""
    outcomes: str = ""
    areas: tuple[str, ...] = ()
    period_start: int | None = None
    period_end: int | None = None
    budget_band: str | None = None
    stage: int | None = None
    stakeholders: tuple[tuple[str, str], ...] = ()  # (name, role)


FIELDS = (
    "title",
    "summary",
    "outcomes",
    "areas",
    "period_start",
    "period_end",
    "budget_band",
    "stage",
    "stakeholders",
)


def check_input(data: ProjectInput) -> None:
    """Invalid, with a message per field, unless ``data`` can be saved."""
    errors: dict[str, list[str]] = {}
    if len(data.title) > 200:
        errors["title"] = [_("Keep the title under 200 characters.")]
    for name in ("period_start", "period_end"):
        year = getattr(data, name)
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            errors[name] = [
                _("Enter a year between %(min)s and %(max)s.", min=MIN_YEAR, max=MAX_YEAR)
            ]
    if (
        data.period_start is not None
        and data.period_end is not None
        and data.period_end < data.period_start
        and "period_end" not in errors
    ):
        errors["period_end"] = [_("The project cannot end before it starts.")]
    if data.budget_band is not None and data.budget_band not in COST_BANDS:
        errors["budget_band"] = [_("Choose one of the budget bands.")]
    if data.stage is not None and not 1 <= data.stage <= 5:
        errors["stage"] = [_("Choose a stage from 1 to 5.")]
    if len(data.stakeholders) > MAX_STAKEHOLDERS:
        errors["stakeholders"] = [_("Name at most %(num)s stakeholders.", num=MAX_STAKEHOLDERS)]
    elif any(
        role not in ROLES or not name.strip() or len(name) > 200 for name, role in data.stakeholders
    ):
        errors["stakeholders"] = [
            _("Each stakeholder needs a name (under 200 characters) and a role.")
        ]
    if errors:
        raise Invalid(_("The project was not saved."), errors=errors)


def apply_input(project: Project, data: ProjectInput, fields: Iterable[str] = FIELDS) -> None:
    """Write ``data``'s ``fields`` on ``project`` and refresh what search reads (no commit)."""
    fields = set(fields)
    for name in fields - {"areas", "stakeholders"}:
        setattr(project, name, getattr(data, name))
    if "areas" in fields:
        project.areas = areas_by_slug(data.areas)
    if "stakeholders" in fields:
        project.stakeholders = [
            Stakeholder(name=name.strip(), role=role)
            for name, role in dict.fromkeys((n.strip(), r) for n, r in data.stakeholders)
        ]
    refresh_search_text(project)


def refresh_search_text(project: Project) -> None:
    """Write what full-text search reads: the project's words, its city and stakeholders."""
    member = project.member or db.session.get(Member, project.member_id)
    parts = [
        project.title,
        project.summary,
        project.outcomes,
        member.name if member else "",
        member.country if member else "",
        " ".join(a.name for a in project.areas),
        " ".join(s.name for s in project.stakeholders),
    ]
    project.search_text = "\n".join(p for p in parts if p)


def create_project(actor: User, data: ProjectInput) -> Project:
    """Start a draft project of the actor's city (a past or current one); commit."""
    if actor.role != "city" or actor.member_id is None:
        raise Forbidden(_("Only staff of a member city can add a project."))
    check_input(data)
    project = Project(member_id=actor.member_id, created_by=actor, state=PROJECT.initial)
    db.session.add(project)
    try:
        project.member = db.session.get(Member, actor.member_id)
        apply_input(project, data)
        transitions.record(BINDING, project, trigger="create", from_state=None, actor=actor)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return project


def update_project(
    actor: User,
    project_id: int,
    data: ProjectInput,
    *,
    fields: Iterable[str] = FIELDS,
    expected_version: int | None = None,
) -> Project:
    """Change a draft project; only ``fields`` are touched. Commit."""
    check_input(data)
    try:
        project = BINDING.get(actor, project_id, lock=True)
        if OWNER not in BINDING.relations(actor, project):
            raise Forbidden(_("Only the city that owns this project can edit it."))
        if project.state not in EDITABLE_STATES:
            raise Conflict(_("Only a draft can be edited; take it back from review first."))
        if expected_version is not None and expected_version != project.version:
            raise Conflict(_(transitions.STALE))
        apply_input(project, data, fields)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return project


def can_edit(actor: Any, project: Project) -> bool:
    """Whether ``actor`` may change the text of ``project`` now (its city, while a draft)."""
    return project.state in EDITABLE_STATES and OWNER in BINDING.relations(actor, project)


# -- lists ----------------------------------------------------------------------------


def for_city(actor: User) -> list[Project]:
    """The projects of the actor's city, every state, latest change first."""
    if actor.role != "city" or actor.member_id is None:
        return []
    stmt = (
        select(Project)
        .where(Project.member_id == actor.member_id)
        .options(selectinload(Project.areas))
        .order_by(Project.updated_at.desc(), Project.id.desc())
    )
    return list(db.session.scalars(stmt))


def review_queue(actor: User) -> list[Project]:
    """Projects waiting for WeGO's review, oldest first (staff)."""
    if not actor.is_staff:
        return []
    stmt = (
        select(Project)
        .where(Project.state == "in_review")
        .options(selectinload(Project.member), selectinload(Project.areas))
        .order_by(Project.state_changed_at, Project.id)
    )
    return list(db.session.scalars(stmt))
