"""The Solution Finder application: from a city's challenge to a completed project."""

from __future__ import annotations

from typing import Any

from workflows.core import (
    ADMIN,
    OWNER,
    REVIEWER,
    Context,
    Guard,
    State,
    Transition,
    Workflow,
)

STEPS = {
    1: "Application",
    2: "Review and feedback",
    3: "Matchmaking",
    4: "Implementation",
}

STATES = [
    State("draft", 1, "Draft (not submitted)", "Draft"),
    State("submitted", 1, "Submitted, waiting for a reviewer", "Submitted"),
    State("in_review", 2, "In review", "Under review"),
    State("awaiting_clarification", 2, "Waiting for the city's answer", "Waiting for your answer"),
    State("feedback_given", 2, "Preliminary feedback given", "Feedback received"),
    State("declined", 2, "Declined", "Not taken forward", terminal=True),
    State("matchmaking", 3, "Matchmaking", "Finding partners"),
    State("partnered", 3, "Partners chosen", "Partners chosen"),
    State("implementing", 4, "Implementation", "Implementing with partners"),
    State("completed", 4, "Completed", "Completed", terminal=True),
    State("withdrawn", 1, "Withdrawn by the city", "Withdrawn", terminal=True),
]

BEFORE_PARTNERED = (
    "draft",
    "submitted",
    "in_review",
    "awaiting_clarification",
    "feedback_given",
    "matchmaking",
)


def _has_title(app: Any, _: Context) -> bool:
    return bool((app.title or "").strip())


def _has_description(app: Any, _: Context) -> bool:
    return bool((app.description or "").strip())


def _has_areas(app: Any, _: Context) -> bool:
    return bool(app.area_slugs)


def _partners_chosen(_: Any, ctx: Context) -> bool:
    return bool(ctx.payload.get("matches"))


def _partners_accepted(_: Any, ctx: Context) -> bool:
    return all(m.state == "accepted" for m in ctx.payload.get("matches", ()))


SUBMIT_GUARDS = (
    Guard("has_title", _has_title, "The application needs a title."),
    Guard("has_description", _has_description, "Describe the urban challenge before submitting."),
    Guard("has_areas", _has_areas, "Choose at least one area the challenge is about."),
)

TRANSITIONS = [
    Transition(
        "submit",
        ("draft",),
        "submitted",
        frozenset({OWNER}),
        1,
        "Submit the application",
        guards=SUBMIT_GUARDS,
        notify=("reviewers",),
    ),
    Transition(
        "start_review",
        ("submitted",),
        "in_review",
        frozenset({REVIEWER}),
        2,
        "Start the review",
        notify=("owner",),
    ),
    Transition(
        "request_clarification",
        ("in_review", "feedback_given"),
        "awaiting_clarification",
        frozenset({REVIEWER}),
        2,
        "Ask the city a question",
        comment_label="Your question to the city",
        comment_help="The city sees this message and answers it before the review goes on.",
        notify=("owner",),
    ),
    Transition(
        "answer_clarification",
        ("awaiting_clarification",),
        "in_review",
        frozenset({OWNER}),
        2,
        "Answer WeGO's question",
        comment_label="Your answer",
        notify=("assignee",),
    ),
    Transition(
        "give_feedback",
        ("in_review",),
        "feedback_given",
        frozenset({REVIEWER}),
        2,
        "Give preliminary feedback",
        comment_label="Preliminary feedback",
        comment_help="What WeGO thinks of the challenge and how it proposes to go on.",
        comment_field="feedback",
        notify=("owner",),
    ),
    Transition(
        "decline",
        ("submitted", "in_review", "feedback_given"),
        "declined",
        frozenset({REVIEWER}),
        2,
        "Decline the application",
        comment_label="Reason for declining",
        comment_help="The city sees this reason.",
        comment_field="decline_reason",
        notify=("owner",),
        danger=True,
    ),
    Transition(
        "open_matchmaking",
        ("feedback_given",),
        "matchmaking",
        frozenset({REVIEWER}),
        3,
        "Open matchmaking",
        notify=("owner",),
    ),
    Transition(
        "select_partners",
        ("matchmaking",),
        "partnered",
        frozenset({OWNER}),
        3,
        "Choose partners",
        guards=(
            Guard("partners_chosen", _partners_chosen, "Choose at least one partner."),
            Guard(
                "partners_accepted",
                _partners_accepted,
                "Every partner you choose must have accepted the match.",
            ),
        ),
        notify=("assignee",),
    ),
    Transition(
        "start_implementation",
        ("partnered",),
        "implementing",
        frozenset({OWNER, REVIEWER}),
        4,
        "Start implementation",
        notify=("owner", "assignee", "partners"),
    ),
    Transition(
        "complete",
        ("implementing",),
        "completed",
        frozenset({REVIEWER}),
        4,
        "Mark the project completed",
        comment_label="Outcome summary",
        comment_help="What the project achieved; the city and its partners see it. "
        "The rating (1-5) of how well the partners delivered feeds their track record.",
        comment_field="outcome_summary",
        notify=("owner", "partners"),
    ),
    Transition(
        "withdraw",
        BEFORE_PARTNERED,
        "withdrawn",
        frozenset({OWNER}),
        1,
        "Withdraw the application",
        comment_label="Reason (optional)",
        comment_required=False,
        notify=("assignee",),
        danger=True,
    ),
    Transition(
        "reopen",
        ("declined", "withdrawn"),
        "in_review",
        frozenset({ADMIN}),
        2,
        "Reopen for review",
        comment_label="Why it is reopened",
        notify=("owner", "assignee"),
    ),
]

APPLICATION = Workflow("application", STATES, TRANSITIONS, initial="draft")

# States in which the city can still edit the application's text.
EDITABLE_STATES = frozenset({"draft"})
# States that count as waiting for the city (its dashboard lists them).
WAITING_FOR_CITY = frozenset({"draft", "awaiting_clarification", "matchmaking", "partnered"})
# States in which a reviewer has work to do (the queue's default filter).
WAITING_FOR_REVIEWER = frozenset({"submitted", "in_review", "feedback_given", "implementing"})
