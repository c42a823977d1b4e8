"""The daily digest groups a user's items into one e-mail; reminders go out once per wait."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from driver import transitions
from driver.extensions import db
from driver.matchmaking.services import BINDING as MATCH_BINDING
from driver.notifications import reminders
from driver.notifications.digest import send_digests
from driver.notifications.models import DIGEST, IN_APP, Notification, OutboxMessage, Reminder
from driver.notifications.outbox import deliver
from driver.notifications.reminders import send_reminders
from driver.notifications.services import save_preferences
from driver.solution_finder.services import BINDING


def emails(**where):
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).filter_by(**where)))


@pytest.fixture
def digesting(cast):
    save_preferences(cast.reviewer, language="en", choices={"application.submit": DIGEST})
    return cast.reviewer


# -- digest ----------------------------------------------------------------------------


def test_digest_sends_one_email_for_all_the_items(digesting, submitted, hours):
    submitted(3)
    assert (send_digests(now=hours(24)), len(emails(kind="digest"))) == (1, 1)


def test_digest_lists_every_item(digesting, submitted, hours):
    submitted(2, title="Flood warnings")
    send_digests(now=hours(24))
    body = emails(kind="digest")[0].body_text
    assert "Flood warnings 1" in body and "Flood warnings 2" in body


def test_digest_groups_the_items_of_one_object(digesting, cast, make_application, hours, t0):
    app = make_application(cast.owner, state="draft", title="Flood warnings")
    transitions.fire(BINDING, app.id, "submit", cast.owner, now=t0)
    transitions.fire(BINDING, app.id, "withdraw", cast.owner, now=hours(1))
    save_preferences(cast.reviewer, language="en", choices={"application.withdraw": DIGEST})
    other = make_application(cast.owner, state="draft", title="Smart lighting")
    transitions.fire(BINDING, other.id, "submit", cast.owner, now=hours(2))
    send_digests(now=hours(24))
    body = emails(kind="digest")[0].body_text
    assert body.count(f"/applications/{app.id}\n") == 1


def test_digest_runs_once_when_run_twice(digesting, submitted, hours):
    submitted(2)
    send_digests(now=hours(24))
    assert (send_digests(now=hours(25)), len(emails(kind="digest"))) == (0, 1)


def test_digest_leaves_items_after_its_time_for_the_next(digesting, submitted, hours, t0):
    submitted(1, now=t0)
    submitted(1, now=hours(30))
    send_digests(now=hours(24))
    assert send_digests(now=hours(48)) == 1


def test_digest_counts_in_its_subject(digesting, submitted, hours):
    submitted(3)
    send_digests(now=hours(24))
    assert emails(kind="digest")[0].subject == "Your daily summary: 3 updates"


def test_digest_goes_to_no_disabled_user(digesting, submitted, hours):
    submitted(1)
    digesting.active = False
    db.session.commit()
    assert send_digests(now=hours(24)) == 0


def test_digest_is_delivered_over_smtp_with_both_parts(digesting, submitted, smtp, hours):
    submitted(2)
    send_digests(now=hours(24))
    deliver(settings=smtp.settings, now=hours(24))
    email = smtp.inbox.messages[0]
    assert [p.get_content_type() for p in email.iter_parts()] == ["text/plain", "text/html"]


def test_digest_command_puts_the_digests_in_the_outbox(runner, digesting, submitted):
    submitted(1)
    result = runner.invoke(args=["notifications", "digest"])
    assert (result.output.strip(), len(emails(kind="digest"))) == (
        "1 digest(s) put in the outbox.",
        1,
    )


# -- reminders --------------------------------------------------------------------------


@pytest.fixture
def asked(cast, make_application, t0):
    """An application whose city was asked a question at ``t0``."""
    app = make_application(cast.owner, state="in_review", assignee=cast.reviewer)
    transitions.fire(BINDING, app.id, "request_clarification", cast.reviewer, comment="Q?", now=t0)
    return app


def reminder_emails():
    return emails(kind="reminder.clarification_unanswered")


def test_an_unanswered_question_is_reminded_to_the_city(cast, asked, t0):
    send_reminders(now=t0 + timedelta(days=8))
    assert {m.user_id for m in reminder_emails()} == {cast.owner.id, cast.colleague.id}


def test_a_question_is_not_reminded_before_its_days(asked, t0):
    send_reminders(now=t0 + timedelta(days=6))
    assert reminder_emails() == []


def test_a_reminder_goes_out_once_per_wait(cast, asked, t0):
    for day in (8, 9, 30):
        send_reminders(now=t0 + timedelta(days=day))
    assert len(reminder_emails()) == 2  # one per city user, once


def test_a_new_wait_gets_its_own_reminder(cast, asked, t0):
    send_reminders(now=t0 + timedelta(days=8))
    later = t0 + timedelta(days=9)
    transitions.fire(BINDING, asked.id, "answer_clarification", cast.owner, comment="A", now=later)
    transitions.fire(
        BINDING, asked.id, "request_clarification", cast.reviewer, comment="Q2?", now=later
    )
    send_reminders(now=later + timedelta(days=8))
    assert db.session.scalar(select(func.count(Reminder.id))) == 2


def test_an_answered_question_is_not_reminded(cast, asked, t0):
    transitions.fire(BINDING, asked.id, "answer_clarification", cast.owner, comment="A", now=t0)
    send_reminders(now=t0 + timedelta(days=8))
    assert reminder_emails() == []


def test_the_reminder_says_how_long_it_waited(cast, asked, t0):
    send_reminders(now=t0 + timedelta(days=8))
    assert "8 days ago" in reminder_emails()[0].body_text


def test_the_reminder_is_also_in_the_centre(cast, asked, t0):
    send_reminders(now=t0 + timedelta(days=8))
    kinds = set(
        db.session.scalars(select(Notification.kind).where(Notification.user_id == cast.owner.id))
    )
    assert "reminder.clarification_unanswered" in kinds


def test_a_reminder_honours_the_in_app_choice(cast, asked, t0):
    save_preferences(
        cast.owner, language="en", choices={"reminder.clarification_unanswered": IN_APP}
    )
    send_reminders(now=t0 + timedelta(days=8))
    assert [m.user_id for m in reminder_emails()] == [cast.colleague.id]


def test_an_unanswered_offer_is_reminded_to_the_provider(cast, make_application, make_match, t0):
    app = make_application(cast.owner, state="matchmaking", assignee=cast.reviewer)
    match = make_match(app, cast.provider)
    match.state_changed_at = t0
    db.session.commit()
    send_reminders(now=t0 + timedelta(days=8))
    assert [m.user_id for m in emails(kind="reminder.offer_unanswered")] == [cast.provider_user.id]


def test_days_are_configurable_per_rule(app, monkeypatch, asked, t0):
    monkeypatch.setitem(app.config, "REMINDER_DAYS_BY_RULE", {"clarification_unanswered": 3})
    send_reminders(now=t0 + timedelta(days=4))
    assert len(reminder_emails()) == 2


def test_a_reminder_is_delivered_once_over_smtp(cast, asked, smtp, t0):
    now = t0 + timedelta(days=8)
    send_reminders(now=now)
    send_reminders(now=now + timedelta(days=1))
    deliver(settings=smtp.settings, now=now + timedelta(days=1))
    subjects = [m["Subject"] for m in smtp.inbox.messages if m["To"] == cast.owner.email]
    assert [s for s in subjects if s.startswith("Reminder:")] == [
        "Reminder: WeGO waits for your answer on “Flood warnings for the river district”"
    ]


def test_remind_command_sends_the_reminders(runner, asked):
    result = runner.invoke(args=["notifications", "remind"])
    assert result.output.startswith("1 reminder(s) sent")


@dataclass(frozen=True)
class DeadlineRule(reminders.ReminderRule):
    """A rule of another feature: a deadline three days ahead, keyed by the deadline."""

    name: str = "test_deadline"
    label: str = "Deadline in 3 days"
    subject: str = "Deadline: {{ title }}"
    body: str = "Hello {{ recipient }}, the deadline is near."
    deadline: object = None
    obj: object = None

    def waiting(self, now, after):
        if self.deadline - now <= timedelta(days=3):
            yield reminders.Waiting(MATCH_BINDING, self.obj, self.deadline, ("provider",))


def test_another_feature_registers_a_rule_in_a_few_lines(
    monkeypatch, cast, make_application, make_match, t0
):
    match = make_match(make_application(cast.owner, state="matchmaking"), cast.provider)
    monkeypatch.setattr(reminders, "RULES", {})
    reminders.register(DeadlineRule(deadline=t0 + timedelta(days=10), obj=match))
    for day in (6, 7, 8, 9):
        send_reminders(now=t0 + timedelta(days=day))
    assert len(emails(kind="reminder.test_deadline")) == 1
