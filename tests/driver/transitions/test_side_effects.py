"""The side effects of each trigger, and of choosing partners on the application's matches."""

from __future__ import annotations

from sqlalchemy import select

from driver.audit.models import AuditEvent
from driver.extensions import db
from driver.matchmaking.models import Match
from driver.notifications.models import Notification
from driver.solution_finder.models import Application

from .support import (
    NOW,
    count,
    fire_as,
    fresh,
    match_states,
)

# -- side effects ----------------------------------------------------------------------


def test_submit_stamps_submitted_at(cast, application_in):
    app = application_in("draft")
    fire_as(cast, app, "submit", "owner")
    assert fresh(Application, app.id).submitted_at == NOW


def test_start_review_makes_the_reviewer_the_assignee(cast, application_in):
    app = application_in("submitted")
    fire_as(cast, app, "start_review", "reviewer")
    assert fresh(Application, app.id).assignee_id == cast.reviewer.id


def test_give_feedback_stores_the_feedback(cast, application_in):
    app = application_in("in_review")
    fire_as(cast, app, "give_feedback", "reviewer", comment="A clear case.")
    assert fresh(Application, app.id).feedback == "A clear case."


def test_decline_stores_the_reason(cast, application_in):
    app = application_in("in_review")
    fire_as(cast, app, "decline", "reviewer", comment="Out of scope.")
    assert fresh(Application, app.id).decline_reason == "Out of scope."


def test_complete_stores_the_outcome_summary(cast, application_in):
    app = application_in("implementing", match_state="selected")
    fire_as(cast, app, "complete", "reviewer", comment="Sensors in place.")
    assert fresh(Application, app.id).outcome_summary == "Sensors in place."


def test_reopen_makes_the_admin_the_assignee_when_there_was_none(cast, application_in):
    app = application_in("withdrawn", assignee=None)
    fire_as(cast, app, "reopen", "admin")
    assert fresh(Application, app.id).assignee_id == cast.admin.id


def test_reopen_keeps_the_assignee(cast, application_in):
    app = application_in("declined")
    fire_as(cast, app, "reopen", "admin")
    assert fresh(Application, app.id).assignee_id == cast.reviewer.id


def test_select_partners_selects_the_chosen_and_closes_the_other_open_matches(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    assert match_states(ids) == {
        "accepted": "selected",
        "accepted_too": "not_selected",
        "proposed": "not_selected",
        "declined": "declined",
        "retracted": "retracted",
    }


def test_select_partners_may_choose_several(cast, shortlist):
    app, ids = shortlist
    chosen = [ids["accepted"], ids["accepted_too"]]
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": chosen})
    assert [match_states(ids)[k] for k in ("accepted", "accepted_too")] == ["selected", "selected"]


def test_select_partners_writes_an_audit_event_per_match_it_moves(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    rows = db.session.execute(
        select(AuditEvent.object_id, AuditEvent.trigger, AuditEvent.from_state, AuditEvent.to_state)
        .where(AuditEvent.object_type == "match")
        .order_by(AuditEvent.object_id)
    ).all()
    assert sorted(rows) == sorted(
        [
            (ids["accepted"], "select", "accepted", "selected"),
            (ids["proposed"], "not_select", "proposed", "not_selected"),
            (ids["accepted_too"], "not_select", "accepted", "not_selected"),
        ]
    )


def test_select_partners_match_events_name_the_city_user_as_actor(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    actors = set(
        db.session.scalars(select(AuditEvent.actor_id).where(AuditEvent.object_type == "match"))
    )
    assert actors == {cast.owner.id}


def test_select_partners_increments_each_moved_match_version(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    db.session.expire_all()
    versions = {k: db.session.get(Match, i).version for k, i in ids.items()}
    assert versions == {
        "accepted": 2,
        "accepted_too": 2,
        "proposed": 2,
        "declined": 1,
        "retracted": 1,
    }


def test_select_partners_tells_each_provider_its_outcome(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    rows = db.session.execute(
        select(AuditEvent.object_id, Notification.kind)
        .join(Notification, Notification.event_id == AuditEvent.id)
        .where(AuditEvent.object_type == "match")
    ).all()
    assert sorted(rows) == sorted(
        [
            (ids["accepted"], "match.select"),
            (ids["proposed"], "match.not_select"),
            (ids["accepted_too"], "match.not_select"),
        ]
    )


def test_withdraw_in_matchmaking_closes_the_open_matches(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "withdraw", "owner")
    assert match_states(ids) == {
        "accepted": "not_selected",
        "accepted_too": "not_selected",
        "proposed": "not_selected",
        "declined": "declined",
        "retracted": "retracted",
    }


def test_withdraw_in_matchmaking_audits_each_closed_match(cast, shortlist):
    app, _ids = shortlist
    fire_as(cast, app, "withdraw", "owner")
    assert count(AuditEvent, AuditEvent.object_type == "match") == 3


def test_complete_rates_the_selected_partners_only(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    fire_as(cast, app, "start_implementation", "owner")
    fire_as(cast, app, "complete", "reviewer", payload={"rating": 5})
    db.session.expire_all()
    ratings = {k: db.session.get(Match, i).outcome_rating for k, i in ids.items()}
    assert ratings == {
        "accepted": 5,
        "accepted_too": None,
        "proposed": None,
        "declined": None,
        "retracted": None,
    }


def test_complete_without_a_rating_rates_nobody(cast, application_in):
    app = application_in("implementing", match_state="selected")
    fire_as(cast, app, "complete", "reviewer", payload={})
    assert db.session.scalar(select(Match.outcome_rating)) is None
