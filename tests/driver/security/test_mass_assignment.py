"""Mass assignment: fields a form or a JSON body smuggles in (state, owner, verified, version,
id, timestamps…) never reach the stored row.

Forms ignore fields they do not declare; the API's schemas refuse unknown fields
with a 422 (marshmallow's default). Either way the row must not take them: each
probe sends a legitimate change plus the smuggled fields, and checks the row.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from driver.activator.models import Assessment
from driver.auth.models import User
from driver.catalogue.models import Solution
from driver.extensions import db
from driver.implementer.models import Bid, Proposal
from driver.members.models import Member, ProviderProfile
from driver.plan_exchange.models import Project as PlanProject
from driver.solution_finder.models import Application

from .harness import Callers
from .pageforms import read_form
from .world import build_world

SMUGGLED = {
    "state": "completed",
    "version": "99",
    "id": "4242",
    "created_at": "2001-01-01T00:00:00+00:00",
    "updated_at": "2001-01-01T00:00:00+00:00",
    "submitted_at": "2001-01-01T00:00:00+00:00",
    "completed_at": "2001-01-01T00:00:00+00:00",
    "verified": "y",
    "verified_by_id": "1",
    "role": "admin",
    "regions": "Europe",
    "active": "y",
    "assignee_id": "1",
    "feedback": "Smuggled feedback.",
}


@pytest.fixture
def world(app, tmp_path, make_member, make_user, make_provider, make_application, make_match):
    factories = SimpleNamespace(
        make_member=make_member,
        make_user=make_user,
        make_provider=make_provider,
        make_application=make_application,
        make_match=make_match,
    )
    built = build_world(factories, tmp_path / "uploads")
    from ...conftest import Browser

    def browser(user):
        b = Browser(app.test_client())
        if user is not None:
            b.login(user)
        return b

    built.callers = Callers(app, built, browser)
    # A user of the provider WeGO has not verified yet: it must not verify itself.
    pending_user = make_user("provider", member=db.session.get(Member, built.pending))
    built.pending_user = built.callers.make_browser(pending_user)
    return built


def smuggling(world, **extra) -> dict[str, str]:
    """The smuggled fields, owners pointing at city B and provider Y."""
    b = world.users["city_b"]
    return {
        **SMUGGLED,
        "member_id": str(b.member_id),
        "created_by_id": str(b.id),
        "author_id": str(b.id),
        "owner": str(b.member_id),
        "provider_id": str(world.provider_y),
        "call_id": str(world.call),
        **extra,
    }


def submit_with_smuggled(browser, url: str, smuggled: dict[str, str], **changes: str):
    """Post the form of ``url`` as the page fills it, with ``changes`` and every smuggled
    field the form does not declare (a declared one, like ``version``, is a real input)."""
    values, names = read_form(browser.get(url).get_data(as_text=True))
    extra = {k: v for k, v in smuggled.items() if k not in names}
    response = browser.post(url, {**values, **extra, **changes})
    assert response.status_code == 302, response.get_data(as_text=True)[:1500]
    return response


def fresh(model, **where):
    db.session.expire_all()
    stmt = select(model).filter_by(**where)
    return db.session.scalars(stmt).one()


# -- forms -----------------------------------------------------------------------------


def test_a_new_application_keeps_its_city_and_starts_as_a_draft(world):
    city = world.callers.browsers["city_a"]
    submit_with_smuggled(
        city,
        "/applications/new",
        smuggling(world),
        title="Smuggled app",
        description="Leaks.",
        areas="water-management",
    )
    row = fresh(Application, title="Smuggled app")
    assert (row.state, row.member_id, row.created_by_id, row.assignee_id, row.feedback) == (
        "draft",
        world.city_a,
        world.users["city_a"].id,
        None,
        None,
    )
    assert (row.id != 4242, row.version, row.submitted_at) == (True, 1, None)


def test_an_edited_draft_keeps_its_state_and_city(world):
    city = world.callers.browsers["city_a"]
    url = f"/applications/{world.draft}/edit"
    submit_with_smuggled(city, url, smuggling(world), title="Edited")
    row = fresh(Application, id=world.draft)
    assert (row.title, row.state, row.member_id, row.assignee_id) == (
        "Edited",
        "draft",
        world.city_a,
        None,
    )


def test_a_new_plan_exchange_project_is_a_draft_of_the_city(world):
    city = world.callers.browsers["city_a"]
    smuggled = smuggling(world, state="published")
    submit_with_smuggled(city, "/plan-exchange/new", smuggled, title="Smuggled")
    row = fresh(PlanProject, title="Smuggled")
    assert (row.state, row.member_id, row.published_at) == ("draft", world.city_a, None)


def test_a_new_catalogue_solution_is_unverified_and_the_providers_own(world):
    provider = world.callers.browsers["provider_x"]
    submit_with_smuggled(
        provider,
        "/solutions/new",
        smuggling(world),
        name="Smuggled pumps",
        areas="water-management",
    )
    row = fresh(Solution, name="Smuggled pumps")
    assert (row.verified, row.provider_id, row.verified_by_id) == (False, world.provider_x, None)


def test_an_unverified_provider_cannot_verify_itself_through_its_profile(world):
    url = f"/providers/{world.pending}/edit"
    submit_with_smuggled(world.pending_user, url, smuggling(world), summary="We are great.")
    row = fresh(ProviderProfile, member_id=world.pending)
    assert (row.summary, row.verified) == ("We are great.", False)


def test_a_proposal_draft_keeps_its_state_city_and_call(world):
    city = world.callers.browsers["city_a"]
    url = f"/implementer/proposals/{world.proposal_draft}/edit"
    submit_with_smuggled(city, url, smuggling(world, state="selected"), title="Edited proposal")
    row = fresh(Proposal, id=world.proposal_draft)
    assert (row.title, row.state, row.member_id, row.call_id) == (
        "Edited proposal",
        "draft",
        world.city_a,
        world.call_second,
    )


def test_a_bid_draft_keeps_its_state_and_provider(world):
    provider = world.callers.browsers["provider_y"]
    smuggled = smuggling(world, state="awarded", provider_id=str(world.provider_x))
    submit_with_smuggled(provider, f"/implementer/bids/{world.bid_y}/edit", smuggled, team="Three.")
    row = fresh(Bid, id=world.bid_y)
    assert (row.team, row.state, row.provider_id) == ("Three.", "draft", world.provider_y)


def test_the_account_page_does_not_change_role_city_or_regions(world):
    city = world.callers.browsers["city_a"]
    values, names = read_form(city.get("/account").get_data(as_text=True))
    extra = {k: v for k, v in smuggling(world).items() if k not in names}
    city.post("/account", {**values, **extra})
    row = fresh(User, id=world.users["city_a"].id)
    assert (row.role, row.member_id, row.regions, row.active) == (
        "city",
        world.city_a,
        [],
        True,
    )


# -- the API -----------------------------------------------------------------------------

API_SMUGGLED = {
    "state": "completed",
    "version": 99,
    "id": 4242,
    "created_at": "2001-01-01T00:00:00+00:00",
    "verified": True,
    "completed_at": "2001-01-01T00:00:00+00:00",
}


def _api_smuggling(world) -> dict:
    return {**API_SMUGGLED, "member_id": world.city_b, "provider_id": world.provider_y}


def test_api_create_application_refuses_or_ignores_smuggled_fields(world):
    api = world.callers.apis["city_a"]
    body = {"title": "API smuggled", "description": "Leaks.", "areas": ["water-management"]}
    response = api.post("solution-finder/applications", {**body, **_api_smuggling(world)})
    rows = db.session.scalars(select(Application).filter_by(title="API smuggled")).all()
    assert (response.status_code, rows) == (422, [])
    assert set(response.get_json()["errors"]) >= {"state", "member_id", "id"}


def test_api_patch_application_refuses_smuggled_fields(world):
    api = world.callers.apis["city_a"]
    response = api.patch(
        f"solution-finder/applications/{world.draft}",
        {"title": "Patched", "state": "completed", "member_id": world.city_b},
    )
    row = fresh(Application, id=world.draft)
    assert (response.status_code, row.title, row.state, row.member_id) == (
        422,
        "A draft of A",
        "draft",
        world.city_a,
    )


def test_api_patch_provider_by_its_own_user_cannot_verify_it(world):
    api = world.callers.apis["provider_x"]
    fresh(ProviderProfile, member_id=world.provider_x).verified = False
    db.session.commit()
    response = api.patch(f"providers/{world.provider_x}", {"summary": "Ok.", "verified": True})
    assert response.status_code in {403, 422}
    assert fresh(ProviderProfile, member_id=world.provider_x).verified is False


def test_api_proposal_and_bid_bodies_refuse_smuggled_owners_and_states(world):
    city_b = world.callers.apis["city_b"]
    created = city_b.post(
        "implementer/proposals",
        {"call_id": world.call_second, "title": "Smuggled", **_api_smuggling(world)},
    )
    bid = world.callers.apis["provider_y"].patch(
        f"implementer/bids/{world.bid_y}",
        {"team": "Four.", "state": "awarded", "provider_id": world.provider_x},
    )
    row = fresh(Bid, id=world.bid_y)
    proposals = db.session.scalars(select(Proposal).filter_by(title="Smuggled")).all()
    assert (created.status_code, proposals, bid.status_code) == (422, [], 422)
    assert (row.team, row.state, row.provider_id) == (
        "Two traffic engineers.",
        "draft",
        world.provider_y,
    )


def test_api_assessment_body_refuses_a_smuggled_completion_and_city(world):
    api = world.callers.apis["city_a"]
    response = api.patch(
        f"activator/assessments/{world.assessment_a}",
        {"answers": [], "completed_at": "2001-01-01T00:00:00+00:00", "member_id": world.city_b},
    )
    row = fresh(Assessment, id=world.assessment_a)
    assert (response.status_code, row.completed_at, row.member_id) == (422, None, world.city_a)
