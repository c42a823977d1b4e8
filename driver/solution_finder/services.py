"""Solution Finder services: drafts, transitions, the reviewer queue and the city's list."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from driver import transitions
from driver.audit.models import AuditEvent
from driver.auth.models import User
from driver.auth.people import organisation_users, reviewers_for
from driver.errors import Conflict, Forbidden, Invalid
from driver.extensions import db
from driver.i18n import N_
from driver.matchmaking.models import Match
from driver.members.models import Area, Member
from driver.notifications import reminders
from driver.solution_finder.models import Application
from driver.solution_finder.scoping import relations_to_application, visible_applications
from workflows import OWNER, Context, Transition
from workflows.match import MATCH, OPEN_STATES
from workflows.solution_finder import APPLICATION, EDITABLE_STATES

DRAFT_FIELDS = (
    "title",
    "description",
    "expected_outcomes",
    "areas",
    "budget_usd",
    "city_stage",
    "languages",
)


class ApplicationBinding(transitions.Binding):
    """The Solution Finder application workflow bound to its model."""

    workflow = APPLICATION
    model = Application
    object_type = "application"

    def scope(self, actor: User) -> Select:
        return visible_applications(actor)

    def relations(self, actor: User, obj: Application) -> frozenset[str]:
        return relations_to_application(actor, obj)

    def recipients(self, audience: str, obj: Application) -> Iterable[User]:
        if audience == "owner":
            return [u for u in organisation_users(obj.member_id) if u.role == "city"]
        if audience == "assignee":
            if obj.assignee and obj.assignee.active:
                return [obj.assignee]
            # Nobody at WeGO hears of an application that was never sent to WeGO.
            return reviewers_for(obj.member.region) if obj.submitted_at is not None else []
        if audience == "reviewers":
            return reviewers_for(obj.member.region)
        if audience == "partners":
            return [
                user
                for match in _matches(obj, states={"selected"})
                for user in organisation_users(match.provider_id)
            ]
        raise ValueError(f"unknown audience {audience!r}")

    def prepare(
        self, obj: Application, transition: Transition, context: Context, actor: User
    ) -> tuple[Context, dict[str, Any]]:
        if transition.trigger == "select_partners":
            ids = _id_list(context.payload.get("match_ids"))
            chosen = _matches(obj, ids=ids) if ids else []
            if len(chosen) != len(ids):
                raise Invalid(
                    _("Choose among the partners offered for this application."),
                    errors={"match_ids": [_("Unknown match.")]},
                )
            return _with_payload(context, matches=chosen), {"match_ids": sorted(ids)}
        if transition.trigger == "complete":
            rating = _rating(context.payload.get("rating"))
            return _with_payload(context, rating=rating), {"rating": rating}
        return context, {}

    def after(
        self, obj: Application, transition: Transition, context: Context, actor: User
    ) -> None:
        trigger = transition.trigger
        if trigger == "submit":
            obj.submitted_at = context.now
        elif trigger == "start_review" or (trigger == "reopen" and obj.assignee is None):
            obj.assignee = actor
        elif trigger == "select_partners":
            chosen = {m.id for m in context.payload["matches"]}
            for match in _matches(obj, states=OPEN_STATES):
                step = "select" if match.id in chosen else "not_select"
                _fire_match(match, step, context, actor)
        elif trigger == "withdraw":
            for match in _matches(obj, states=OPEN_STATES):
                _fire_match(match, "not_select", context, actor)
        elif trigger == "complete" and context.payload.get("rating") is not None:
            for match in _matches(obj, states={"selected"}):
                match.outcome_rating = context.payload["rating"]

    def title(self, obj: Application) -> str:
        return obj.title or f"Application #{obj.id}"

    def url(self, obj: Application) -> str:
        return f"/applications/{obj.id}"


BINDING = ApplicationBinding()

reminders.register(
    reminders.StateWait(
        name="clarification_unanswered",
        label=N_("Unanswered question from WeGO"),
        binding=BINDING,
        states=("awaiting_clarification",),
        audiences=("owner",),
        subject=N_("Reminder: WeGO waits for your answer on “{{ title }}”"),
        body=N_(
            "Hello {{ recipient }},\n\nWeGO asked a question about your application "
            "“{{ title }}” {{ days }} days ago and waits for your answer: the review goes on "
            "once you have answered."
        ),
    )
)


def _fire_match(match: Match, trigger: str, context: Context, actor: User) -> None:
    from driver.matchmaking.services import BINDING as MATCH_BINDING

    transitions.apply(
        MATCH_BINDING, match, MATCH.transition(trigger), Context(now=context.now), actor
    )


def _matches(
    app: Application, *, ids: Iterable[int] | None = None, states: Iterable[str] | None = None
) -> list[Match]:
    stmt = select(Match).where(Match.application_id == app.id).order_by(Match.id)
    if ids is not None:
        stmt = stmt.where(Match.id.in_(list(ids)))
    if states is not None:
        stmt = stmt.where(Match.state.in_(list(states)))
    return list(db.session.scalars(stmt))


def _with_payload(context: Context, **extra: Any) -> Context:
    return Context(comment=context.comment, payload={**context.payload, **extra}, now=context.now)


def _id_list(value: Any) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise Invalid("match_ids must be a list of match ids.", errors={"match_ids": ["Invalid."]})
    return list(dict.fromkeys(value))


def _rating(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise Invalid("The rating is a whole number from 1 to 5.", errors={"rating": ["1-5."]})
    return value


# -- drafts ---------------------------------------------------------------------


@dataclass(frozen=True)
class DraftInput:
    """The city's text of an application; every field optional until submission."""

    title: str = ""
    description: str = ""
    expected_outcomes: str = ""
    areas: tuple[str, ...] = ()
    budget_usd: int | None = None
    city_stage: int | None = None
    languages: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> DraftInput:
        return cls(**{k: data[k] for k in DRAFT_FIELDS if k in data})


def create_application(actor: User, data: DraftInput) -> Application:
    """Start a draft application for the actor's city; commit."""
    if actor.role != "city" or actor.member_id is None:
        raise Forbidden(_("Only staff of a member city can start an application."))
    app = Application(member_id=actor.member_id, created_by=actor, state=APPLICATION.initial)
    _apply_draft(app, data, fields=DRAFT_FIELDS)
    db.session.add(app)
    try:
        transitions.record(BINDING, app, trigger="create", from_state=None, actor=actor)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return app


def update_draft(
    actor: User,
    app_id: int,
    data: DraftInput,
    *,
    fields: Iterable[str] = DRAFT_FIELDS,
    expected_version: int | None = None,
) -> Application:
    """Change the text of a draft; only ``fields`` are touched. Commit."""
    try:
        app = BINDING.get(actor, app_id, lock=True)
        if OWNER not in BINDING.relations(actor, app):
            raise Forbidden(_("Only the city that owns this application can edit it."))
        if app.state not in EDITABLE_STATES:
            raise Conflict(_("Only a draft can be edited; this application was already submitted."))
        if expected_version is not None and expected_version != app.version:
            raise Conflict(transitions.STALE)
        _apply_draft(app, data, fields=fields)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return app


def _apply_draft(app: Application, data: DraftInput, *, fields: Iterable[str]) -> None:
    fields = set(fields)
    for name in fields - {"areas"}:
        value = getattr(data, name)
        setattr(app, name, list(value) if name == "languages" else value)
    if "areas" in fields:
        app.areas = areas_by_slug(data.areas)


def areas_by_slug(slugs: Iterable[str]) -> list[Area]:
    """The areas named by ``slugs``, in their order; Invalid if one is unknown."""
    slugs = list(dict.fromkeys(slugs))
    if not slugs:
        return []
    found = {a.slug: a for a in db.session.scalars(select(Area).where(Area.slug.in_(slugs)))}
    unknown = [s for s in slugs if s not in found]
    if unknown:
        raise Invalid(
            _("Unknown area: %(areas)s.", areas=", ".join(unknown)),
            errors={"areas": [_("Unknown area.")]},
        )
    return [found[s] for s in slugs]


# -- lists ----------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilter:
    """The reviewer queue's filters."""

    states: tuple[str, ...] = ()
    area: str | None = None
    region: str | None = None
    q: str | None = None


def queue(
    actor: User, filters: QueueFilter, *, page: int = 1, per_page: int = 25
) -> tuple[list[Application], bool]:
    """Applications in the actor's scope, oldest submission first; and whether more follow."""
    stmt = queue_stmt(actor, filters).offset((max(page, 1) - 1) * per_page).limit(per_page + 1)
    rows = list(db.session.scalars(stmt))
    return rows[:per_page], len(rows) > per_page


def queue_stmt(actor: User, filters: QueueFilter) -> Select[tuple[Application]]:
    """The whole queue for ``filters`` in the actor's scope, oldest submission first."""
    stmt = visible_applications(actor)
    if filters.states:
        stmt = stmt.where(Application.state.in_(filters.states))
    if filters.area:
        stmt = stmt.where(Application.areas.any(Area.slug == filters.area))
    if filters.region:
        in_region = select(Member.id).where(Member.region == filters.region)
        stmt = stmt.where(Application.member_id.in_(in_region))
    if filters.q:
        stmt = stmt.where(Application.title.icontains(filters.q, autoescape=True))
    return stmt.options(
        selectinload(Application.member),
        selectinload(Application.areas),
        selectinload(Application.assignee),
    ).order_by(Application.submitted_at.asc(), Application.id.asc())


def for_organisation(actor: User, *, limit: int = 200) -> list[Application]:
    """The applications the actor can see, newest first (a city's or a provider's list)."""
    return list(db.session.scalars(organisation_stmt(actor).limit(limit)))


def organisation_stmt(actor: User) -> Select[tuple[Application]]:
    """Every application the actor can see, newest first: the list without its limit."""
    return (
        visible_applications(actor)
        .options(selectinload(Application.areas), selectinload(Application.member))
        .order_by(Application.updated_at.desc(), Application.id.desc())
    )


# -- what a page may show --------------------------------------------------------------


def can_edit(actor: User, app: Application) -> bool:
    """Whether ``actor`` may change the text of ``app`` now (its city, while a draft)."""
    return app.state in EDITABLE_STATES and OWNER in BINDING.relations(actor, app)


def sees_review(actor: User, app: Application) -> bool:
    """Whether ``actor`` sees the review of ``app``: its history, feedback and reasons.

    The city and WeGO staff do; a provider offered a match has no relation to
    the application and sees only its summary.
    """
    return bool(BINDING.relations(actor, app))


def open_question(app: Application) -> AuditEvent | None:
    """The reviewer's question the city has still to answer, if it is waiting for one."""
    if app.state != "awaiting_clarification":
        return None
    stmt = (
        select(AuditEvent)
        .where(
            AuditEvent.object_type == BINDING.object_type,
            AuditEvent.object_id == app.id,
            AuditEvent.trigger == "request_clarification",
        )
        .options(selectinload(AuditEvent.actor))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    return db.session.scalars(stmt).first()
