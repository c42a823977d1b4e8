"""The matchmaking pages: suggestions, proposals, offers, the match page, choosing partners."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from driver.extensions import db
from driver.matchmaking.models import Match


def text(response) -> str:
    return response.get_data(as_text=True)


def visible(response) -> str:
    """The page's text without tags, attributes, the inline SVG or the error summary's links."""
    html = re.sub(r"<svg.*?</svg>", " ", text(response), flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def fresh(obj):
    db.session.expire_all()
    return db.session.get(type(obj), obj.id)


# -- suggestions and proposals (staff) ---------------------------------------------------------


def test_suggestions_rank_providers_with_each_terms_points_and_reason(browser, people, app_in):
    app = app_in("matchmaking", match_state=None)
    page = visible(browser(people.reviewer).get(f"/applications/{app.id}/suggestions"))
    assert "Aqua Sensing" in page and "Elsewhere Ltd" in page
    assert "Area coverage 35.0 of 35 Covers 1 of 1 areas." in page
    assert "Track record" in page and "No finished project yet: a neutral start." in page


def test_suggestions_show_the_score_out_of_100(browser, people, app_in):
    app = app_in("matchmaking", match_state=None)
    page = visible(browser(people.reviewer).get(f"/applications/{app.id}/suggestions"))
    assert re.search(r"Aqua Sensing Score: \d{1,3} / 100", page)


def test_suggestions_offer_a_propose_button_per_provider(browser, people, app_in):
    app = app_in("matchmaking", match_state=None)
    page = text(browser(people.reviewer).get(f"/applications/{app.id}/suggestions"))
    values = re.findall(r'name="provider_id" value="(\d+)"', page)
    assert sorted(map(int, values)) == sorted([people.provider.id, people.stranger.member_id])


def test_suggestions_mark_providers_already_proposed(browser, people, app_in):
    app = app_in("matchmaking", match_state="proposed")
    page = text(browser(people.reviewer).get(f"/applications/{app.id}/suggestions"))
    assert "Already proposed: Proposed, waiting for the provider" in page
    assert f'name="provider_id" value="{people.provider.id}"' not in page


def test_suggestions_offer_no_propose_button_outside_matchmaking(browser, people, app_in):
    app = app_in("feedback_given", match_state=None)
    page = text(browser(people.reviewer).get(f"/applications/{app.id}/suggestions"))
    assert 'name="provider_id"' not in page


@pytest.mark.parametrize(("who", "status"), [("owner", 403), ("provider_user", 403)])
def test_suggestions_are_for_staff_only(browser, people, app_in, who, status):
    app = app_in("matchmaking", match_state="proposed")
    assert (
        browser(getattr(people, who)).get(f"/applications/{app.id}/suggestions").status_code
        == status
    )


def test_reviewer_proposes_a_match(browser, people, app_in):
    app = app_in("matchmaking", match_state=None)
    response = browser(people.reviewer).post(
        f"/applications/{app.id}/matches", {"provider_id": people.provider.id}
    )
    match = db.session.scalars(select(Match)).one()
    assert (response.headers["Location"], match.provider_id, match.state) == (
        f"/applications/{app.id}/suggestions",
        people.provider.id,
        "proposed",
    )


def test_proposing_says_the_provider_is_told(browser, people, app_in):
    app = app_in("matchmaking", match_state=None)
    visitor = browser(people.reviewer)
    response = visitor.post(f"/applications/{app.id}/matches", {"provider_id": people.provider.id})
    page = visible(visitor.get(response.headers["Location"]))
    assert "Aqua Sensing is proposed." in page


def test_proposing_the_same_provider_twice_says_so(browser, people, app_in):
    app = app_in("matchmaking", match_state="proposed")
    visitor = browser(people.reviewer)
    response = visitor.post(f"/applications/{app.id}/matches", {"provider_id": people.provider.id})
    page = visible(visitor.get(response.headers["Location"]))
    assert "Aqua Sensing has already been proposed for this application." in page


def test_proposing_outside_matchmaking_is_refused(browser, people, app_in):
    app = app_in("feedback_given", match_state=None)
    visitor = browser(people.reviewer)
    visitor.post(f"/applications/{app.id}/matches", {"provider_id": people.provider.id})
    assert db.session.scalars(select(Match)).all() == []


def test_proposing_without_a_provider_is_refused(browser, people, app_in):
    app = app_in("matchmaking", match_state=None)
    visitor = browser(people.reviewer)
    response = visitor.post(f"/applications/{app.id}/matches", {"provider_id": "x"})
    page = visible(visitor.get(response.headers["Location"]))
    assert "Choose a provider to propose." in page


def test_proposing_out_of_scope_is_not_found(browser, people, app_in):
    app = app_in("matchmaking", match_state=None)
    response = browser(people.reviewer_out).post(
        f"/applications/{app.id}/matches", {"provider_id": people.provider.id}
    )
    assert (response.status_code, db.session.scalars(select(Match)).all()) == (404, [])


# -- offers (providers) ------------------------------------------------------------------------


def test_provider_sees_its_offers_grouped(browser, people, make_application, make_match):
    waiting = make_application(people.owner, state="matchmaking", title="Waiting one")
    accepted = make_application(people.owner, state="matchmaking", title="Accepted one")
    past = make_application(people.owner, state="partnered", title="Past one")
    make_match(waiting, people.provider, state="proposed")
    make_match(accepted, people.provider, state="accepted")
    make_match(past, people.provider, state="not_selected")
    page = visible(browser(people.provider_user).get("/offers"))
    assert (
        page.index("Waiting for your answer (1)")
        < page.index("Waiting one")
        < page.index("Accepted, waiting for the city's choice (1)")
        < page.index("Accepted one")
        < page.index("Past offers (1)")
        < page.index("Past one")
    )


def test_provider_does_not_see_other_providers_offers(browser, people, app_in):
    app_in("matchmaking", match_state="proposed", title="Not for you")
    assert "Not for you" not in visible(browser(people.stranger).get("/offers"))


@pytest.mark.parametrize("who", ["owner", "reviewer"])
def test_offers_are_a_provider_page(browser, people, who):
    assert browser(getattr(people, who)).get("/offers").status_code == 404


# -- the match page ----------------------------------------------------------------------------


def match_of(app):
    return db.session.scalars(select(Match).where(Match.application_id == app.id)).one()


def test_provider_sees_the_summary_and_its_answers(browser, people, app_in):
    app = app_in("matchmaking", match_state="proposed", expected_outcomes="Fewer floods.")
    page = text(browser(people.provider_user).get(f"/matches/{match_of(app).id}"))
    actions = re.findall(r'action="/matches/\d+/transitions/(\w+)"', page)
    assert ("Fewer floods." in page, actions) == (True, ["accept", "decline"])


def test_provider_does_not_see_the_review_on_the_match_page(browser, people, app_in):
    app = app_in("matchmaking", match_state="proposed", feedback="Internal: weak budget.")
    page = visible(browser(people.provider_user).get(f"/matches/{match_of(app).id}"))
    assert "Internal: weak budget." not in page


def test_provider_accepts(browser, people, app_in):
    app = app_in("matchmaking", match_state="proposed")
    match = match_of(app)
    browser(people.provider_user).post(f"/matches/{match.id}/transitions/accept", {})
    assert fresh(match).state == "accepted"


def test_declining_a_match_needs_a_reason(browser, people, app_in):
    app = app_in("matchmaking", match_state="proposed")
    match = match_of(app)
    response = browser(people.provider_user).post(
        f"/matches/{match.id}/transitions/decline", {"comment": ""}
    )
    assert (response.status_code, fresh(match).state) == (422, "proposed")
    assert "Reason for declining is required." in visible(response)


def test_provider_declines_with_a_reason_the_city_reads(browser, people, app_in):
    app = app_in("matchmaking", match_state="proposed")
    match = match_of(app)
    browser(people.provider_user).post(
        f"/matches/{match.id}/transitions/decline", {"comment": "Fully booked this year."}
    )
    page = visible(browser(people.owner).get(f"/matches/{match.id}"))
    assert (fresh(match).state, "Fully booked this year." in page) == ("declined", True)


def test_match_page_shows_its_history_to_the_provider(browser, people, app_in):
    app = app_in("matchmaking", match_state="proposed")
    match = match_of(app)
    visitor = browser(people.provider_user)
    visitor.post(f"/matches/{match.id}/transitions/accept", {})
    page = visible(visitor.get(f"/matches/{match.id}"))
    assert "Accept the match" in page and "Waiting for an answer → Accepted" in page.replace(
        " to ", " "
    )


def test_match_page_links_back_to_the_application(browser, people, app_in):
    app = app_in("matchmaking", match_state="accepted")
    page = text(browser(people.owner).get(f"/matches/{match_of(app).id}"))
    assert f'href="/applications/{app.id}"' in page


def test_reviewer_retracts_a_match(browser, people, app_in):
    app = app_in("matchmaking", match_state="accepted")
    match = match_of(app)
    browser(people.reviewer).post(f"/matches/{match.id}/transitions/retract", {"comment": ""})
    assert fresh(match).state == "retracted"


def test_getting_a_match_action_changes_nothing(browser, people, app_in):
    app = app_in("matchmaking", match_state="proposed")
    match = match_of(app)
    response = browser(people.provider_user).get(f"/matches/{match.id}/transitions/accept")
    assert (response.status_code, fresh(match).state) == (200, "proposed")


@pytest.mark.parametrize("who", ["stranger", "other_city", "reviewer_out"])
def test_match_page_is_not_found_out_of_scope(browser, people, app_in, who):
    app = app_in("matchmaking", match_state="proposed")
    response = browser(getattr(people, who)).get(f"/matches/{match_of(app).id}")
    assert response.status_code == 404


def test_another_provider_cannot_accept(browser, people, app_in):
    app = app_in("matchmaking", match_state="proposed")
    match = match_of(app)
    response = browser(people.stranger).post(f"/matches/{match.id}/transitions/accept", {})
    assert (response.status_code, fresh(match).state) == (404, "proposed")


# -- choosing partners (the city) --------------------------------------------------------------


@pytest.fixture
def offered(people, app_in, make_provider, make_match):
    """An application in matchmaking with an accepted, a second accepted and a proposed match."""
    app = app_in("matchmaking", match_state="accepted")
    second = make_match(app, make_provider(name="Bridge Works"), state="accepted")
    waiting = make_match(app, make_provider(name="Slow Reply"), state="proposed")
    return SimpleNamespace(
        app=app, first=match_of_provider(app, people.provider), second=second, waiting=waiting
    )


def match_of_provider(app, provider):
    return db.session.scalars(
        select(Match).where(Match.application_id == app.id, Match.provider_id == provider.id)
    ).one()


def test_choose_page_offers_the_accepted_and_lists_the_waiting(browser, people, offered):
    page = text(browser(people.owner).get(f"/applications/{offered.app.id}/partners"))
    boxes = re.findall(
        r'name="match_ids"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="match_ids"', page
    )
    ids = sorted(int(a or b) for a, b in boxes)
    assert ids == sorted([offered.first.id, offered.second.id])
    assert "Still waiting for an answer" in page and "Slow Reply" in page


def test_city_chooses_its_partners(browser, people, offered):
    response = browser(people.owner).post(
        f"/applications/{offered.app.id}/partners", {"match_ids": [offered.first.id]}
    )
    assert response.headers["Location"] == f"/applications/{offered.app.id}"
    assert (
        fresh(offered.app).state,
        fresh(offered.first).state,
        fresh(offered.second).state,
        fresh(offered.waiting).state,
    ) == ("partnered", "selected", "not_selected", "not_selected")


def test_choosing_nobody_is_refused_with_the_reason(browser, people, offered):
    response = browser(people.owner).post(f"/applications/{offered.app.id}/partners", {})
    assert (response.status_code, fresh(offered.app).state) == (409, "matchmaking")
    assert "Choose at least one partner." in visible(response)


def test_choosing_a_provider_who_has_not_accepted_is_refused(browser, people, offered):
    response = browser(people.owner).post(
        f"/applications/{offered.app.id}/partners", {"match_ids": [offered.waiting.id]}
    )
    assert response.status_code == 409
    assert "Every partner you choose must have accepted the match." in visible(response)


def test_choosing_a_match_of_another_application_is_refused(
    browser, people, offered, make_application, make_match
):
    elsewhere = make_match(
        make_application(people.other_city, state="matchmaking"), people.provider
    )
    response = browser(people.owner).post(
        f"/applications/{offered.app.id}/partners", {"match_ids": [elsewhere.id]}
    )
    assert (response.status_code, fresh(offered.app).state) == (422, "matchmaking")


@pytest.mark.parametrize("who", ["reviewer", "provider_user"])
def test_only_the_city_chooses_partners(browser, people, offered, who):
    visitor = browser(getattr(people, who))
    response = visitor.post(
        f"/applications/{offered.app.id}/partners", {"match_ids": [offered.first.id]}
    )
    assert (response.status_code, fresh(offered.app).state) == (302, "matchmaking")


def test_choose_page_outside_matchmaking_goes_back_with_the_reason(browser, people, app_in):
    app = app_in("feedback_given")
    visitor = browser(people.owner)
    response = visitor.get(f"/applications/{app.id}/partners")
    page = visible(visitor.get(response.headers["Location"]))
    assert "“Choose partners” is not possible while it is “Feedback received”." in page


def test_choose_page_is_not_found_for_another_city(browser, people, offered):
    response = browser(people.other_city).get(f"/applications/{offered.app.id}/partners")
    assert response.status_code == 404


def test_the_choose_action_on_the_page_is_a_link_to_the_choose_page(browser, people, offered):
    response = browser(people.owner).get(
        f"/applications/{offered.app.id}/transitions/select_partners"
    )
    assert response.headers["Location"] == f"/applications/{offered.app.id}/partners"
