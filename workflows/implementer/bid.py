"""A consultant's bid on a project's tender: sealed until the deadline, then awarded or not."""

from __future__ import annotations

from typing import Any

from workflows.core import PROVIDER, Context, Guard, State, Transition, Workflow

STATES = [
    State("draft", 3, "Draft (not sent)", "Draft (not sent yet)"),
    State("submitted", 3, "Submitted", "Submitted, sealed until the deadline"),
    State("withdrawn", 3, "Withdrawn by the bidder", "Withdrawn", terminal=True),
    # Not an end: the consultant goes on with the project.
    State("awarded", 3, "Awarded", "Awarded: you are the consultant"),
    State("rejected", 3, "Not awarded", "Not awarded", terminal=True),
]


def _tender_open(bid: Any, ctx: Context) -> bool:
    project = bid.project
    return (
        project.state == "consultant_procurement"
        and project.tender_deadline is not None
        and ctx.now is not None
        and ctx.now < project.tender_deadline
    )


def _text(name: str) -> Any:
    def check(bid: Any, _: Context) -> bool:
        return bool((getattr(bid, name) or "").strip())

    return check


def _priced(bid: Any, _: Context) -> bool:
    return bool(bid.price_usd and bid.price_usd > 0)


TENDER_OPEN = Guard("tender_open", _tender_open, "The tender is not open: its deadline has passed.")

TRANSITIONS = [
    Transition(
        "submit",
        ("draft",),
        "submitted",
        frozenset({PROVIDER}),
        3,
        "Submit the bid",
        guards=(
            TENDER_OPEN,
            Guard("has_technical_proposal", _text("technical_proposal"), "Describe your approach."),
            Guard("has_price", _priced, "Give your price in US dollars."),
            Guard("has_team", _text("team"), "Present the team."),
            Guard("has_timeline", _text("timeline"), "Give a timeline."),
        ),
        # Sealed: nobody hears of a bid before the deadline.
    ),
    Transition(
        "withdraw",
        ("submitted",),
        "withdrawn",
        frozenset({PROVIDER}),
        3,
        "Withdraw the bid",
        comment_label="Reason (optional)",
        comment_required=False,
        guards=(TENDER_OPEN,),
        danger=True,
    ),
    # Fired only by the project's select_consultant (and cancel): nobody fires them alone.
    Transition("award", ("submitted",), "awarded", frozenset(), 3, "Award", notify=("provider",)),
    Transition(
        "reject", ("submitted",), "rejected", frozenset(), 3, "Not award", notify=("provider",)
    ),
]

BID = Workflow("bid", STATES, TRANSITIONS, initial="draft")

EDITABLE_STATES = frozenset({"draft"})
# Bids staff see once the deadline has passed (drafts and withdrawn ones are the bidder's).
SENT_STATES = frozenset({"submitted", "awarded", "rejected"})
