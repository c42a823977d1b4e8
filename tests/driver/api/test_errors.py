"""Every error of the API is application/problem+json with a detail for people."""

from __future__ import annotations

import pytest

from driver.api import areas as areas_module


@pytest.fixture
def admin_api(api, make_user):
    return api(make_user("admin"))


def test_an_unknown_api_path_is_a_404_problem(admin_api, assert_problem):
    assert_problem(admin_api.get("/api/v1/nothing-here"), 404)


def test_an_id_out_of_range_is_a_404_problem(admin_api, assert_problem):
    assert_problem(admin_api.get("matches/0"), 404)
    assert_problem(admin_api.get(f"matches/{2**31}"), 404)


def test_a_method_not_allowed_is_a_405_problem(admin_api, assert_problem):
    assert_problem(admin_api.request("PUT", "areas"), 405)


def test_a_server_error_is_a_500_problem(app, admin_api, assert_problem, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(areas_module, "paged_query", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    body = assert_problem(admin_api.get("areas"), 500)
    assert "boom" not in body["detail"]


def test_malformed_json_is_a_422_problem(admin_api, assert_problem):
    response = admin_api.post(
        "members", data="{not json", headers={"Content-Type": "application/json"}
    )
    body = assert_problem(response, 422)
    assert "body" in body["errors"]


def test_a_body_that_is_not_an_object_is_a_422_problem(admin_api, assert_problem):
    body = assert_problem(admin_api.post("members", json=["a", "list"]), 422)
    assert body["errors"]


def test_each_invalid_field_is_named(admin_api, assert_problem):
    response = admin_api.post("members", json={"name": "", "category": "club", "extra": 1})
    body = assert_problem(response, 422)
    assert set(body["errors"]) == {"name", "category", "country", "extra"}
    assert "category" in body["detail"]


def test_nested_errors_name_the_item(api, make_user, assert_problem):
    response = api(make_user("city")).post(
        "solution-finder/applications",
        json={"title": "T", "description": "D", "areas": ["education", 7]},
    )
    body = assert_problem(response, 422)
    assert "areas.1" in body["errors"]


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=x", "page_size=0", "page_size=101", "page_size=1.5"],
)
def test_bad_paging_is_a_422_problem(admin_api, assert_problem, query):
    assert_problem(admin_api.get(f"members?{query}"), 422)


def test_the_largest_page_size_follows_the_setting(app, admin_api, assert_problem, monkeypatch):
    monkeypatch.setitem(app.config, "API_MAX_PAGE_SIZE", 10)
    assert admin_api.get("members?page_size=10").status_code == 200
    assert_problem(admin_api.get("members?page_size=11"), 422)


def test_text_with_a_nul_character_is_refused(admin_api, assert_problem):
    response = admin_api.post(
        "members", json={"name": "Nul\x00Town", "category": "institution", "country": "Korea"}
    )
    body = assert_problem(response, 422)
    assert "name" in body["errors"]


def test_a_number_too_large_for_the_database_is_refused(api, make_user, assert_problem):
    response = api(make_user("city")).post(
        "solution-finder/applications",
        json={"title": "T", "description": "D", "areas": [], "budget_usd": 2**40},
    )
    body = assert_problem(response, 422)
    assert "budget_usd" in body["errors"]


def test_a_conflict_names_the_failed_conditions(api, make_user, make_application, assert_problem):
    city = make_user("city")
    draft = make_application(city, title="", areas=())
    response = api(city).post(
        f"solution-finder/applications/{draft.id}/transitions", json={"trigger": "submit"}
    )
    body = assert_problem(response, 409)
    assert body["reasons"] == ["has_title", "has_areas"]
