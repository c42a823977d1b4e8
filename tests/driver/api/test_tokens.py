"""Bearer tokens: issued for a password, stored hashed, expiring, revocable; cookies never count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from driver.api.auth import hash_secret
from driver.api.models import ApiToken
from driver.auth.services import set_active, sign_out_everywhere
from driver.db import utcnow
from driver.extensions import db
from driver.solution_finder.models import Application

PASSWORD = "correct horse battery staple"  # the factories' password


def test_email_and_password_give_a_token(client, make_user):
    user = make_user("city")
    response = client.post(
        "/api/v1/auth/token", json={"email": user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["token_type"] == "Bearer"
    assert len(body["token"]) >= 40
    assert body["expires_at"].startswith(str((utcnow() + timedelta(hours=24)).year))
    assert response.headers["Cache-Control"] == "no-store"


def test_the_token_works_as_a_bearer_token(client, make_user):
    user = make_user("city")
    token = client.post(
        "/api/v1/auth/token", json={"email": user.email, "password": PASSWORD}
    ).get_json()["token"]
    response = client.get("/api/v1/areas", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert len(response.get_json()["items"]) == 16


def test_only_a_hash_of_the_token_is_stored(client, make_user):
    user = make_user("city")
    token = client.post(
        "/api/v1/auth/token", json={"email": user.email, "password": PASSWORD}
    ).get_json()["token"]
    stored = db.session.scalars(select(ApiToken)).one()
    assert stored.token_hash == hash_secret(token)
    assert token not in stored.token_hash


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "nobody@example.org", "password": PASSWORD},
        {"email": "{email}", "password": "wrong password"},
    ],
    ids=["unknown email", "wrong password"],
)
def test_bad_credentials_answer_401(client, make_user, assert_problem, credentials):
    user = make_user("city")
    credentials = {k: v.format(email=user.email) for k, v in credentials.items()}
    response = client.post("/api/v1/auth/token", json=credentials)
    assert_problem(response, 401)
    assert db.session.scalar(select(ApiToken.id)) is None


def test_a_disabled_account_gets_no_token(client, make_user, assert_problem):
    user = make_user("city", active=False)
    response = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD})
    assert_problem(response, 401)


def test_a_token_request_without_password_is_invalid(client, assert_problem):
    response = client.post("/api/v1/auth/token", json={"email": "a@example.org"})
    body = assert_problem(response, 422)
    assert "password" in body["errors"]


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer not-a-token", "Basic dXNlcjpwYXNz", "bearer  "],
    ids=["none", "empty bearer", "unknown token", "basic auth", "blank"],
)
def test_no_or_a_bad_token_answers_401(client, assert_problem, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/members", headers=headers)
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_answers_401(client, make_user, token_for, assert_problem):
    token = token_for(make_user("city"))
    stored = db.session.scalars(select(ApiToken)).one()
    stored.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert_problem(client.get("/api/v1/areas", headers={"Authorization": f"Bearer {token}"}), 401)


def test_a_token_revoked_by_its_owner_stops_working(api, make_user, assert_problem):
    client = api(make_user("city"))
    assert client.delete("auth/token").status_code == 204
    assert_problem(client.get("areas"), 401)


def test_revoking_one_token_leaves_the_others(api, make_user):
    user = make_user("city")
    first, second = api(user), api(user)
    first.delete("auth/token")
    assert second.get("areas").status_code == 200


def test_an_admin_revokes_every_token_of_a_user(api, make_user, assert_problem):
    user = make_user("provider")
    mine, other = api(user), api(user)
    response = api(make_user("admin")).delete(f"users/{user.id}/tokens")
    assert response.get_json() == {"revoked": 2}
    assert_problem(mine.get("areas"), 401)
    assert_problem(other.get("areas"), 401)


def test_someone_else_cannot_revoke_a_users_tokens(api, make_user, assert_problem):
    user = make_user("city")
    theirs = api(user)
    assert_problem(api(make_user("reviewer")).delete(f"users/{user.id}/tokens"), 404)
    assert theirs.get("areas").status_code == 200


def test_revoking_the_tokens_of_a_missing_user_answers_404(api, make_user, assert_problem):
    assert_problem(api(make_user("admin")).delete("users/99999/tokens"), 404)


def test_disabling_an_account_stops_its_tokens_at_once(api, make_user, assert_problem):
    user = make_user("city")
    client = api(user)
    set_active(user, False)
    assert_problem(client.get("areas"), 401)


def test_tokens_stay_dead_when_the_account_is_enabled_again(api, make_user, assert_problem):
    user = make_user("city")
    client = api(user)
    set_active(user, False)
    set_active(user, True)
    assert_problem(client.get("areas"), 401)


def test_signing_out_everywhere_ends_the_tokens_too(api, make_user, assert_problem):
    user = make_user("city")
    client = api(user)
    sign_out_everywhere(user)
    assert_problem(client.get("areas"), 401)


def test_using_a_token_notes_when(api, make_user):
    client = api(make_user("city"))
    client.get("areas")
    assert db.session.scalars(select(ApiToken)).one().last_used_at is not None


# -- the session cookie is never enough --------------------------------------------


def test_a_signed_in_browser_cannot_write_through_the_api(browser, make_user, assert_problem):
    city = make_user("city")
    signed_in = browser(city)
    response = signed_in.client.post(
        "/api/v1/solution-finder/applications",
        json={"title": "Cookie only", "description": "x", "areas": []},
    )
    assert_problem(response, 401)
    assert db.session.scalar(select(Application.id)) is None


def test_a_signed_in_browser_cannot_read_through_the_api(browser, make_user, assert_problem):
    signed_in = browser(make_user("admin"))
    assert_problem(signed_in.client.get("/api/v1/members"), 401)


def test_the_bearer_token_decides_who_acts_not_the_cookie(
    browser, make_user, token_for, assert_problem
):
    """A browser signed in as a city, sending a provider's token, acts as the provider."""
    signed_in = browser(make_user("city"))
    provider_token = token_for(make_user("provider"))
    response = signed_in.client.post(
        "/api/v1/solution-finder/applications",
        json={"title": "Whose?", "description": "x", "areas": []},
        headers={"Authorization": f"Bearer {provider_token}"},
    )
    assert_problem(response, 403)


def test_api_writes_need_no_csrf_token(api, make_user):
    response = api(make_user("city")).post(
        "solution-finder/applications",
        json={"title": "No CSRF", "description": "x", "areas": ["education"]},
    )
    assert response.status_code == 201


def test_api_answers_set_no_session_cookie(api, make_user):
    response = api(make_user("city")).get("areas")
    assert "Set-Cookie" not in response.headers
