"""Pipeline reports from the audit trail: funnels per programme and time spent in each state.

Both read only ``audit_events`` (every transition and every creation writes
one, with its time), limited to the objects of the reader's regions.

- **Funnel.** The cohort of a year is the objects whose *first* arrival in the
  funnel's first step happened that year (a Solution Finder application: its
  submission; staff never count drafts). An object has reached a step when an
  event took it to that state or to a later step of the funnel, so one that
  skipped a step, went back and forth or was reopened counts once per step it
  passed. The database gives, per object, the furthest step (``MAX`` of the
  step index) and counts objects per furthest step; exits (declined, withdrawn…)
  are counted from the same cohort.
- **Time in state.** Each stay is the time between the event that took an object
  into a state and the object's next event (a window function, ``LEAD``, on
  both SQLite and PostgreSQL; the durations are computed in Python from the
  timestamps). Only finished stays count: an object still in a state is shown
  as "there now" but its unfinished stay is not counted, so a report does not
  change by the hour. Terminal states are left out, and so are states with no
  way out for the programme (a selected proposal goes on as a project) and
  cities' private drafts. A year filter keeps the stays that began that year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import case, func, select

from driver.audit.models import AuditEvent
from driver.auth.models import User
from driver.db import UTCDateTime
from driver.extensions import db
from driver.i18n import N_
from driver.implementer.models import ImplementerProject, Proposal
from driver.matchmaking.models import Match
from driver.plan_exchange.models import Project
from driver.reports import stats
from driver.reports.scope import in_year, member_in_scope
from driver.solution_finder.models import Application
from workflows import Workflow
from workflows.implementer.project import PROJECT as IMPLEMENTER_PROJECT
from workflows.implementer.proposal import PROPOSAL
from workflows.match import MATCH
from workflows.plan_exchange import PROJECT as PLAN_PROJECT
from workflows.solution_finder import APPLICATION


@dataclass(frozen=True)
class Programme:
    """A workflow as the reports see it: its objects, funnel steps, exits, timed states."""

    key: str
    label: str
    object_type: str  # AuditEvent.object_type
    workflow: Workflow
    steps: tuple[str, ...]  # the funnel, in order (empty: no funnel)
    exits: tuple[str, ...]  # where objects leave the funnel
    timed: tuple[str, ...]  # the states whose stays are measured
    noun: str

    def label_of(self, state: str) -> str:
        """The staff label of ``state``, in the reader's language."""
        return _(self.workflow.label(state, staff=True))

    def scope_ids(self, user: User) -> Any:
        """``select(id)`` of this programme's objects in the reader's regions."""
        if self.key == "matchmaking":
            return (
                select(Match.id)
                .join(Application, Application.id == Match.application_id)
                .where(member_in_scope(user, Application.member_id))
            )
        model = MODELS[self.key]
        return select(model.id).where(member_in_scope(user, model.member_id))


MODELS: dict[str, Any] = {
    "solution_finder": Application,
    "implementer": Proposal,
    "implementer_project": ImplementerProject,
    "plan_exchange": Project,
}

PROGRAMMES: dict[str, Programme] = {
    p.key: p
    for p in (
        Programme(
            "solution_finder",
            N_("Solution Finder applications"),
            "application",
            APPLICATION,
            steps=(
                "submitted",
                "in_review",
                "feedback_given",
                "matchmaking",
                "partnered",
                "implementing",
                "completed",
            ),
            exits=("declined", "withdrawn"),
            timed=(
                "submitted",
                "in_review",
                "awaiting_clarification",
                "feedback_given",
                "matchmaking",
                "partnered",
                "implementing",
            ),
            noun=N_("applications"),
        ),
        Programme(
            "matchmaking",
            N_("Matchmaking offers"),
            "match",
            MATCH,
            steps=(),
            exits=(),
            timed=("proposed", "accepted"),
            noun=N_("offers"),
        ),
        Programme(
            "implementer",
            N_("Project Implementer proposals"),
            "implementer_proposal",
            PROPOSAL,
            steps=("submitted", "eligible", "shortlisted", "selected"),
            exits=("ineligible", "not_selected", "withdrawn"),
            timed=("submitted", "eligible", "shortlisted"),
            noun=N_("proposals"),
        ),
        Programme(
            "implementer_project",
            N_("Project Implementer projects"),
            "implementer_project",
            IMPLEMENTER_PROJECT,
            steps=(),
            exits=(),
            timed=(
                "preparation",
                "consultant_procurement",
                "consultant_selected",
                "feasibility_study",
                "study_submitted",
                "pilot",
            ),
            noun=N_("projects"),
        ),
        Programme(
            "plan_exchange",
            N_("Plan Exchange publications"),
            "plan_project",
            PLAN_PROJECT,
            steps=("draft", "in_review", "published"),
            exits=(),
            timed=("draft", "in_review"),
            noun=N_("projects"),
        ),
    )
}
FUNNEL_PROGRAMMES = [p for p in PROGRAMMES.values() if p.steps]


# -- funnel -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelReport:
    """A programme's funnel for a cohort year (None: every year), and its exits."""

    programme: Programme
    year: int | None
    steps: list[stats.FunnelStep]
    exits: list[tuple[str, int]]  # (label, objects of the cohort that left that way)

    @property
    def entered(self) -> int:
        return self.steps[0].reached if self.steps else 0

    @property
    def weakest(self) -> stats.FunnelStep | None:
        """The step that kept the smallest share of the previous one."""
        rated = [s for s in self.steps[1:] if s.from_previous is not None]
        return min(rated, key=lambda s: s.from_previous or 0) if rated else None


def _cohort(programme: Programme, user: User, year: int | None) -> Any:
    """``select(object_id)``: the objects that first reached the first step in ``year``."""
    stmt = (
        select(AuditEvent.object_id)
        .where(
            AuditEvent.object_type == programme.object_type,
            AuditEvent.to_state == programme.steps[0],
            AuditEvent.object_id.in_(programme.scope_ids(user)),
        )
        .group_by(AuditEvent.object_id)
    )
    if year is not None:
        first = func.min(AuditEvent.created_at)
        stmt = stmt.having(in_year(first, year))
    return stmt


def funnel(programme: Programme, user: User, year: int | None) -> FunnelReport:
    """The funnel of ``programme`` for the cohort of ``year``, in two statements."""
    cohort = _cohort(programme, user, year)
    index = case({state: i for i, state in enumerate(programme.steps)}, value=AuditEvent.to_state)
    furthest = (
        select(AuditEvent.object_id, func.max(index).label("furthest"))
        .where(
            AuditEvent.object_type == programme.object_type,
            AuditEvent.to_state.in_(programme.steps),
            AuditEvent.object_id.in_(cohort),
        )
        .group_by(AuditEvent.object_id)
        .subquery()
    )
    counts = db.session.execute(
        select(furthest.c.furthest, func.count()).group_by(furthest.c.furthest)
    ).all()
    steps = stats.funnel(
        [(s, programme.label_of(s)) for s in programme.steps],
        {int(i): int(n) for i, n in counts},
    )
    exits: dict[str, int] = {}
    if programme.exits:
        rows = db.session.execute(
            select(AuditEvent.to_state, func.count(func.distinct(AuditEvent.object_id)))
            .where(
                AuditEvent.object_type == programme.object_type,
                AuditEvent.to_state.in_(programme.exits),
                AuditEvent.object_id.in_(cohort),
            )
            .group_by(AuditEvent.to_state)
        ).all()
        exits = {state: int(n) for state, n in rows}
    return FunnelReport(
        programme=programme,
        year=year,
        steps=steps,
        exits=[(programme.label_of(s), exits.get(s, 0)) for s in programme.exits],
    )


# -- time in state ----------------------------------------------------------------------


@dataclass(frozen=True)
class TimeReport:
    """Median and 90th percentile of the finished stays in each measured state."""

    programme: Programme
    year: int | None
    states: list[stats.StateTime]

    @property
    def slowest(self) -> stats.StateTime | None:
        return stats.slowest(self.states)


def stays(programme: Programme, user: User, year: int | None) -> list[tuple[str, Any, Any]]:
    """(state, entered at, left at or None) of every stay in a measured state; one statement."""
    left_at = func.lead(AuditEvent.created_at, type_=UTCDateTime()).over(
        partition_by=AuditEvent.object_id, order_by=(AuditEvent.created_at, AuditEvent.id)
    )
    events = (
        select(
            AuditEvent.to_state.label("state"),
            AuditEvent.created_at.label("entered_at"),
            left_at.label("left_at"),
        )
        .where(
            AuditEvent.object_type == programme.object_type,
            AuditEvent.object_id.in_(programme.scope_ids(user)),
        )
        .subquery()
    )
    stmt = select(events.c.state, events.c.entered_at, events.c.left_at).where(
        events.c.state.in_(programme.timed), in_year(events.c.entered_at, year)
    )
    return [(state, entered, left) for state, entered, left in db.session.execute(stmt)]


def time_in_state(programme: Programme, user: User, year: int | None) -> TimeReport:
    """How long ``programme``'s objects stay in each measured state."""
    durations: dict[str, list[float]] = defaultdict(list)
    open_now: dict[str, int] = defaultdict(int)
    for state, entered, left in stays(programme, user, year):
        if left is None:
            open_now[state] += 1
        else:
            durations[state].append((left - entered).total_seconds())
    return TimeReport(
        programme=programme,
        year=year,
        states=stats.state_times(
            durations, open_now, [(s, programme.label_of(s)) for s in programme.timed]
        ),
    )
