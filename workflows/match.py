"""A match: a solution provider proposed to a city for one Solution Finder application."""

from __future__ import annotations

from typing import Any

from workflows.core import PROVIDER, REVIEWER, Context, Guard, State, Transition, Workflow

STATES = [
    State("proposed", 3, "Proposed, waiting for the provider", "Waiting for an answer"),
    State("accepted", 3, "Accepted by the provider", "Accepted"),
    State("declined", 3, "Declined by the provider", "Declined", terminal=True),
    State("retracted", 3, "Retracted by WeGO", "Withdrawn by WeGO", terminal=True),
    State("selected", 3, "Selected by the city", "Selected as partner", terminal=True),
    State("not_selected", 3, "Not selected by the city", "Not selected", terminal=True),
]


def _application_open(match: Any, _: Context) -> bool:
    return match.application.state == "matchmaking"


APPLICATION_OPEN = Guard(
    "application_in_matchmaking",
    _application_open,
    "The application is no longer looking for partners.",
)

# ``select`` and ``not_select`` are fired only by the application's
# ``select_partners``: nobody may fire them on their own.
TRANSITIONS = [
    Transition(
        "accept",
        ("proposed",),
        "accepted",
        frozenset({PROVIDER}),
        3,
        "Accept the match",
        guards=(APPLICATION_OPEN,),
        notify=("owner", "reviewers"),
    ),
    Transition(
        "decline",
        ("proposed",),
        "declined",
        frozenset({PROVIDER}),
        3,
        "Decline the match",
        comment_label="Reason for declining",
        comment_help="The city and WeGO see this reason.",
        comment_field="decline_reason",
        notify=("reviewers",),
        danger=True,
    ),
    Transition(
        "retract",
        ("proposed", "accepted"),
        "retracted",
        frozenset({REVIEWER}),
        3,
        "Retract the match",
        comment_label="Reason (optional)",
        comment_required=False,
        notify=("provider",),
        danger=True,
    ),
    Transition(
        "select",
        ("accepted",),
        "selected",
        frozenset(),
        3,
        "Select as partner",
        notify=("provider",),
    ),
    Transition(
        "not_select",
        ("proposed", "accepted"),
        "not_selected",
        frozenset(),
        3,
        "Not selected",
        notify=("provider",),
    ),
]

MATCH = Workflow("match", STATES, TRANSITIONS, initial="proposed")

OPEN_STATES = frozenset({"proposed", "accepted"})
