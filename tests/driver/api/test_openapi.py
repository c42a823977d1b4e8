"""The OpenAPI document is generated from the code and the reference page is drawn from it."""

from __future__ import annotations

import re

import pytest

DESIGN_TABLE = [
    ("get", "/api/v1/areas"),
    ("get", "/api/v1/members"),
    ("post", "/api/v1/members"),
    ("post", "/api/v1/users"),
    ("get", "/api/v1/providers/{member_id}"),
    ("patch", "/api/v1/providers/{member_id}"),
    ("get", "/api/v1/membership-fee"),
    ("get", "/api/v1/solution-finder/applications"),
    ("post", "/api/v1/solution-finder/applications"),
    ("get", "/api/v1/solution-finder/applications/{app_id}"),
    ("patch", "/api/v1/solution-finder/applications/{app_id}"),
    ("post", "/api/v1/solution-finder/applications/{app_id}/transitions"),
    ("get", "/api/v1/solution-finder/applications/{app_id}/history"),
    ("get", "/api/v1/solution-finder/applications/{app_id}/match-suggestions"),
    ("post", "/api/v1/solution-finder/applications/{app_id}/matches"),
    ("get", "/api/v1/matches"),
    ("post", "/api/v1/matches/{match_id}/transitions"),
    ("post", "/api/v1/auth/token"),
]


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_the_document_is_openapi_3(document):
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Smart City Driver API"


@pytest.mark.parametrize(("method", "path"), DESIGN_TABLE)
def test_every_path_of_the_design_is_documented(document, method, path):
    assert method in document["paths"][path]


def test_every_operation_but_the_token_request_needs_the_bearer_token(document):
    assert document["security"] == [{"bearerAuth": []}]
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    public = [
        (method, path)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and op.get("security") == []
    ]
    assert public == [("post", "/api/v1/auth/token")]


def test_errors_are_documented_as_problem_json(document):
    for name, response in document["components"]["responses"].items():
        assert list(response["content"]) == ["application/problem+json"], name


def test_the_largest_page_size_is_documented(document, app):
    parameters = document["paths"]["/api/v1/members"]["get"]["parameters"]
    page_size = next(p for p in parameters if p["name"] == "page_size")
    assert page_size["schema"]["maximum"] == app.config["API_MAX_PAGE_SIZE"]


def test_enumerations_come_from_the_code(document):
    schemas = document["components"]["schemas"]
    assert schemas["NewMember"]["properties"]["category"]["enum"] == [
        "local_government",
        "corporation",
        "institution",
    ]
    assert "matchmaking" in schemas["Application"]["properties"]["state"]["enum"]


def test_the_reference_page_lists_every_operation(client, document):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for path, item in document["paths"].items():
        for method in item:
            if method in {"get", "post", "patch", "delete"}:
                assert f"{method.upper()}</span> <code>{path}</code>" in html


def test_the_reference_page_loads_nothing_from_elsewhere_and_runs_no_script(client):
    html = client.get("/api/v1/docs").get_data(as_text=True)
    assert "<script" not in html
    assert "style=" not in html
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/", "#")), url
