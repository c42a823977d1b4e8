"""The demo data is walked through the real services, so its history is real and consistent."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from driver import demo, transitions
from driver.audit.models import AuditEvent
from driver.auth.models import User
from driver.extensions import db
from driver.matchmaking import services as matchmaking
from driver.matchmaking.models import Match
from driver.members.services import seed_reference_data
from driver.notifications.models import Notification
from driver.solution_finder import services as solution_finder
from driver.solution_finder.models import Application


@pytest.fixture
def loaded(monkeypatch):
    """The reference data and the demo, with cheap password hashing (argon2 is slow on purpose)."""
    monkeypatch.setattr(
        "driver.auth.models._hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    seed_reference_data()
    demo.load_demo()
    db.session.expire_all()


def applications():
    return list(db.session.scalars(select(Application).order_by(Application.id)))


def matches():
    return list(db.session.scalars(select(Match).order_by(Match.id)))


def chain(binding, obj):
    return [(e.from_state, e.to_state) for e in transitions.history(binding, obj)]


def links_up(pairs):
    """Each event starts where the previous one ended; the first starts from nothing."""
    starts = [frm for frm, _ in pairs]
    ends = [None] + [to for _, to in pairs[:-1]]
    return starts == ends


def test_demo_applications_cover_the_pipeline(loaded):
    assert sorted(a.state for a in applications()) == sorted(
        ["draft", "awaiting_clarification", "matchmaking", "implementing", "submitted"]
    )


def test_every_demo_application_history_links_up(loaded):
    broken = [a.title for a in applications() if not links_up(chain(solution_finder.BINDING, a))]
    assert broken == []


def test_every_demo_application_history_ends_in_its_state(loaded):
    ends = {a.id: chain(solution_finder.BINDING, a)[-1][1] for a in applications()}
    assert ends == {a.id: a.state for a in applications()}


def test_every_demo_application_version_counts_its_transitions(loaded):
    # The version starts at 1 on creation and moves once per transition.
    versions = {a.id: a.version for a in applications()}
    assert versions == {a.id: len(chain(solution_finder.BINDING, a)) for a in applications()}


def test_every_demo_match_history_links_up_and_ends_in_its_state(loaded):
    for match in matches():
        pairs = chain(matchmaking.BINDING, match)
        assert (links_up(pairs), pairs[-1][1]) == (True, match.state), match


def test_demo_matches_cover_every_open_answer(loaded):
    assert sorted(m.state for m in matches()) == ["accepted", "proposed", "selected"]


def test_demo_events_have_actors_but_the_automatic_close_of_a_call(loaded):
    system = db.session.execute(
        select(AuditEvent.object_type, AuditEvent.trigger).where(AuditEvent.actor_id.is_(None))
    ).all()
    assert system == [("implementer_call", "close")]


def test_demo_notified_people_without_notifying_the_actor(loaded):
    rows = db.session.execute(
        select(Notification.user_id, AuditEvent.actor_id).join(
            AuditEvent, AuditEvent.id == Notification.event_id
        )
    ).all()
    assert rows and all(user_id != actor_id for user_id, actor_id in rows)


def test_the_demo_reviewer_of_africa_handles_kampala(loaded):
    kampala = db.session.scalar(
        select(Application).where(Application.state == "awaiting_clarification")
    )
    africa = db.session.scalar(select(User).where(User.email == "reviewer.africa@demo.we-gov.org"))
    assert kampala.assignee_id == africa.id


def test_demo_profiles_are_verified(loaded):
    from driver.members.models import ProviderProfile

    assert all(db.session.scalars(select(ProviderProfile.verified)))


def test_demo_seoul_has_two_years_of_assessments(loaded):
    from driver.activator.models import Assessment

    assert len(db.session.scalars(select(Assessment)).all()) == 2


def test_demo_plan_exchange_has_published_projects(loaded):
    from driver.plan_exchange.search import SearchFilter, search

    assert search(SearchFilter(q="flood")).total == 1


def test_demo_seoul_gets_recommendations(loaded):
    from driver.activator import services as activator

    seoul = db.session.scalar(select(User).where(User.email == "seoul@demo.we-gov.org"))
    snapshot = activator.latest_snapshot(seoul)
    assert any(item.solutions or item.projects for item in snapshot.advice)


def test_demo_members_get_registry_facts_once(loaded):
    from datetime import date

    from driver.members.demo import WEGO_FOUNDED
    from driver.members.demo import load as load_registry
    from driver.members.models import Member
    from driver.members.reference import SUB_CATEGORIES

    members = list(db.session.scalars(select(Member)))
    assert all(m.sub_category in SUB_CATEGORIES[m.category] for m in members)
    assert all(WEGO_FOUNDED <= m.joined_on <= date(2023, 12, 31) for m in members)
    offices = {m.name: m.regional_office for m in members}
    assert offices["Chengdu"] == "east_asia" and offices["Addis Ababa"] == "africa"
    assert load_registry() == 0  # idempotent: nothing left to fill
