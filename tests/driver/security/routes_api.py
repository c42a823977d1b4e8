"""The matrix's table for the JSON API (see routes_pages for the format).

The API answers 401 to anonymous callers and problem+json for every refusal.
"""

from __future__ import annotations

from .cases import Case

A = Case.api

API: dict[tuple[str, str], list[Case]] = {
    ("POST", "/api/v1/auth/token"): [
        A(
            "auth/token",
            "401 401 401 401 401 401 401 401",
            data={"email": "nobody@example.org", "password": "wrong one"},
        )
    ],
    ("DELETE", "/api/v1/auth/token"): [
        A("auth/token", "401 204 204 204 204 204 204 204", sign_in_again=True)
    ],
    ("GET", "/api/v1/openapi.json"): [A("openapi.json", "200 200 200 200 200 200 200 200")],
    ("GET", "/api/v1/docs"): [A("docs", "200 200 200 200 200 200 200 200")],
    ("GET", "/api/v1/areas"): [A("areas", "401 200 200 200 200 200 200 200")],
    ("GET", "/api/v1/membership-fee"): [
        A("membership-fee?category=corporation&employees=10", "401 200 200 200 200 200 200 200")
    ],
    ("GET", "/api/v1/members"): [A("members?region=Europe", "401 200 200 200 200 200 200 200")],
    ("POST", "/api/v1/members"): [
        A(
            "members",
            "401 403 403 403 403 403 403 201*",
            data={"name": "Newtown", "category": "local_government", "country": "Korea"},
        )
    ],
    ("POST", "/api/v1/users"): [
        A(
            "users",
            "401 403 403 403 403 403 403 201*",
            data=lambda w: {
                "email": "new.person@example.org",
                "password": "a long enough password",
                "role": "city",
                "member_id": w.city_a,
            },
        )
    ],
    ("DELETE", "/api/v1/users/<id:user_id>/tokens"): [
        A(lambda w: f"users/{w.spare}/tokens", "401 404 404 404 404 404 404 200")
    ],
    ("GET", "/api/v1/providers/<id:member_id>"): [
        A(lambda w: f"providers/{w.provider_x}", "401 200 200 200 404 200 200 200"),
        A(lambda w: f"providers/{w.pending}", "401 404 404 404 404 200 200 200"),
    ],
    ("PATCH", "/api/v1/members/<id:member_id>"): [
        A(
            lambda w: f"members/{w.city_a}",
            "401 403 403 403 403 403 403 200*",
            data={"population": 1_200_000},
        )
    ],
    ("PATCH", "/api/v1/providers/<id:member_id>"): [
        A(
            lambda w: f"providers/{w.provider_x}",
            "401 403 403 200* 404 403 403 200*",
            data={"summary": "Leak sensors."},
        ),
        A(
            lambda w: f"providers/{w.pending}",
            "401 404 404 404 404 403 403 200*",
            data={"verified": True},
        ),
    ],
    ("GET", "/api/v1/solution-finder/applications"): [
        A("solution-finder/applications", "401 200 200 200 200 200 200 200")
    ],
    ("POST", "/api/v1/solution-finder/applications"): [
        A(
            "solution-finder/applications",
            "401 201* 201* 403 403 403 403 403",
            data={"title": "Smart meters", "description": "Leaks.", "areas": ["water-management"]},
        )
    ],
    ("GET", "/api/v1/solution-finder/applications/<id:app_id>"): [
        A(
            lambda w: f"solution-finder/applications/{w.matchmaking}",
            "401 200 404 200 404 200 404 200",
        ),
        A(lambda w: f"solution-finder/applications/{w.draft}", "401 200 404 404 404 404 404 404"),
        A(
            lambda w: f"solution-finder/applications/{w.submitted_b}",
            "401 404 200 404 404 200 200 200",
        ),
    ],
    ("PATCH", "/api/v1/solution-finder/applications/<id:app_id>"): [
        A(
            lambda w: f"solution-finder/applications/{w.draft}",
            "401 200* 404 404 404 404 404 404",
            data={"title": "Better"},
        )
    ],
    ("POST", "/api/v1/solution-finder/applications/<id:app_id>/transitions"): [
        A(
            lambda w: f"solution-finder/applications/{w.submitted_a}/transitions",
            "401 403 404 404 404 200* 404 200*",
            data={"trigger": "start_review"},
        )
    ],
    ("GET", "/api/v1/solution-finder/applications/<id:app_id>/history"): [
        A(
            lambda w: f"solution-finder/applications/{w.matchmaking}/history",
            "401 200 404 403 404 200 404 200",
        )
    ],
    ("GET", "/api/v1/solution-finder/applications/<id:app_id>/match-suggestions"): [
        A(
            lambda w: f"solution-finder/applications/{w.matchmaking}/match-suggestions",
            "401 403 404 403 404 200 404 200",
        )
    ],
    ("POST", "/api/v1/solution-finder/applications/<id:app_id>/matches"): [
        A(
            lambda w: f"solution-finder/applications/{w.matchmaking}/matches",
            "401 403 404 403 404 201* 404 201*",
            data=lambda w: {"provider_id": w.provider_y},
        )
    ],
    ("GET", "/api/v1/matches"): [A("matches", "401 200 200 200 200 200 200 200")],
    ("GET", "/api/v1/matches/<id:match_id>"): [
        A(lambda w: f"matches/{w.match_x}", "401 200 404 200 404 200 404 200")
    ],
    ("POST", "/api/v1/matches/<id:match_id>/transitions"): [
        A(
            lambda w: f"matches/{w.match_x}/transitions",
            "401 403 404 200* 404 403 404 403",
            data={"trigger": "accept"},
        )
    ],
    ("GET", "/api/v1/activator/questions"): [
        A("activator/questions?area=tourism", "401 200 200 200 200 200 200 200")
    ],
    ("GET", "/api/v1/activator/assessments"): [
        A("activator/assessments", "401 200 200 200 200 200 200 200")
    ],
    ("POST", "/api/v1/activator/assessments"): [
        A("activator/assessments", "401 201* 201* 403 403 403 403 403", data={"year": 2023})
    ],
    ("GET", "/api/v1/activator/assessments/<id:assessment_id>"): [
        A(lambda w: f"activator/assessments/{w.assessment_a}", "401 200 404 404 404 200 404 200")
    ],
    ("PATCH", "/api/v1/activator/assessments/<id:assessment_id>"): [
        A(
            lambda w: f"activator/assessments/{w.assessment_a}",
            "401 200* 404 404 404 403 404 403",
            data={"answers": [{"area": "tourism", "dimension": "data", "value": 3}]},
        )
    ],
    ("GET", "/api/v1/plan-exchange/projects"): [
        A("plan-exchange/projects?q=lighting", "401 200 200 200 200 200 200 200")
    ],
    ("GET", "/api/v1/plan-exchange/projects/<id:project_id>"): [
        A(
            lambda w: f"plan-exchange/projects/{w.plan_published_b}",
            "401 200 200 200 200 200 200 200",
        ),
        A(lambda w: f"plan-exchange/projects/{w.plan_draft_a}", "401 200 404 404 404 200 404 200"),
    ],
    # -- Project Implementer
    ("GET", "/api/v1/implementer/calls"): [
        A("implementer/calls", "401 200 200 200 200 200 200 200")
    ],
    ("POST", "/api/v1/implementer/calls"): [
        A(
            "implementer/calls",
            "401 403 403 403 403 403 403 201*",
            data={"title": "PI", "timezone": "UTC"},
        )
    ],
    ("GET", "/api/v1/implementer/calls/<id:call_id>"): [
        A(lambda w: f"implementer/calls/{w.call}", "401 200 200 200 200 200 200 200"),
        A(lambda w: f"implementer/calls/{w.call_draft}", "401 404 404 404 404 200 200 200"),
    ],
    ("PATCH", "/api/v1/implementer/calls/<id:call_id>"): [
        A(
            lambda w: f"implementer/calls/{w.call_draft}",
            "401 404 404 404 404 403 403 200*",
            data={"title": "Renamed"},
        )
    ],
    ("POST", "/api/v1/implementer/calls/<id:call_id>/transitions"): [
        A(
            lambda w: f"implementer/calls/{w.call_draft}/transitions",
            "401 404 404 404 404 403 403 200*",
            data={"trigger": "open"},
        )
    ],
    ("GET", "/api/v1/implementer/calls/<id:call_id>/history"): [
        A(lambda w: f"implementer/calls/{w.call}/history", "401 403 403 403 403 200 200 200")
    ],
    ("GET", "/api/v1/implementer/calls/<id:call_id>/ranking"): [
        A(lambda w: f"implementer/calls/{w.call}/ranking", "401 403 403 403 403 200 200 200")
    ],
    ("GET", "/api/v1/implementer/proposals"): [
        A("implementer/proposals", "401 200 200 200 200 200 200 200")
    ],
    ("POST", "/api/v1/implementer/proposals"): [
        A(
            "implementer/proposals",
            "401 409 201* 403 403 403 403 403",
            data=lambda w: {"call_id": w.call_second, "title": "Ours"},
        )
    ],
    ("GET", "/api/v1/implementer/proposals/<id:proposal_id>"): [
        A(lambda w: f"implementer/proposals/{w.proposal}", "401 200 404 404 404 200 404 200"),
        A(lambda w: f"implementer/proposals/{w.proposal_draft}", "401 200 404 404 404 404 404 404"),
    ],
    ("PATCH", "/api/v1/implementer/proposals/<id:proposal_id>"): [
        A(
            lambda w: f"implementer/proposals/{w.proposal_draft}",
            "401 200* 404 404 404 404 404 404",
            data={"title": "Better"},
        )
    ],
    ("POST", "/api/v1/implementer/proposals/<id:proposal_id>/transitions"): [
        A(
            lambda w: f"implementer/proposals/{w.proposal}/transitions",
            "401 403 404 404 404 200* 404 200*",
            data={"trigger": "shortlist"},
        )
    ],
    ("GET", "/api/v1/implementer/proposals/<id:proposal_id>/history"): [
        A(
            lambda w: f"implementer/proposals/{w.proposal}/history",
            "401 200 404 404 404 200 404 200",
        )
    ],
    ("GET", "/api/v1/implementer/proposals/<id:proposal_id>/scores"): [
        A(lambda w: f"implementer/proposals/{w.proposal}/scores", "401 403 404 404 404 200 404 200")
    ],
    ("POST", "/api/v1/implementer/proposals/<id:proposal_id>/scores"): [
        A(
            lambda w: f"implementer/proposals/{w.proposal}/scores",
            "401 403 404 404 404 200* 404 200*",
            data={"conflict_of_interest": True},
        )
    ],
    ("GET", "/api/v1/implementer/projects"): [
        A("implementer/projects", "401 200 200 200 200 200 200 200")
    ],
    ("GET", "/api/v1/implementer/projects/<id:project_id>"): [
        A(lambda w: f"implementer/projects/{w.project}", "401 200 404 200 200 200 404 200")
    ],
    ("PATCH", "/api/v1/implementer/projects/<id:project_id>"): [
        A(
            lambda w: f"implementer/projects/{w.project}",
            "401 403 404 403 403 409 404 409",
            data={"technical_weight": 70},
        )
    ],
    ("POST", "/api/v1/implementer/projects/<id:project_id>/transitions"): [
        A(
            lambda w: f"implementer/projects/{w.project}/transitions",
            "401 403 404 403 403 403 404 200*",
            data={"trigger": "cancel", "comment": "No budget."},
        )
    ],
    ("GET", "/api/v1/implementer/projects/<id:project_id>/history"): [
        A(lambda w: f"implementer/projects/{w.project}/history", "401 200 404 403 403 200 404 200")
    ],
    ("GET", "/api/v1/implementer/projects/<id:project_id>/ranking"): [
        A(lambda w: f"implementer/projects/{w.project}/ranking", "401 403 404 403 403 200 404 200")
    ],
    ("GET", "/api/v1/implementer/bids"): [A("implementer/bids", "401 200 200 200 200 200 200 200")],
    ("POST", "/api/v1/implementer/bids"): [
        A(
            "implementer/bids",
            "401 403 403 409 409 403 403 403",
            data=lambda w: {"project_id": w.project, "price_usd": 50_000},
        )
    ],
    ("GET", "/api/v1/implementer/bids/<id:bid_id>"): [
        A(lambda w: f"implementer/bids/{w.bid_x}", "401 404 404 200 404 404 404 404"),
        A(lambda w: f"implementer/bids/{w.bid_y}", "401 404 404 404 200 404 404 404"),
    ],
    ("PATCH", "/api/v1/implementer/bids/<id:bid_id>"): [
        A(
            lambda w: f"implementer/bids/{w.bid_y}",
            "401 404 404 404 200* 404 404 404",
            data={"team": "Two engineers."},
        )
    ],
    ("POST", "/api/v1/implementer/bids/<id:bid_id>/transitions"): [
        A(
            lambda w: f"implementer/bids/{w.bid_x}/transitions",
            "401 404 404 200* 404 404 404 404",
            data={"trigger": "withdraw"},
        )
    ],
    ("GET", "/api/v1/implementer/bids/<id:bid_id>/history"): [
        A(lambda w: f"implementer/bids/{w.bid_x}/history", "401 404 404 200 404 404 404 404")
    ],
    ("POST", "/api/v1/implementer/bids/<id:bid_id>/score"): [
        A(
            lambda w: f"implementer/bids/{w.bid_x}/score",
            "401 404 404 403 404 404 404 404",
            data={"score": 50},
        )
    ],
}
