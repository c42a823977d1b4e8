"""A city's proposal to a call: drafted, submitted, screened, scored and selected (or not)."""

from __future__ import annotations

from typing import Any

from workflows.core import ADMIN, OWNER, REVIEWER, Context, Guard, State, Transition, Workflow
from workflows.implementer.call import call_accepting, call_closed_at

STATES = [
    State("draft", 1, "Draft (not submitted)", "Draft"),
    State("submitted", 1, "Submitted, waiting for screening", "Submitted"),
    State("eligible", 2, "Eligible, being scored", "Under review"),
    State("ineligible", 2, "Ineligible", "Not eligible", terminal=True),
    State("shortlisted", 2, "Shortlisted", "Shortlisted"),
    # Not an end: the programme goes on in the beneficiary's project.
    State("selected", 2, "Selected as beneficiary", "Selected: your city is a beneficiary"),
    State("not_selected", 2, "Not selected", "Not selected this time", terminal=True),
    State("withdrawn", 1, "Withdrawn by the city", "Withdrawn", terminal=True),
]

BEFORE_SELECTION = ("draft", "submitted", "eligible", "shortlisted")
# Proposals reviewers score.
SCORABLE_STATES = frozenset({"eligible", "shortlisted"})


def _text(name: str) -> Any:
    def check(proposal: Any, _: Context) -> bool:
        return bool((getattr(proposal, name) or "").strip())

    return check


def _call_open(proposal: Any, ctx: Context) -> bool:
    return ctx.now is not None and call_accepting(proposal.call, ctx.now)


def _budget_given(proposal: Any, _: Context) -> bool:
    return bool(proposal.requested_usd and proposal.requested_usd > 0)


def _within_budget(proposal: Any, _: Context) -> bool:
    return not proposal.requested_usd or proposal.requested_usd <= (proposal.call.budget_usd or 0)


def _cofunding(proposal: Any, _: Context) -> bool:
    return bool(proposal.cofunding_cash_usd) or bool((proposal.cofunding_kind or "").strip())


def _good_standing(proposal: Any, _: Context) -> bool:
    return proposal.member.status == "active"


def _call_closed(proposal: Any, ctx: Context) -> bool:
    return ctx.now is not None and call_closed_at(proposal.call, ctx.now)


def _room_left(proposal: Any, ctx: Context) -> bool:
    return ctx.payload.get("selected", 0) < proposal.call.beneficiaries


def _two_scores(_: Any, ctx: Context) -> bool:
    return ctx.payload.get("complete_scores", 0) >= 2


SUBMIT_GUARDS = (
    Guard("call_open", _call_open, "The call is not accepting proposals now."),
    Guard("has_title", _text("title"), "The proposal needs a title."),
    Guard("has_problem", _text("problem"), "Describe the problem the project addresses."),
    Guard("has_objectives", _text("objectives"), "State the project's objectives."),
    Guard("has_budget", _budget_given, "Say how much funding the city requests."),
    Guard("within_budget", _within_budget, "The request exceeds the call's budget per project."),
    Guard(
        "has_cofunding",
        _cofunding,
        "State the city's co-funding, in cash or in kind (staff, offices, data…).",
    ),
    Guard("has_local_team", _text("local_team"), "Name the local team that will support it."),
    Guard("has_timeline", _text("timeline"), "Give a timeline."),
)

CALL_CLOSED = Guard(
    "call_closed", _call_closed, "Beneficiaries are chosen once the call has closed."
)

TRANSITIONS = [
    Transition(
        "submit",
        ("draft",),
        "submitted",
        frozenset({OWNER}),
        1,
        "Submit the proposal",
        guards=SUBMIT_GUARDS,
        notify=("reviewers",),
    ),
    Transition(
        "screen",
        ("submitted",),
        "eligible",
        frozenset({REVIEWER}),
        2,
        "Confirm it is eligible",
        guards=(
            Guard(
                "member_in_good_standing",
                _good_standing,
                "The city is not a member in good standing.",
            ),
        ),
        notify=("owner",),
    ),
    Transition(
        "reject_ineligible",
        ("submitted",),
        "ineligible",
        frozenset({REVIEWER}),
        2,
        "Reject as ineligible",
        comment_label="Why it is not eligible",
        comment_help="The city sees this reason.",
        comment_field="ineligible_reason",
        notify=("owner",),
        danger=True,
    ),
    Transition(
        "shortlist",
        ("eligible",),
        "shortlisted",
        frozenset({REVIEWER}),
        2,
        "Shortlist",
        notify=("owner",),
    ),
    Transition(
        "select_beneficiary",
        ("shortlisted",),
        "selected",
        frozenset({ADMIN}),
        2,
        "Select as beneficiary",
        guards=(
            CALL_CLOSED,
            Guard("beneficiary_limit", _room_left, "The call's beneficiaries are all chosen."),
            Guard(
                "two_complete_scores",
                _two_scores,
                "At least two reviewers must have scored every criterion.",
            ),
        ),
        notify=("owner", "reviewers"),
    ),
    Transition(
        "not_select",
        ("eligible", "shortlisted"),
        "not_selected",
        frozenset({ADMIN}),
        2,
        "Do not select",
        comment_label="Message to the city",
        comment_help="The city reads it with the decision.",
        comment_field="decision_message",
        guards=(CALL_CLOSED,),
        notify=("owner",),
        danger=True,
    ),
    Transition(
        "withdraw",
        BEFORE_SELECTION,
        "withdrawn",
        frozenset({OWNER}),
        1,
        "Withdraw the proposal",
        comment_label="Reason (optional)",
        comment_required=False,
        notify=("reviewers",),
        danger=True,
    ),
]

PROPOSAL = Workflow("proposal", STATES, TRANSITIONS, initial="draft")

EDITABLE_STATES = frozenset({"draft"})
