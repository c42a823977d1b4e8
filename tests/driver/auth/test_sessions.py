"""Sessions: a fresh one at sign-in, sign-out and disabling end them all, production cookies."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask

from driver import create_app
from driver.api.auth import issue_token
from driver.auth.services import set_active
from driver.extensions import db

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _replay(app: Flask, cookie_name: str, value: str, url: str = "/account"):
    """A brand-new client that sends only a copied cookie value."""
    fresh = app.test_client()
    fresh.set_cookie(cookie_name, value)
    return fresh.get(url)


def test_a_copied_session_cookie_works_while_signed_in(app, browser, make_user):
    user = make_user("city")
    signed_in = browser(user)
    value = signed_in.client.get_cookie("session").value
    assert _replay(app, "session", value).status_code == 200


def test_sign_in_starts_a_new_session(app, browser, make_user):
    user = make_user("city")
    b = browser()
    with b.client.session_transaction() as before:
        before["planted"] = "by an attacker"
    b.login(user)
    with b.client.session_transaction() as after:
        assert "planted" not in after
        assert after["_user_id"] == f"{user.id}:{user.session_version}"


def test_sign_out_refuses_the_old_cookie_replayed(app, browser, make_user):
    user = make_user("city")
    b = browser(user)
    value = b.client.get_cookie("session").value
    b.post("/logout")
    replayed = _replay(app, "session", value)
    assert replayed.status_code == 302
    assert "/login" in replayed.headers["Location"]


def test_sign_out_ends_the_sessions_on_other_devices(app, browser, make_user):
    user = make_user("city")
    laptop, phone = browser(user), browser(user)
    laptop.post("/logout")
    assert phone.get("/account").status_code == 302


def test_sign_out_ends_the_users_api_tokens(app, browser, make_user, client):
    user = make_user("city")
    secret = issue_token(user).secret
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/areas", headers=headers).status_code == 200
    browser(user).post("/logout")
    assert client.get("/api/v1/areas", headers=headers).status_code == 401


def test_disabling_refuses_the_old_cookie_replayed(app, browser, make_user):
    user = make_user("city")
    value = browser(user).client.get_cookie("session").value
    set_active(db.session.get(type(user), user.id), False)
    assert _replay(app, "session", value).status_code == 302


def test_enabling_again_does_not_revive_the_old_cookie(app, browser, make_user):
    user = make_user("city")
    value = browser(user).client.get_cookie("session").value
    set_active(user, False)
    set_active(user, True)
    assert _replay(app, "session", value).status_code == 302


# -- production cookies ------------------------------------------------------------------


@pytest.fixture
def production_app(app, monkeypatch) -> Iterator[Flask]:
    """The app as ProductionConfig builds it, on the test database and memory rate limits."""
    monkeypatch.setenv("DRIVER_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "production-test-key")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "memory://")
    production = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    yield production
    with production.app_context():
        db.session.remove()
        db.engine.dispose()


def _production_login(production_app, user):
    client = production_app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    email = user.email
    db.session.commit()  # the test's session holds no lock (and is not touched again)
    page = client.get("/login").get_data(as_text=True)
    token = _CSRF.search(page).group(1)
    response = client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": token},
        headers={"Referer": "https://localhost/login"},  # CSRF over HTTPS checks it
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client, response


def test_production_rate_limits_default_to_redis(monkeypatch):
    from config import ProductionConfig

    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/2")
    assert ProductionConfig().RATELIMIT_STORAGE_URI == "redis://cache.internal:6379/2"
    monkeypatch.delenv("REDIS_URL")
    assert ProductionConfig().RATELIMIT_STORAGE_URI == "redis://127.0.0.1:6379"


@pytest.mark.parametrize("attribute", ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"])
def test_production_session_cookie_is_a_host_cookie(production_app, make_user, attribute):
    _, response = _production_login(production_app, make_user("city"))
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1
    name_value, *attributes = (part.strip() for part in cookies[0].split(";"))
    assert name_value.startswith("__Host-session=")
    assert attribute in attributes


def test_production_session_cookie_has_no_domain(production_app, make_user):
    _, response = _production_login(production_app, make_user("city"))
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("__Host-"))
    assert "domain=" not in cookie.lower()


def test_production_remember_cookie_is_a_host_cookie_too(production_app):
    config = production_app.config
    assert config["REMEMBER_COOKIE_NAME"] == "__Host-remember"
    assert config["REMEMBER_COOKIE_SECURE"] and config["REMEMBER_COOKIE_HTTPONLY"]
    assert config["REMEMBER_COOKIE_PATH"] == "/" and not config["REMEMBER_COOKIE_DOMAIN"]


def test_production_replayed_cookie_fails_after_sign_out(production_app, make_user):
    client, _ = _production_login(production_app, make_user("city"))
    value = client.get_cookie("__Host-session").value
    page = client.get("/account").get_data(as_text=True)
    signed_out = client.post(
        "/logout",
        data={"csrf_token": _CSRF.search(page).group(1)},
        headers={"Referer": "https://localhost/account"},
    )
    assert signed_out.status_code == 302
    fresh = production_app.test_client()
    fresh.environ_base["wsgi.url_scheme"] = "https"
    fresh.set_cookie("__Host-session", value)
    assert fresh.get("/account").status_code == 302


def test_production_sends_hsts(production_app):
    response = production_app.test_client().get("/login")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_other_environments_send_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
