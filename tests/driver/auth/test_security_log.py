"""The security log: sign-ins, failures, refusals and account changes, in a table and a logger."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import select

from driver.api.auth import issue_token
from driver.auth.services import change_active
from driver.db import utcnow
from driver.extensions import db
from driver.security_log.models import AppendOnlyError, SecurityEvent
from driver.security_log.services import record

PASSWORD = "correct horse battery staple"


def events(kind: str | None = None) -> list[SecurityEvent]:
    db.session.expire_all()
    stmt = select(SecurityEvent).order_by(SecurityEvent.id)
    if kind:
        stmt = stmt.where(SecurityEvent.kind == kind)
    return list(db.session.scalars(stmt))


def test_a_sign_in_is_logged_with_where_it_came_from(browser, make_user):
    user = make_user("city")
    b = browser()
    b.post("/login", {"email": user.email, "password": PASSWORD}, headers={"User-Agent": "Probe/1"})
    (event,) = events("sign_in")
    assert (event.user_id, event.email, event.method, event.path) == (
        user.id,
        user.email,
        "POST",
        "/login",
    )
    assert event.ip == "127.0.0.1" and event.user_agent == "Probe/1"
    assert event.detail == {"method": "password"}


@pytest.mark.parametrize(
    ("who", "password", "reason"),
    [
        ("nobody@example.org", PASSWORD, "unknown account"),
        ("<user>", "not the password", "wrong password"),
    ],
)
def test_a_failed_sign_in_is_logged_with_its_reason(browser, make_user, who, password, reason):
    user = make_user("city")
    email = user.email if who == "<user>" else who
    response = browser().post("/login", {"email": email, "password": password})
    assert "The email or password is not right." in response.get_data(as_text=True)
    (event,) = events("sign_in_failed")
    assert event.email == email and event.detail["reason"] == reason
    assert event.user_id == (user.id if who == "<user>" else None)


def test_the_page_does_not_tell_unknown_accounts_from_wrong_passwords(browser, make_user):
    user = make_user("city")
    unknown = browser().post("/login", {"email": "x@example.org", "password": PASSWORD})
    wrong = browser().post("/login", {"email": user.email, "password": "not it at all"})
    assert unknown.status_code == wrong.status_code
    assert _alert(unknown) == _alert(wrong)


def _alert(response) -> str:
    html = response.get_data(as_text=True)
    return html[html.index('role="alert"') :].split("</div>", 1)[0]


def test_a_disabled_account_signing_in_is_logged(browser, make_user):
    user = make_user("city", active=False)
    browser().post("/login", {"email": user.email, "password": PASSWORD})
    assert events("sign_in_failed")[0].detail["reason"] == "account disabled"


def test_sign_out_and_password_change_are_logged(browser, make_user):
    user = make_user("city")
    b = browser(user)
    new = "a completely new phrase"
    b.post("/account", {"current_password": PASSWORD, "new_password": new, "confirm_password": new})
    b.get("/account")
    b.post("/logout")
    assert [e.kind for e in events() if e.kind != "sign_in"] == ["password_changed", "sign_out"]


def test_disabling_an_account_is_logged_with_the_admin(make_user):
    admin, user = make_user("admin"), make_user("city")
    change_active(admin, user.id, False)
    (event,) = events("account_disabled")
    assert event.user_id == user.id and event.detail == {"by": admin.email}


def test_tokens_issued_and_revoked_are_logged(client, make_user):
    user = make_user("city")
    body = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD})
    token = body.get_json()["token"]
    client.delete("/api/v1/auth/token", headers={"Authorization": f"Bearer {token}"})
    kinds = [e.kind for e in events()]
    assert kinds == ["sign_in", "token_issued", "token_revoked"]


def test_a_bad_token_is_logged_but_a_call_without_one_is_not(client):
    client.get("/api/v1/areas")
    assert events() == []
    client.get("/api/v1/areas", headers={"Authorization": "Bearer forged"})
    (event,) = events("token_refused")
    assert event.path == "/api/v1/areas"


def test_an_out_of_scope_page_is_logged_as_a_refusal(browser, make_user, make_application):
    owner, other = make_user("city"), make_user("city")
    application = make_application(owner)
    assert browser(other).get(f"/applications/{application.id}").status_code == 404
    (event,) = events("not_found")
    assert event.user_id == other.id and event.path == f"/applications/{application.id}"


def test_a_forbidden_api_call_is_logged(client, make_user):
    city = make_user("city")
    token = issue_token(city).secret
    response = client.post(
        "/api/v1/users",
        json={"email": "new@we-gov.org", "password": "a good long phrase", "role": "admin"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 403
    (event,) = events("forbidden")
    assert event.user_id == city.id and "admin" in event.detail["detail"]


def test_a_refused_write_is_rolled_back_but_its_event_is_kept(browser, make_user, make_application):
    owner, other = make_user("city"), make_user("city")
    application = make_application(owner)
    b = browser(other)
    b.get("/applications")
    response = b.post(f"/applications/{application.id}/transitions/withdraw", {"comment": "mine"})
    assert response.status_code == 404
    db.session.refresh(application)
    assert application.state == "draft"
    assert [e.path for e in events("not_found")] == [
        f"/applications/{application.id}/transitions/withdraw"
    ]


def test_every_event_also_goes_to_the_security_logger(caplog, make_user):
    user = make_user("city")
    with caplog.at_level(logging.INFO, logger="driver.security"):
        record("sign_out", user=user, commit=True)
    (entry,) = [r for r in caplog.records if r.name == "driver.security"]
    payload = json.loads(entry.getMessage())
    assert payload["kind"] == "sign_out" and payload["user_id"] == user.id


def test_events_are_append_only(make_user):
    event = record("sign_out", user=make_user("city"), commit=True)
    event.kind = "sign_in"
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(AppendOnlyError):
        db.session.execute(db.delete(SecurityEvent))


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown security event kind"):
        record("made_up")


# -- the admin page ---------------------------------------------------------------------------


@pytest.fixture
def logged(make_user):
    """Three events: two sign-ins (one a day old) and a failure."""
    kim, lee = make_user("city", email="kim@suwon.go.kr"), make_user("city", email="lee@busan.kr")
    old = record("sign_in", user=kim)
    old.created_at = utcnow() - timedelta(days=1)
    record("sign_in", user=lee)
    record("sign_in_failed", email="kim@suwon.go.kr", reason="wrong password")
    db.session.commit()
    return kim, lee


def _rows(response) -> int:
    """The events a page lists (its table's rows, less the header row; none without a table)."""
    return max(response.get_data(as_text=True).count("<tr>") - 1, 0)


def test_the_admin_reads_the_log_newest_first(browser, make_user, logged):
    page = browser(make_user("admin")).get("/admin/security/events")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    newest_first = html.index("Sign-in failed") < html.index("lee@busan.kr")
    assert newest_first and html.index("lee@busan.kr") < html.rindex("kim@suwon.go.kr")


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        # The admin's own sign-in (today) is in the log too.
        ("kind=sign_in", 3),
        ("kind=sign_in_failed", 1),
        ("email=KIM@", 2),
        ("email=busan", 1),
        ("since=<today>", 3),
        ("until=<yesterday>", 1),
        ("kind=sign_in&until=<yesterday>", 1),
        ("kind=sign_out", 0),  # the page says so: "No event matches these filters."
    ],
)
def test_the_admin_filters_the_log(browser, make_user, logged, query, rows):
    today = utcnow().date()
    query = query.replace("<today>", today.isoformat())
    query = query.replace("<yesterday>", (today - timedelta(days=1)).isoformat())
    page = browser(make_user("admin")).get(f"/admin/security/events?{query}")
    assert page.status_code == 200
    assert _rows(page) == rows


def test_the_log_is_paged(browser, make_user):
    admin = make_user("admin")
    for n in range(60):
        record("sign_out", email=f"user{n}@example.org")
    db.session.commit()
    b = browser(admin)
    first = b.get("/admin/security/events?kind=sign_out")
    assert _rows(first) == 50 and "Next page" in first.get_data(as_text=True)
    second = b.get("/admin/security/events?kind=sign_out&page=2")
    assert _rows(second) == 10 and "Next page" not in second.get_data(as_text=True)


def test_a_bad_filter_is_refused(browser, make_user):
    page = browser(make_user("admin")).get("/admin/security/events?since=yesterday")
    assert page.status_code == 422


@pytest.mark.parametrize("role", ["city", "provider", "reviewer"])
def test_only_admins_read_the_log(browser, make_user, role):
    assert browser(make_user(role)).get("/admin/security/events").status_code == 404
