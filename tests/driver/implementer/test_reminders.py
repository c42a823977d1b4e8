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


def _tender_reminders():
    stmt = select(OutboxMessage.user_id).where(
        OutboxMessage.kind == "reminder.tender_deadline_soon"
    )
    return list(db.session.scalars(stmt))


def test_providers_hear_once_that_a_tender_closes_within_three_days(pi, make_project):
    make_project("consultant_procurement", deadline=utcnow() + timedelta(days=2))
    send_reminders(now=utcnow())
    send_reminders(now=utcnow() + timedelta(hours=12))
    assert sorted(_tender_reminders()) == sorted([pi.consultant_user.id, pi.rival_user.id])


def test_a_tender_closing_later_is_not_reminded_yet(pi, make_project):
    make_project("consultant_procurement", deadline=utcnow() + timedelta(days=5))
    send_reminders(now=utcnow())
    assert _tender_reminders() == []
