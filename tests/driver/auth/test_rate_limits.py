"""Rate limits: failed sign-ins, two-factor steps and token requests, per account and address.

The test configuration keeps the production limits' shape with small numbers (each
test starts with none used, see tests/conftest.py).
"""

from __future__ import annotations

import pyotp
import pytest

from driver.auth import two_factor
from driver.extensions import db
from driver.security_log.models import SecurityEvent

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def small_limits(app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ACCOUNT", "3 per minute")
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ADDRESS", "6 per minute")


def _fail(b, email):
    return b.post("/login", {"email": email, "password": "not the password"})


def test_failed_sign_ins_are_limited_per_account(browser, make_user):
    user = make_user("city")
    b = browser()
    assert [_fail(b, user.email).status_code for _ in range(3)] == [200, 200, 200]
    limited = _fail(b, user.email)
    assert limited.status_code == 429
    assert "Too many failed attempts" in limited.get_data(as_text=True)
    assert 'name="password"' in limited.get_data(as_text=True)  # the form, again


def test_the_right_password_is_refused_too_once_the_account_is_limited(browser, make_user):
    user = make_user("city")
    b = browser()
    for _ in range(3):
        _fail(b, user.email)
    response = b.post("/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert b.get("/account").status_code == 302


def test_the_account_limit_ignores_the_case_of_the_address(browser, make_user):
    user = make_user("city")
    b = browser()
    for email in (user.email, user.email.upper(), f" {user.email.title()} "):
        _fail(b, email)
    assert _fail(b, user.email).status_code == 429


def test_another_account_is_not_limited_by_the_first(browser, make_user):
    first, second = make_user("city"), make_user("city")
    b = browser()
    for _ in range(4):
        _fail(b, first.email)
    assert b.post("/login", {"email": second.email, "password": PASSWORD}).status_code == 302


def test_failures_on_many_accounts_limit_the_address(browser):
    b = browser()
    codes = [_fail(b, f"nobody{n}@example.org").status_code for n in range(7)]
    assert codes == [200] * 6 + [429]


def test_successful_sign_ins_do_not_count(browser, make_user):
    user = make_user("city")
    for _ in range(5):
        b = browser()
        assert b.post("/login", {"email": user.email, "password": PASSWORD}).status_code == 302


def test_the_limit_hit_is_in_the_security_log(browser, make_user):
    user = make_user("city")
    b = browser()
    for _ in range(4):
        _fail(b, user.email)
    event = db.session.scalar(db.select(SecurityEvent).where(SecurityEvent.kind == "rate_limited"))
    assert event is not None and event.email == user.email


def test_looking_at_the_sign_in_page_is_never_limited(browser):
    b = browser()
    assert all(b.get("/login").status_code == 200 for _ in range(10))


def test_the_api_token_request_answers_429_problem_json_with_retry_after(client, make_user):
    user = make_user("city")
    body = {"email": user.email, "password": "not the password"}
    codes = [client.post("/api/v1/auth/token", json=body).status_code for _ in range(3)]
    assert codes == [401, 401, 401]
    limited = client.post("/api/v1/auth/token", json=body)
    assert limited.status_code == 429
    assert limited.mimetype == "application/problem+json"
    assert limited.get_json()["status"] == 429
    assert int(limited.headers["Retry-After"]) > 0


def test_the_account_limit_is_shared_by_the_page_and_the_api(browser, client, make_user):
    user = make_user("city")
    b = browser()
    for _ in range(3):
        _fail(b, user.email)
    body = {"email": user.email, "password": PASSWORD}
    assert client.post("/api/v1/auth/token", json=body).status_code == 429


def test_the_two_factor_step_is_limited(browser, make_user):
    user = make_user("reviewer")
    user.totp_secret = two_factor.new_secret()
    db.session.commit()
    totp = pyotp.TOTP(user.totp_secret)
    b = browser()
    response = b.post("/login", {"email": user.email, "password": PASSWORD})
    b.get(response.headers["Location"])
    wrong = f"{(int(totp.now()) + 1) % 1_000_000:06d}"
    assert [b.post("/login/two-factor", {"code": wrong}).status_code for _ in range(3)] == [422] * 3
    limited = b.post("/login/two-factor", {"code": totp.now()})
    assert limited.status_code == 429
    assert "Too many failed attempts" in limited.get_data(as_text=True)
    assert b.get("/account").status_code == 302


@pytest.mark.parametrize(("value", "enabled"), [(None, True), ("0", False), ("off", False)])
def test_limits_are_on_unless_the_environment_switches_them_off(monkeypatch, value, enabled):
    from config import Config

    if value is None:
        monkeypatch.delenv("RATELIMIT_ENABLED", raising=False)
    else:
        monkeypatch.setenv("RATELIMIT_ENABLED", value)
    assert Config().RATELIMIT_ENABLED is enabled
