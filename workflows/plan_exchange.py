"""A Plan Exchange project: written by its city, reviewed by WeGO, then public."""

from __future__ import annotations

from typing import Any

from workflows.core import ADMIN, OWNER, REVIEWER, Context, Guard, State, Transition, Workflow

STEPS = {1: "Written by the city", 2: "Reviewed by WeGO", 3: "Published"}

STATES = [
    State("draft", 1, "Draft (with the city)", "Draft"),
    State("in_review", 2, "Waiting for WeGO's review", "Under review by WeGO"),
    State("published", 3, "Published", "Published", terminal=True),
]


def _has_title(project: Any, _: Context) -> bool:
    return bool((project.title or "").strip())


def _has_summary(project: Any, _: Context) -> bool:
    return bool((project.summary or "").strip())


def _has_areas(project: Any, _: Context) -> bool:
    return bool(project.area_slugs)


def _has_stakeholder(project: Any, _: Context) -> bool:
    return bool(project.stakeholders)


SUBMIT_GUARDS = (
    Guard("has_title", _has_title, "The project needs a title."),
    Guard("has_summary", _has_summary, "Summarise the project before sending it."),
    Guard("has_areas", _has_areas, "Choose at least one area the project is about."),
    Guard(
        "has_stakeholder",
        _has_stakeholder,
        "Name at least one stakeholder and the role it plays.",
    ),
)

TRANSITIONS = [
    Transition(
        "submit",
        ("draft",),
        "in_review",
        frozenset({OWNER}),
        2,
        "Send to WeGO for publication",
        guards=SUBMIT_GUARDS,
        notify=("reviewers",),
    ),
    Transition(
        "publish",
        ("in_review",),
        "published",
        frozenset({REVIEWER}),
        3,
        "Publish in Plan Exchange",
        notify=("owner",),
    ),
    Transition(
        "return_to_city",
        ("in_review",),
        "draft",
        frozenset({REVIEWER}),
        2,
        "Return to the city",
        comment_label="What the city should change",
        comment_help="The city sees this reason and can send the project again.",
        comment_field="return_reason",
        notify=("owner",),
    ),
    Transition(
        "recall",
        ("in_review",),
        "draft",
        frozenset({OWNER}),
        2,
        "Take back to edit",
        comment_label="Reason (optional)",
        comment_required=False,
        notify=("reviewers",),
    ),
    Transition(
        "unpublish",
        ("published",),
        "draft",
        frozenset({ADMIN}),
        3,
        "Take off Plan Exchange",
        comment_label="Why it is taken off",
        comment_help="The city sees this reason.",
        comment_field="return_reason",
        notify=("owner",),
        danger=True,
    ),
]

PROJECT = Workflow("plan_project", STATES, TRANSITIONS, initial="draft")

# The city may change the text while the project is a draft.
EDITABLE_STATES = frozenset({"draft"})
