"""Two-factor sign-in: enrolment, the second step, codes used once, recovery codes, the rule."""

from __future__ import annotations

import re
import time

import pyotp
import pytest

from driver.auth import two_factor
from driver.auth.models import User
from driver.extensions import db
from driver.security_log.models import SecurityEvent

PASSWORD = "correct horse battery staple"


def enable(user: User) -> pyotp.TOTP:
    """Turn two-factor on for ``user`` directly; its TOTP generator."""
    secret = two_factor.new_secret()
    user.totp_secret = secret
    db.session.commit()
    return pyotp.TOTP(secret)


def _password_step(browser, user, url="/login"):
    """Sign in with the password and follow the redirect, as a browser does."""
    b = browser()
    response = b.post(url, {"email": user.email, "password": PASSWORD})
    b.get(response.headers["Location"])
    return b, response


def _kinds() -> list[str]:
    return list(db.session.scalars(db.select(SecurityEvent.kind).order_by(SecurityEvent.id)))


# -- signing in -----------------------------------------------------------------------------


def test_password_alone_does_not_sign_in_a_user_with_two_factor(browser, make_user):
    user = make_user("reviewer")
    enable(user)
    b, response = _password_step(browser, user)
    assert response.headers["Location"].endswith("/login/two-factor")
    assert b.get("/account").status_code == 302  # nobody is signed in yet
    with b.client.session_transaction() as session:
        assert "_user_id" not in session


def test_the_code_completes_the_sign_in(browser, make_user):
    user = make_user("reviewer")
    totp = enable(user)
    b, _ = _password_step(browser, user)
    response = b.post("/login/two-factor", {"code": totp.now()})
    assert response.status_code == 302
    assert b.get("/account").status_code == 200


def test_sign_in_goes_on_to_the_page_asked_for(browser, make_user):
    user = make_user("reviewer")
    totp = enable(user)
    b, _ = _password_step(browser, user, "/login?next=/notifications")
    response = b.post("/login/two-factor", {"code": totp.now()})
    assert response.headers["Location"].endswith("/notifications")


def test_a_wrong_code_is_refused_and_logged(browser, make_user):
    user = make_user("reviewer")
    totp = enable(user)
    b, _ = _password_step(browser, user)
    wrong = f"{(int(totp.now()) + 1) % 1_000_000:06d}"
    response = b.post("/login/two-factor", {"code": wrong})
    assert response.status_code == 422
    assert "does not match" in response.get_data(as_text=True)
    assert b.get("/account").status_code == 302
    assert "two_factor_failed" in _kinds()


def test_a_code_is_not_accepted_twice(browser, make_user):
    user = make_user("reviewer")
    totp = enable(user)
    code = totp.now()
    first, _ = _password_step(browser, user)
    assert first.post("/login/two-factor", {"code": code}).status_code == 302
    second, _ = _password_step(browser, user)
    assert second.post("/login/two-factor", {"code": code}).status_code == 422


def test_the_next_steps_code_is_accepted_after_this_one(make_user):
    user = make_user("reviewer")
    totp = enable(user)
    now = time.time()
    assert two_factor.check_second_factor(user, totp.at(now), now=now) == "totp"
    later = now + two_factor.STEP_SECONDS
    assert two_factor.check_second_factor(user, totp.at(later), now=later) == "totp"


def test_a_code_two_steps_old_is_refused(make_user):
    user = make_user("reviewer")
    totp = enable(user)
    now = time.time()
    assert two_factor.check_second_factor(user, totp.at(now - 70), now=now) is None


def test_the_second_step_without_a_password_step_sends_to_sign_in(browser):
    response = browser().get("/login/two-factor")
    assert response.headers["Location"].endswith("/login")


def test_the_second_step_expires(browser, make_user):
    user = make_user("reviewer")
    totp = enable(user)
    b, _ = _password_step(browser, user)
    with b.client.session_transaction() as session:
        pending = dict(session["two_factor_pending"])
        pending["until"] = int(time.time()) - 1
        session["two_factor_pending"] = pending
    response = b.post("/login/two-factor", {"code": totp.now()})
    assert response.headers["Location"].endswith("/login")
    assert b.get("/account").status_code == 302


def test_disabling_the_account_ends_a_half_done_sign_in(browser, make_user):
    user = make_user("reviewer")
    totp = enable(user)
    b, _ = _password_step(browser, user)
    user.active = False
    user.session_version += 1
    db.session.commit()
    response = b.post("/login/two-factor", {"code": totp.now()})
    assert response.headers["Location"].endswith("/login")


# -- enrolling ----------------------------------------------------------------------------


def _secret_on(page: str) -> str:
    return re.search(r'<code class="user-select-all">([A-Z2-7]+)</code>', page).group(1)


def test_enrolment_shows_the_key_the_link_and_a_qr_code(browser, make_user):
    user = make_user("city")
    page = browser(user).get("/account/two-factor").get_data(as_text=True)
    secret = _secret_on(page)
    assert f"secret={secret}" in page.replace("&amp;", "&")
    assert "otpauth://totp/" in page
    assert '<svg width="' in page and 'class="segno"' in page


def test_enrolment_keeps_the_same_key_until_confirmed(browser, make_user):
    b = browser(make_user("city"))
    first = _secret_on(b.get("/account/two-factor").get_data(as_text=True))
    assert _secret_on(b.get("/account/two-factor").get_data(as_text=True)) == first


def test_enrolment_confirmed_with_a_code_turns_two_factor_on(browser, make_user):
    user = make_user("city")
    b = browser(user)
    secret = _secret_on(b.get("/account/two-factor").get_data(as_text=True))
    response = b.post("/account/two-factor", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    codes = re.findall(r"<li>([a-z2-7]{5}(?:-[a-z2-7]{5}){4})</li>", page)
    assert len(codes) == two_factor.RECOVERY_CODES
    db.session.refresh(user)
    assert user.totp_secret == secret
    assert all(code not in user.recovery_code_hashes for code in codes)
    assert "two_factor_enabled" in _kinds()


def test_enrolment_with_a_wrong_code_changes_nothing(browser, make_user):
    user = make_user("city")
    b = browser(user)
    b.get("/account/two-factor")
    response = b.post("/account/two-factor", {"code": "000000"})
    assert response.status_code == 422
    db.session.refresh(user)
    assert not user.two_factor_enabled


def test_the_enrolment_key_is_never_stored_before_confirmation(browser, make_user):
    user = make_user("city")
    browser(user).get("/account/two-factor")
    db.session.refresh(user)
    assert user.totp_secret is None


# -- recovery codes -----------------------------------------------------------------------


def test_a_recovery_code_signs_in_once(browser, make_user):
    user = make_user("reviewer")
    codes = two_factor.confirm_enrolment(
        user, secret := two_factor.new_secret(), pyotp.TOTP(secret).now()
    )
    b, _ = _password_step(browser, user)
    assert b.post("/login/two-factor", {"code": codes[0].upper()}).status_code == 302
    again, _ = _password_step(browser, user)
    assert again.post("/login/two-factor", {"code": codes[0]}).status_code == 422
    db.session.refresh(user)
    assert len(user.recovery_code_hashes) == two_factor.RECOVERY_CODES - 1
    assert "recovery_code_used" in _kinds()


def test_recovery_codes_are_stored_hashed(make_user):
    user = make_user("reviewer")
    secret = two_factor.new_secret()
    codes = two_factor.confirm_enrolment(user, secret, pyotp.TOTP(secret).now())
    stored = " ".join(user.recovery_code_hashes)
    assert not any(code.replace("-", "") in stored or code in stored for code in codes)


# -- turning it off -----------------------------------------------------------------------


def test_turning_off_needs_the_password_and_a_code(browser, make_user):
    user = make_user("city")
    totp = enable(user)
    b, _ = _password_step(browser, user)
    b.post("/login/two-factor", {"code": totp.now()})
    b.get("/account/two-factor")
    wrong = b.post("/account/two-factor/disable", {"password": "not it at all", "code": totp.now()})
    assert wrong.status_code == 422
    db.session.refresh(user)
    assert user.two_factor_enabled
    later = totp.at(time.time() + two_factor.STEP_SECONDS)
    right = b.post("/account/two-factor/disable", {"password": PASSWORD, "code": later})
    assert right.status_code == 302
    db.session.refresh(user)
    assert not user.two_factor_enabled and user.recovery_code_hashes == []
    assert "two_factor_disabled" in _kinds()


# -- required for staff ---------------------------------------------------------------------


@pytest.fixture
def required(make_user):
    two_factor.set_two_factor_required(make_user("admin"), True)


@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_staff_without_two_factor_are_sent_to_enrol(browser, make_user, required, role):
    user = make_user(role)
    response = browser().post("/login", {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/account/two-factor")


@pytest.mark.parametrize("url", ["/dashboard", "/account", "/notifications", "/admin/users"])
def test_staff_who_must_enrol_can_do_nothing_else(browser, make_user, required, url):
    b = browser(make_user("admin"))
    response = b.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/account/two-factor")


def test_staff_who_must_enrol_can_still_sign_out(browser, make_user, required):
    b = browser(make_user("reviewer"))
    b.get("/account/two-factor")  # the one page it can see (it has the sign-out button)
    assert b.post("/logout").headers["Location"].endswith("/login")
    assert b.get("/account/two-factor").status_code == 302


def test_staff_are_free_once_enrolled(browser, make_user, required):
    b = browser(make_user("reviewer"))
    secret = _secret_on(b.get("/account/two-factor").get_data(as_text=True))
    b.post("/account/two-factor", {"code": pyotp.TOTP(secret).now()})
    assert b.get("/dashboard").status_code == 200


def test_cities_are_not_required_to_enrol(browser, make_user, required):
    assert browser(make_user("city")).get("/dashboard").status_code == 200


def test_staff_cannot_turn_it_off_while_required(make_user, required):
    user = make_user("reviewer")
    totp = enable(user)
    with pytest.raises(two_factor.Conflict):
        two_factor.disable(user, PASSWORD, totp.now())


def test_admin_page_turns_the_requirement_on_and_off(browser, make_user):
    admin = make_user("admin")
    b = browser(admin)
    assert b.post("/admin/security", {"required": "1"}).status_code == 302
    assert two_factor.two_factor_required()
    assert "two_factor_required" in _kinds()
    b2 = browser(admin)  # the admin must now enrol; turning it off needs that first
    assert b2.get("/admin/security").headers["Location"].endswith("/account/two-factor")


def test_only_admins_see_the_security_settings(browser, make_user):
    assert browser(make_user("reviewer")).get("/admin/security").status_code == 404
    refused = browser(make_user("reviewer")).post("/admin/security", {"required": "1"})
    assert refused.status_code == 404
    assert not two_factor.two_factor_required()


# -- the API ----------------------------------------------------------------------------------


def test_token_request_needs_the_code_for_two_factor_accounts(client, make_user):
    user = make_user("city")
    totp = enable(user)
    body = {"email": user.email, "password": PASSWORD}
    without = client.post("/api/v1/auth/token", json=body)
    assert without.status_code == 401
    assert "totp" in without.get_json()["detail"]
    assert client.post("/api/v1/auth/token", json={**body, "totp": "123456"}).status_code == 401
    assert client.post("/api/v1/auth/token", json={**body, "totp": totp.now()}).status_code == 201


def test_token_request_refuses_staff_who_must_enrol(client, make_user, required):
    user = make_user("reviewer")
    body = {"email": user.email, "password": PASSWORD}
    response = client.post("/api/v1/auth/token", json=body)
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
