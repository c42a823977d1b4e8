"""Solution Finder applications and matches through the API, over the same services as the pages."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from driver.audit.models import AuditEvent
from driver.extensions import db
from driver.matchmaking.models import Match
from driver.solution_finder.models import Application

DRAFT = {
    "title": "Leak detection for the old town",
    "description": "A third of the water is lost in the pipes.",
    "areas": ["water-management"],
    "budget_usd": 120_000,
}


def _url(app_id: int, tail: str = "") -> str:
    return f"solution-finder/applications/{app_id}{tail}"


# -- drafts -------------------------------------------------------------------------------


def test_a_city_starts_a_draft(api, world):
    response = api(world.users["city_a"]).post("solution-finder/applications", json=DRAFT)
    assert response.status_code == 201
    body = response.get_json()
    assert (body["state"], body["step"], body["version"]) == ("draft", 1, 1)
    assert (body["city"], body["member_id"]) == ("Suwon", world.city_a.id)
    assert body["areas"] == ["water-management"] and body["budget_usd"] == 120_000
    assert [a["trigger"] for a in body["actions"]] == ["submit", "withdraw"]


def test_an_unknown_area_is_invalid(api, world, assert_problem):
    draft = {**DRAFT, "areas": ["flying-cars"]}
    response = api(world.users["city_a"]).post("solution-finder/applications", json=draft)
    assert "areas" in assert_problem(response, 422)["errors"]


def test_editing_a_draft_changes_only_the_fields_sent(api, world):
    client = api(world.users["city_a"])
    body = client.patch(_url(world.draft.id), json={"title": "Sharper", "budget_usd": None})
    assert body.status_code == 200
    app = db.session.get(Application, world.draft.id)
    assert (app.title, app.budget_usd) == ("Sharper", None)
    assert app.description == "Floods hit the market twice a year."
    assert body.get_json()["version"] == 2


def test_a_stale_version_changes_nothing(api, world, assert_problem):
    client = api(world.users["city_a"])
    client.patch(_url(world.draft.id), json={"title": "First edit", "version": 1})
    response = client.patch(_url(world.draft.id), json={"title": "Lost edit", "version": 1})
    assert_problem(response, 409)
    assert db.session.get(Application, world.draft.id).title == "First edit"


# -- lists --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("city_a", ["draft", "feedback_given", "matchmaking"]),
        ("city_b", ["submitted_b"]),
        ("provider_x", ["matchmaking"]),
        ("provider_y", []),
        ("reviewer", ["feedback_given", "matchmaking", "submitted_b"]),
        ("reviewer_europe", ["submitted_b"]),
        ("admin", ["feedback_given", "matchmaking", "submitted_b"]),
    ],
)
def test_each_role_lists_what_is_in_its_scope(api, world, role, expected):
    body = api(world.users[role]).get("solution-finder/applications").get_json()
    assert [a["id"] for a in body["items"]] == [getattr(world, name).id for name in expected]


def test_the_list_filters_by_state(api, world):
    body = api(world.users["reviewer"]).get("solution-finder/applications?state=submitted")
    assert [a["id"] for a in body.get_json()["items"]] == [world.submitted_b.id]


def test_the_list_is_paged_in_id_order(api, world):
    client = api(world.users["city_a"])
    pages = [
        client.get(f"solution-finder/applications?page={n}&page_size=2").get_json() for n in (1, 2)
    ]
    ids = [a["id"] for page in pages for a in page["items"]]
    assert ids == sorted(ids) and len(ids) == 3 and pages[0]["pages"] == 2


# -- what each caller reads ---------------------------------------------------------------


def test_a_provider_does_not_get_the_review_fields(api, world):
    body = api(world.users["provider_x"]).get(_url(world.matchmaking.id)).get_json()
    assert "feedback" not in body and "decline_reason" not in body and "assignee_id" not in body
    assert body["state_label"] == "Finding partners"


def test_the_city_gets_the_feedback_in_its_own_words(api, world):
    body = api(world.users["city_a"]).get(_url(world.matchmaking.id)).get_json()
    assert body["feedback"] == "Internal-ish feedback."
    assert "assignee_id" not in body


def test_staff_get_the_assignee_and_the_staff_label(api, world):
    body = api(world.users["reviewer"]).get(_url(world.matchmaking.id)).get_json()
    assert body["assignee_id"] == world.users["reviewer"].id
    assert body["state_label"] == "Matchmaking"


# -- transitions --------------------------------------------------------------------------


def test_an_unknown_trigger_is_invalid(api, world, assert_problem):
    response = api(world.users["city_a"]).post(
        _url(world.draft.id, "/transitions"), json={"trigger": "teleport"}
    )
    assert "trigger" in assert_problem(response, 422)["errors"]


def test_an_unknown_trigger_out_of_scope_is_still_404(api, world, assert_problem):
    response = api(world.users["city_b"]).post(
        _url(world.draft.id, "/transitions"), json={"trigger": "teleport"}
    )
    assert_problem(response, 404)


def test_a_missing_comment_is_invalid(api, world, snapshot, assert_problem):
    client = api(world.users["reviewer"])
    before = snapshot()
    response = client.post(
        _url(world.feedback_given.id, "/transitions"), json={"trigger": "request_clarification"}
    )
    assert "comment" in assert_problem(response, 422)["errors"]
    assert snapshot() == before


def test_a_wrong_state_is_a_conflict(api, world, assert_problem):
    response = api(world.users["reviewer"]).post(
        _url(world.matchmaking.id, "/transitions"), json={"trigger": "start_review"}
    )
    assert assert_problem(response, 409)["reasons"] == ["state"]


def test_a_stale_version_on_a_transition_is_a_conflict(api, world, snapshot, assert_problem):
    before = snapshot()
    response = api(world.users["reviewer"]).post(
        _url(world.feedback_given.id, "/transitions"),
        json={"trigger": "open_matchmaking", "version": 7},
    )
    assert_problem(response, 409)
    assert snapshot() == before


def test_the_whole_journey_through_the_api(api, world):
    city, reviewer = api(world.users["city_a"]), api(world.users["reviewer"])
    provider = api(world.users["provider_y"])
    app_id = city.post("solution-finder/applications", json=DRAFT).get_json()["id"]

    def act(client, trigger, **extra):
        response = client.post(_url(app_id, "/transitions"), json={"trigger": trigger, **extra})
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    assert act(city, "submit", version=1)["state"] == "submitted"
    act(reviewer, "start_review")
    act(reviewer, "give_feedback", comment="A good fit for sensors.")
    assert act(reviewer, "open_matchmaking")["step"] == 3
    proposed = reviewer.post(_url(app_id, "/matches"), json={"provider_id": world.provider_y.id})
    assert proposed.status_code == 201
    match = proposed.get_json()
    assert (match["state"], match["application_id"]) == ("proposed", app_id)
    accepted = provider.post(f"matches/{match['id']}/transitions", json={"trigger": "accept"})
    assert accepted.get_json()["state"] == "accepted"
    assert act(city, "select_partners", match_ids=[match["id"]])["state"] == "partnered"
    act(city, "start_implementation")
    done = act(reviewer, "complete", comment="Losses down by a fifth.", rating=5)

    assert (done["state"], done["outcome_summary"]) == ("completed", "Losses down by a fifth.")
    assert db.session.get(Match, match["id"]).outcome_rating == 5
    history = city.get(_url(app_id, "/history")).get_json()["items"]
    assert [e["trigger"] for e in history] == [
        "create",
        "submit",
        "start_review",
        "give_feedback",
        "open_matchmaking",
        "select_partners",
        "start_implementation",
        "complete",
    ]
    assert history[5]["payload"] == {"match_ids": [match["id"]]}
    assert history[1]["actor"]["name"] == "Ana City A"


def test_partners_must_have_accepted(api, world, assert_problem):
    response = api(world.users["city_a"]).post(
        _url(world.matchmaking.id, "/transitions"),
        json={"trigger": "select_partners", "match_ids": [world.match_x.id]},
    )
    assert assert_problem(response, 409)["reasons"] == ["partners_accepted"]


def test_history_is_oldest_first(api, world):
    reviewer, city = api(world.users["reviewer"]), api(world.users["city_a"])
    url = _url(world.feedback_given.id, "/transitions")
    reviewer.post(url, json={"trigger": "open_matchmaking"})
    city.post(url, json={"trigger": "withdraw", "comment": "Funded elsewhere."})
    events = reviewer.get(_url(world.feedback_given.id, "/history")).get_json()["items"]
    assert [(e["from_state"], e["to_state"]) for e in events] == [
        ("feedback_given", "matchmaking"),
        ("matchmaking", "withdrawn"),
    ]
    assert events[1]["comment"] == "Funded elsewhere."


# -- matchmaking ----------------------------------------------------------------------------


def test_suggestions_rank_verified_providers_best_first(api, world, make_provider):
    make_provider(name="Korean Water", areas=("water-management",), country="Korea")
    body = api(world.users["reviewer"]).get(_url(world.matchmaking.id, "/match-suggestions"))
    items = body.get_json()["items"]
    assert items[0]["name"] == "Korean Water"
    assert "Not Yet Verified" not in [s["name"] for s in items]
    scores = [s["score"] for s in items]
    assert scores == sorted(scores, reverse=True)
    assert {p["term"] for p in items[0]["parts"]} == {
        "areas",
        "stage",
        "geography",
        "budget",
        "language",
        "track_record",
    }


@pytest.mark.parametrize(
    ("provider", "status"),
    [("provider_x", 409), ("pending", 409), ("city_a", 422)],
    ids=["already proposed", "not verified", "not a provider"],
)
def test_a_match_that_cannot_be_proposed(api, world, snapshot, assert_problem, provider, status):
    before = snapshot()
    response = api(world.users["reviewer"]).post(
        _url(world.matchmaking.id, "/matches"), json={"provider_id": getattr(world, provider).id}
    )
    assert_problem(response, status)
    assert snapshot() == before


def test_matches_are_proposed_only_in_matchmaking(api, world, assert_problem):
    response = api(world.users["reviewer"]).post(
        _url(world.feedback_given.id, "/matches"), json={"provider_id": world.provider_y.id}
    )
    assert assert_problem(response, 409)["reasons"] == ["state"]


# -- matches ------------------------------------------------------------------------------


def test_a_provider_lists_only_its_own_offers(api, world, make_match):
    make_match(world.submitted_b, world.provider_y)
    body = api(world.users["provider_x"]).get("matches").get_json()
    assert [m["id"] for m in body["items"]] == [world.match_x.id]
    assert body["items"][0]["actions"][0]["trigger"] == "accept"


def test_matches_filter_by_state_and_application(api, world, make_match):
    other = make_match(world.feedback_given, world.provider_y, state="accepted")
    client = api(world.users["admin"])
    by_state = client.get("matches?state=accepted").get_json()["items"]
    by_app = client.get(f"matches?application_id={world.matchmaking.id}").get_json()["items"]
    assert [m["id"] for m in by_state] == [other.id]
    assert [m["id"] for m in by_app] == [world.match_x.id]


def test_declining_needs_a_reason(api, world, assert_problem):
    response = api(world.users["provider_x"]).post(
        f"matches/{world.match_x.id}/transitions", json={"trigger": "decline"}
    )
    assert "comment" in assert_problem(response, 422)["errors"]


def test_a_decline_keeps_its_reason(api, world):
    response = api(world.users["provider_x"]).post(
        f"matches/{world.match_x.id}/transitions",
        json={"trigger": "decline", "comment": "Fully booked this year."},
    )
    body = response.get_json()
    assert (body["state"], body["decline_reason"]) == ("declined", "Fully booked this year.")
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.trigger == "decline")).one()
    assert event.object_type == "match"


def test_a_stale_match_version_is_a_conflict(api, world, assert_problem):
    response = api(world.users["provider_x"]).post(
        f"matches/{world.match_x.id}/transitions", json={"trigger": "accept", "version": 3}
    )
    assert_problem(response, 409)
    assert db.session.get(Match, world.match_x.id).state == "proposed"
