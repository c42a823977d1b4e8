"""What waits for each user, per role, gathered in a few flat queries (dashboards)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from driver.activator.services import Snapshot, latest_snapshot
from driver.auth.models import User
from driver.errors import not_found
from driver.extensions import db
from driver.i18n import N_
from driver.matchmaking.models import Match
from driver.matchmaking.services import BINDING as MATCH_BINDING
from driver.members.models import Member
from driver.solution_finder.models import Application
from driver.solution_finder.scoping import visible_applications
from driver.solution_finder.services import BINDING as APPLICATION_BINDING
from workflows.solution_finder import APPLICATION, STEPS, WAITING_FOR_CITY, WAITING_FOR_REVIEWER

# What the city is asked to do, per state of its application.
CITY_TODO = {
    "draft": N_("Finish the draft and submit it"),
    "awaiting_clarification": N_("Answer WeGO's question"),
    "matchmaking": N_("Choose your partners among the providers who accepted"),
    "partnered": N_("Start the implementation with your partners"),
}
# An assigned reviewer's work, per state.
ASSIGNED_TODO = {
    "in_review": N_("Review it: give feedback, ask a question or decline"),
    "feedback_given": N_("Open matchmaking or ask a question"),
    "implementing": N_("Follow the implementation; mark it completed"),
}
ASSIGNED_WAITING = WAITING_FOR_REVIEWER - {"submitted"}
# A selected partner is engaged until the project is finished.
ENGAGED_STATES = ("partnered", "implementing")


@dataclass(frozen=True)
class ApplicationRow:
    """An application as a list shows it: the label the user reads, its step (translated)."""

    application: Application
    label: str
    step: int
    step_name: str
    todo: str = ""
    accepted: int = 0

    @property
    def since(self) -> datetime:
        return self.application.state_changed_at


def _row(app: Application, user: User, *, todo: str = "", accepted: int = 0) -> ApplicationRow:
    step = APPLICATION.state(app.state).step
    return ApplicationRow(
        application=app,
        label=_(APPLICATION_BINDING.state_label(app, user)),
        step=step,
        step_name=_(STEPS[step]),
        todo=_(todo) if todo else "",
        accepted=accepted,
    )


# -- city ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CityDashboard:
    applications: list[ApplicationRow]
    more_applications: bool
    waiting: list[ApplicationRow]
    assessment: Snapshot | None = None  # the latest self-assessment and its top advice


def city_dashboard(actor: User, *, limit: int = 50) -> CityDashboard:
    """The city's applications, latest first, and those waiting for the city, oldest first."""
    if actor.role != "city":
        raise not_found()
    scope = visible_applications(actor)
    recent = list(
        db.session.scalars(
            scope.order_by(Application.updated_at.desc(), Application.id.desc()).limit(limit + 1)
        )
    )
    accepted = (
        select(func.count(Match.id))
        .where(Match.application_id == Application.id, Match.state == "accepted")
        .correlate(Application)
        .scalar_subquery()
    )
    waiting_stmt = (
        scope.add_columns(accepted)
        .where(
            Application.state.in_(sorted(WAITING_FOR_CITY)),
            or_(Application.state != "matchmaking", accepted > 0),
        )
        .order_by(Application.state_changed_at.asc(), Application.id.asc())
        .limit(limit)
    )
    waiting = [
        _row(app, actor, todo=CITY_TODO[app.state], accepted=count)
        for app, count in db.session.execute(waiting_stmt)
    ]
    return CityDashboard(
        applications=[_row(app, actor) for app in recent[:limit]],
        more_applications=len(recent) > limit,
        waiting=waiting,
        assessment=latest_snapshot(actor),
    )


# -- reviewer and admin -----------------------------------------------------------------


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    step: int
    count: int


@dataclass(frozen=True)
class StaffDashboard:
    counts: list[StateCount]
    total: int
    submitted: list[ApplicationRow]
    submitted_total: int
    assigned: list[ApplicationRow]
    stale_matches: list[Match]
    stale_after: timedelta


def staff_dashboard(
    actor: User, *, now: datetime, stale_after: timedelta, limit: int = 10
) -> StaffDashboard:
    """Counts per state in the actor's scope, the oldest unreviewed, the actor's own work,
    and proposed matches left unanswered for longer than ``stale_after``."""
    if not actor.is_staff:
        raise not_found()
    scope = visible_applications(actor)
    per_state = dict(
        db.session.execute(
            scope.with_only_columns(Application.state, func.count(Application.id)).group_by(
                Application.state
            )
        ).all()
    )
    counts = [
        StateCount(s.name, _(s.staff_label), s.step, per_state.get(s.name, 0))
        for s in APPLICATION.states.values()
        if s.name != "draft"
    ]
    submitted = db.session.scalars(
        scope.where(Application.state == "submitted")
        .options(joinedload(Application.member))
        .order_by(Application.submitted_at.asc(), Application.id.asc())
        .limit(limit)
    )
    assigned = db.session.scalars(
        scope.where(
            Application.assignee_id == actor.id,
            Application.state.in_(sorted(ASSIGNED_WAITING)),
        )
        .options(joinedload(Application.member))
        .order_by(Application.state_changed_at.asc(), Application.id.asc())
        .limit(limit)
    )
    stale = db.session.scalars(
        MATCH_BINDING.scope(actor)
        .where(Match.state == "proposed", Match.state_changed_at < now - stale_after)
        .options(
            joinedload(Match.application).joinedload(Application.member),
            joinedload(Match.provider),
        )
        .order_by(Match.state_changed_at.asc(), Match.id.asc())
        .limit(limit)
    )
    return StaffDashboard(
        counts=counts,
        total=sum(per_state.values()),
        submitted=[_row(app, actor) for app in submitted],
        submitted_total=per_state.get("submitted", 0),
        assigned=[_row(app, actor, todo=ASSIGNED_TODO[app.state]) for app in assigned],
        stale_matches=list(stale),
        stale_after=stale_after,
    )


# -- provider ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderDashboard:
    member: Member
    verified: bool
    proposed: list[Match]
    accepted: list[Match]
    engaged: list[Match]


def provider_dashboard(actor: User, *, limit: int = 50) -> ProviderDashboard:
    """A provider's offers to answer, its accepted offers and its current engagements."""
    if actor.role != "provider" or actor.member_id is None:
        raise not_found()
    member = db.session.get(Member, actor.member_id, options=[selectinload(Member.profile)])
    if member is None:
        raise not_found()

    def offers(*criteria: object) -> list[Match]:
        stmt = (
            MATCH_BINDING.scope(actor)
            .join(Match.application)
            .where(*criteria)
            .options(contains_eager(Match.application).joinedload(Application.member))
            .order_by(Match.state_changed_at.asc(), Match.id.asc())
            .limit(limit)
        )
        return list(db.session.scalars(stmt))

    return ProviderDashboard(
        member=member,
        verified=bool(member.profile and member.profile.verified),
        proposed=offers(Match.state == "proposed"),
        accepted=offers(Match.state == "accepted"),
        engaged=offers(and_(Match.state == "selected", Application.state.in_(ENGAGED_STATES))),
    )


def match_label(match: Match, user: User) -> str:
    """The label of a match's state in the words ``user`` reads, in the user's language."""
    return _(MATCH_BINDING.state_label(match, user))
