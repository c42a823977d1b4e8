"""A call for proposals: published by an admin, closed by its clock, awarded to beneficiaries.

The server's clock decides: a call whose closing time has passed is closed for
every purpose (``call_closed_at``), even before its ``close`` is recorded.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from workflows.core import ADMIN, Context, Guard, State, Transition, Workflow

# A call has its own four steps: the programme's step 1 and 2 seen from the call.
CALL_STEPS = {
    1: "Preparing the call",
    2: "Open for proposals",
    3: "Review and selection",
    4: "Beneficiaries chosen",
}

MAX_BENEFICIARIES = 2

STATES = [
    State("draft", 1, "Draft (not published)", "In preparation"),
    State("open", 2, "Open for proposals", "Open for proposals"),
    State("closed", 3, "Closed, proposals in review", "Closed: proposals under review"),
    State("awarded", 4, "Beneficiaries selected", "Beneficiaries announced", terminal=True),
]


def call_accepting(call: Any, now: datetime) -> bool:
    """Whether ``call`` accepts submissions at ``now``: open, after opening, before closing."""
    return (
        call.state == "open"
        and call.opens_at is not None
        and call.closes_at is not None
        and call.opens_at <= now < call.closes_at
    )


def call_closed_at(call: Any, now: datetime) -> bool:
    """Whether ``call`` is closed at ``now``: recorded so, or open past its closing time."""
    if call.state in {"closed", "awarded"}:
        return True
    return call.state == "open" and call.closes_at is not None and now >= call.closes_at


def _has_times(call: Any, _: Context) -> bool:
    return call.opens_at is not None and call.closes_at is not None


def _closes_after_opening(call: Any, _: Context) -> bool:
    return not _has_times(call, _) or call.closes_at > call.opens_at


def _closes_in_future(call: Any, ctx: Context) -> bool:
    return call.closes_at is None or ctx.now is None or call.closes_at > ctx.now


def _has_budget(call: Any, _: Context) -> bool:
    return bool(call.budget_usd and call.budget_usd > 0)


def _beneficiaries(call: Any, _: Context) -> bool:
    return call.beneficiaries is not None and 1 <= call.beneficiaries <= MAX_BENEFICIARIES


def _rubric(call: Any, _: Context) -> bool:
    return bool(call.criteria) and sum(c.weight for c in call.criteria) > 0


def _someone_selected(_: Any, ctx: Context) -> bool:
    return ctx.payload.get("selected", 0) >= 1


def _all_screened(_: Any, ctx: Context) -> bool:
    return ctx.payload.get("unscreened", 0) == 0


OPEN_GUARDS = (
    Guard("has_times", _has_times, "Set the opening and closing time."),
    Guard("closes_after_opening", _closes_after_opening, "The call must close after it opens."),
    Guard("closes_in_future", _closes_in_future, "The closing time has already passed."),
    Guard("has_budget", _has_budget, "Set the budget of each project."),
    Guard(
        "beneficiaries_1_to_2",
        _beneficiaries,
        f"A call selects 1 to {MAX_BENEFICIARIES} beneficiary cities.",
    ),
    Guard("has_rubric", _rubric, "The rubric needs at least one criterion with a weight."),
)

TRANSITIONS = [
    Transition(
        "open",
        ("draft",),
        "open",
        frozenset({ADMIN}),
        2,
        "Publish and open the call",
        guards=OPEN_GUARDS,
        notify=("cities",),
    ),
    Transition(
        "close",
        ("open",),
        "closed",
        frozenset({ADMIN}),
        3,
        "Close the call now",
        comment_label="Why it closes early (optional)",
        comment_required=False,
        comment_help="Calls close by themselves at their closing time.",
        notify=("applicants",),
        danger=True,
    ),
    Transition(
        "award",
        ("closed",),
        "awarded",
        frozenset({ADMIN}),
        4,
        "Announce the result",
        comment_label="Message to the cities not selected",
        comment_help="Every city whose proposal was eligible but not selected receives it.",
        guards=(
            Guard("beneficiary_selected", _someone_selected, "Select at least one beneficiary."),
            Guard(
                "all_screened",
                _all_screened,
                "Some proposals still wait for screening: confirm or reject their eligibility.",
            ),
        ),
        notify=("reviewers",),
    ),
]

CALL = Workflow("call", STATES, TRANSITIONS, initial="draft")

# While a draft the admin may still change the call and its rubric.
EDITABLE_STATES = frozenset({"draft"})
