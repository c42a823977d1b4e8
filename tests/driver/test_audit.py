"""The audit trail is append-only: an event, once written, is never changed or removed."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from driver import transitions
from driver.audit.models import AppendOnlyError, AuditEvent
from driver.extensions import db
from driver.solution_finder.services import BINDING


@pytest.fixture
def event(cast, application_in):
    """The audit event of a real start_review."""
    app = application_in("submitted")
    outcome = transitions.fire(BINDING, app.id, "start_review", cast.reviewer, comment="Mine.")
    return db.session.get(AuditEvent, outcome.event.id)


def stored(event_id):
    db.session.rollback()
    db.session.expire_all()
    return db.session.get(AuditEvent, event_id)


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("comment", "Rewritten."),
        ("to_state", "declined"),
        ("from_state", "draft"),
        ("trigger", "decline"),
        ("payload", {"forged": True}),
        ("actor_id", None),
    ],
)
def test_changing_an_event_raises(event, attribute, value):
    setattr(event, attribute, value)
    with pytest.raises(AppendOnlyError):
        db.session.commit()


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("comment", "Rewritten."), ("to_state", "declined"), ("payload", {"forged": True})],
)
def test_a_refused_change_leaves_the_event_as_it_was(event, attribute, value):
    before = getattr(event, attribute)
    setattr(event, attribute, value)
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    assert getattr(stored(event.id), attribute) == before


def test_changing_the_actor_relationship_raises(event, cast):
    event.actor = cast.admin
    with pytest.raises(AppendOnlyError):
        db.session.commit()


def test_deleting_an_event_raises(event):
    db.session.delete(event)
    with pytest.raises(AppendOnlyError):
        db.session.commit()


def test_a_refused_delete_keeps_the_event(event):
    event_id = event.id
    db.session.delete(event)
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    assert stored(event_id) is not None


def test_another_session_cannot_change_an_event_either(event):
    event_id = event.id
    db.session.rollback()  # SQLite: let the other session take the write lock
    with Session(db.engine) as other:
        copy = other.get(AuditEvent, event_id)
        copy.comment = "Rewritten elsewhere."
        with pytest.raises(AppendOnlyError):
            other.commit()


def test_setting_an_attribute_to_its_own_value_is_not_a_change(event):
    event.comment = event.comment
    db.session.commit()
    assert stored(event.id).comment == "Mine."


def test_appending_events_is_allowed(event, cast):
    db.session.add(
        AuditEvent(
            object_type="application",
            object_id=event.object_id,
            trigger="note",
            from_state="in_review",
            to_state="in_review",
            actor=cast.admin,
        )
    )
    db.session.commit()
    count = select(func.count(AuditEvent.id)).where(AuditEvent.object_id == event.object_id)
    assert db.session.scalar(count) == 2


def test_a_refused_change_does_not_lose_the_rest_of_the_history(event, cast):
    transitions.fire(BINDING, event.object_id, "give_feedback", cast.reviewer, comment="Promising.")
    first = db.session.get(AuditEvent, event.id)
    first.comment = "Rewritten."
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()
    app = db.session.get(BINDING.model, event.object_id)
    assert [(e.trigger, e.comment) for e in transitions.history(BINDING, app)] == [
        ("start_review", "Mine."),
        ("give_feedback", "Promising."),
    ]


@pytest.mark.parametrize(
    "statement",
    [update(AuditEvent).values(comment="rewritten"), delete(AuditEvent)],
    ids=["bulk update", "bulk delete"],
)
def test_bulk_statements_cannot_rewrite_history(statement):
    with pytest.raises(AppendOnlyError):
        db.session.execute(statement)
