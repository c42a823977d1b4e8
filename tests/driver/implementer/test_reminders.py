"""Reminders of the Project Implementer: an eligible proposal waiting for scores."""

from datetime import timedelta

from sqlalchemy import select

from driver.db import utcnow
from driver.extensions import db
from driver.notifications.models import OutboxMessage
from driver.notifications.reminders import send_reminders


def _reminded():
    stmt = select(OutboxMessage.user_id).where(OutboxMessage.kind == "reminder.proposal_unscored")
    return set(db.session.scalars(stmt))


def test_an_eligible_proposal_left_unscored_is_reminded_to_the_reviewers(pi, make_proposal):
    make_proposal("eligible", state_changed_at=utcnow() - timedelta(days=8))
    send_reminders(now=utcnow())
    assert _reminded() >= {pi.reviewer.id, pi.reviewer2.id}


def test_the_reminder_goes_out_once_per_wait(pi, make_proposal):
    make_proposal("eligible", state_changed_at=utcnow() - timedelta(days=8))
    send_reminders(now=utcnow())
    first = len(_reminded())
    send_reminders(now=utcnow() + timedelta(days=1))
    stmt = select(OutboxMessage).where(OutboxMessage.kind == "reminder.proposal_unscored")
    assert len(db.session.scalars(stmt).all()) == first


def test_a_fresh_eligible_proposal_is_not_reminded(pi, make_proposal):
    make_proposal("eligible", state_changed_at=utcnow() - timedelta(days=1))
    send_reminders(now=utcnow())
    assert _reminded() == set()
