"""Project Implementer demo data, walked through the real services with the clock set back.

Last year's call is closed and awarded: Mexico City was selected over Kampala,
and its project has a consultant tender open, with one bid sent and one draft.
This year's call is open now: Kampala has submitted, Seoul has a draft.
"""

from __future__ import annotations

from datetime import timedelta

from driver import transitions
from driver.auth.models import User
from driver.db import utcnow
from driver.implementer.bindings import BID_BINDING, PROJECT_BINDING, PROPOSAL_BINDING
from driver.implementer.models import ImplementerProject, Proposal
from driver.implementer.services import bids, calls, projects, proposals, scoring

DAY = timedelta(days=1)


def _proposal(city: User, call_id: int, title: str, area: str, **kw) -> proposals.ProposalInput:
    return proposals.ProposalInput(
        title=title,
        problem=kw.get(
            "problem", f"{city.member.name} faces {title.lower()} without the data to act."
        ),
        objectives="Test a solution in one district and plan its roll-out.",
        expected_outcomes="A costed plan and a working pilot.",
        areas=(area,),
        requested_usd=kw.get("requested", 95_000),
        cofunding_cash_usd=kw.get("cash", 20_000),
        cofunding_kind="Office space, two engineers and the city's data.",
        local_team="The city's smart city office (4 people).",
        timeline="Study in 5 months, pilot in the 7 that follow.",
    )


def _submit(city: User, call_id: int, data: proposals.ProposalInput, when) -> Proposal:
    proposal = proposals.create_proposal(city, call_id, data, now=when)
    transitions.fire(PROPOSAL_BINDING, proposal.id, "submit", city, now=when)
    return proposal


def _score(reviewer: User, proposal: Proposal, values: list[int]) -> None:
    criteria = proposal.call.criteria
    given = {c.id: (v, "") for c, v in zip(criteria, values, strict=True)}
    scoring.save_review(reviewer, proposal.id, scoring.ReviewInput(scores=given))


def load(u: dict[str, User]) -> None:
    """Create the demo calls, proposals, project and bids; ``u`` maps demo names to users."""
    admin, reviewer = u["admin"], u["reviewer"]
    now = utcnow()

    last = calls.create_call(
        admin,
        calls.CallInput(
            title="Project Implementer 2025",
            theme="Data-driven urban mobility and resilience.",
            budget_usd=100_000,
            beneficiaries=1,
            opens_at=now - 100 * DAY,
            closes_at=now - 40 * DAY,
            timezone="Asia/Seoul",
        ),
    )
    calls.fire_call(admin, last.id, "open", now=now - 101 * DAY)
    mexico = _submit(
        u["mexico"],
        last.id,
        _proposal(
            u["mexico"], last.id, "Bus priority at congested junctions", "public-transportation"
        ),
        now - 60 * DAY,
    )
    kampala = _submit(
        u["kampala"],
        last.id,
        _proposal(u["kampala"], last.id, "Flood sensors for the markets", "water-management"),
        now - 55 * DAY,
    )
    for proposal, (mine, theirs) in (
        (mexico, ([5, 4, 5, 4, 4, 5], [4, 4, 5, 4, 5, 4])),
        (kampala, ([4, 3, 3, 4, 3, 4], [3, 4, 3, 3, 4, 3])),
    ):
        transitions.fire(PROPOSAL_BINDING, proposal.id, "screen", reviewer, now=now - 50 * DAY)
        _score(reviewer, proposal, mine)
        _score(admin, proposal, theirs)
        transitions.fire(PROPOSAL_BINDING, proposal.id, "shortlist", reviewer, now=now - 45 * DAY)
    calls.close_due(now)
    transitions.fire(PROPOSAL_BINDING, mexico.id, "select_beneficiary", admin, now=now - 30 * DAY)
    calls.fire_call(
        admin,
        last.id,
        "award",
        comment="Thank you for a strong proposal; we encourage you to apply again this year.",
        now=now - 30 * DAY,
    )

    project = PROJECT_BINDING.get(admin, _project_of(mexico))
    projects.update_tender(
        reviewer,
        project.id,
        projects.TenderInput(
            tender_terms="Feasibility study of bus priority at ten junctions, then a six-month "
            "pilot of adaptive signals on one corridor.",
            tender_deadline=now + 14 * DAY,
            technical_weight=80,
        ),
    )
    transitions.fire(PROJECT_BINDING, project.id, "open_tender", reviewer)
    sent = bids.start_bid(
        u["fiware"],
        project.id,
        bids.BidInput(
            technical_proposal="Open context-data platform for signal and bus data; pilot on "
            "one corridor with the operator.",
            price_usd=92_000,
            team="Two traffic engineers, a data architect, a local coordinator.",
            timeline="Study 4 months, pilot 6 months.",
        ),
    )
    transitions.fire(BID_BINDING, sent.id, "submit", u["fiware"])
    bids.start_bid(u["insightair"], project.id, bids.BidInput(price_usd=85_000))

    current = calls.create_call(
        admin,
        calls.CallInput(
            title="Project Implementer 2026",
            theme="Inclusive and sustainable smart city services.",
            budget_usd=100_000,
            beneficiaries=2,
            opens_at=now - 5 * DAY,
            closes_at=now + 30 * DAY,
            timezone="Asia/Seoul",
        ),
    )
    calls.fire_call(admin, current.id, "open")
    _submit(
        u["kampala"],
        current.id,
        _proposal(
            u["kampala"], current.id, "Citizen reporting of drainage blockages", "e-government"
        ),
        now,
    )
    proposals.create_proposal(
        u["seoul"],
        current.id,
        proposals.ProposalInput(title="Cooling centres for heat waves", areas=("healthcare",)),
    )


def _project_of(proposal: Proposal) -> int:
    from sqlalchemy import select

    from driver.extensions import db

    return db.session.scalar(
        select(ImplementerProject.id).where(ImplementerProject.proposal_id == proposal.id)
    )
