"""The Solution Finder pages: the city's form and list, the object page, and its actions."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from driver.audit.models import AuditEvent
from driver.extensions import db
from driver.solution_finder.models import Application


def text(response) -> str:
    return response.get_data(as_text=True)


def visible(response) -> str:
    """The page's text without tags, attributes, the inline SVG or the error summary's links."""
    html = re.sub(r"<svg.*?</svg>", " ", text(response), flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def fresh(application: Application) -> Application:
    db.session.expire_all()
    return db.session.get(Application, application.id)


FULL = {
    "title": "Flood warnings for the river district",
    "description": "Floods hit the market twice a year.",
    "expected_outcomes": "Traders warned an hour ahead.",
    "areas": ["water-management", "disaster-risk-management"],
    "budget_usd": "250,000",
    "city_stage": "2",
    "languages": ["en", "ko"],
}


# -- the form: creating, editing, submitting ---------------------------------------------------


def test_new_form_offers_every_area_and_the_two_buttons(browser, people):
    page = text(browser(people.owner).get("/applications/new"))
    assert page.count('name="areas"') == 16
    assert "Save draft" in page and "Save and submit" in page


def test_new_form_preselects_the_area_given_in_the_query(browser, people):
    page = text(browser(people.owner).get("/applications/new?area=tourism"))
    assert re.search(r'<input[^>]*checked[^>]*value="tourism"|value="tourism"[^>]*checked', page)


def test_city_saves_a_draft(browser, people):
    response = browser(people.owner).post("/applications/new", {**FULL, "action": "draft"})
    app = db.session.scalars(select(Application)).one()
    assert (response.status_code, app.state, app.budget_usd, app.city_stage) == (
        302,
        "draft",
        250_000,
        2,
    )
    assert sorted(app.area_slugs) == ["disaster-risk-management", "water-management"]


def test_saving_a_draft_leads_to_its_page(browser, people):
    response = browser(people.owner).post("/applications/new", {**FULL, "action": "draft"})
    app = db.session.scalars(select(Application)).one()
    assert response.headers["Location"] == f"/applications/{app.id}"


def test_city_saves_and_submits(browser, people):
    browser(people.owner).post("/applications/new", {**FULL, "action": "submit"})
    app = db.session.scalars(select(Application)).one()
    assert (app.state, app.submitted_at is not None) == ("submitted", True)


def test_submit_with_missing_fields_keeps_the_draft_and_shows_the_guard_reasons(browser, people):
    visitor = browser(people.owner)
    response = visitor.post("/applications/new", {"title": "Only a title", "action": "submit"})
    app = db.session.scalars(select(Application)).one()
    page = visible(visitor.get(response.headers["Location"]))
    assert (app.state, response.headers["Location"]) == ("draft", f"/applications/{app.id}/edit")
    assert "Describe the urban challenge before submitting." in page
    assert "Choose at least one area the challenge is about." in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("budget_usd", "-5", "The budget cannot be negative."),
        ("budget_usd", "lots", "Enter the budget as a whole number of US dollars"),
        ("budget_usd", "1.5", "Enter the budget as a whole number of US dollars"),
        ("budget_usd", "3000000000", "Enter a budget below USD 2,000,000,000."),
        ("city_stage", "7", "Choose a stage from 1 (Exploring) to 5 (Optimising)"),
        ("city_stage", "x", "Choose a stage from 1 (Exploring) to 5 (Optimising)"),
        ("areas", "atlantis", "is not a valid choice"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(browser, people, field, value, message):
    response = browser(people.owner).post("/applications/new", {**FULL, field: value})
    assert (response.status_code, message in visible(response)) == (422, True)


def test_bad_input_creates_nothing(browser, people):
    browser(people.owner).post("/applications/new", {**FULL, "budget_usd": "-5"})
    assert db.session.scalars(select(Application)).all() == []


def test_bad_input_keeps_what_was_typed(browser, people):
    response = browser(people.owner).post(
        "/applications/new", {**FULL, "title": "Keep me", "budget_usd": "lots"}
    )
    assert 'value="Keep me"' in text(response) and 'value="lots"' in text(response)


@pytest.mark.parametrize("role", ["provider_user", "reviewer", "admin"])
def test_only_a_city_can_start_an_application(browser, people, role):
    assert browser(getattr(people, role)).get("/applications/new").status_code == 404


def test_edit_form_shows_the_draft(browser, people, app_in):
    app = app_in("draft", match_state=None, budget_usd=1000)
    page = text(browser(people.owner).get(f"/applications/{app.id}/edit"))
    assert 'value="Flood warnings for the river district"' in page and 'value="1000"' in page


def test_colleague_edits_the_draft(browser, people, app_in):
    app = app_in("draft", match_state=None)
    browser(people.colleague).post(
        f"/applications/{app.id}/edit", {**FULL, "title": "Better title", "action": "draft"}
    )
    assert fresh(app).title == "Better title"


def test_editing_and_submitting_a_draft_submits_it(browser, people, app_in):
    app = app_in("draft", match_state=None, description="")
    browser(people.owner).post(f"/applications/{app.id}/edit", {**FULL, "action": "submit"})
    assert fresh(app).state == "submitted"


def test_a_submitted_application_cannot_be_edited(browser, people, app_in):
    app = app_in("submitted", match_state=None)
    response = browser(people.owner).get(f"/applications/{app.id}/edit")
    assert response.headers["Location"] == f"/applications/{app.id}"


def test_editing_a_stale_draft_changes_nothing(browser, people, app_in):
    app = app_in("draft", match_state=None)
    visitor = browser(people.owner)
    visitor.post(f"/applications/{app.id}/edit", {**FULL, "title": "Mine", "version": "99"})
    assert fresh(app).title == "Flood warnings for the river district"


def test_editing_a_stale_draft_says_someone_else_changed_it(browser, people, app_in):
    app = app_in("draft", match_state=None)
    visitor = browser(people.owner)
    visitor.post(f"/applications/{app.id}/edit", {**FULL, "version": "99"})
    page = visible(visitor.get(f"/applications/{app.id}"))
    assert "Someone else changed this in the meantime." in page


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
