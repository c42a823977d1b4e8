"""API fixtures: a world of two cities, two providers and WeGO staff; tokens; a JSON client."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from driver import transitions
from driver.activator.models import Assessment
from driver.activator.services import start_assessment
from driver.api.auth import issue_token
from driver.auth.models import User
from driver.extensions import db
from driver.matchmaking.models import Match
from driver.members.models import Member
from driver.plan_exchange.models import Project
from driver.plan_exchange.services import BINDING as PROJECT_BINDING
from driver.plan_exchange.services import ProjectInput, create_project
from driver.solution_finder.models import Application

PROBLEM = "application/problem+json"

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


@dataclass
class World:
    """Who and what the permission tables are about.

    City A is in Asia-Pacific, city B in Europe; the Europe reviewer sees only
    B's applications. Provider X holds a proposed match on A's application in
    matchmaking; provider Y is verified but offered nothing; ``pending`` is a
    provider whose profile is not verified yet.
    """

    city_a: Member
    city_b: Member
    provider_x: Member
    provider_y: Member
    pending: Member
    users: dict[str, User]
    draft: Application  # A's draft
    feedback_given: Application  # A's, reviewed, no match
    matchmaking: Application  # A's, in matchmaking, X proposed
    submitted_b: Application  # B's, submitted
    match_x: Match  # X on ``matchmaking``, proposed
    assessment_a: Assessment  # A's 2024 self-assessment
    project_draft_a: Project  # A's Plan Exchange draft
    project_b: Project  # B's published Plan Exchange project

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else self.users[role]


@pytest.fixture
def world(make_member, make_user, make_provider, make_application, make_match) -> World:
    city_a = make_member("local_government", name="Suwon", country="Korea", region="Asia-Pacific")
    city_b = make_member("local_government", name="Lyon", country="France", region="Europe")
    provider_x = make_provider(name="Aqua Sensing", areas=("water-management", "healthcare"))
    provider_y = make_provider(name="Flow Metrics", areas=("water-management",), country="Kenya")
    pending = make_provider(name="Not Yet Verified", verified=False)
    users = {
        "city_a": make_user("city", member=city_a, name="Ana City A"),
        "city_b": make_user("city", member=city_b, name="Bea City B"),
        "provider_x": make_user("provider", member=provider_x, name="Xavier"),
        "provider_y": make_user("provider", member=provider_y, name="Yusuf"),
        "reviewer": make_user("reviewer", name="Rui Reviewer"),
        "reviewer_europe": make_user("reviewer", regions=["Europe"], name="Eve Europe"),
        "admin": make_user("admin", name="Ada Admin"),
    }
    owner, reviewer = users["city_a"], users["reviewer"]
    draft = make_application(owner, title="A draft of A")
    feedback_given = make_application(
        owner, state="feedback_given", assignee=reviewer, feedback="Promising."
    )
    matchmaking = make_application(
        owner, state="matchmaking", assignee=reviewer, feedback="Internal-ish feedback."
    )
    submitted_b = make_application(users["city_b"], state="submitted", title="B's challenge")
    match_x = make_match(matchmaking, provider_x)
    assessment_a = start_assessment(users["city_a"], 2024)
    project_draft_a = create_project(users["city_a"], ProjectInput(title="A's draft project"))
    project_b = create_project(
        users["city_b"],
        ProjectInput(
            title="B's smart lighting",
            summary="LED lights.",
            areas=("energy-efficiency",),
            stakeholders=(("Lighting office", "executes"),),
        ),
    )
    transitions.fire(PROJECT_BINDING, project_b.id, "submit", users["city_b"])
    transitions.fire(PROJECT_BINDING, project_b.id, "publish", reviewer)
    return World(
        city_a=city_a,
        city_b=city_b,
        provider_x=provider_x,
        provider_y=provider_y,
        pending=pending,
        users=users,
        draft=draft,
        feedback_given=feedback_given,
        matchmaking=matchmaking,
        submitted_b=submitted_b,
        match_x=match_x,
        assessment_a=assessment_a,
        project_draft_a=project_draft_a,
        project_b=project_b,
    )


@pytest.fixture
def token_for():
    """``token_for(user)``: a fresh bearer token's secret."""

    def make(user: User) -> str:
        return issue_token(user).secret

    return make


class Api:
    """A test client speaking JSON to /api/v1 with a bearer token (or none)."""

    def __init__(self, client: Any, token: str | None) -> None:
        self.client = client
        self.token = token

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def request(self, method: str, path: str, json: Any = None, **kw: Any):
        url = path if path.startswith("/") else f"/api/v1/{path}"
        headers = {**self.headers(), **kw.pop("headers", {})}
        return self.client.open(url, method=method, json=json, headers=headers, **kw)

    def get(self, path: str, **kw: Any):
        return self.request("GET", path, **kw)

    def post(self, path: str, json: Any = None, **kw: Any):
        return self.request("POST", path, json, **kw)

    def patch(self, path: str, json: Any = None, **kw: Any):
        return self.request("PATCH", path, json, **kw)

    def delete(self, path: str, **kw: Any):
        return self.request("DELETE", path, **kw)


@pytest.fixture
def api(app, token_for):
    """``api(user)``: a client with a token of ``user``; ``api()`` an anonymous one."""

    def make(user: User | None = None) -> Api:
        return Api(app.test_client(), token_for(user) if user is not None else None)

    return make


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table but the tokens' (using a token notes when it was used)
    and the security log's (a refusal is recorded there on purpose)."""
    db.session.expire_all()
    rows = {}
    for table in db.metadata.sorted_tables:
        if table.name in {"api_tokens", "security_events"}:
            continue
        ordering = list(table.primary_key.columns) or list(table.columns)
        rows[table.name] = [tuple(r) for r in db.session.execute(select(table).order_by(*ordering))]
    db.session.commit()
    return rows


def assert_problem(response, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem document with ``status`` and a detail for people."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["title"]
    assert isinstance(body["detail"], str) and body["detail"].strip()
    return body


@pytest.fixture(name="snapshot")
def snapshot_fixture():
    """``snapshot()``: every row of the database, to show a refusal changed nothing."""
    return snapshot


@pytest.fixture(name="assert_problem")
def assert_problem_fixture():
    return assert_problem
