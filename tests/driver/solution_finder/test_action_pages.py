"""The actions on the application page: each trigger through its form."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from driver.audit.models import AuditEvent
from driver.extensions import db
from driver.solution_finder.models import Application

from .pages import fresh, text, visible

# -- actions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "who", "trigger"),
    [
        ("draft", "owner", "submit"),
        ("submitted", "reviewer", "start_review"),
        ("in_review", "reviewer", "request_clarification"),
        ("in_review", "reviewer", "decline"),
        ("awaiting_clarification", "owner", "answer_clarification"),
        ("feedback_given", "reviewer", "open_matchmaking"),
        ("partnered", "owner", "start_implementation"),
        ("implementing", "reviewer", "complete"),
        ("matchmaking", "owner", "withdraw"),
    ],
)
def test_getting_an_action_shows_a_form_and_changes_nothing(
    browser, people, app_in, state, who, trigger
):
    app = app_in(state)
    response = browser(getattr(people, who)).get(f"/applications/{app.id}/transitions/{trigger}")
    assert (response.status_code, fresh(app).state, fresh(app).version) == (200, state, 1)


def test_getting_an_action_that_is_not_possible_now_goes_back_with_the_reason(
    browser, people, app_in
):
    app = app_in("in_review")
    visitor = browser(people.reviewer)
    response = visitor.get(f"/applications/{app.id}/transitions/open_matchmaking")
    page = visible(visitor.get(response.headers["Location"]))
    assert "“Open matchmaking” is not possible while it is “In review”." in page


def test_reviewer_starts_the_review_and_becomes_assignee(browser, people, app_in):
    app = app_in("submitted", match_state=None)
    response = browser(people.reviewer).post(
        f"/applications/{app.id}/transitions/start_review", {"version": app.version}
    )
    app = fresh(app)
    assert (response.status_code, app.state, app.assignee_id) == (
        302,
        "in_review",
        people.reviewer.id,
    )


def test_a_done_action_redirects_to_the_page_with_a_message(browser, people, app_in):
    app = app_in("submitted", match_state=None)
    visitor = browser(people.reviewer)
    response = visitor.post(f"/applications/{app.id}/transitions/start_review", {})
    page = visible(visitor.get(response.headers["Location"]))
    assert "Done: start the review. It is now “In review”." in page


def test_asking_a_question_without_text_is_refused_with_the_field_error(browser, people, app_in):
    app = app_in("in_review")
    response = browser(people.reviewer).post(
        f"/applications/{app.id}/transitions/request_clarification", {"comment": "  "}
    )
    assert response.status_code == 422
    assert "Your question to the city is required." in visible(response)


def test_asking_a_question_without_text_changes_nothing(browser, people, app_in):
    app = app_in("in_review")
    browser(people.reviewer).post(
        f"/applications/{app.id}/transitions/request_clarification", {"comment": ""}
    )
    assert fresh(app).state == "in_review"


def test_reviewer_asks_and_the_city_sees_the_question_prominently(browser, people, app_in):
    app = app_in("in_review")
    browser(people.reviewer).post(
        f"/applications/{app.id}/transitions/request_clarification",
        {"comment": "Which agency runs the sirens?"},
    )
    page = text(browser(people.owner).get(f"/applications/{app.id}"))
    question = re.search(r'<section class="wf-question".*?</section>', page, re.S)
    assert "Which agency runs the sirens?" in question.group(0)


def test_city_answers_the_question(browser, people, app_in):
    app = app_in("awaiting_clarification")
    browser(people.owner).post(
        f"/applications/{app.id}/transitions/answer_clarification",
        {"comment": "The fire brigade."},
    )
    assert fresh(app).state == "in_review"


def test_reviewer_gives_feedback_the_city_reads(browser, people, app_in):
    app = app_in("in_review")
    browser(people.reviewer).post(
        f"/applications/{app.id}/transitions/give_feedback", {"comment": "Promising."}
    )
    assert (fresh(app).state, fresh(app).feedback) == ("feedback_given", "Promising.")


def test_reviewer_opens_matchmaking(browser, people, app_in):
    app = app_in("feedback_given")
    browser(people.reviewer).post(f"/applications/{app.id}/transitions/open_matchmaking", {})
    assert fresh(app).state == "matchmaking"


def test_declining_needs_a_reason(browser, people, app_in):
    app = app_in("in_review")
    response = browser(people.reviewer).post(
        f"/applications/{app.id}/transitions/decline", {"comment": ""}
    )
    assert (response.status_code, fresh(app).state) == (422, "in_review")


def test_city_withdraws(browser, people, app_in):
    app = app_in("in_review")
    browser(people.owner).post(f"/applications/{app.id}/transitions/withdraw", {"comment": ""})
    assert fresh(app).state == "withdrawn"


def test_submitting_from_the_page_with_missing_fields_says_what_is_missing(browser, people, app_in):
    app = app_in("draft", match_state=None, description="")
    visitor = browser(people.owner)
    response = visitor.post(f"/applications/{app.id}/transitions/submit", {})
    page = visible(visitor.get(response.headers["Location"]))
    assert (fresh(app).state, "Describe the urban challenge before submitting." in page) == (
        "draft",
        True,
    )


def test_a_city_cannot_do_a_reviewers_action(browser, people, app_in):
    app = app_in("in_review")
    visitor = browser(people.owner)
    response = visitor.post(
        f"/applications/{app.id}/transitions/give_feedback", {"comment": "Great!"}
    )
    page = visible(visitor.get(response.headers["Location"]))
    assert fresh(app).state == "in_review"
    assert "You are not allowed to “give preliminary feedback” here." in page


def test_a_stale_page_gets_the_conflict_message_and_changes_nothing(browser, people, app_in):
    app = app_in("in_review")
    visitor = browser(people.reviewer)
    page_version = app.version
    db.session.get(Application, app.id).feedback = "edited meanwhile"  # bumps the version
    db.session.commit()
    response = visitor.post(
        f"/applications/{app.id}/transitions/give_feedback",
        {"comment": "Promising.", "version": page_version},
    )
    page = visible(visitor.get(response.headers["Location"]))
    assert fresh(app).state == "in_review"
    assert "Someone else changed this in the meantime. Reload the page and try again." in page


def test_an_action_done_twice_says_it_is_no_longer_possible(browser, people, app_in):
    app = app_in("submitted", match_state=None)
    visitor = browser(people.reviewer)
    visitor.post(f"/applications/{app.id}/transitions/start_review", {"version": 1})
    response = visitor.post(f"/applications/{app.id}/transitions/start_review", {"version": 1})
    page = visible(visitor.get(response.headers["Location"]))
    assert "“Start the review” is not possible while it is “In review”." in page


def test_completing_needs_an_outcome_summary_and_keeps_the_rating_typed(browser, people, app_in):
    app = app_in("implementing", match_state="selected")
    response = browser(people.reviewer).post(
        f"/applications/{app.id}/transitions/complete", {"comment": " ", "rating": "4"}
    )
    assert response.status_code == 422
    assert re.search(r'<option selected value="4">|<option value="4" selected>', text(response))


def test_the_complete_form_asks_for_a_rating(browser, people, app_in):
    app = app_in("implementing", match_state="selected")
    page = text(browser(people.reviewer).get(f"/applications/{app.id}"))
    assert "How well did the partners deliver?" in page


def test_reviewer_completes_with_summary_and_rating(browser, people, app_in):
    app = app_in("implementing", match_state="selected")
    browser(people.reviewer).post(
        f"/applications/{app.id}/transitions/complete",
        {"comment": "Sirens in every market.", "rating": "5"},
    )
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.trigger == "complete")).one()
    assert (fresh(app).state, fresh(app).outcome_summary, event.payload) == (
        "completed",
        "Sirens in every market.",
        {"rating": 5},
    )


def test_a_rating_out_of_range_is_refused(browser, people, app_in):
    app = app_in("implementing", match_state="selected")
    response = browser(people.reviewer).post(
        f"/applications/{app.id}/transitions/complete", {"comment": "Done.", "rating": "9"}
    )
    assert (response.status_code, fresh(app).state) == (422, "implementing")


@pytest.mark.parametrize("who", ["owner", "reviewer"])
def test_city_or_reviewer_starts_implementation(browser, people, app_in, who):
    app = app_in("partnered", match_state="selected")
    browser(getattr(people, who)).post(
        f"/applications/{app.id}/transitions/start_implementation", {}
    )
    assert fresh(app).state == "implementing"


def test_posting_someone_elses_action_with_an_empty_comment_shows_no_form(browser, people, app_in):
    app = app_in("in_review")
    response = browser(people.owner).post(
        f"/applications/{app.id}/transitions/give_feedback", {"comment": ""}
    )
    assert response.status_code == 302
