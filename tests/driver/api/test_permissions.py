"""Every endpoint × every role: the status code DESIGN §8 says, and a refusal changes nothing.

Columns: anonymous, city A, city B, provider X, provider Y, reviewer (every
region), reviewer scoped to Europe, admin. See ``World`` in conftest for who
relates to what: A's applications are in Asia-Pacific, so the Europe
reviewer does not see them; X holds a proposed match on A's application in
matchmaking; Y is offered nothing (and does not see its competitors' profiles).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .test_implementer import operations as implementer_operations

ROLES = (
    "anonymous",
    "city_a",
    "city_b",
    "provider_x",
    "provider_y",
    "reviewer",
    "reviewer_europe",
    "admin",
)

Path = str | Callable[[Any], str]
Body = dict[str, Any] | Callable[[Any], dict[str, Any]] | None

ALL_READ = (401, 200, 200, 200, 200, 200, 200, 200)
ADMIN_ONLY = (401, 403, 403, 403, 403, 403, 403, 201)

# name: (method, path, body, statuses by role in ROLES order)
ENDPOINTS: dict[str, tuple[str, Path, Body, tuple[int, ...]]] = {
    "areas.list": ("GET", "areas", None, ALL_READ),
    "fee.calculate": ("GET", "membership-fee?category=corporation&employees=10", None, ALL_READ),
    "tokens.revoke": ("DELETE", "auth/token", None, (401, 204, 204, 204, 204, 204, 204, 204)),
    "members.list": ("GET", "members?region=Europe", None, ALL_READ),
    "members.create": (
        "POST",
        "members",
        {"name": "Newtown", "category": "local_government", "country": "Korea"},
        ADMIN_ONLY,
    ),
    "members.update": (
        "PATCH",
        lambda w: f"members/{w.city_b.id}",
        {"sub_category": "city", "joined_on": "2012-05-01"},
        (401, 403, 403, 403, 403, 403, 403, 200),
    ),
    "users.create": (
        "POST",
        "users",
        lambda w: {
            "email": "new.person@example.org",
            "password": "a long enough password",
            "role": "city",
            "member_id": w.city_a.id,
        },
        ADMIN_ONLY,
    ),
    "users.revoke_tokens": (
        "DELETE",
        lambda w: f"users/{w.users['city_b'].id}/tokens",
        None,
        (401, 404, 200, 404, 404, 404, 404, 200),
    ),
    "providers.show": (
        "GET",
        lambda w: f"providers/{w.provider_x.id}",
        None,
        (401, 200, 200, 200, 404, 200, 200, 200),
    ),
    "providers.show_unverified": (
        "GET",
        lambda w: f"providers/{w.pending.id}",
        None,
        (401, 404, 404, 404, 404, 200, 200, 200),
    ),
    "providers.update": (
        "PATCH",
        lambda w: f"providers/{w.provider_x.id}",
        {"summary": "Leak sensors for water networks."},
        (401, 403, 403, 200, 404, 403, 403, 200),
    ),
    "providers.verify": (
        "PATCH",
        lambda w: f"providers/{w.provider_x.id}",
        {"verified": False},
        (401, 403, 403, 403, 404, 403, 403, 200),
    ),
    "providers.update_unverified": (
        "PATCH",
        lambda w: f"providers/{w.pending.id}",
        {"summary": "Pending."},
        (401, 404, 404, 404, 404, 403, 403, 200),
    ),
    "applications.list": ("GET", "solution-finder/applications", None, ALL_READ),
    "applications.create": (
        "POST",
        "solution-finder/applications",
        {"title": "Smart water meters", "description": "Leaks.", "areas": ["water-management"]},
        (401, 201, 201, 403, 403, 403, 403, 403),
    ),
    "applications.show": (
        "GET",
        lambda w: f"solution-finder/applications/{w.matchmaking.id}",
        None,
        (401, 200, 404, 200, 404, 200, 404, 200),
    ),
    "applications.show_draft": (
        "GET",
        lambda w: f"solution-finder/applications/{w.draft.id}",
        None,
        (401, 200, 404, 404, 404, 404, 404, 404),
    ),
    "applications.show_in_europe": (
        "GET",
        lambda w: f"solution-finder/applications/{w.submitted_b.id}",
        None,
        (401, 404, 200, 404, 404, 200, 200, 200),
    ),
    "applications.edit_draft": (
        "PATCH",
        lambda w: f"solution-finder/applications/{w.draft.id}",
        {"title": "A better title"},
        (401, 200, 404, 404, 404, 404, 404, 404),
    ),
    "applications.edit_submitted": (
        "PATCH",
        lambda w: f"solution-finder/applications/{w.matchmaking.id}",
        {"title": "Too late"},
        (401, 409, 404, 403, 404, 403, 404, 403),
    ),
    "applications.submit": (
        "POST",
        lambda w: f"solution-finder/applications/{w.draft.id}/transitions",
        {"trigger": "submit"},
        (401, 200, 404, 404, 404, 404, 404, 404),
    ),
    "applications.open_matchmaking": (
        "POST",
        lambda w: f"solution-finder/applications/{w.feedback_given.id}/transitions",
        {"trigger": "open_matchmaking"},
        (401, 403, 404, 404, 404, 200, 404, 200),
    ),
    "applications.start_review_in_europe": (
        "POST",
        lambda w: f"solution-finder/applications/{w.submitted_b.id}/transitions",
        {"trigger": "start_review"},
        (401, 404, 403, 404, 404, 200, 200, 200),
    ),
    "applications.history": (
        "GET",
        lambda w: f"solution-finder/applications/{w.matchmaking.id}/history",
        None,
        (401, 200, 404, 403, 404, 200, 404, 200),
    ),
    "applications.match_suggestions": (
        "GET",
        lambda w: f"solution-finder/applications/{w.matchmaking.id}/match-suggestions",
        None,
        (401, 403, 404, 403, 404, 200, 404, 200),
    ),
    "applications.propose_match": (
        "POST",
        lambda w: f"solution-finder/applications/{w.matchmaking.id}/matches",
        lambda w: {"provider_id": w.provider_y.id},
        (401, 403, 404, 403, 404, 201, 404, 201),
    ),
    "matches.list": ("GET", "matches", None, ALL_READ),
    "matches.show": (
        "GET",
        lambda w: f"matches/{w.match_x.id}",
        None,
        (401, 200, 404, 200, 404, 200, 404, 200),
    ),
    "matches.accept": (
        "POST",
        lambda w: f"matches/{w.match_x.id}/transitions",
        {"trigger": "accept"},
        (401, 403, 404, 200, 404, 403, 404, 403),
    ),
    "matches.decline": (
        "POST",
        lambda w: f"matches/{w.match_x.id}/transitions",
        {"trigger": "decline", "comment": "We are fully booked."},
        (401, 403, 404, 200, 404, 403, 404, 403),
    ),
    "matches.retract": (
        "POST",
        lambda w: f"matches/{w.match_x.id}/transitions",
        {"trigger": "retract"},
        (401, 403, 404, 403, 404, 200, 404, 200),
    ),
    "matches.select": (
        "POST",
        lambda w: f"matches/{w.match_x.id}/transitions",
        {"trigger": "select"},
        (401, 403, 404, 403, 404, 403, 404, 403),
    ),
    "activator.questions": ("GET", "activator/questions?area=tourism", None, ALL_READ),
    "activator.assessments.list": ("GET", "activator/assessments", None, ALL_READ),
    "activator.assessments.create": (
        "POST",
        "activator/assessments",
        {"year": 2023},
        (401, 201, 201, 403, 403, 403, 403, 403),
    ),
    "activator.assessments.show": (
        "GET",
        lambda w: f"activator/assessments/{w.assessment_a.id}",
        None,
        (401, 200, 404, 404, 404, 200, 404, 200),
    ),
    "activator.assessments.update": (
        "PATCH",
        lambda w: f"activator/assessments/{w.assessment_a.id}",
        {"answers": [{"area": "tourism", "dimension": "data", "value": 3}]},
        (401, 200, 404, 404, 404, 403, 404, 403),
    ),
    "plan_exchange.search": ("GET", "plan-exchange/projects?q=lighting", None, ALL_READ),
    "plan_exchange.show": (
        "GET",
        lambda w: f"plan-exchange/projects/{w.project_b.id}",
        None,
        ALL_READ,
    ),
    "plan_exchange.show_draft": (
        "GET",
        lambda w: f"plan-exchange/projects/{w.project_draft_a.id}",
        None,
        (401, 200, 404, 404, 404, 200, 404, 200),
    ),
}

CASES = [
    pytest.param(name, role, statuses[i], id=f"{name}-{role}")
    for name, (_, _, _, statuses) in ENDPOINTS.items()
    for i, role in enumerate(ROLES)
]


def test_every_endpoint_is_in_the_table(app):
    """The table covers every operation of the OpenAPI document but the token request."""
    spec = app.extensions["driver_api"].spec.to_dict()
    documented = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in {"get", "post", "patch", "delete", "put"}
    }
    documented.discard(("POST", "/api/v1/auth/token"))
    tabled = set()
    for method, path, _, _ in ENDPOINTS.values():
        template = path if isinstance(path, str) else path(_IdsAsPlaceholders())
        tabled.add((method, _as_openapi_path(template)))
    tabled |= implementer_operations()  # the Project Implementer has a table of its own
    assert documented == tabled


@pytest.mark.parametrize(("endpoint", "role", "status"), CASES)
def test_status_by_role(world, api, snapshot, assert_problem, endpoint, role, status):
    method, path, body, _ = ENDPOINTS[endpoint]
    url = path(world) if callable(path) else path
    payload = body(world) if callable(body) else body
    client = api(world.user(role))
    before = snapshot()

    response = client.request(method, url, payload)

    if status >= 400:
        assert_problem(response, status)
        assert snapshot() == before
    else:
        assert response.status_code == status, response.get_data(as_text=True)[:500]
        if status != 204:
            assert response.mimetype == "application/json"


class _IdsAsPlaceholders:
    """Stands in for a World so that path lambdas give ``{id}`` templates."""

    def __getattr__(self, name: str) -> Any:
        return self

    def __getitem__(self, name: str) -> Any:
        return self

    @property
    def id(self) -> str:
        return "{id}"


def _as_openapi_path(template: str) -> str:
    path = "/api/v1/" + template.split("?")[0]
    names = iter(_ID_NAMES.get(path.split("/{id}")[0], ()))
    while "{id}" in path:
        path = path.replace("{id}", "{" + next(names) + "}", 1)
    return path


_ID_NAMES = {
    "/api/v1/users": ("user_id",),
    "/api/v1/members": ("member_id",),
    "/api/v1/providers": ("member_id",),
    "/api/v1/solution-finder/applications": ("app_id",),
    "/api/v1/matches": ("match_id",),
    "/api/v1/activator/assessments": ("assessment_id",),
    "/api/v1/plan-exchange/projects": ("project_id",),
}
