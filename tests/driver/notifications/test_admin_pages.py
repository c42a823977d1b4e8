"""The admin's e-mail pages: wording per kind with a preview, and the outbox with retries."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from driver.db import utcnow
from driver.extensions import db
from driver.notifications.models import NotificationTemplate, OutboxMessage

KIND_URL = "/admin/emails/application.start_review"


@pytest.fixture
def admin(make_user):
    return make_user("admin")


def stored(kind="application.start_review", language="en"):
    db.session.expire_all()
    return db.session.scalar(
        select(NotificationTemplate).where(
            NotificationTemplate.kind == kind, NotificationTemplate.language == language
        )
    )


def post_wording(visitor, subject, body="Hello {{ recipient }}.", action="save", url=KIND_URL):
    visitor.get(url)
    return visitor.post(url, {"subject": subject, "body": body, "action": action})


@pytest.mark.parametrize(
    "url",
    [
        "/admin/emails",
        KIND_URL,
        "/admin/outbox",
    ],
)
@pytest.mark.parametrize("role", ["city", "provider", "reviewer"])
def test_email_pages_are_not_found_for_anyone_but_an_admin(browser, make_user, url, role):
    assert browser(make_user(role)).get(url).status_code == 404


def test_the_list_names_every_kind(browser, admin):
    html = browser(admin).get("/admin/emails").get_data(as_text=True)
    assert "application.request_clarification" in html and "reminder.offer_unanswered" in html


def test_an_unknown_kind_is_not_found(browser, admin):
    assert browser(admin).get("/admin/emails/no.such_kind").status_code == 404


def test_the_edit_page_starts_from_the_shipped_wording(browser, admin):
    html = browser(admin).get(KIND_URL).get_data(as_text=True)
    assert "WeGO is reviewing “{{ title }}”" in html


def test_the_edit_page_previews_the_current_wording(browser, admin):
    html = browser(admin).get(KIND_URL).get_data(as_text=True)
    assert "WeGO is reviewing “Flood warnings for the river district”" in html


def test_preview_renders_the_typed_wording_without_saving(browser, admin):
    response = post_wording(browser(admin), "Begun: {{ title }}", action="preview")
    html = response.get_data(as_text=True)
    assert ("Begun: Flood warnings for the river district" in html, stored()) == (True, None)


def test_save_keeps_the_wording(browser, admin):
    post_wording(browser(admin), "Begun: {{ title }}")
    assert stored().subject == "Begun: {{ title }}"


def test_save_records_who_changed_it(browser, admin):
    post_wording(browser(admin), "Begun: {{ title }}")
    assert stored().updated_by_id == admin.id


def test_save_in_another_language_keeps_english_alone(browser, admin):
    post_wording(browser(admin), "Revisión: {{ title }}", url=f"{KIND_URL}?language=es")
    assert (stored(language="es").subject, stored()) == ("Revisión: {{ title }}", None)


@pytest.mark.parametrize("action", ["preview", "save"])
def test_an_unsafe_wording_is_refused_with_the_typed_text(browser, admin, action):
    subject = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    response = post_wording(browser(admin), subject, action=action)
    html = response.get_data(as_text=True)
    assert (response.status_code, "not allowed" in html, "__subclasses__" in html) == (
        422,
        True,
        True,
    )


def test_an_unsafe_wording_is_not_saved(browser, admin):
    post_wording(browser(admin), "{{ ''.__class__.__mro__ }}")
    assert stored() is None


def test_an_unknown_placeholder_is_refused(browser, admin):
    response = post_wording(browser(admin), "Hi", body="{{ password }}")
    assert response.status_code == 422


def test_an_empty_subject_is_refused(browser, admin):
    assert post_wording(browser(admin), "").status_code == 422


def test_reset_goes_back_to_the_shipped_wording(browser, admin):
    visitor = browser(admin)
    post_wording(visitor, "Begun: {{ title }}")
    visitor.get(KIND_URL)
    visitor.post(f"{KIND_URL}/reset?language=en")
    assert stored() is None


def test_the_admin_navigation_links_the_email_pages(browser, admin):
    html = browser(admin).get("/dashboard").get_data(as_text=True)
    assert 'href="/admin/emails"' in html


# -- outbox ---------------------------------------------------------------------------------


@pytest.fixture
def make_message(admin):
    def make(*, failed=False, sent=False, error=None):
        message = OutboxMessage(
            kind="application.submit",
            message_id=f"<{utcnow().timestamp()}-{failed}-{sent}@driver.test>",
            to_email="someone@example.org",
            subject="Subject",
            body_text="Text",
            link="/applications/1",
            failed_at=utcnow() if failed else None,
            sent_at=utcnow() if sent else None,
            attempts=8 if failed else 0,
            last_error=error or ("SMTPRecipientsRefused: 550" if failed else None),
        )
        db.session.add(message)
        db.session.commit()
        return message

    return make


def test_outbox_page_counts_pending_and_failed(browser, admin, make_message):
    make_message()
    make_message(failed=True)
    html = browser(admin).get("/admin/outbox").get_data(as_text=True)
    assert "<dt>Waiting to be sent</dt><dd>1" in html and "<dt>Failed</dt><dd>1" in html


def test_outbox_page_shows_the_last_error(browser, admin, make_message):
    make_message(failed=True, error="SMTPRecipientsRefused: 550 No such mailbox")
    html = browser(admin).get("/admin/outbox").get_data(as_text=True)
    assert "550 No such mailbox" in html


def test_retry_puts_a_failed_message_back_in_the_queue(browser, admin, make_message):
    message = make_message(failed=True)
    visitor = browser(admin)
    visitor.get("/admin/outbox")
    visitor.post(f"/admin/outbox/{message.id}/retry")
    db.session.expire_all()
    assert (message.status, message.attempts) == ("pending", 0)


def test_retry_of_a_sent_message_changes_nothing(browser, admin, make_message):
    message = make_message(sent=True)
    visitor = browser(admin)
    visitor.get("/admin/outbox")
    response = visitor.post(f"/admin/outbox/{message.id}/retry", follow_redirects=True)
    db.session.expire_all()
    assert (message.status, "Only a message that failed" in response.get_data(as_text=True)) == (
        "sent",
        True,
    )


def test_retry_of_a_missing_message_is_not_found(browser, admin):
    visitor = browser(admin)
    visitor.get("/admin/outbox")
    assert visitor.post("/admin/outbox/4242/retry").status_code == 404
