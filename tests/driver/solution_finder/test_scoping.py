"""Who sees which application and which match; anything else is a 404."""

from __future__ import annotations

import pytest

from driver.errors import NotFound
from driver.extensions import db
from driver.matchmaking.services import BINDING as MATCH_BINDING
from driver.solution_finder.scoping import (
    relations_to_application,
    reviewer_covers,
    visible_applications,
)
from driver.solution_finder.services import BINDING
from workflows import ADMIN, OWNER, REVIEWER


@pytest.fixture
def world(cast, make_member, make_user, make_application, make_provider, make_match):
    """Applications of two cities in two regions, and matches in several states."""
    nairobi = make_member("local_government", name="Nairobi", country="Kenya", region="Africa")
    people = {
        name: cast.actor(name)
        for name in (
            "owner",
            "colleague",
            "other_city",
            "provider_user",
            "stranger_provider",
            "reviewer",
            "reviewer_out",
            "admin",
        )
    }
    people["nairobi"] = make_user("city", member=nairobi)
    people["two_regions"] = make_user("reviewer", regions=["Africa", "Asia-Pacific"])
    people["europe"] = make_user("reviewer", regions=["Europe"])
    people["memberless_city"] = make_user("city", member=None)
    people["memberless_city"].member_id = None
    db.session.commit()

    apps = {
        "suwon_draft": make_application(cast.owner, state="draft"),
        "suwon_submitted": make_application(cast.owner, state="submitted"),
        "suwon_matchmaking": make_application(cast.owner, state="matchmaking"),
        "nairobi_draft": make_application(people["nairobi"], state="draft"),
        "nairobi_in_review": make_application(people["nairobi"], state="in_review"),
    }
    other = make_provider(name="Retracted Ltd")
    people["retracted_provider"] = make_user("provider", member=other)
    matches = {
        "accepted": make_match(apps["suwon_matchmaking"], cast.provider, state="accepted"),
        "retracted": make_match(apps["suwon_matchmaking"], other, state="retracted"),
    }
    return (
        people,
        {k: a.id for k, a in apps.items()},
        {k: m.id for k, m in matches.items()},
    )


def visible(world, viewer):
    people, apps, _ = world
    names = {v: k for k, v in apps.items()}
    ids = db.session.scalars(visible_applications(people[viewer])).all()
    return {names[a.id] for a in ids}


ALL_SUWON = {"suwon_draft", "suwon_submitted", "suwon_matchmaking"}
NON_DRAFTS = {"suwon_submitted", "suwon_matchmaking", "nairobi_in_review"}


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("owner", ALL_SUWON),
        ("colleague", ALL_SUWON),
        ("other_city", set()),
        ("nairobi", {"nairobi_draft", "nairobi_in_review"}),
        ("provider_user", {"suwon_matchmaking"}),
        ("stranger_provider", set()),
        ("reviewer", NON_DRAFTS),
        ("reviewer_out", {"nairobi_in_review"}),
        ("two_regions", NON_DRAFTS),
        ("europe", set()),
        ("admin", NON_DRAFTS),
        ("memberless_city", set()),
    ],
)
def test_visible_applications(world, viewer, expected):
    assert visible(world, viewer) == expected


@pytest.mark.parametrize(
    ("viewer", "name", "visible_to_viewer"),
    [
        ("owner", "suwon_draft", True),
        ("other_city", "suwon_submitted", False),
        ("admin", "suwon_draft", False),
        ("reviewer_out", "suwon_submitted", False),
        ("provider_user", "suwon_submitted", False),
        ("provider_user", "suwon_matchmaking", True),
    ],
)
def test_loading_out_of_scope_is_not_found(world, viewer, name, visible_to_viewer):
    people, apps, _ = world
    if visible_to_viewer:
        assert BINDING.get(people[viewer], apps[name]).id == apps[name]
    else:
        with pytest.raises(NotFound):
            BINDING.get(people[viewer], apps[name])


def visible_matches(world, viewer):
    people, _, matches = world
    names = {v: k for k, v in matches.items()}
    return {names[m.id] for m in db.session.scalars(MATCH_BINDING.scope(people[viewer]))}


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("owner", {"accepted"}),  # a city does not see retracted offers
        ("colleague", {"accepted"}),
        ("other_city", set()),
        ("provider_user", {"accepted"}),  # only its own
        ("retracted_provider", {"retracted"}),
        ("stranger_provider", set()),
        ("reviewer", {"accepted", "retracted"}),
        ("reviewer_out", set()),
        ("europe", set()),
        ("admin", {"accepted", "retracted"}),
        ("memberless_city", set()),
    ],
)
def test_visible_matches(world, viewer, expected):
    assert visible_matches(world, viewer) == expected


def test_a_city_loading_a_retracted_match_gets_not_found(world):
    people, _, matches = world
    with pytest.raises(NotFound):
        MATCH_BINDING.get(people["owner"], matches["retracted"])


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("owner", {OWNER}),
        ("colleague", {OWNER}),
        ("provider_user", set()),
        ("reviewer", {REVIEWER}),
        ("admin", {REVIEWER, ADMIN}),
    ],
)
def test_relations_to_an_application(world, viewer, expected):
    people, apps, _ = world
    app = BINDING.get(people[viewer], apps["suwon_matchmaking"])
    assert relations_to_application(people[viewer], app) == expected


def test_a_city_of_another_org_has_no_relation(world):
    people, apps, _ = world
    app = BINDING.get(people["owner"], apps["suwon_submitted"])
    assert relations_to_application(people["nairobi"], app) == frozenset()


@pytest.mark.parametrize(
    ("viewer", "region", "covered"),
    [
        ("reviewer", "Europe", True),
        ("reviewer_out", "Africa", True),
        ("reviewer_out", "Asia-Pacific", False),
        ("two_regions", "Asia-Pacific", True),
        ("admin", "Europe", True),
    ],
)
def test_reviewer_covers(world, viewer, region, covered):
    people, _, _ = world
    assert reviewer_covers(people[viewer], region) is covered


# -- a draft withdrawn before it was sent --------------------------------------------------


@pytest.fixture
def withdrawn(cast, application_in):
    """Two withdrawn applications of the cast's city: one never submitted, one submitted."""
    from driver import transitions

    unsent = application_in("draft", match_state=None, title="Unsent")
    sent = application_in("submitted", match_state=None, title="Sent")
    for app in (unsent, sent):
        transitions.fire(BINDING, app.id, "withdraw", cast.owner)
    return {"unsent": unsent.id, "sent": sent.id}


@pytest.mark.parametrize("viewer", ["reviewer", "admin"])
def test_staff_never_see_a_draft_the_city_withdrew_unsent(cast, withdrawn, viewer):
    seen = {a.id for a in db.session.scalars(visible_applications(cast.actor(viewer)))}
    assert (withdrawn["unsent"] in seen, withdrawn["sent"] in seen) == (False, True)


def test_the_city_still_sees_its_draft_withdrawn_unsent(cast, withdrawn):
    seen = {a.id for a in db.session.scalars(visible_applications(cast.owner))}
    assert set(withdrawn.values()) <= seen
