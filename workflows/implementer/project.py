"""A beneficiary's project: consultant tender, feasibility study, pilot, completion."""

from __future__ import annotations

from typing import Any

from workflows.core import (
    ADMIN,
    PROVIDER,
    REVIEWER,
    Context,
    Guard,
    State,
    Transition,
    Workflow,
)

STATES = [
    State("preparation", 3, "Preparing the consultant tender", "Preparing the consultant tender"),
    State("consultant_procurement", 3, "Tender open for bids", "Consultant tender open"),
    State("consultant_selected", 3, "Consultant selected", "Consultant selected"),
    State("feasibility_study", 4, "Feasibility study under way", "Feasibility study under way"),
    State("study_submitted", 4, "Study report waiting for review", "Study report in review"),
    State("pilot", 4, "Pilot project under way", "Pilot project under way"),
    State("completed", 4, "Completed", "Completed", terminal=True),
    # Cancelled work stops wherever it is; the step bar shows it stopped at the tender.
    State("cancelled", 3, "Cancelled", "Cancelled", terminal=True),
]

OPEN_STATES = (
    "preparation",
    "consultant_procurement",
    "consultant_selected",
    "feasibility_study",
    "study_submitted",
    "pilot",
)
DEFAULT_TECHNICAL_WEIGHT = 80  # per cent; the cost weight is the rest (DESIGN §4: 0.8 / 0.2)


def _has_terms(project: Any, _: Context) -> bool:
    return bool((project.tender_terms or "").strip())


def _has_deadline(project: Any, _: Context) -> bool:
    return project.tender_deadline is not None


def _deadline_ahead(project: Any, ctx: Context) -> bool:
    return project.tender_deadline is None or (
        ctx.now is not None and project.tender_deadline > ctx.now
    )


def _weights(project: Any, _: Context) -> bool:
    return project.technical_weight is not None and 0 <= project.technical_weight <= 100


def _deadline_passed(project: Any, ctx: Context) -> bool:
    return (
        project.tender_deadline is not None
        and ctx.now is not None
        and ctx.now >= project.tender_deadline
    )


def _scored_bid(_: Any, ctx: Context) -> bool:
    return ctx.payload.get("scored_bids", 0) >= 1


def _chosen_scored(_: Any, ctx: Context) -> bool:
    bid = ctx.payload.get("bid")
    return bid is not None and bid.state == "submitted" and ctx.payload.get("bid_scored", False)


def _document(kind: str) -> Any:
    def check(_: Any, ctx: Context) -> bool:
        return kind in ctx.payload.get("documents", ())

    return check


TRANSITIONS = [
    Transition(
        "open_tender",
        ("preparation",),
        "consultant_procurement",
        frozenset({REVIEWER}),
        3,
        "Open the consultant tender",
        guards=(
            Guard("has_terms", _has_terms, "Write the tender's terms of reference."),
            Guard("has_deadline", _has_deadline, "Set the tender deadline."),
            Guard("deadline_ahead", _deadline_ahead, "The tender deadline has already passed."),
            Guard("weights", _weights, "The technical weight is a percentage from 0 to 100."),
        ),
        notify=("owner", "providers"),
    ),
    Transition(
        "select_consultant",
        ("consultant_procurement",),
        "consultant_selected",
        frozenset({ADMIN}),
        3,
        "Select the consultant",
        comment_label="Note to the bidders (optional)",
        comment_required=False,
        guards=(
            Guard(
                "deadline_passed",
                _deadline_passed,
                "Bids stay sealed until the tender deadline.",
            ),
            Guard("scored_bid", _scored_bid, "At least one bid must have a technical score."),
            Guard(
                "chosen_bid_scored",
                _chosen_scored,
                "Choose a submitted bid that has a technical score.",
            ),
        ),
        notify=("owner", "reviewers"),
    ),
    Transition(
        "start_feasibility_study",
        ("consultant_selected",),
        "feasibility_study",
        frozenset({REVIEWER}),
        4,
        "Start the feasibility study",
        notify=("owner", "consultant"),
    ),
    Transition(
        "submit_study",
        ("feasibility_study",),
        "study_submitted",
        frozenset({PROVIDER}),
        4,
        "Submit the study report",
        guards=(
            Guard(
                "study_report_attached",
                _document("study_report"),
                "Attach the study report first.",
            ),
        ),
        notify=("reviewers", "owner"),
    ),
    Transition(
        "return_study",
        ("study_submitted",),
        "feasibility_study",
        frozenset({REVIEWER}),
        4,
        "Ask for changes to the study",
        comment_label="What should change",
        notify=("consultant",),
    ),
    Transition(
        "approve_study",
        ("study_submitted",),
        "pilot",
        frozenset({REVIEWER}),
        4,
        "Approve the study and start the pilot",
        notify=("owner", "consultant"),
    ),
    Transition(
        "complete",
        ("pilot",),
        "completed",
        frozenset({REVIEWER}),
        4,
        "Mark the project completed",
        comment_label="Outcome summary",
        comment_help="What the feasibility study and the pilot achieved.",
        comment_field="outcome_summary",
        guards=(
            Guard(
                "final_report_attached",
                _document("final_report"),
                "The consultant's final report must be attached first.",
            ),
        ),
        notify=("owner", "consultant"),
    ),
    Transition(
        "cancel",
        OPEN_STATES,
        "cancelled",
        frozenset({ADMIN}),
        3,
        "Cancel the project",
        comment_label="Reason for cancelling",
        comment_help="The city, the consultant and the bidders see this reason.",
        comment_field="cancel_reason",
        notify=("owner", "consultant", "bidders"),
        danger=True,
    ),
]

PROJECT = Workflow("project", STATES, TRANSITIONS, initial="preparation")

# While preparing, staff may still change the tender.
EDITABLE_STATES = frozenset({"preparation"})
# Which report each state waits for from the consultant.
REPORT_DUE = {"feasibility_study": "study_report", "pilot": "final_report"}
