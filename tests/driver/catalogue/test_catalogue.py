"""The solution catalogue: providers list, reviewers verify, matchmaking and pages use it."""

from __future__ import annotations

import pytest

from driver.catalogue import services
from driver.catalogue.services import SolutionInput
from driver.errors import Forbidden, Invalid, NotFound
from driver.matchmaking.services import offers_for

WATER = SolutionInput(name="Leak finder", areas=("water-management",), stage_min=1, stage_max=3)


@pytest.fixture
def provider_user(make_user, make_provider):
    return make_user("provider", member=make_provider(areas=("tourism",)))


def test_a_provider_lists_an_unverified_solution(provider_user):
    assert services.create_solution(provider_user, WATER).verified is False


@pytest.mark.parametrize("role", ["city", "reviewer"])
def test_only_providers_list_solutions(make_user, role):
    with pytest.raises(Forbidden):
        services.create_solution(make_user(role), WATER)


@pytest.mark.parametrize(
    "data",
    [
        SolutionInput(name="", areas=("water-management",)),
        SolutionInput(name="X", areas=()),
        SolutionInput(name="X", areas=("water-management",), stage_min=4, stage_max=2),
        SolutionInput(name="X", areas=("water-management",), cost_band="cheap"),
    ],
)
def test_invalid_solutions_are_refused(provider_user, data):
    with pytest.raises(Invalid):
        services.create_solution(provider_user, data)


def test_a_reviewer_verifies_it(provider_user, make_user):
    solution = services.create_solution(provider_user, WATER)
    assert services.set_verified(make_user("reviewer"), solution.id, True).verified


def test_a_provider_cannot_verify_its_own(provider_user):
    solution = services.create_solution(provider_user, WATER)
    with pytest.raises(Forbidden):
        services.set_verified(provider_user, solution.id, True)


def test_a_providers_change_needs_a_new_verification(provider_user, make_user):
    solution = services.create_solution(provider_user, WATER)
    services.set_verified(make_user("reviewer"), solution.id, True)
    changed = SolutionInput(**{**WATER.__dict__, "summary": "Now with drones."})
    assert services.update_solution(provider_user, solution.id, changed).verified is False


@pytest.mark.parametrize(("verified", "visible"), [(False, False), (True, True)])
def test_cities_see_only_verified_solutions(provider_user, make_user, verified, visible):
    solution = services.create_solution(provider_user, WATER)
    if verified:
        services.set_verified(make_user("reviewer"), solution.id, True)
    city = make_user("city")
    try:
        services.get_solution(city, solution.id)
    except NotFound:
        seen = False
    else:
        seen = True
    assert seen is visible


# -- matchmaking ----------------------------------------------------------------------


def test_a_verified_solution_makes_its_provider_cover_the_area(provider_user, make_user):
    solution = services.create_solution(provider_user, WATER)
    services.set_verified(make_user("reviewer"), solution.id, True)
    assert [o.provider_id for o in offers_for(["water-management"])] == [provider_user.member_id]


def test_an_unverified_solution_does_not_count_in_matchmaking(provider_user):
    services.create_solution(provider_user, WATER)
    assert offers_for(["water-management"]) == []


def test_solutions_widen_the_stages_a_provider_suits(provider_user, make_user):
    profile = provider_user.member.profile
    profile.stage_min, profile.stage_max = 3, 5
    solution = services.create_solution(provider_user, WATER)  # stages 1-3
    services.set_verified(make_user("reviewer"), solution.id, True)
    offer = offers_for(["tourism"])[0]
    assert (offer.stage_min, offer.stage_max, "water-management" in offer.areas) == (1, 5, True)


# -- pages ----------------------------------------------------------------------------


def test_a_provider_adds_a_solution_through_the_form(browser, provider_user):
    b = browser(provider_user)
    b.get("/solutions/new")
    response = b.post(
        "/solutions/new",
        {
            "name": "Leak finder",
            "areas": ["water-management"],
            "stage_min": "1",
            "stage_max": "3",
            "reference_cities": "Seoul\nSuwon",
        },
    )
    assert response.status_code == 302


def test_a_reviewer_verifies_through_the_page(browser, provider_user, make_user):
    solution = services.create_solution(provider_user, WATER)
    b = browser(make_user("reviewer"))
    b.get(f"/solutions/{solution.id}")
    b.post(f"/solutions/{solution.id}/verify", {"verified": "1"})
    from driver.extensions import db

    db.session.expire_all()
    assert solution.verified


def test_the_catalogue_lists_the_providers_own_solutions(browser, provider_user):
    services.create_solution(provider_user, WATER)
    html = browser(provider_user).get("/solutions").get_data(as_text=True)
    assert "Leak finder" in html and "Not yet" in html
