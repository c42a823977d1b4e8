"""Text no database stores and numbers no column holds are refused before any view runs."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from driver.api.auth import issue_token
from driver.extensions import db
from driver.solution_finder.models import Application


def count_applications() -> int:
    return db.session.scalar(select(func.count(Application.id)))


def test_a_form_with_a_nul_character_answers_422_and_writes_nothing(browser, make_user):
    city = browser(make_user("city"))
    response = city.post(
        "/applications/new",
        {"title": "Flood\x00warnings", "description": "Floods.", "areas": "water-management"},
    )
    assert (response.status_code, count_applications()) == (422, 0)


def test_the_refusal_page_says_why(browser, make_user):
    city = browser(make_user("city"))
    response = city.post("/applications/new", {"title": "a\x00b", "description": "x"})
    assert "NUL" in response.get_data(as_text=True)


def test_a_query_string_with_a_nul_character_answers_422(client):
    assert client.get("/plan-exchange?q=a%00b").status_code == 422


def test_a_json_body_with_a_lone_surrogate_answers_a_422_problem(api_client_for_city):
    response = api_client_for_city(
        '{"title": "\\ud800", "description": "x", "areas": ["water-management"]}'
    )
    assert (response.status_code, response.mimetype) == (422, "application/problem+json")
    assert count_applications() == 0


def test_a_json_key_with_a_nul_character_answers_422(api_client_for_city):
    response = api_client_for_city('{"title\\u0000": "x"}')
    assert response.status_code == 422


def test_an_id_past_the_integer_columns_is_not_found(client):
    assert client.get("/plan-exchange/99999999999999999999").status_code == 404


def test_a_page_number_past_the_integer_columns_falls_back_to_the_first(client):
    assert client.get("/plan-exchange?page=99999999999999999999").status_code == 200


def test_an_ordinary_id_still_routes(browser, make_user, make_application):
    owner = make_user("city")
    application = make_application(owner)
    assert browser(owner).get(f"/applications/{application.id}").status_code == 200


@pytest.fixture
def api_client_for_city(app, make_user):
    token = issue_token(make_user("city")).secret

    def post(raw: str):
        return app.test_client().post(
            "/api/v1/solution-finder/applications",
            data=raw.encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )

    return post
