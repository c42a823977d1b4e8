"""What waits for each role in the Project Implementer, in a few flat queries (dashboards)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from driver.auth.models import User
from driver.extensions import db
from driver.implementer.bindings import (
    BID_BINDING,
    CALL_BINDING,
    PROJECT_BINDING,
    PROPOSAL_BINDING,
)
from driver.implementer.models import Bid, Call, ImplementerProject, Proposal, ProposalReview
from workflows.implementer.project import REPORT_DUE
from workflows.implementer.proposal import SCORABLE_STATES

LIMIT = 10


@dataclass(frozen=True)
class ImplementerBoard:
    """The Project Implementer part of a dashboard; empty lists are simply not shown."""

    open_calls: list[Call] = field(default_factory=list)  # city: calls it has not answered
    drafts: list[Proposal] = field(default_factory=list)  # city: drafts to finish
    projects: list[ImplementerProject] = field(default_factory=list)  # city / provider
    to_screen: list[Proposal] = field(default_factory=list)  # staff
    to_score: list[Proposal] = field(default_factory=list)  # staff: not yet reviewed by them
    to_decide: list[ImplementerProject] = field(default_factory=list)  # staff: bids, reports
    tenders: list[ImplementerProject] = field(default_factory=list)  # provider: to answer
    bids: list[Bid] = field(default_factory=list)  # provider: drafts to send

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)


def city_board(actor: User, now: datetime) -> ImplementerBoard:
    """Open calls the city has not answered, its drafts still sendable, its running projects."""
    answered = select(Proposal.call_id).where(Proposal.member_id == actor.member_id)
    calls = CALL_BINDING.scope(actor).where(
        Call.state == "open", Call.closes_at > now, Call.id.not_in(answered)
    )
    drafts = (
        PROPOSAL_BINDING.scope(actor)
        .join(Proposal.call)
        .where(Proposal.state == "draft", Call.state == "open", Call.closes_at > now)
        .options(selectinload(Proposal.call))
    )
    projects = PROJECT_BINDING.scope(actor).where(
        ImplementerProject.state.not_in(["completed", "cancelled"])
    )
    return ImplementerBoard(
        open_calls=_rows(calls.order_by(Call.closes_at)),
        drafts=_rows(drafts.order_by(Call.closes_at, Proposal.id)),
        projects=_rows(projects.order_by(ImplementerProject.id)),
    )


def staff_board(actor: User, now: datetime) -> ImplementerBoard:
    """Proposals to screen and to score (by this reviewer), projects waiting for a decision."""
    reviewed = select(ProposalReview.proposal_id).where(ProposalReview.reviewer_id == actor.id)
    proposals = PROPOSAL_BINDING.scope(actor).options(
        selectinload(Proposal.member), selectinload(Proposal.call)
    )
    waiting = PROJECT_BINDING.scope(actor).where(
        (ImplementerProject.state == "study_submitted")
        | (
            (ImplementerProject.state == "consultant_procurement")
            & (ImplementerProject.tender_deadline <= now)
        )
        | (ImplementerProject.state == "preparation")
    )
    return ImplementerBoard(
        to_screen=_rows(
            proposals.where(Proposal.state == "submitted").order_by(Proposal.submitted_at)
        ),
        to_score=_rows(
            proposals.where(
                Proposal.state.in_(sorted(SCORABLE_STATES)), Proposal.id.not_in(reviewed)
            ).order_by(Proposal.submitted_at)
        ),
        to_decide=_rows(waiting.order_by(ImplementerProject.state_changed_at)),
    )


def provider_board(actor: User, now: datetime) -> ImplementerBoard:
    """Open tenders without a bid from the provider, its draft bids, the reports it owes."""
    live = select(Bid.project_id).where(
        Bid.provider_id == actor.member_id, Bid.state != "withdrawn"
    )
    tenders = PROJECT_BINDING.scope(actor).where(
        ImplementerProject.state == "consultant_procurement",
        ImplementerProject.tender_deadline > now,
        ImplementerProject.id.not_in(live),
    )
    drafts = (
        BID_BINDING.scope(actor)
        .join(Bid.project)
        .where(Bid.state == "draft", ImplementerProject.tender_deadline > now)
        .options(selectinload(Bid.project))
    )
    owed = PROJECT_BINDING.scope(actor).where(
        ImplementerProject.consultant_id == actor.member_id,
        ImplementerProject.state.in_(sorted(REPORT_DUE)),
    )
    return ImplementerBoard(
        tenders=_rows(tenders.order_by(ImplementerProject.tender_deadline)),
        bids=_rows(drafts.order_by(ImplementerProject.tender_deadline)),
        projects=_rows(owed.order_by(ImplementerProject.id)),
    )


def board_for(actor: User, now: datetime) -> ImplementerBoard:
    """The board of the actor's role."""
    if actor.role == "city" and actor.member_id is not None:
        return city_board(actor, now)
    if actor.role == "provider" and actor.member_id is not None:
        return provider_board(actor, now)
    if actor.is_staff:
        return staff_board(actor, now)
    return ImplementerBoard()


def _rows(stmt: Select) -> list:
    return list(db.session.scalars(stmt.limit(LIMIT)))
