"""The member registry, accounts and provider profiles through the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from driver.auth.models import User
from driver.extensions import db
from driver.members.models import Member, ProviderProfile


@pytest.fixture
def admin(api, make_user):
    return api(make_user("admin"))


# -- members ----------------------------------------------------------------------------


def test_members_are_listed_by_id_and_paged(admin, make_member):
    made = [make_member(name=f"Town {n}") for n in range(5)]
    first = admin.get("members?page=1&page_size=2").get_json()
    last = admin.get("members?page=3&page_size=2").get_json()
    assert [m["id"] for m in first["items"]] == [made[0].id, made[1].id]
    assert [m["id"] for m in last["items"]] == [made[4].id]
    assert (first["total"], first["pages"], first["page_size"]) == (5, 3, 2)


def test_a_page_past_the_end_is_empty(admin, make_member):
    make_member()
    body = admin.get("members?page=9").get_json()
    assert body["items"] == [] and body["total"] == 1


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("category=corporation", ["Breeze"]),
        ("region=Europe", ["Breeze", "Lyon"]),
        ("country=FRANCE", ["Lyon"]),
        ("q=wo", ["Suwon"]),
        ("q=%25", []),
        ("category=local_government&region=Europe", ["Lyon"]),
    ],
)
def test_members_are_filtered(admin, make_member, query, names):
    make_member(name="Suwon", country="Korea", region="Asia-Pacific")
    make_member(name="Lyon", country="France", region="Europe")
    make_member("corporation", name="Breeze", country="Germany", region="Europe")
    body = admin.get(f"members?{query}").get_json()
    assert sorted(m["name"] for m in body["items"]) == names


def test_an_unknown_filter_value_is_invalid(admin, assert_problem):
    assert_problem(admin.get("members?region=Mars"), 422)


def test_an_admin_adds_a_member_whose_region_comes_from_the_country(admin):
    response = admin.post(
        "members", json={"name": "Gwangju", "category": "local_government", "country": "korea"}
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["region"] == "Asia-Pacific"
    assert body["is_provider"] is False
    assert db.session.get(Member, body["id"]).region == "Asia-Pacific"


def test_a_given_region_is_kept(admin):
    body = admin.post(
        "members",
        json={
            "name": "Atlantis",
            "category": "institution",
            "country": "Nowhere",
            "region": "Europe",
        },
    ).get_json()
    assert body["region"] == "Europe"


def test_a_country_without_a_region_needs_one(admin, assert_problem):
    response = admin.post(
        "members", json={"name": "Atlantis", "category": "institution", "country": "Nowhere"}
    )
    assert "region" in assert_problem(response, 422)["errors"]


def test_a_region_outside_the_list_is_invalid(admin, assert_problem):
    response = admin.post(
        "members",
        json={"name": "X", "category": "institution", "country": "Korea", "region": "Moon"},
    )
    assert "region" in assert_problem(response, 422)["errors"]


def test_the_same_name_in_the_same_country_is_a_conflict(admin, make_member, assert_problem):
    make_member(name="Suwon", country="Korea")
    response = admin.post(
        "members", json={"name": "suwon", "category": "local_government", "country": "Korea"}
    )
    assert_problem(response, 409)
    assert db.session.scalar(select(db.func.count(Member.id))) == 1


# -- registry facts (admins) ---------------------------------------------------------------


@pytest.fixture
def registry(make_member):
    return {
        "suwon": make_member(
            name="Suwon",
            sub_category="city",
            population=1_500_000,
            gdp_per_capita_ppp=Decimal("12000"),
        ),
        "lyon": make_member(
            name="Lyon",
            country="France",
            region="Europe",
            status="lapsed",
            left_on=date(2020, 1, 1),
        ),
    }


def test_the_api_gives_admins_the_registry_facts_and_hides_them_from_others(
    api, make_user, registry
):
    admin_rows = api(make_user("admin")).get("members?q=Suwon").get_json()["items"]
    city_rows = api(make_user("city")).get("members?q=Suwon").get_json()["items"]
    assert admin_rows[0]["annual_fee_usd"] == 5_000 and admin_rows[0]["sub_category"] == "city"
    assert "annual_fee_usd" not in city_rows[0] and "population" not in city_rows[0]


def test_an_admin_patches_membership_facts_through_the_api(
    api, make_user, registry, assert_problem
):
    client = api(make_user("admin"))
    lyon = registry["lyon"]
    body = client.patch(f"members/{lyon.id}", json={"status": "active", "left_on": None}).get_json()
    assert (body["status"], body["left_on"]) == ("active", None)
    refused = client.patch(f"members/{lyon.id}", json={"status": "suspended"})
    assert "left_on" in assert_problem(refused, 422)["errors"]
    wrong = client.patch(f"members/{lyon.id}", json={"sub_category": "sme"})
    assert "sub_category" in assert_problem(wrong, 422)["errors"]


# -- users ------------------------------------------------------------------------------


def test_an_admin_creates_a_provider_account(admin, make_member):
    company = make_member("corporation")
    response = admin.post(
        "users",
        json={
            "email": "Staff@Company.example.org",
            "password": "twelve chars long",
            "role": "provider",
            "member_id": company.id,
            "name": "Pat",
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["member_id"] == company.id and body["role"] == "provider"
    assert "password" not in body and "password_hash" not in body
    assert db.session.get(User, body["id"]).check_password("twelve chars long")


def test_a_reviewer_account_may_have_regions(admin):
    body = admin.post(
        "users",
        json={
            "email": "office@we-gov.org",
            "password": "twelve chars long",
            "role": "reviewer",
            "regions": ["Africa"],
        },
    ).get_json()
    assert body["regions"] == ["Africa"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"password": "short"}, "password"),
        ({"role": "superuser"}, "role"),
        ({"email": "not an email"}, "email"),
        ({"member_id": None}, "member_id"),
        ({"regions": ["Europe"]}, "regions"),
    ],
)
def test_an_invalid_account_is_refused(admin, make_member, assert_problem, change, field):
    city = make_member()
    data = {
        "email": "a@example.org",
        "password": "twelve chars long",
        "role": "city",
        "member_id": city.id,
        **change,
    }
    assert field in assert_problem(admin.post("users", json=data), 422)["errors"]


def test_an_email_in_use_is_a_conflict(admin, make_user, assert_problem):
    taken = make_user("reviewer")
    response = admin.post(
        "users", json={"email": taken.email, "password": "twelve chars long", "role": "reviewer"}
    )
    assert_problem(response, 409)


# -- provider profiles -----------------------------------------------------------------


def test_a_profile_shows_what_matchmaking_ranks_on(api, make_user, make_provider):
    provider = make_provider(name="Aqua", areas=("water-management",), remote_capable=True)
    body = api(make_user("city")).get(f"providers/{provider.id}").get_json()
    assert body["areas"] == ["water-management"]
    assert body["verified"] is True and body["remote_capable"] is True


def test_its_own_users_see_an_unverified_profile(api, make_user, make_provider):
    provider = make_provider(verified=False)
    response = api(make_user("provider", member=provider)).get(f"providers/{provider.id}")
    assert response.status_code == 200
    assert response.get_json()["verified"] is False


def test_a_provider_without_a_profile_yet_shows_an_empty_one_to_staff(api, make_user, make_member):
    company = make_member("institution")
    body = api(make_user("reviewer")).get(f"providers/{company.id}").get_json()
    assert body["verified"] is False and body["areas"] == []


def test_a_member_that_is_not_a_provider_has_no_profile(
    api, make_user, make_member, assert_problem
):
    city = make_member("local_government")
    assert_problem(api(make_user("admin")).get(f"providers/{city.id}"), 404)


def test_its_own_users_edit_the_profile(api, make_user, make_provider):
    provider = make_provider(areas=("water-management",))
    client = api(make_user("provider", member=provider))
    response = client.patch(
        f"providers/{provider.id}",
        json={"areas": ["education", "healthcare"], "languages": ["en", "ko"], "stage_max": 3},
    )
    assert response.status_code == 200
    profile = db.session.get(ProviderProfile, provider.id)
    assert profile.area_slugs == ["education", "healthcare"]
    assert (profile.languages, profile.stage_max, profile.verified) == (["en", "ko"], 3, True)


def test_a_provider_cannot_verify_itself(api, make_user, make_provider, snapshot, assert_problem):
    provider = make_provider(verified=False)
    client = api(make_user("provider", member=provider))
    before = snapshot()
    response = client.patch(f"providers/{provider.id}", json={"verified": True, "summary": "Hi"})
    assert_problem(response, 403)
    assert snapshot() == before


def test_an_admin_verifies_a_profile(api, make_user, make_provider):
    provider = make_provider(verified=False)
    response = api(make_user("admin")).patch(f"providers/{provider.id}", json={"verified": True})
    assert response.get_json()["verified"] is True


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"areas": ["flying-cars"]}, "areas"),
        ({"regions": ["Moon"]}, "regions"),
        ({"languages": ["xx"]}, "languages"),
        ({"stage_min": 4, "stage_max": 2}, "stage_min"),
        ({"budget_min_usd": 10, "budget_max_usd": 5}, "budget_max_usd"),
        ({"stage_min": 0}, "stage_min"),
    ],
)
def test_an_invalid_profile_is_refused(
    api, make_user, make_provider, assert_problem, change, field
):
    provider = make_provider()
    client = api(make_user("provider", member=provider))
    body = assert_problem(client.patch(f"providers/{provider.id}", json=change), 422)
    assert field in {name.split(".")[0] for name in body["errors"]}


def test_a_city_sees_an_unverified_provider_offered_to_it(
    api, make_user, make_provider, make_application, make_match
):
    city = make_user("city")
    provider = make_provider(verified=False)
    make_match(make_application(city, state="matchmaking"), provider)
    assert api(city).get(f"providers/{provider.id}").status_code == 200
