"""The API answers programs: its refusals stay English whatever the user's language."""

from __future__ import annotations

from driver.extensions import db


def test_a_korean_reviewers_refusal_is_english(api, world, assert_problem):
    reviewer = world.users["reviewer"]
    reviewer.language = "ko"
    db.session.commit()
    response = api(reviewer).post(
        f"solution-finder/applications/{world.matchmaking.id}/transitions",
        json={"trigger": "start_review"},
        headers={"Accept-Language": "ko"},
    )
    detail = assert_problem(response, 409)["detail"]
    assert detail.startswith("“Start the review” is not possible while it is “")


def test_a_french_token_users_missing_comment_is_english(api, world, assert_problem):
    reviewer = world.users["reviewer"]
    reviewer.language = "fr"
    db.session.commit()
    response = api(reviewer).post(
        f"solution-finder/applications/{world.feedback_given.id}/transitions",
        json={"trigger": "request_clarification"},
    )
    errors = assert_problem(response, 422)["errors"]
    assert errors["comment"] == ["Your question to the city is required."]
