"""Provider pages: the directory, who sees a profile, editing it, verifying it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from driver.extensions import db
from driver.members.models import ProviderProfile


@pytest.fixture
def provider(make_provider):
    return make_provider(
        name="Aqua Sensing",
        areas=("water-management", "disaster-risk-management"),
        countries=["Germany", "Kenya"],
        regions=["Europe", "Africa"],
        languages=["en", "fr"],
        remote_capable=True,
        stage_min=2,
        stage_max=4,
        budget_min_usd=50_000,
        budget_max_usd=250_000,
        summary="Flood sensors for river cities.",
    )


@pytest.fixture
def provider_user(make_user, provider):
    return make_user("provider", member=provider)


@pytest.fixture
def admin(make_user):
    return make_user("admin")


@pytest.fixture
def city_user(make_user):
    return make_user("city")


def _profile(member):
    return db.session.scalar(select(ProviderProfile).where(ProviderProfile.member_id == member.id))


def _form(**changes):
    """A complete, valid profile form as the page posts it."""
    data = {
        "summary": "Flood sensors and alerts.",
        "areas": ["water-management"],
        "countries": ["Germany"],
        "regions": ["Europe"],
        "languages": ["en"],
        "remote_capable": "y",
        "stage_min": "1",
        "stage_max": "3",
        "budget_min_usd": "10000",
        "budget_max_usd": "90000",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# -- the directory --------------------------------------------------------------------------


def _names(html, names):
    return [name for name in names if name in html]


def test_directory_lists_provider_organisations_only(browser, make_user, make_member, provider):
    make_member("local_government", name="Suwon City")
    html = browser(make_user("reviewer")).get("/providers").get_data(as_text=True)
    assert _names(html, ["Aqua Sensing", "Suwon City"]) == ["Aqua Sensing"]


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", ["Aqua Sensing", "Newcomer Ltd", "Solar Grid"]),
        ("verified=yes", ["Aqua Sensing", "Solar Grid"]),
        ("verified=no", ["Newcomer Ltd"]),
        ("area=energy-efficiency", ["Solar Grid"]),
        ("area=water-management&verified=yes", ["Aqua Sensing"]),
        ("q=grid", ["Solar Grid"]),
    ],
)
def test_directory_filters(browser, make_user, make_provider, provider, query, shown):
    make_provider(name="Solar Grid", areas=("energy-efficiency",))
    make_provider(name="Newcomer Ltd", verified=False)
    html = browser(make_user("reviewer")).get(f"/providers?{query}").get_data(as_text=True)
    assert _names(html, ["Aqua Sensing", "Newcomer Ltd", "Solar Grid"]) == shown


def test_directory_counts_a_provider_without_profile_as_unverified(browser, make_user, make_member):
    make_member("institution", name="Blank Institute")
    html = browser(make_user("reviewer")).get("/providers?verified=no").get_data(as_text=True)
    assert "Blank Institute" in html


def test_directory_refuses_an_unknown_filter_value(browser, make_user):
    response = browser(make_user("reviewer")).get("/providers?area=moon-landing")
    assert response.status_code == 422


def test_directory_offers_admins_the_verify_button(browser, admin, make_provider):
    unverified = make_provider(verified=False)
    html = browser(admin).get("/providers").get_data(as_text=True)
    assert f'action="/providers/{unverified.id}/verify' in html


def test_directory_offers_reviewers_no_verify_button(browser, make_user, provider):
    html = browser(make_user("reviewer")).get("/providers").get_data(as_text=True)
    assert "/verify" not in html


# -- who sees a profile -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verified", "match_state", "visible"),
    [
        (True, None, True),
        (False, None, False),
        (False, "proposed", True),
        (False, "selected", True),
        (False, "retracted", False),
    ],
)
def test_city_sees_verified_providers_and_those_offered_to_it(
    browser, make_provider, city_user, make_application, make_match, verified, match_state, visible
):
    member = make_provider(verified=verified)
    if match_state:
        make_match(make_application(city_user, state="matchmaking"), member, state=match_state)
    response = browser(city_user).get(f"/providers/{member.id}")
    assert response.status_code == (200 if visible else 404)


def test_city_does_not_see_an_unverified_provider_offered_to_another_city(
    browser, make_provider, make_user, city_user, make_application, make_match
):
    member = make_provider(verified=False)
    make_match(make_application(make_user("city"), state="matchmaking"), member)
    assert browser(city_user).get(f"/providers/{member.id}").status_code == 404


def test_missing_provider_is_not_found(browser, admin):
    assert browser(admin).get("/providers/999999").status_code == 404


# -- what a profile shows ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "fact",
    [
        "Flood sensors for river cities.",
        "Water Management",
        "Disaster Risk Management",
        "Germany, Kenya",
        "Europe, Africa",
        "English, French",
        "Yes, it can work with a city remotely",
        "2 · Piloting to 4 · Integrated",
        "USD 50,000 to USD 250,000",
        "Verified by WeGO",
    ],
)
def test_profile_shows_the_providers_facts(browser, city_user, provider, fact):
    assert fact in browser(city_user).get(f"/providers/{provider.id}").get_data(as_text=True)


def test_profile_says_in_words_that_it_is_not_verified(browser, make_user, make_provider):
    member = make_provider(verified=False)
    html = browser(make_user("reviewer")).get(f"/providers/{member.id}").get_data(as_text=True)
    assert "Not verified yet" in html


def test_viewing_a_provider_without_profile_creates_nothing(browser, make_user, make_member):
    member = make_member("corporation", name="Blank Corp")
    browser(make_user("reviewer")).get(f"/providers/{member.id}")
    assert _profile(member) is None


@pytest.mark.parametrize(("who", "offered"), [("provider", True), ("admin", True), ("city", False)])
def test_profile_offers_editing_to_its_editors(
    browser, provider, provider_user, admin, city_user, who, offered
):
    user = {"provider": provider_user, "admin": admin, "city": city_user}[who]
    html = browser(user).get(f"/providers/{provider.id}").get_data(as_text=True)
    assert (f'href="/providers/{provider.id}/edit"' in html) is offered


# -- editing -----------------------------------------------------------------------------------


def test_edit_form_starts_from_the_saved_profile(browser, provider, provider_user):
    html = browser(provider_user).get(f"/providers/{provider.id}/edit").get_data(as_text=True)
    assert "Flood sensors for river cities." in html


def test_owner_saves_the_profile(browser, provider, provider_user):
    response = browser(provider_user).post(f"/providers/{provider.id}/edit", _form())
    assert response.headers["Location"] == f"/providers/{provider.id}"


def test_saved_profile_holds_what_was_posted(browser, provider, provider_user):
    browser(provider_user).post(f"/providers/{provider.id}/edit", _form())
    profile = _profile(provider)
    assert (
        profile.summary,
        profile.area_slugs,
        profile.countries,
        profile.languages,
        profile.stage_max,
        profile.budget_max_usd,
    ) == ("Flood sensors and alerts.", ["water-management"], ["Germany"], ["en"], 3, 90_000)


def test_empty_budgets_mean_no_limit(browser, provider, provider_user):
    browser(provider_user).post(
        f"/providers/{provider.id}/edit", _form(budget_min_usd="", budget_max_usd="")
    )
    profile = _profile(provider)
    assert (profile.budget_min_usd, profile.budget_max_usd) == (None, None)


def test_owner_fills_in_a_profile_for_the_first_time(browser, make_member, make_user):
    member = make_member("institution", name="Fresh Institute")
    browser(make_user("provider", member=member)).post(f"/providers/{member.id}/edit", _form())
    assert _profile(member).area_slugs == ["water-management"]


def test_other_provider_cannot_edit(browser, make_provider, make_user, provider):
    stranger = make_user("provider", member=make_provider(name="Rival"))
    response = browser(stranger).post(f"/providers/{provider.id}/edit", _form(summary="Hijacked"))
    assert response.status_code == 404


def test_other_providers_edit_changes_nothing(browser, make_provider, make_user, provider):
    stranger = make_user("provider", member=make_provider(name="Rival"))
    browser(stranger).post(f"/providers/{provider.id}/edit", _form(summary="Hijacked"))
    assert _profile(provider).summary == "Flood sensors for river cities."


def test_smuggled_verified_field_has_no_effect(browser, make_provider, make_user):
    member = make_provider(verified=False)
    owner = make_user("provider", member=member)
    response = browser(owner).post(f"/providers/{member.id}/edit", _form(verified="y"))
    assert (response.status_code, _profile(member).verified) == (302, False)


def test_smuggled_verified_field_cannot_unverify_either(browser, provider, provider_user):
    form = _form()  # a verified provider posts the form without ``verified``: it stays verified
    browser(provider_user).post(f"/providers/{provider.id}/edit", form)
    assert _profile(provider).verified is True


def test_provider_edit_form_has_no_verified_field(browser, provider, provider_user):
    html = browser(provider_user).get(f"/providers/{provider.id}/edit").get_data(as_text=True)
    assert 'name="verified"' not in html


@pytest.mark.parametrize(("posted", "verified"), [("y", True), (None, False)])
def test_admin_sets_verified_on_the_edit_form(browser, admin, make_provider, posted, verified):
    member = make_provider(verified=not verified)
    browser(admin).post(f"/providers/{member.id}/edit", _form(verified=posted))
    assert _profile(member).verified is verified


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"stage_min": "4", "stage_max": "2"}, "stage_min"),
        ({"budget_min_usd": "500", "budget_max_usd": "100"}, "budget_max_usd"),
        ({"budget_min_usd": "a lot"}, "budget_min_usd"),
        ({"budget_min_usd": "-5"}, "budget_min_usd"),
        ({"areas": ["moon-landing"]}, "areas"),
        ({"languages": ["xx"]}, "languages"),
        ({"stage_min": "9"}, "stage_min"),
        ({"summary": "x" * 2001}, "summary"),
    ],
)
def test_bad_profile_input_is_shown_on_its_field(browser, provider, provider_user, changes, field):
    response = browser(provider_user).post(f"/providers/{provider.id}/edit", _form(**changes))
    html = response.get_data(as_text=True)
    assert (response.status_code, f'id="{field}-error"' in html) == (422, True)


def test_bad_profile_input_keeps_what_was_typed(browser, provider, provider_user):
    response = browser(provider_user).post(
        f"/providers/{provider.id}/edit",
        _form(summary="Typed but not saved", stage_min="5", stage_max="1"),
    )
    assert "Typed but not saved" in response.get_data(as_text=True)


def test_bad_profile_input_saves_nothing(browser, provider, provider_user):
    browser(provider_user).post(
        f"/providers/{provider.id}/edit", _form(summary="Not saved", stage_min="5", stage_max="1")
    )
    assert _profile(provider).summary == "Flood sensors for river cities."


# -- verifying ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("posted", "verified"), [("1", True), ("0", False)])
def test_admin_verifies_and_unverifies(browser, admin, make_provider, posted, verified):
    member = make_provider(verified=not verified)
    browser(admin).post(f"/providers/{member.id}/verify", {"verified": posted})
    assert _profile(member).verified is verified


def test_verifying_a_provider_without_profile_creates_a_verified_one(browser, admin, make_member):
    member = make_member("corporation", name="Blank Corp")
    browser(admin).post(f"/providers/{member.id}/verify", {"verified": "1"})
    assert _profile(member).verified is True


def test_verify_returns_to_the_page_it_came_from(browser, admin, make_provider):
    member = make_provider(verified=False)
    response = browser(admin).post(
        f"/providers/{member.id}/verify?next=/providers?verified%3Dno", {"verified": "1"}
    )
    assert response.headers["Location"] == "/providers?verified=no"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_verify_does_not_redirect_off_site(browser, admin, make_provider, target):
    member = make_provider(verified=False)
    response = browser(admin).post(
        f"/providers/{member.id}/verify", {"verified": "1"}, query_string={"next": target}
    )
    assert response.headers["Location"] == f"/providers/{member.id}"


def test_verify_without_a_value_changes_nothing(browser, admin, make_provider):
    member = make_provider(verified=False)
    browser(admin).post(f"/providers/{member.id}/verify", {"verified": "maybe"})
    assert _profile(member).verified is False


def test_provider_cannot_verify_itself(browser, make_provider, make_user):
    member = make_provider(verified=False)
    owner = make_user("provider", member=member)
    browser(owner).post(f"/providers/{member.id}/verify", {"verified": "1"})
    assert _profile(member).verified is False
