"""Password rules (ASVS 5.0 V6.2): length, the common-password list, no composition rules.

They hold wherever a password is set: the account page, the admin's new account,
the create-user command and the API.
"""

from __future__ import annotations

import pytest

from driver.api.auth import issue_token
from driver.auth.models import User
from driver.auth.passwords import common_passwords, password_problems
from driver.demo import ACCOUNTS, DEMO_PASSWORD
from driver.extensions import db

EMAIL = "kim.jiwoo@suwon.go.kr"


def test_the_common_list_holds_at_least_ten_thousand_passwords():
    assert len(common_passwords()) >= 10_000
    assert {"password", "123456", "qwerty", "iloveyou"} <= common_passwords()


@pytest.mark.parametrize("email", [account[0] for account in ACCOUNTS])
def test_the_demo_password_is_accepted_for_every_demo_account(email):
    assert DEMO_PASSWORD not in common_passwords()
    assert password_problems(DEMO_PASSWORD, email) == []


@pytest.mark.parametrize(
    "password", ["abcdefgh", "eight ch", "ünïcødé✓", "a" * 64, "x" * 128, "no rules at all here"]
)
def test_any_characters_of_a_good_length_are_accepted(password):
    assert password_problems(password, EMAIL) == []


@pytest.mark.parametrize("password", ["", "seven c", "x" * 129])
def test_too_short_or_too_long_is_refused(password):
    assert password_problems(password, EMAIL)


@pytest.mark.parametrize("password", ["password", "PASSWORD", "qwertyuiop", "Iloveyou", "1qaz2wsx"])
def test_common_passwords_are_refused_whatever_their_case(password):
    assert any("too common" in p for p in password_problems(password, EMAIL))


def test_a_password_holding_the_email_local_part_is_refused():
    problems = password_problems("my KIM.JIWOO secret", EMAIL)
    assert any("e-mail" in p for p in problems)


def test_a_very_short_local_part_does_not_refuse_everything():
    assert password_problems("a quite ordinary phrase", "jo@example.org") == []


# -- every place a password is set ----------------------------------------------------------


def test_the_account_page_refuses_a_common_password(browser, make_user):
    user = make_user("city")
    response = browser(user).post(
        "/account",
        {
            "current_password": "correct horse battery staple",
            "new_password": "baseball1",
            "confirm_password": "baseball1",
        },
    )
    assert response.status_code == 422
    assert "too common" in response.get_data(as_text=True)


def test_the_account_page_hints_at_fifteen_characters(browser, make_user):
    page = browser(make_user("city")).get("/account").get_data(as_text=True)
    assert "15 or more" in page


def test_the_admin_page_refuses_a_password_holding_the_email(browser, make_user):
    admin = make_user("admin")
    response = browser(admin).post(
        "/admin/users/new",
        {"email": "lee.reviewer@we-gov.org", "role": "reviewer", "password": "lee.reviewer 2026!"},
    )
    assert response.status_code == 422
    assert "e-mail" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(User).where(User.email == "lee.reviewer@we-gov.org")) is None


def test_the_command_refuses_a_common_password(runner):
    result = runner.invoke(
        args=["create-user", "ops@we-gov.org", "--role", "admin", "--password", "trustno1"]
    )
    assert result.exit_code == 1
    assert "too common" in result.output


def test_the_api_refuses_a_common_password(client, make_user):
    token = issue_token(make_user("admin")).secret
    response = client.post(
        "/api/v1/users",
        json={"email": "new@we-gov.org", "password": "superman", "role": "reviewer"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert "password" in response.get_json()["errors"]
