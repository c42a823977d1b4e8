"""What a successful transition leaves behind: state, version, audit events, notices, e-mails."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from driver.extensions import db
from driver.notifications.models import Notification, OutboxMessage
from driver.solution_finder.models import Application
from workflows.solution_finder import APPLICATION

from .support import (
    MATRIX,
    NOW,
    OK,
    SOURCE,
    events_of,
    fire_as,
    fresh,
    match_state_for,
    payload_for,
    recipients,
)

# -- what a success leaves behind ------------------------------------------------------

SUCCESS = [
    pytest.param(trigger, "admin" if row[0] is not OK else "owner", id=trigger)
    for trigger, row in MATRIX.items()
]


@pytest.mark.parametrize(("trigger", "actor"), SUCCESS)
def test_success_moves_the_state_to_the_destination(cast, application_in, trigger, actor):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    fire_as(cast, app, trigger, actor)
    assert fresh(Application, app.id).state == APPLICATION.transition(trigger).dest


@pytest.mark.parametrize(("trigger", "actor"), SUCCESS)
def test_success_increments_the_version_once(cast, application_in, trigger, actor):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    fire_as(cast, app, trigger, actor)
    assert fresh(Application, app.id).version == 2


@pytest.mark.parametrize(("trigger", "actor"), SUCCESS)
def test_success_stamps_state_changed_at(cast, application_in, trigger, actor):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    fire_as(cast, app, trigger, actor)
    assert fresh(Application, app.id).state_changed_at == NOW


@pytest.mark.parametrize(("trigger", "actor"), SUCCESS)
def test_success_appends_one_audit_event_for_the_application(cast, application_in, trigger, actor):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    fire_as(cast, app, trigger, actor, comment="On the record.")
    [event] = events_of(app)
    assert (
        event.object_type,
        event.object_id,
        event.trigger,
        event.from_state,
        event.to_state,
        event.actor_id,
        event.comment,
        event.created_at,
    ) == (
        "application",
        app.id,
        trigger,
        SOURCE[trigger],
        APPLICATION.transition(trigger).dest,
        cast.actor(actor).id,
        "On the record.",
        NOW,
    )


def test_outcome_returns_the_event_it_wrote(cast, application_in):
    app = application_in("submitted")
    outcome = fire_as(cast, app, "start_review", "reviewer")
    assert outcome.event.id == events_of(app)[0].id


def test_audit_payload_of_select_partners_keeps_the_chosen_ids(cast, application_in):
    app = application_in("matchmaking")
    ids = payload_for("select_partners", app)["match_ids"]
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": ids})
    assert events_of(app)[0].payload == {"match_ids": ids}


def test_audit_payload_of_complete_keeps_the_rating(cast, application_in):
    app = application_in("implementing", match_state="selected")
    fire_as(cast, app, "complete", "reviewer", payload={"rating": "5"})
    assert events_of(app)[0].payload == {"rating": 5}


def test_audit_payload_is_empty_for_a_plain_trigger(cast, application_in):
    app = application_in("submitted")
    fire_as(cast, app, "start_review", "reviewer", payload={"ignored": True})
    assert events_of(app)[0].payload == {}


# Who hears about each trigger (the cast's reviewer is the assignee past submission;
# the cast's provider holds the selected match of a partnered application).
AUDIENCE = {
    ("submit", "owner"): {"reviewer"},
    ("start_review", "reviewer"): {"owner", "colleague"},
    ("request_clarification", "reviewer"): {"owner", "colleague"},
    ("answer_clarification", "owner"): {"reviewer"},
    ("give_feedback", "reviewer"): {"owner", "colleague"},
    ("decline", "admin"): {"owner", "colleague"},
    ("open_matchmaking", "reviewer"): {"owner", "colleague"},
    ("select_partners", "owner"): {"reviewer"},
    ("start_implementation", "owner"): {"colleague", "reviewer", "provider_user"},
    ("start_implementation", "reviewer"): {"owner", "colleague", "provider_user"},
    ("complete", "reviewer"): {"owner", "colleague", "provider_user"},
    ("withdraw", "owner"): {"reviewer"},
    ("reopen", "admin"): {"owner", "colleague", "reviewer"},
}


@pytest.mark.parametrize(
    ("trigger", "actor", "audience"),
    [pytest.param(t, a, who, id=f"{t}-by-{a}") for (t, a), who in AUDIENCE.items()],
)
def test_success_notifies_the_people_concerned_in_app(
    cast, application_in, trigger, actor, audience
):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    outcome = fire_as(cast, app, trigger, actor)
    assert recipients(Notification, outcome.event.id, cast) == audience


@pytest.mark.parametrize(
    ("trigger", "actor", "audience"),
    [pytest.param(t, a, who, id=f"{t}-by-{a}") for (t, a), who in AUDIENCE.items()],
)
def test_success_queues_one_email_per_person_concerned(
    cast, application_in, trigger, actor, audience
):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    outcome = fire_as(cast, app, trigger, actor)
    rows = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.event_id == outcome.event.id)
    ).all()
    assert sorted(r.to_email for r in rows) == sorted(cast.actor(n).email for n in audience)


def test_the_actor_is_never_notified_even_when_in_the_audience(cast, application_in):
    app = application_in("declined", assignee=cast.admin)
    outcome = fire_as(cast, app, "reopen", "admin")
    assert cast.admin.id not in set(
        db.session.scalars(
            select(Notification.user_id).where(Notification.event_id == outcome.event.id)
        )
    )


def test_an_inactive_user_is_not_notified(cast, application_in):
    cast.colleague.active = False
    db.session.commit()
    app = application_in("submitted")
    outcome = fire_as(cast, app, "start_review", "reviewer")
    assert recipients(Notification, outcome.event.id, cast) == {"owner"}


def test_submission_goes_to_the_admins_when_no_reviewer_covers_the_region(cast, application_in):
    cast.reviewer.regions = ["Europe"]
    db.session.commit()
    app = application_in("draft")
    outcome = fire_as(cast, app, "submit", "owner")
    assert recipients(Notification, outcome.event.id, cast) == {"admin"}


def test_the_notice_reads_the_recipients_label(cast, application_in):
    app = application_in("submitted")
    outcome = fire_as(cast, app, "start_review", "reviewer")
    notice = db.session.scalar(
        select(Notification).where(
            Notification.event_id == outcome.event.id, Notification.user_id == cast.owner.id
        )
    )
    assert "Under review" in notice.message and "in_review" not in notice.message
