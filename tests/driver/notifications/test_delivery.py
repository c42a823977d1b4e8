"""The outbox worker against a real SMTP server: both parts, IDs, retries, no double sending."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from driver.extensions import db
from driver.notifications.models import OutboxMessage
from driver.notifications.outbox import Retry, _record, claim, deliver, deliver_due


def test_delivery_sends_the_queued_email(smtp, submitted, cast, t0):
    submitted(1)
    deliver(settings=smtp.settings, now=t0)
    assert [m["To"] for m in smtp.inbox.messages] == [cast.reviewer.email]


def test_delivered_email_has_a_plain_text_and_an_html_part(smtp, submitted, t0):
    submitted(1)
    deliver(settings=smtp.settings, now=t0)
    email = smtp.inbox.messages[0]
    assert [p.get_content_type() for p in email.iter_parts()] == ["text/plain", "text/html"]


def test_delivered_email_carries_the_rows_message_id(smtp, submitted, outbox, t0):
    submitted(1)
    deliver(settings=smtp.settings, now=t0)
    assert smtp.inbox.ids() == [outbox()[0].message_id]


@pytest.mark.parametrize("part", ["text/plain", "text/html"])
def test_both_parts_link_to_the_object(smtp, submitted, t0, part):
    app_id = submitted(1)[0]
    deliver(settings=smtp.settings, now=t0)
    body = smtp.inbox.messages[0].get_body(preferencelist=(part.split("/")[1],)).get_content()
    assert f"http://driver.test/applications/{app_id}" in body


def test_the_subject_is_the_kinds_wording(smtp, submitted, t0):
    submitted(1, title="Flood warnings")
    deliver(settings=smtp.settings, now=t0)
    assert smtp.inbox.messages[0]["Subject"] == "New application to review: Flood warnings 1"


def test_sent_message_is_marked_sent(smtp, submitted, outbox, t0):
    submitted(1)
    deliver(settings=smtp.settings, now=t0)
    assert (outbox()[0].status, outbox()[0].sent_at) == ("sent", t0)


def test_a_sent_message_is_not_sent_again(smtp, submitted, t0):
    submitted(1)
    deliver(settings=smtp.settings, now=t0)
    deliver(settings=smtp.settings, now=t0 + timedelta(hours=1))
    assert len(smtp.inbox.messages) == 1


def test_a_message_is_not_sent_before_its_time(smtp, submitted, t0):
    submitted(1)
    deliver(settings=smtp.settings, now=t0 - timedelta(seconds=1))
    assert smtp.inbox.messages == []


def test_message_ids_differ_between_messages(smtp, submitted, t0):
    submitted(3)
    deliver(settings=smtp.settings, now=t0)
    assert len(set(smtp.inbox.ids())) == 3


# -- the server is down ---------------------------------------------------------------


def test_server_down_records_the_failure(smtp, submitted, outbox, t0):
    submitted(1)
    smtp.stop()
    deliver(settings=smtp.settings, now=t0)
    message = outbox()[0]
    assert (message.status, message.attempts, message.last_error is not None) == (
        "pending",
        1,
        True,
    )


def test_server_down_loses_no_message(smtp, submitted, outbox, t0):
    submitted(2)
    smtp.stop()
    deliver(settings=smtp.settings, now=t0)
    assert [m.status for m in outbox()] == ["pending", "pending"]


def test_retry_waits_for_the_back_off(smtp, submitted, outbox, t0):
    submitted(1)
    smtp.stop()
    deliver(settings=smtp.settings, now=t0)
    assert outbox()[0].next_attempt_at == t0 + timedelta(minutes=1)


def test_message_is_sent_once_after_the_server_is_back(smtp, submitted, t0):
    submitted(1)
    smtp.stop()
    deliver(settings=smtp.settings, now=t0)
    smtp.start()
    deliver(settings=smtp.settings, now=t0 + timedelta(minutes=1))
    deliver(settings=smtp.settings, now=t0 + timedelta(hours=1))
    assert len(smtp.inbox.messages) == 1


def test_retry_keeps_the_message_id(smtp, submitted, outbox, t0):
    submitted(1)
    smtp.stop()
    deliver(settings=smtp.settings, now=t0)
    smtp.start()
    deliver(settings=smtp.settings, now=t0 + timedelta(minutes=1))
    assert smtp.inbox.ids() == [outbox()[0].message_id]


def test_no_retry_before_the_back_off_has_passed(smtp, submitted, t0):
    submitted(1)
    smtp.stop()
    deliver(settings=smtp.settings, now=t0)
    smtp.start()
    deliver(settings=smtp.settings, now=t0 + timedelta(seconds=59))
    assert smtp.inbox.messages == []


@pytest.mark.parametrize(("attempts", "wait"), [(1, 1), (2, 2), (3, 4), (4, 8), (12, 360)])
def test_back_off_doubles_up_to_a_ceiling(attempts, wait):
    assert Retry().wait_after(attempts) == timedelta(minutes=wait)


def test_last_allowed_attempt_marks_the_message_failed(smtp, submitted, outbox, t0):
    submitted(1)
    smtp.stop()
    retry = Retry(max_attempts=2)
    deliver(settings=smtp.settings, now=t0, retry=retry)
    deliver(settings=smtp.settings, now=t0 + timedelta(hours=1), retry=retry)
    message = outbox()[0]
    assert (message.status, message.attempts, bool(message.last_error)) == ("failed", 2, True)


def test_a_failed_message_is_not_tried_again(smtp, submitted, t0):
    submitted(1)
    smtp.stop()
    deliver(settings=smtp.settings, now=t0, retry=Retry(max_attempts=1))
    smtp.start()
    deliver(settings=smtp.settings, now=t0 + timedelta(days=1))
    assert smtp.inbox.messages == []


def test_a_permanently_refused_recipient_fails_at_once(smtp, submitted, outbox, cast, t0):
    smtp.inbox.refuse.add(cast.reviewer.email)
    submitted(1)
    deliver(settings=smtp.settings, now=t0)
    message = outbox()[0]
    assert (message.status, "550" in message.last_error) == ("failed", True)


def test_a_refused_recipient_does_not_stop_the_others(smtp, submitted, make_user, cast, t0):
    make_user("reviewer", email="second@example.org")
    smtp.inbox.refuse.add(cast.reviewer.email)
    submitted(1)
    deliver(settings=smtp.settings, now=t0)
    assert [m["To"] for m in smtp.inbox.messages] == ["second@example.org"]


# -- claims and workers -----------------------------------------------------------------


def test_claimed_messages_are_skipped_by_another_worker(submitted, t0):
    submitted(2)
    _, first = claim(10, t0, timedelta(minutes=5))
    _, second = claim(10, t0, timedelta(minutes=5))
    assert (len(first), len(second)) == (2, 0)


def test_a_dead_workers_claim_is_taken_over_after_its_lease(smtp, submitted, t0):
    submitted(1)
    claim(10, t0, timedelta(minutes=5))  # a worker that claimed and died
    deliver(settings=smtp.settings, now=t0 + timedelta(minutes=5))
    assert len(smtp.inbox.messages) == 1


def test_a_late_worker_does_not_overwrite_a_result(smtp, submitted, outbox, t0):
    submitted(1)
    token, _ = claim(10, t0, timedelta(minutes=5))
    deliver(settings=smtp.settings, now=t0 + timedelta(minutes=5))  # takes it over, sends it
    _record(outbox()[0], token, failed_at=t0, last_error="late")
    assert outbox()[0].status == "sent"


def test_deliver_due_sends_batch_after_batch(smtp, submitted, t0):
    submitted(5)
    report = deliver_due(batch=2, settings=smtp.settings, now=t0)
    assert (report.sent, len(smtp.inbox.messages)) == (5, 5)


def test_two_workers_send_each_message_once(app, smtp, submitted, t0):
    submitted(12)
    db.session.commit()
    start = threading.Barrier(2)
    problems: list[BaseException] = []

    def worker() -> None:
        try:
            with app.app_context():
                start.wait()
                while deliver(batch=2, settings=smtp.settings, now=t0).claimed:
                    pass
        except BaseException as exc:
            problems.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = smtp.inbox.ids()
    assert (problems, len(ids), len(set(ids))) == ([], 12, 12)


def test_claim_skips_rows_another_transaction_holds(postgres_only, app, submitted, outbox, t0):
    submitted(4)
    held = [m.id for m in outbox()[:2]]
    db.session.commit()
    with db.engine.connect() as other:
        other.execute(text("SET lock_timeout = '5s'"))
        other.execute(
            select(OutboxMessage.id).where(OutboxMessage.id.in_(held)).with_for_update()
        ).all()
        _, claimed = claim(10, t0, timedelta(minutes=5))
        other.rollback()
    assert sorted(m.id for m in claimed) == sorted(m.id for m in outbox()[2:])


@pytest.fixture
def postgres_only(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL-only: SQLite has no row locks (it locks the whole file)")


# -- the command --------------------------------------------------------------------------


def test_deliver_command_once_sends_what_is_due(runner, use_smtp, submitted, outbox):
    submitted(2)
    db.session.execute(update(OutboxMessage).values(next_attempt_at=OutboxMessage.created_at))
    db.session.commit()
    result = runner.invoke(args=["outbox", "deliver", "--once"])
    assert (result.exit_code, len(use_smtp.inbox.messages)) == (0, 2), result.output


def test_deliver_command_fails_when_the_server_is_down(runner, use_smtp, submitted):
    submitted(1)
    use_smtp.stop()
    result = runner.invoke(args=["outbox", "deliver", "--once"])
    assert (result.exit_code, "1 to retry later" in result.output) == (1, True)
