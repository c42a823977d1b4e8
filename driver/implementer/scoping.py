"""Who sees which call, proposal, project and bid, and what relation a user has to each.

Bids are sealed: until its tender's deadline a bid is seen by its own
provider only, staff included; drafts and withdrawn bids stay the provider's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select

from driver.auth.models import User
from driver.implementer.models import Bid, Call, ImplementerProject, Proposal
from driver.members.models import Member, ProviderProfile
from workflows import ADMIN, OWNER, PROVIDER, REVIEWER
from workflows.implementer.bid import SENT_STATES


def _staff(user: User) -> frozenset[str]:
    relations = set()
    if user.is_staff:
        relations.add(REVIEWER)
    if user.is_admin:
        relations.add(ADMIN)
    return frozenset(relations)


def _in_regions(user: User, member_column: Any) -> ColumnElement[bool] | None:
    """A region-scoped reviewer's limit on a member column; None for everyone else."""
    if user.role == "reviewer" and user.regions:
        return member_column.in_(select(Member.id).where(Member.region.in_(user.regions)))
    return None


# -- calls ---------------------------------------------------------------------------


def visible_calls(user: User) -> Select[tuple[Call]]:
    """Staff see every call; cities and providers the published ones."""
    stmt = select(Call)
    if user.is_staff:
        return stmt
    if user.role in {"city", "provider"}:
        return stmt.where(Call.state != "draft")
    return stmt.where(false())


def relations_to_call(user: User, _call: Call) -> frozenset[str]:
    return _staff(user)


# -- proposals -------------------------------------------------------------------------


def visible_proposals(user: User) -> Select[tuple[Proposal]]:
    """A city sees its own; staff every one ever submitted (a region-scoped reviewer: its
    regions'); providers none."""
    stmt = select(Proposal)
    if user.role == "city" and user.member_id is not None:
        return stmt.where(Proposal.member_id == user.member_id)
    if user.is_staff:
        stmt = stmt.where(Proposal.submitted_at.is_not(None))
        region = _in_regions(user, Proposal.member_id)
        return stmt.where(region) if region is not None else stmt
    return stmt.where(false())


def relations_to_proposal(user: User, proposal: Proposal) -> frozenset[str]:
    relations = set(_staff(user))
    if user.role == "city" and user.member_id == proposal.member_id:
        relations.add(OWNER)
    return frozenset(relations)


# -- projects --------------------------------------------------------------------------


def _verified(member_id: int) -> ColumnElement[bool]:
    return (
        select(ProviderProfile.member_id)
        .where(ProviderProfile.member_id == member_id, ProviderProfile.verified.is_(True))
        .exists()
    )


def visible_projects(user: User) -> Select[tuple[ImplementerProject]]:
    """A city sees its projects; staff all (a region-scoped reviewer: its regions'); a
    provider the open tenders (once verified), the projects it bid on and the ones it is
    the consultant of."""
    stmt = select(ImplementerProject)
    if user.role == "city" and user.member_id is not None:
        return stmt.where(ImplementerProject.member_id == user.member_id)
    if user.is_staff:
        region = _in_regions(user, ImplementerProject.member_id)
        return stmt.where(region) if region is not None else stmt
    if user.role == "provider" and user.member_id is not None:
        bid_on = select(Bid.project_id).where(Bid.provider_id == user.member_id)
        return stmt.where(
            or_(
                and_(
                    ImplementerProject.state == "consultant_procurement",
                    _verified(user.member_id),
                ),
                ImplementerProject.consultant_id == user.member_id,
                ImplementerProject.id.in_(bid_on),
            )
        )
    return stmt.where(false())


def relations_to_project(user: User, project: ImplementerProject) -> frozenset[str]:
    relations = set(_staff(user))
    if user.role == "city" and user.member_id == project.member_id:
        relations.add(OWNER)
    if user.role == "provider" and project.consultant_id in {user.member_id} - {None}:
        relations.add(PROVIDER)
    return frozenset(relations)


# -- bids ------------------------------------------------------------------------------


def visible_bids(user: User, now: datetime) -> Select[tuple[Bid]]:
    """A provider sees its own bids; staff the sent bids of tenders whose deadline has passed
    (``now`` is the server's clock); nobody else any."""
    stmt = select(Bid)
    if user.role == "provider" and user.member_id is not None:
        return stmt.where(Bid.provider_id == user.member_id)
    if user.is_staff:
        unsealed = (
            visible_projects(user)
            .where(ImplementerProject.tender_deadline <= now)
            .with_only_columns(ImplementerProject.id)
        )
        return stmt.where(Bid.state.in_(sorted(SENT_STATES)), Bid.project_id.in_(unsealed))
    return stmt.where(false())


def relations_to_bid(user: User, bid: Bid) -> frozenset[str]:
    relations = set(_staff(user))
    if user.role == "provider" and user.member_id == bid.provider_id:
        relations.add(PROVIDER)
    return frozenset(relations)
