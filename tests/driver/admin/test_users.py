"""The admin's user management: the list, creating accounts, enabling and disabling them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from driver.auth.models import User
from driver.db import utcnow
from driver.extensions import db

FACTORY_PASSWORD = "correct horse battery staple"  # conftest's make_user gives every user this


@pytest.fixture
def admin(make_user):
    return make_user("admin", email="lead@we-gov.org")


@pytest.fixture
def suwon(make_member):
    return make_member("local_government", name="Suwon")


@pytest.fixture
def sensors(make_member):
    return make_member("corporation", name="Sensors Inc", country="Germany", region="Europe")


def _user(email):
    return db.session.scalar(select(User).where(func.lower(User.email) == email.lower()))


def _account(**changes):
    """A complete, valid new-account form as the page posts it."""
    data = {
        "email": "new.person@suwon.go.kr",
        "name": "New Person",
        "role": "city",
        "member_id": "",
        "password": "a long enough password",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# -- the list ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shown",
    ["amara@we-gov.org", "Amara Office", "Reviewer", "Africa, Europe", "Active", "2 days ago"],
)
def test_user_list_shows_each_account(browser, admin, make_user, shown):
    make_user(
        "reviewer",
        email="amara@we-gov.org",
        name="Amara Office",
        regions=["Africa", "Europe"],
        last_login_at=utcnow() - timedelta(days=2, minutes=1),
    )
    assert shown in browser(admin).get("/admin/users").get_data(as_text=True)


def test_user_list_shows_the_member(browser, admin, make_user, suwon):
    make_user("city", member=suwon)
    assert "Suwon" in browser(admin).get("/admin/users").get_data(as_text=True)


def test_user_list_says_when_an_account_is_disabled(browser, admin, make_user):
    make_user("city", active=False)
    assert "Disabled" in browser(admin).get("/admin/users").get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("role=provider", ["provider@x.org"]),
        ("role=city", ["city@x.org"]),
        ("q=PROVIDER", ["provider@x.org"]),
        ("", ["city@x.org", "provider@x.org"]),
    ],
)
def test_user_list_filters(browser, admin, make_user, query, shown):
    make_user("city", email="city@x.org")
    make_user("provider", email="provider@x.org")
    html = browser(admin).get(f"/admin/users?{query}").get_data(as_text=True)
    assert [e for e in ("city@x.org", "provider@x.org") if e in html] == shown


def test_user_list_refuses_an_unknown_role(browser, admin):
    assert browser(admin).get("/admin/users?role=emperor").status_code == 422


# -- creating accounts -------------------------------------------------------------------


def test_admin_creates_a_city_account(browser, admin, suwon):
    response = browser(admin).post("/admin/users/new", _account(member_id=str(suwon.id)))
    assert (response.status_code, _user("new.person@suwon.go.kr").member_id) == (302, suwon.id)


def test_created_account_can_sign_in(browser, admin, suwon):
    browser(admin).post("/admin/users/new", _account(member_id=str(suwon.id)))
    response = browser().login(_user("new.person@suwon.go.kr"), "a long enough password")
    assert response.headers["Location"] == "/dashboard"


def test_admin_creates_a_regional_reviewer(browser, admin):
    browser(admin).post(
        "/admin/users/new",
        _account(email="amara@we-gov.org", role="reviewer", regions=["Africa", "Europe"]),
    )
    assert _user("amara@we-gov.org").regions == ["Africa", "Europe"]


def test_admin_creates_a_provider_account(browser, admin, sensors):
    browser(admin).post(
        "/admin/users/new",
        _account(email="ops@sensors.example", role="provider", member_id=str(sensors.id)),
    )
    assert _user("ops@sensors.example").role == "provider"


def test_new_user_form_groups_members_by_category(browser, admin, suwon, sensors):
    html = browser(admin).get("/admin/users/new").get_data(as_text=True)
    groups = ('<optgroup label="Corporation">', '<optgroup label="Local government">')
    assert all(group in html for group in groups)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not-an-email", "member_id": "<suwon>"}, "email"),
        ({"email": "", "member_id": "<suwon>"}, "email"),
        ({"password": "7 chars", "member_id": "<suwon>"}, "password"),
        ({"member_id": "<sensors>"}, "member_id"),
        ({"role": "provider", "member_id": "<suwon>"}, "member_id"),
        ({"member_id": ""}, "member_id"),
        ({"role": "admin", "member_id": "<suwon>"}, "member_id"),
        ({"member_id": "<suwon>", "regions": ["Africa"]}, "regions"),
        ({"role": "emperor"}, "role"),
        ({"member_id": "not-a-number"}, "member_id"),
    ],
)
def test_bad_account_is_refused_on_its_field(browser, admin, suwon, sensors, changes, field):
    ids = {"<suwon>": str(suwon.id), "<sensors>": str(sensors.id)}
    form = _account(**{k: ids.get(v, v) if isinstance(v, str) else v for k, v in changes.items()})
    response = browser(admin).post("/admin/users/new", form)
    html = response.get_data(as_text=True)
    assert (response.status_code, f'id="{field}-error"' in html) == (422, True)


def test_every_problem_of_an_account_shows_at_once(browser, admin, sensors):
    response = browser(admin).post(
        "/admin/users/new", _account(email="nope", password="short", member_id=str(sensors.id))
    )
    html = response.get_data(as_text=True)
    assert all(f'id="{field}-error"' in html for field in ("email", "password", "member_id"))


def test_city_attached_to_a_corporation_is_explained(browser, admin, sensors):
    response = browser(admin).post("/admin/users/new", _account(member_id=str(sensors.id)))
    assert "A city account belongs to a local government." in response.get_data(as_text=True)


def test_refused_account_is_not_created(browser, admin, sensors):
    browser(admin).post("/admin/users/new", _account(member_id=str(sensors.id)))
    assert _user("new.person@suwon.go.kr") is None


def test_duplicate_email_is_refused(browser, admin, make_user, suwon):
    make_user("city", email="taken@suwon.go.kr")
    response = browser(admin).post(
        "/admin/users/new", _account(email="Taken@Suwon.go.kr", member_id=str(suwon.id))
    )
    html = response.get_data(as_text=True)
    assert (response.status_code, "Already in use." in html) == (422, True)


def test_refused_form_keeps_what_was_typed(browser, admin, suwon):
    response = browser(admin).post(
        "/admin/users/new", _account(name="Kim Typed", member_id=str(suwon.id), password="short")
    )
    html = response.get_data(as_text=True)
    assert 'value="Kim Typed"' in html and f'<option selected value="{suwon.id}">' in html


def test_refused_form_does_not_echo_the_password(browser, admin, suwon):
    response = browser(admin).post(
        "/admin/users/new", _account(email="bad", member_id=str(suwon.id))
    )
    assert "a long enough password" not in response.get_data(as_text=True)


# -- enabling and disabling ----------------------------------------------------------------


@pytest.mark.parametrize(("posted", "active"), [("0", False), ("1", True)])
def test_admin_enables_and_disables(browser, admin, make_user, posted, active):
    user = make_user("city", active=not active)
    browser(admin).post(f"/admin/users/{user.id}/active", {"active": posted})
    assert db.session.get(User, user.id).active is active


def test_disabling_ends_the_users_session_at_once(browser, admin, make_user):
    user = make_user("city")
    signed_in = browser(user)
    assert signed_in.get("/dashboard").status_code == 200
    browser(admin).post(f"/admin/users/{user.id}/active", {"active": "0"})
    assert signed_in.get("/dashboard").headers["Location"].startswith("/login")


def test_enabling_again_does_not_revive_the_old_session(browser, admin, make_user):
    user = make_user("city")
    signed_in = browser(user)
    lead = browser(admin)
    lead.post(f"/admin/users/{user.id}/active", {"active": "0"})
    lead.post(f"/admin/users/{user.id}/active", {"active": "1"})
    assert signed_in.get("/dashboard").status_code == 302


def test_disabled_user_cannot_sign_in(browser, admin, make_user):
    user = make_user("city")
    browser(admin).post(f"/admin/users/{user.id}/active", {"active": "0"})
    response = browser().post("/login", {"email": user.email, "password": FACTORY_PASSWORD})
    assert response.status_code == 200  # the form again, not a redirect


def test_admin_cannot_disable_themselves(browser, admin):
    browser(admin).post(f"/admin/users/{admin.id}/active", {"active": "0"})
    assert db.session.get(User, admin.id).active is True


def test_toggle_returns_to_the_filtered_list(browser, admin, make_user):
    user = make_user("city")
    response = browser(admin).post(
        f"/admin/users/{user.id}/active?next=/admin/users?role%3Dcity", {"active": "0"}
    )
    assert response.headers["Location"] == "/admin/users?role=city"


def test_toggle_without_a_value_changes_nothing(browser, admin, make_user):
    user = make_user("city")
    browser(admin).post(f"/admin/users/{user.id}/active", {"active": "perhaps"})
    assert db.session.get(User, user.id).active is True


def test_toggling_a_missing_user_is_not_found(browser, admin):
    assert browser(admin).post("/admin/users/999999/active", {"active": "0"}).status_code == 404
