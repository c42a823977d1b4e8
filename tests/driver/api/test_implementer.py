"""The Project Implementer's API: who may do what, sealed bids, and the same rules as the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from driver.db import utcnow

from ..implementer import conftest as implementer

# The Project Implementer's fixtures, shared with its page and service tests.
pi = implementer.pi
make_call = implementer.make_call
make_proposal = implementer.make_proposal
make_project = implementer.make_project
make_bid = implementer.make_bid
score_bid = implementer.score_bid
_uploads_in_tmp = implementer._uploads_in_tmp

# The admin comes last: a row whose request succeeds for the admin changes nothing before it.
ROLES = ("owner", "other_city", "reviewer", "consultant_user", "rival_user", "admin")


@pytest.fixture
def objects(pi, make_call, make_proposal, make_project, make_bid):
    """The owner's open call with its eligible proposal, a draft call, the owner's draft to
    another call, the owner's project preparing its tender and one with a sealed tender (the
    consultant's bid sent, the rival's drafted), and another city's closed tender (the rival's
    bid sent)."""
    call = make_call("open")
    proposal = make_proposal("eligible", call=call)
    sealed = make_project("consultant_procurement")
    closed = make_project(
        "consultant_procurement",
        proposal=make_proposal("selected", owner=pi.other_city),
        deadline=utcnow() - timedelta(hours=1),
    )
    return {
        "call": call.id,
        "draft_call": make_call("draft").id,
        "proposal": proposal.id,
        "draft_proposal": make_proposal("draft").id,
        "prep": make_project("preparation").id,
        "sealed": sealed.id,
        "sealed_bid": make_bid(sealed, pi.consultant_user, price_usd=88_888).id,
        "draft_bid": make_bid(sealed, pi.rival_user, state="draft").id,
        "closed": closed.id,
        "closed_bid": make_bid(closed, pi.rival_user, price_usd=77_777).id,
    }


ALL = (200,) * 6
ADMIN = (403, 403, 403, 403, 403, 201)

# name: (method, path, body, statuses by role in ROLES order)
ENDPOINTS = {
    "calls.list": ("GET", "implementer/calls", None, ALL),
    "calls.create": ("POST", "implementer/calls", {"title": "PI", "timezone": "UTC"}, ADMIN),
    "calls.show": ("GET", "implementer/calls/{call}", None, ALL),
    "calls.update": (
        "PATCH",
        "implementer/calls/{draft_call}",
        {"title": "Renamed"},
        (404, 404, 403, 404, 404, 200),
    ),
    "calls.transition": (
        "POST",
        "implementer/calls/{draft_call}/transitions",
        {"trigger": "open"},
        (404, 404, 403, 404, 404, 200),
    ),
    "calls.history": (
        "GET",
        "implementer/calls/{call}/history",
        None,
        (403, 403, 200, 403, 403, 200),
    ),
    "calls.ranking": (
        "GET",
        "implementer/calls/{call}/ranking",
        None,
        (403, 403, 200, 403, 403, 200),
    ),
    "proposals.list": ("GET", "implementer/proposals", None, ALL),
    "proposals.create": (
        "POST",
        "implementer/proposals",
        {"call_id": "{call}", "title": "Ours"},
        (409, 201, 403, 403, 403, 403),  # the owner's city already has one
    ),
    "proposals.show": (
        "GET",
        "implementer/proposals/{proposal}",
        None,
        (200, 404, 200, 404, 404, 200),
    ),
    "proposals.update": (
        "PATCH",
        "implementer/proposals/{draft_proposal}",
        {"title": "Better"},
        (200, 404, 404, 404, 404, 404),  # staff never see a draft
    ),
    "proposals.transition": (
        "POST",
        "implementer/proposals/{proposal}/transitions",
        {"trigger": "shortlist"},
        (403, 404, 200, 404, 404, 409),  # the reviewer shortlisted it first
    ),
    "proposals.history": (
        "GET",
        "implementer/proposals/{proposal}/history",
        None,
        (200, 404, 200, 404, 404, 200),
    ),
    "proposals.scores": (
        "GET",
        "implementer/proposals/{proposal}/scores",
        None,
        (403, 404, 200, 404, 404, 200),
    ),
    "proposals.review": (
        "POST",
        "implementer/proposals/{proposal}/scores",
        {"conflict_of_interest": True},
        (403, 404, 200, 404, 404, 200),
    ),
    "projects.list": ("GET", "implementer/projects", None, ALL),
    "projects.show": ("GET", "implementer/projects/{sealed}", None, (200, 404, 200, 200, 200, 200)),
    "projects.update": (
        "PATCH",
        "implementer/projects/{prep}",
        {"technical_weight": 70},
        (403, 404, 200, 404, 404, 200),
    ),
    "projects.transition": (
        "POST",
        "implementer/projects/{prep}/transitions",
        {"trigger": "cancel", "comment": "No budget."},
        (403, 404, 403, 404, 404, 200),
    ),
    "projects.history": (
        "GET",
        "implementer/projects/{sealed}/history",
        None,
        (200, 404, 200, 403, 403, 200),
    ),
    "projects.ranking": (
        "GET",
        "implementer/projects/{closed}/ranking",
        None,
        (404, 403, 200, 403, 403, 200),  # an open tender is public to verified providers
    ),
    "bids.list": ("GET", "implementer/bids", None, ALL),
    "bids.create": (
        "POST",
        "implementer/bids",
        {"project_id": "{sealed}", "price_usd": 50_000},
        (403, 403, 403, 409, 409, 403),  # each already has a live bid there
    ),
    "bids.sealed": ("GET", "implementer/bids/{sealed_bid}", None, (404, 404, 404, 200, 404, 404)),
    "bids.closed": ("GET", "implementer/bids/{closed_bid}", None, (404, 404, 200, 404, 200, 200)),
    "bids.update": (
        "PATCH",
        "implementer/bids/{draft_bid}",
        {"team": "Two engineers."},
        (404, 404, 404, 404, 200, 404),
    ),
    "bids.transition": (
        "POST",
        "implementer/bids/{sealed_bid}/transitions",
        {"trigger": "withdraw"},
        (404, 404, 404, 200, 404, 404),
    ),
    "bids.award": (
        "POST",
        "implementer/bids/{closed_bid}/transitions",
        {"trigger": "award"},
        (404, 404, 403, 404, 403, 403),
    ),
    "bids.history": (
        "GET",
        "implementer/bids/{closed_bid}/history",
        None,
        (404, 404, 200, 404, 200, 200),
    ),
    "bids.score": (
        "POST",
        "implementer/bids/{closed_bid}/score",
        {"score": 50},
        (404, 404, 200, 404, 403, 200),
    ),
}

PARAMETERS = {
    "call": "call_id",
    "draft_call": "call_id",
    "proposal": "proposal_id",
    "draft_proposal": "proposal_id",
    "prep": "project_id",
    "sealed": "project_id",
    "closed": "project_id",
    "sealed_bid": "bid_id",
    "draft_bid": "bid_id",
    "closed_bid": "bid_id",
}


def operations() -> set[tuple[str, str]]:
    """The (method, OpenAPI path) pairs this table covers (the permission table counts them)."""
    return {
        (method, "/api/v1/" + path.format(**{k: "{" + v + "}" for k, v in PARAMETERS.items()}))
        for method, path, _, _ in ENDPOINTS.values()
    }


def _fill(value, ids):
    if isinstance(value, str):
        filled = value.format(**ids)
        return int(filled) if value.startswith("{") else filled
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize("name", ENDPOINTS)
def test_endpoint_answers_each_role_as_the_design_says(pi, objects, api, name):
    method, path, body, statuses = ENDPOINTS[name]
    answered = {}
    for role in ROLES:
        response = api(pi.actor(role)).request(method, _fill(path, objects), _fill(body, objects))
        answered[role] = response.status_code
    assert answered == dict(zip(ROLES, statuses, strict=True))


def test_the_bidder_sees_its_own_price_before_the_deadline(pi, objects, api):
    body = api(pi.consultant_user).get(f"implementer/bids/{objects['sealed_bid']}").get_json()
    assert body["price_usd"] == 88_888


def test_no_price_leaks_into_any_staff_list_before_the_deadline(pi, objects, api):
    client = api(pi.admin)
    texts = [
        client.get("implementer/bids").get_data(as_text=True),
        client.get(f"implementer/projects/{objects['sealed']}").get_data(as_text=True),
        client.get(f"implementer/projects/{objects['sealed']}/ranking").get_data(as_text=True),
    ]
    assert not any("88888" in t for t in texts)


def test_a_rivals_list_holds_only_its_own_bids(pi, objects, api):
    items = api(pi.rival_user).get("implementer/bids").get_json()["items"]
    assert sorted(b["id"] for b in items) == sorted([objects["draft_bid"], objects["closed_bid"]])


def test_a_city_submits_its_proposal_through_the_api(pi, make_call, api):
    call = make_call("open", budget_usd=100_000)
    client = api(pi.owner)
    created = client.post(
        "implementer/proposals",
        {
            "call_id": call.id,
            "title": "Flood sensors",
            "problem": "Floods.",
            "objectives": "Warn early.",
            "requested_usd": 80_000,
            "cofunding_kind": "Two engineers.",
            "local_team": "ICT office.",
            "timeline": "A year.",
        },
    ).get_json()
    response = client.post(
        f"implementer/proposals/{created['id']}/transitions",
        {"trigger": "submit", "version": created["version"]},
    )
    assert (response.status_code, response.get_json()["state"]) == (200, "submitted")


def test_a_failed_guard_names_it(pi, make_proposal, api, assert_problem):
    proposal = make_proposal("draft", local_team="")
    response = api(pi.owner).post(
        f"implementer/proposals/{proposal.id}/transitions", {"trigger": "submit"}
    )
    assert assert_problem(response, 409)["reasons"] == ["has_local_team"]


def test_a_reviewer_scores_through_the_api(pi, make_proposal, api):
    proposal = make_proposal("eligible")
    scores = [{"criterion_id": c.id, "score": 5} for c in proposal.call.criteria]
    response = api(pi.reviewer).post(
        f"implementer/proposals/{proposal.id}/scores", {"scores": scores}
    )
    assert (response.status_code, response.get_json()["mean"]) == (200, 5.0)


def test_the_qcbs_ranking_after_the_deadline(pi, make_project, make_bid, score_bid, api):
    project = make_project("consultant_procurement", deadline=utcnow() - timedelta(minutes=1))
    dear = make_bid(project, pi.consultant_user, price_usd=100_000)
    cheap = make_bid(project, pi.rival_user, price_usd=80_000)
    score_bid(dear, pi.reviewer, 90)
    score_bid(cheap, pi.reviewer, 70)
    items = api(pi.admin).get(f"implementer/projects/{project.id}/ranking").get_json()["items"]
    # dear: 0.8 × 90 + 0.2 × 80 = 88; cheap: 0.8 × 70 + 0.2 × 100 = 76
    assert [(i["bid_id"], i["combined"], i["rank"]) for i in items] == [
        (dear.id, 88.0, 1),
        (cheap.id, 76.0, 2),
    ]


def test_an_aware_closing_time_is_required(pi, api, assert_problem):
    response = api(pi.admin).post(
        "implementer/calls", {"title": "PI", "closes_at": "2031-03-01T18:00:00"}
    )
    assert "closes_at" in assert_problem(response, 422)["errors"]
