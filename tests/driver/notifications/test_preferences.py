"""Each user chooses per kind: e-mail at once, daily digest, or in the centre only."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from driver.errors import Invalid
from driver.extensions import db
from driver.notifications.kinds import preferable_kinds
from driver.notifications.models import (
    DIGEST,
    IMMEDIATE,
    IN_APP,
    DigestItem,
    Notification,
    NotificationPreference,
    OutboxMessage,
)
from driver.notifications.outbox import deliver
from driver.notifications.services import preferences_of, save_preferences


def count(model, **where):
    stmt = select(func.count()).select_from(model).filter_by(**where)
    return db.session.scalar(stmt)


def choose(user, kind, delivery):
    save_preferences(user, language=user.language, choices={kind: delivery})


@pytest.mark.parametrize(
    ("delivery", "emails", "digest_items"),
    [(IMMEDIATE, 1, 0), (DIGEST, 0, 1), (IN_APP, 0, 0)],
)
def test_delivery_choice_decides_the_email(cast, submitted, delivery, emails, digest_items):
    choose(cast.reviewer, "application.submit", delivery)
    submitted(1)
    assert (count(OutboxMessage), count(DigestItem)) == (emails, digest_items)


@pytest.mark.parametrize("delivery", [IMMEDIATE, DIGEST, IN_APP])
def test_every_choice_keeps_the_in_app_notice(cast, submitted, delivery):
    choose(cast.reviewer, "application.submit", delivery)
    submitted(1)
    assert count(Notification, user_id=cast.reviewer.id) == 1


def test_in_app_only_sends_no_email_over_smtp(cast, submitted, smtp, t0):
    choose(cast.reviewer, "application.submit", IN_APP)
    submitted(1)
    deliver(settings=smtp.settings, now=t0)
    assert smtp.inbox.messages == []


def test_a_choice_applies_only_to_its_kind(cast, submitted, make_application):
    choose(cast.reviewer, "application.start_review", IN_APP)
    submitted(1)
    assert count(OutboxMessage, user_id=cast.reviewer.id) == 1


def test_a_choice_applies_only_to_its_user(cast, submitted, make_user):
    other = make_user("reviewer")
    choose(cast.reviewer, "application.submit", IN_APP)
    submitted(1)
    assert count(OutboxMessage, user_id=other.id) == 1


def test_without_a_choice_every_kind_is_immediate(cast):
    assert set(preferences_of(cast.owner).values()) == {IMMEDIATE}


def test_choosing_immediate_again_keeps_no_row(cast):
    choose(cast.owner, "application.start_review", DIGEST)
    choose(cast.owner, "application.start_review", IMMEDIATE)
    assert count(NotificationPreference, user_id=cast.owner.id) == 0


@pytest.mark.parametrize(
    "choices",
    [{"application.submit": "weekly"}, {"no.such_kind": IN_APP}, {"digest": IN_APP}],
    ids=["unknown delivery", "unknown kind", "the digest itself"],
)
def test_impossible_choices_are_refused(cast, choices):
    with pytest.raises(Invalid):
        save_preferences(cast.owner, language="en", choices=choices)


def test_unknown_language_is_refused(cast):
    with pytest.raises(Invalid):
        save_preferences(cast.owner, language="xx", choices={})


# -- the page --------------------------------------------------------------------------


def form_data(language="en", **changes):
    """What the page posts: every kind's select (immediate unless changed) and the language."""
    data = {f"kind__{k.name.replace('.', '__')}": IMMEDIATE for k in preferable_kinds()}
    return {**data, "language": language, **changes}


def test_account_page_links_the_settings(browser, cast):
    html = browser(cast.owner).get("/account").get_data(as_text=True)
    assert 'href="/account/notifications"' in html


def test_settings_page_shows_every_kind_with_a_label(browser, cast):
    html = browser(cast.owner).get("/account/notifications").get_data(as_text=True)
    assert "Ask the city a question" in html and "Unanswered partner offer" in html


def test_settings_page_saves_a_choice(browser, cast):
    visitor = browser(cast.owner)
    visitor.get("/account/notifications")
    response = visitor.post(
        "/account/notifications",
        form_data(kind__application__start_review=IN_APP),
    )
    assert (response.status_code, preferences_of(cast.owner)["application.start_review"]) == (
        302,
        IN_APP,
    )


def test_settings_page_saves_the_language(browser, cast):
    visitor = browser(cast.owner)
    visitor.get("/account/notifications")
    visitor.post("/account/notifications", form_data("ko"))
    db.session.expire_all()
    assert cast.owner.language == "ko"


def test_settings_page_refuses_an_unknown_choice_keeping_the_rest(browser, cast):
    visitor = browser(cast.owner)
    visitor.get("/account/notifications")
    response = visitor.post(
        "/account/notifications",
        form_data("fr", kind__application__start_review="hourly"),
    )
    html = response.get_data(as_text=True)
    assert (response.status_code, '<option selected value="fr">' in html) == (422, True)


def test_settings_page_needs_a_csrf_token(client, browser, cast):
    visitor = browser(cast.owner)
    response = visitor.client.post("/account/notifications", data={"language": "ko"})
    assert response.status_code == 400


def test_settings_page_needs_a_signed_in_user(client):
    assert client.get("/account/notifications").status_code == 302
