"""The city's list of applications and the application page."""

from __future__ import annotations

import re

import pytest

from .pages import fresh, text, visible

# -- the list ----------------------------------------------------------------------------------


def test_city_lists_its_organisations_applications_with_public_labels(browser, people, app_in):
    app_in("in_review", title="Ours")
    page = visible(browser(people.colleague).get("/applications"))
    assert "Ours" in page and "Under review" in page and "In review" not in page


def test_city_does_not_list_another_citys_applications(browser, people, app_in):
    app_in("in_review", title="Ours")
    assert "Ours" not in visible(browser(people.other_city).get("/applications"))


def test_provider_lists_the_applications_it_has_offers_on(browser, people, app_in):
    app_in("matchmaking", title="Offered", match_state="proposed")
    assert "Offered" in visible(browser(people.provider_user).get("/applications"))


def test_staff_are_sent_from_the_list_to_the_queue(browser, people):
    response = browser(people.reviewer).get("/applications")
    assert response.headers["Location"] == "/review"


def test_pages_ask_an_anonymous_visitor_to_sign_in(browser, app_in):
    app = app_in("in_review")
    response = browser().get(f"/applications/{app.id}")
    assert response.headers["Location"].startswith("/login")


# -- the object page ---------------------------------------------------------------------------


def test_city_sees_public_labels_never_raw_state_names(browser, people, app_in):
    app = app_in("in_review")
    page = visible(browser(people.owner).get(f"/applications/{app.id}"))
    assert "Under review" in page and "in_review" not in page and "In review" not in page


def test_staff_see_staff_labels(browser, people, app_in):
    app = app_in("submitted", match_state=None)
    page = visible(browser(people.reviewer).get(f"/applications/{app.id}"))
    assert "Submitted, waiting for a reviewer" in page


def test_page_marks_the_current_step_in_words(browser, people, app_in):
    app = app_in("feedback_given")
    page = text(browser(people.owner).get(f"/applications/{app.id}"))
    current = re.search(
        r'<li class="wf-step wf-step--current" aria-current="step">(.*?)</li>', page, re.S
    )
    assert "Review and feedback" in current.group(1) and "current step" in current.group(1)


def test_page_shows_a_declined_application_as_stopped(browser, people, app_in):
    app = app_in("declined", decline_reason="Out of scope.")
    page = text(browser(people.owner).get(f"/applications/{app.id}"))
    assert "wf-step--stopped" in page and "stopped here" in page


def test_page_draws_the_diagram_with_the_current_state(browser, people, app_in):
    app = app_in("in_review")
    page = text(browser(people.owner).get(f"/applications/{app.id}"))
    current = re.search(r'<g class="wf-state wf-state--current">(.*?)</g>', page, re.S)
    assert 'role="img"' in page and "Under review" in current.group(1)


def test_page_lists_the_history_with_labels_and_comments(browser, people, app_in):
    app = app_in("in_review")
    visitor = browser(people.reviewer)
    visitor.post(
        f"/applications/{app.id}/transitions/request_clarification",
        {"comment": "Who runs the sirens?", "version": app.version},
    )
    page = visible(browser(people.owner).get(f"/applications/{app.id}"))
    assert "Ask the city a question" in page
    assert "Under review → Waiting for your answer" in page.replace(" to ", " ")
    assert "Who runs the sirens?" in page


def test_page_shows_only_the_actions_the_user_may_take(browser, people, app_in):
    app = app_in("in_review")
    page = text(browser(people.owner).get(f"/applications/{app.id}"))
    actions = re.findall(r'action="/applications/\d+/transitions/(\w+)"', page)
    assert actions == ["withdraw"]


def test_reviewer_sees_the_review_actions_with_their_comment_fields(browser, people, app_in):
    app = app_in("in_review")
    page = text(browser(people.reviewer).get(f"/applications/{app.id}"))
    actions = re.findall(r'action="/applications/\d+/transitions/(\w+)"', page)
    assert actions == ["request_clarification", "give_feedback", "decline"]
    assert "Your question to the city" in page and "Preliminary feedback" in page


def test_a_dangerous_action_is_styled_as_such(browser, people, app_in):
    app = app_in("in_review")
    page = text(browser(people.reviewer).get(f"/applications/{app.id}"))
    assert re.search(r'class="btn btn-danger">Decline the application<', page)


def test_provider_sees_the_summary_but_not_the_review(browser, people, app_in):
    app = app_in(
        "matchmaking", feedback="Internal view: strong case.", expected_outcomes="Fewer floods."
    )
    page = visible(browser(people.provider_user).get(f"/applications/{app.id}"))
    assert "Fewer floods." in page
    assert "Internal view" not in page and "History" not in page


def test_provider_sees_no_actions_on_the_application(browser, people, app_in):
    app = app_in("matchmaking")
    page = text(browser(people.provider_user).get(f"/applications/{app.id}"))
    assert "/transitions/" not in page


def test_city_sees_the_feedback(browser, people, app_in):
    app = app_in("feedback_given", feedback="A strong case.")
    assert "A strong case." in visible(browser(people.owner).get(f"/applications/{app.id}"))


def test_city_in_matchmaking_gets_a_link_to_choose_partners(browser, people, app_in):
    app = app_in("matchmaking")
    page = text(browser(people.owner).get(f"/applications/{app.id}"))
    assert f'href="/applications/{app.id}/partners"' in page


def test_staff_in_matchmaking_get_a_link_to_the_suggestions_and_the_matches(
    browser, people, app_in
):
    app = app_in("matchmaking", match_state="proposed")
    page = text(browser(people.reviewer).get(f"/applications/{app.id}"))
    assert f'href="/applications/{app.id}/suggestions"' in page
    assert "Aqua Sensing" in page and "Proposed, waiting for the provider" in page


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("other_city", "/applications/{id}"),
        ("other_city", "/applications/{id}/edit"),
        ("other_city", "/applications/{id}/transitions/withdraw"),
        ("stranger", "/applications/{id}"),
        ("stranger", "/applications/{id}/transitions/withdraw"),
        ("reviewer_out", "/applications/{id}"),
        ("reviewer_out", "/applications/{id}/transitions/give_feedback"),
        ("reviewer_out", "/applications/{id}/suggestions"),
        ("reviewer_out", "/applications/{id}/partners"),
    ],
)
def test_out_of_scope_pages_are_not_found(browser, people, app_in, who, path):
    app = app_in("in_review")
    response = browser(getattr(people, who)).get(path.format(id=app.id))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["other_city", "stranger", "reviewer_out"])
def test_out_of_scope_actions_are_not_found_and_change_nothing(browser, people, app_in, who):
    app = app_in("in_review")
    response = browser(getattr(people, who)).post(
        f"/applications/{app.id}/transitions/give_feedback", {"comment": "x"}
    )
    assert (response.status_code, fresh(app).state) == (404, "in_review")


def test_a_draft_is_not_found_for_staff(browser, people, app_in):
    app = app_in("draft", match_state=None)
    assert browser(people.reviewer).get(f"/applications/{app.id}").status_code == 404


def test_an_unknown_action_is_not_found(browser, people, app_in):
    app = app_in("in_review")
    response = browser(people.reviewer).get(f"/applications/{app.id}/transitions/teleport")
    assert response.status_code == 404
