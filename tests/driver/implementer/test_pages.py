"""Every Project Implementer page answers each role as its scope says (200, 403 or 404)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from driver.db import utcnow

ROLES = (
    "owner",
    "other_city",
    "reviewer",
    "reviewer_africa",
    "admin",
    "consultant_user",
    "rival_user",
    "unverified_user",
)


@pytest.fixture
def objects(pi, make_call, make_proposal, make_project, make_bid, score_proposal):
    """A call open now, a proposal being scored, a project whose tender has closed with two
    bids (the consultant's and the rival's), and a draft call."""
    call = make_call("open")
    draft_call = make_call("draft", title="Next year's call")
    proposal = make_proposal("eligible", call=call)
    score_proposal(proposal, pi.reviewer, 4)
    project = make_project("consultant_procurement", deadline=utcnow() - timedelta(hours=1))
    bid = make_bid(project, pi.consultant_user)
    make_bid(project, pi.rival_user, price_usd=70_000)
    return {
        "call": call,
        "draft_call": draft_call,
        "proposal": proposal,
        "project": project,
        "bid": bid,
    }


# page: (url template, statuses by role in ROLES order)
PAGES = {
    "home": ("/implementer", (200, 200, 302, 302, 302, 302, 302, 302)),
    "calls": ("/implementer/calls", (200,) * 8),
    "call": ("/implementer/calls/{call}", (200,) * 8),
    "draft_call": ("/implementer/calls/{draft_call}", (404, 404, 200, 200, 200, 404, 404, 404)),
    "new_call": ("/implementer/calls/new", (404, 404, 404, 404, 200, 404, 404, 404)),
    "ranking": ("/implementer/calls/{call}/ranking", (403, 403, 200, 200, 200, 403, 403, 403)),
    "proposals": ("/implementer/proposals", (200, 200, 200, 200, 200, 404, 404, 404)),
    "proposal": ("/implementer/proposals/{proposal}", (200, 404, 200, 404, 200, 404, 404, 404)),
    "new_proposal": (
        "/implementer/calls/{call}/proposals/new",
        (302, 200, 404, 404, 404, 404, 404, 404),
    ),
    "review": (
        "/implementer/proposals/{proposal}/review",
        (403, 404, 200, 404, 200, 404, 404, 404),
    ),
    "projects": ("/implementer/projects", (200, 200, 200, 200, 200, 302, 302, 302)),
    "tenders": ("/implementer/tenders", (404, 404, 404, 404, 404, 200, 200, 200)),
    "project": ("/implementer/projects/{project}", (200, 404, 200, 404, 200, 200, 200, 404)),
    "bid": ("/implementer/bids/{bid}", (404, 404, 200, 404, 200, 200, 404, 404)),
    "select": (
        "/implementer/projects/{project}/select-consultant",
        (403, 404, 403, 404, 200, 403, 403, 404),
    ),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_the_role_as_its_scope_says(pi, objects, browser, role):
    """One sign-in per role (argon2 is slow on purpose); the whole row of the table at once."""
    ids = {name: obj.id for name, obj in objects.items()}
    signed_in = browser(pi.actor(role))
    answered = {
        page: signed_in.get(url.format(**ids)).status_code for page, (url, _) in PAGES.items()
    }
    expected = {page: statuses[ROLES.index(role)] for page, (_, statuses) in PAGES.items()}
    assert answered == expected


@pytest.mark.parametrize("page", PAGES)
def test_page_asks_an_anonymous_visitor_to_sign_in(objects, client, page):
    ids = {name: obj.id for name, obj in objects.items()}
    response = client.get(PAGES[page][0].format(**ids))
    assert response.status_code == 302 and "/login" in response.headers["Location"]
