"""Races on every workflow not raced elsewhere: several people fire at one object at once.

Each race runs its triggers in threads, each with its own app context, session and
connection, lined up on a barrier (the helpers of tests/driver/test_concurrency.py).
Exactly one wins, the others get a 409; the object's history gains one event and its
version moves once. On SQLite ``BEGIN IMMEDIATE`` queues the writers; on PostgreSQL the
row lock and the version compare-and-set settle them. (Solution Finder and match races:
tests/driver/test_concurrency.py; two selections for the last place and two colleagues'
first bids: tests/driver/implementer/test_races.py.)
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from driver import transitions
from driver.activator import services as activator
from driver.activator.models import Assessment, AssessmentAnswer
from driver.activator.questions import AREAS, DIMENSIONS
from driver.audit.models import AuditEvent
from driver.extensions import db
from driver.implementer.bindings import (
    BID_BINDING,
    CALL_BINDING,
    PROJECT_BINDING,
    PROPOSAL_BINDING,
)
from driver.implementer.models import Bid, Call, ImplementerProject, Proposal
from driver.plan_exchange.models import Project as PlanProject
from driver.plan_exchange.services import BINDING as PLAN_BINDING

from ..test_concurrency import CONFLICT, WON, together
from .world import build_world

THREADS = 4


@pytest.fixture
def world(app, tmp_path, make_member, make_user, make_provider, make_application, make_match):
    factories = SimpleNamespace(
        make_member=make_member,
        make_user=make_user,
        make_provider=make_provider,
        make_application=make_application,
        make_match=make_match,
    )
    built = build_world(factories, tmp_path / "uploads")
    staff = {
        role: [built.users[role].id] + [make_user(role).id for _ in range(THREADS - 1)]
        for role in ("reviewer", "admin")
    }
    built.more = SimpleNamespace(
        reviewers=staff["reviewer"],
        admins=staff["admin"],
        city_a=[built.users["city_a"].id]
        + [make_user("city", member=built.users["city_a"].member).id for _ in range(THREADS - 1)],
        provider_x=[built.users["provider_x"].id]
        + [
            make_user("provider", member=built.users["provider_x"].member).id
            for _ in range(THREADS - 1)
        ],
        provider_y=[built.users["provider_y"].id]
        + [
            make_user("provider", member=built.users["provider_y"].member).id
            for _ in range(THREADS - 1)
        ],
    )
    return built


def one_winner(n: int = THREADS) -> list[object]:
    return sorted([WON] + [CONFLICT] * (n - 1), key=str)


def events(model) -> int:
    """The events in the object's history (a cancelled project's bids have their own)."""
    object_type = BINDINGS[model].object_type
    return db.session.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.object_type == object_type)
    )


def version_of(model, obj_id: int) -> int:
    db.session.expire_all()
    return db.session.get(model, obj_id).version


def fire_all(binding, obj_id: int, trigger: str, **kw):
    return lambda actor: transitions.fire(binding, obj_id, trigger, actor, **kw)


def run_race(app, model, obj_id: int, jobs) -> tuple[list[object], int, int]:
    """(sorted outcomes, audit events added, version moves) of ``jobs`` run at once."""
    events_before, version_before = events(model), version_of(model, obj_id)
    outcomes = together(app, *jobs)
    return (
        sorted(outcomes, key=str),
        events(model) - events_before,
        version_of(model, obj_id) - version_before,
    )


CASES = {
    # name: (model, object in the world, [(users, trigger, payload)] fired together, end state)
    "call opened by several admins": (Call, "call_draft", [("admins", "open", {})], "open"),
    "call closed by several admins": (Call, "call", [("admins", "close", {})], "closed"),
    "proposal screened by several reviewers": (
        Proposal,
        "proposal_b",
        [("reviewers", "screen", {})],
        "eligible",
    ),
    "proposal shortlisted by several reviewers": (
        Proposal,
        "proposal",
        [("reviewers", "shortlist", {})],
        "shortlisted",
    ),
    "proposal submitted by several colleagues": (
        Proposal,
        "proposal_draft",
        [("city_a", "submit", {})],
        "submitted",
    ),
    "project cancelled by several admins": (
        ImplementerProject,
        "project",
        [("admins", "cancel", {"comment": "No budget."})],
        "cancelled",
    ),
    "bid submitted twice at once": (Bid, "bid_y", [("provider_y", "submit", {})], "submitted"),
    "bid withdrawn twice at once": (Bid, "bid_x", [("provider_x", "withdraw", {})], "withdrawn"),
    "plan exchange project published by several reviewers": (
        PlanProject,
        "plan_review_a",
        [("reviewers", "publish", {})],
        "published",
    ),
}
BINDINGS = {
    Call: CALL_BINDING,
    Proposal: PROPOSAL_BINDING,
    ImplementerProject: PROJECT_BINDING,
    Bid: BID_BINDING,
    PlanProject: PLAN_BINDING,
}


@pytest.mark.parametrize("case", CASES)
def test_one_trigger_fired_at_once_by_several_has_one_winner(app, world, case):
    model, name, steps, end_state = CASES[case]
    obj_id = world.ids[name]
    (users, trigger, payload) = steps[0]
    binding = BINDINGS[model]
    jobs = [
        (uid, fire_all(binding, obj_id, trigger, **payload)) for uid in getattr(world.more, users)
    ]

    outcome = run_race(app, model, obj_id, jobs)

    assert outcome == (one_winner(len(jobs)), 1, 1)
    assert db.session.get(model, obj_id).state == end_state


def test_recall_and_publish_at_once_leave_one_of_them_done(app, world):
    obj_id = world.plan_review_a
    jobs = [
        (world.users["city_a"].id, fire_all(PLAN_BINDING, obj_id, "recall")),
        (world.more.reviewers[1], fire_all(PLAN_BINDING, obj_id, "publish")),
    ]

    outcomes, added, moved = run_race(app, PlanProject, obj_id, jobs)

    state = db.session.get(PlanProject, obj_id).state
    assert (outcomes, added, moved) == ([409, WON], 1, 1)
    assert state in {"draft", "published"}


def test_submit_and_withdraw_of_a_proposal_from_the_same_page_leave_one_of_them_done(app, world):
    """Both are allowed on a draft, and withdraw on a submitted proposal too: sent from the
    page both people saw (its version), the second is stale whichever comes first."""
    obj_id = world.proposal_draft
    seen = version_of(Proposal, obj_id)
    jobs = [
        (world.more.city_a[0], fire_all(PROPOSAL_BINDING, obj_id, "submit", expected_version=seen)),
        (
            world.more.city_a[1],
            fire_all(PROPOSAL_BINDING, obj_id, "withdraw", expected_version=seen),
        ),
    ]

    outcomes, added, moved = run_race(app, Proposal, obj_id, jobs)

    assert (outcomes, added, moved) == ([409, WON], 1, 1)


def test_an_assessment_completed_twice_at_once_from_the_same_page_completes_once(app, world):
    obj_id = world.assessment_a
    db.session.add_all(
        AssessmentAnswer(assessment_id=obj_id, area=area, dimension=dimension, value=2)
        for area, _ in AREAS
        for dimension in DIMENSIONS
    )
    db.session.commit()
    version = version_of(Assessment, obj_id)

    def complete(actor):
        return activator.complete(actor, obj_id, expected_version=version)

    outcomes = together(app, *[(uid, complete) for uid in world.more.city_a])

    assert sorted(outcomes, key=str) == one_winner(len(world.more.city_a))
    assert version_of(Assessment, obj_id) == version + 1
