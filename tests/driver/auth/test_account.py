"""The account page: seeing one's account, changing the password, signing out everywhere."""

from __future__ import annotations

import pytest

from driver.auth.models import User
from driver.extensions import db

FACTORY_PASSWORD = "correct horse battery staple"  # conftest's make_user gives every user this
NEW_PASSWORD = "a brand new pass phrase"


@pytest.fixture
def user(make_user, make_member):
    suwon = make_member("local_government", name="Suwon")
    return make_user("city", member=suwon, email="kim@suwon.go.kr", name="Kim Ji-woo")


def _change(**changes):
    data = {
        "current_password": FACTORY_PASSWORD,
        "new_password": NEW_PASSWORD,
        "confirm_password": NEW_PASSWORD,
    }
    data.update(changes)
    return data


def _signs_in(browser, user, password) -> bool:
    response = browser().post("/login", {"email": user.email, "password": password})
    return response.status_code == 302


@pytest.mark.parametrize("shown", ["kim@suwon.go.kr", "Kim Ji-woo", "City", "Suwon"])
def test_account_page_shows_the_account(browser, user, shown):
    assert shown in browser(user).get("/account").get_data(as_text=True)


def test_password_change_returns_to_the_account_page(browser, user):
    response = browser(user).post("/account", _change())
    assert response.headers["Location"] == "/account"


def test_changed_password_signs_in(browser, user):
    browser(user).post("/account", _change())
    assert _signs_in(browser, user, NEW_PASSWORD)


def test_old_password_no_longer_signs_in(browser, user):
    browser(user).post("/account", _change())
    assert not _signs_in(browser, user, FACTORY_PASSWORD)


def test_password_change_keeps_this_session(browser, user):
    visitor = browser(user)
    visitor.post("/account", _change())
    assert visitor.get("/dashboard").status_code == 200


def test_password_change_ends_other_sessions(browser, user):
    elsewhere = browser(user)
    browser(user).post("/account", _change())
    assert elsewhere.get("/dashboard").status_code == 302


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"current_password": "not my password"}, "current_password"),
        ({"current_password": ""}, "current_password"),
        ({"new_password": "short", "confirm_password": "short"}, "new_password"),
        ({"confirm_password": "something else entirely"}, "confirm_password"),
    ],
)
def test_bad_password_change_is_refused_on_its_field(browser, user, changes, field):
    response = browser(user).post("/account", _change(**changes))
    html = response.get_data(as_text=True)
    assert (response.status_code, f'id="{field}-error"' in html) == (422, True)


def test_refused_password_change_keeps_the_old_password(browser, user):
    browser(user).post("/account", _change(current_password="not my password"))
    assert _signs_in(browser, user, FACTORY_PASSWORD)


def test_sign_out_everywhere_signs_this_browser_out(browser, user):
    visitor = browser(user)
    visitor.post("/account", {"sign_out_everywhere": "y"})
    assert visitor.get("/dashboard").status_code == 302


def test_sign_out_everywhere_signs_other_browsers_out(browser, user):
    elsewhere = browser(user)
    browser(user).post("/account", {"sign_out_everywhere": "y"})
    assert elsewhere.get("/dashboard").status_code == 302


def test_sign_out_everywhere_leaves_the_password_alone(browser, user):
    browser(user).post("/account", {"sign_out_everywhere": "y"})
    assert _signs_in(browser, user, FACTORY_PASSWORD)


def test_sign_out_everywhere_sends_to_the_sign_in_page(browser, user):
    response = browser(user).post("/account", {"sign_out_everywhere": "y"})
    assert response.headers["Location"] == "/login"


def test_viewing_the_account_changes_nothing(browser, user):
    visitor = browser(user)
    before = (user.session_version, user.password_hash)
    visitor.get("/account")
    fresh = db.session.get(User, user.id)
    assert (fresh.session_version, fresh.password_hash) == before
