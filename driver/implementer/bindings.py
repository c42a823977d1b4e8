"""The four Project Implementer workflows bound to their models for driver.transitions.

Each binding says who sees what (scoping), who is told, which facts a guard
needs (``prepare``) and what else a transition changes in the same
transaction (``after``): selecting a beneficiary creates its project,
announcing a call's result tells the other cities, selecting a consultant
awards one bid and rejects the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func, select

from driver import transitions
from driver.auth.models import User
from driver.auth.people import organisation_users, reviewers_for
from driver.db import utcnow
from driver.errors import Invalid
from driver.extensions import db
from driver.i18n import N_
from driver.implementer import scoping
from driver.implementer.models import (
    Bid,
    BidScore,
    Call,
    ImplementerDocument,
    ImplementerProject,
    Proposal,
)
from driver.implementer.rubric import complete_reviews
from driver.members.models import ProviderProfile
from workflows import Context, Transition
from workflows.implementer import BID, CALL, PROJECT, PROPOSAL, call_closed_at


def _with(context: Context, **extra: Any) -> Context:
    return Context(comment=context.comment, payload={**context.payload, **extra}, now=context.now)


def _city_users(member_id: int) -> list[User]:
    return [u for u in organisation_users(member_id) if u.role == "city"]


def staff_users() -> list[User]:
    """Every active reviewer, whatever their regions; the admins when there is none."""
    for role in ("reviewer", "admin"):
        stmt = select(User).where(User.role == role, User.active.is_(True)).order_by(User.id)
        found = list(db.session.scalars(stmt))
        if found:
            return found
    return []


def nested(binding: transitions.Binding, obj: Any, trigger: str, context: Context, actor: Any):
    """Fire ``trigger`` on ``obj`` as part of another transition (no checks, same transaction)."""
    return transitions.apply(
        binding,
        obj,
        binding.workflow.transition(trigger),
        Context(comment=context.comment, now=context.now),
        actor,
    )


# -- calls ---------------------------------------------------------------------------


class CallBinding(transitions.Binding):
    """The call workflow bound to its model."""

    workflow = CALL
    model = Call
    object_type = "implementer_call"

    def scope(self, actor: User) -> Select:
        return scoping.visible_calls(actor)

    def relations(self, actor: User, obj: Call) -> frozenset[str]:
        return scoping.relations_to_call(actor, obj)

    def recipients(self, audience: str, obj: Call) -> Iterable[User]:
        if audience == "cities":
            stmt = select(User).where(User.role == "city", User.active.is_(True))
            return list(db.session.scalars(stmt.order_by(User.id)))
        if audience == "applicants":
            members = select(Proposal.member_id).where(
                Proposal.call_id == obj.id, Proposal.submitted_at.is_not(None)
            )
            stmt = select(User).where(
                User.role == "city", User.active.is_(True), User.member_id.in_(members)
            )
            return list(db.session.scalars(stmt.order_by(User.id)))
        if audience == "reviewers":
            return staff_users()
        raise ValueError(f"unknown audience {audience!r}")

    def prepare(
        self, obj: Call, transition: Transition, context: Context, actor: User
    ) -> tuple[Context, dict[str, Any]]:
        if transition.trigger == "award":
            counts = dict(
                db.session.execute(
                    select(Proposal.state, func.count(Proposal.id))
                    .where(Proposal.call_id == obj.id)
                    .group_by(Proposal.state)
                ).all()
            )
            return _with(
                context,
                selected=counts.get("selected", 0),
                unscreened=counts.get("submitted", 0),
            ), {}
        return context, {}

    def after(self, obj: Call, transition: Transition, context: Context, actor: User) -> None:
        if transition.trigger == "award":
            stmt = (
                select(Proposal)
                .where(Proposal.call_id == obj.id, Proposal.state.in_(["eligible", "shortlisted"]))
                .order_by(Proposal.id)
            )
            for proposal in db.session.scalars(stmt):
                nested(PROPOSAL_BINDING, proposal, "not_select", context, actor)

    def state_label(self, obj: Call, user: User) -> str:
        if obj.state == "open" and call_closed_at(obj, utcnow()):
            # Translated where shown, as the workflow's own labels are.
            return N_("Closed: the closing time has passed")
        return super().state_label(obj, user)

    def title(self, obj: Call) -> str:
        return obj.title or _("Call #%(num)s", num=obj.id)

    def url(self, obj: Call) -> str:
        return f"/implementer/calls/{obj.id}"


# -- proposals -------------------------------------------------------------------------


class ProposalBinding(transitions.Binding):
    """The proposal workflow bound to its model."""

    workflow = PROPOSAL
    model = Proposal
    object_type = "implementer_proposal"

    def scope(self, actor: User) -> Select:
        return scoping.visible_proposals(actor)

    def relations(self, actor: User, obj: Proposal) -> frozenset[str]:
        return scoping.relations_to_proposal(actor, obj)

    def recipients(self, audience: str, obj: Proposal) -> Iterable[User]:
        if audience == "owner":
            return _city_users(obj.member_id)
        if audience == "reviewers":
            # Nobody at WeGO hears of a proposal that was never sent.
            return reviewers_for(obj.member.region) if obj.submitted_at is not None else []
        raise ValueError(f"unknown audience {audience!r}")

    def prepare(
        self, obj: Proposal, transition: Transition, context: Context, actor: User
    ) -> tuple[Context, dict[str, Any]]:
        if transition.trigger == "select_beneficiary":
            # Hold the call while counting, so two selections cannot both take the last place.
            db.session.scalars(select(Call).where(Call.id == obj.call_id).with_for_update()).first()
            selected = db.session.scalar(
                select(func.count(Proposal.id)).where(
                    Proposal.call_id == obj.call_id, Proposal.state == "selected"
                )
            )
            complete = len(complete_reviews(obj))
            return _with(context, selected=selected or 0, complete_scores=complete), {
                "complete_scores": complete
            }
        return context, {}

    def after(self, obj: Proposal, transition: Transition, context: Context, actor: User) -> None:
        if transition.trigger == "submit":
            obj.submitted_at = context.now
        elif transition.trigger == "select_beneficiary":
            project = ImplementerProject(
                proposal=obj,
                call_id=obj.call_id,
                member_id=obj.member_id,
                title=obj.title,
                budget_usd=min(
                    filter(None, [obj.requested_usd, obj.call.budget_usd]), default=None
                ),
                state=PROJECT.initial,
                state_changed_at=context.now or utcnow(),
            )
            db.session.add(project)
            db.session.flush()
            transitions.record(
                PROJECT_BINDING,
                project,
                trigger="create",
                from_state=None,
                actor=actor,
                audiences=("owner",),
                action=N_("Start the project"),
                when=context.now,
            )

    def title(self, obj: Proposal) -> str:
        return obj.title or _("Proposal #%(num)s", num=obj.id)

    def url(self, obj: Proposal) -> str:
        return f"/implementer/proposals/{obj.id}"


# -- projects --------------------------------------------------------------------------


def document_kinds(owner_type: str, owner_id: int) -> set[str]:
    """The kinds of documents an object has."""
    stmt = select(ImplementerDocument.kind).where(
        ImplementerDocument.owner_type == owner_type, ImplementerDocument.owner_id == owner_id
    )
    return set(db.session.scalars(stmt))


def scored_bid_ids(project_id: int) -> set[int]:
    """The submitted bids of a project that have at least one technical score."""
    stmt = (
        select(Bid.id)
        .join(BidScore, BidScore.bid_id == Bid.id)
        .where(Bid.project_id == project_id, Bid.state == "submitted")
        .distinct()
    )
    return set(db.session.scalars(stmt))


class ProjectBinding(transitions.Binding):
    """The project workflow bound to its model."""

    workflow = PROJECT
    model = ImplementerProject
    object_type = "implementer_project"

    def scope(self, actor: User) -> Select:
        return scoping.visible_projects(actor)

    def relations(self, actor: User, obj: ImplementerProject) -> frozenset[str]:
        return scoping.relations_to_project(actor, obj)

    def recipients(self, audience: str, obj: ImplementerProject) -> Iterable[User]:
        if audience == "owner":
            return _city_users(obj.member_id)
        if audience == "reviewers":
            return reviewers_for(obj.member.region)
        if audience == "consultant":
            return organisation_users(obj.consultant_id) if obj.consultant_id else []
        if audience == "providers":
            verified = select(ProviderProfile.member_id).where(ProviderProfile.verified.is_(True))
            stmt = select(User).where(
                User.role == "provider", User.active.is_(True), User.member_id.in_(verified)
            )
            return list(db.session.scalars(stmt.order_by(User.id)))
        if audience == "bidders":
            bidders = select(Bid.provider_id).where(
                Bid.project_id == obj.id, Bid.state.in_(["submitted", "awarded", "rejected"])
            )
            stmt = select(User).where(User.active.is_(True), User.member_id.in_(bidders))
            return list(db.session.scalars(stmt.order_by(User.id)))
        raise ValueError(f"unknown audience {audience!r}")

    def is_staff_view(self, user: User) -> bool:
        return user.is_staff

    def prepare(
        self, obj: ImplementerProject, transition: Transition, context: Context, actor: User
    ) -> tuple[Context, dict[str, Any]]:
        trigger = transition.trigger
        if trigger == "select_consultant":
            bid_id = context.payload.get("bid_id")
            if isinstance(bid_id, str) and bid_id.isdigit():
                bid_id = int(bid_id)
            if not isinstance(bid_id, int) or isinstance(bid_id, bool):
                raise Invalid(
                    _("Choose the bid to award."), errors={"bid_id": [_("Choose a bid.")]}
                )
            bid = db.session.get(Bid, bid_id)
            if bid is None or bid.project_id != obj.id:
                raise Invalid(
                    _("Choose one of this tender's bids."), errors={"bid_id": [_("Unknown bid.")]}
                )
            scored = scored_bid_ids(obj.id)
            return _with(context, bid=bid, scored_bids=len(scored), bid_scored=bid.id in scored), {
                "bid_id": bid.id
            }
        if trigger in {"submit_study", "complete"}:
            return _with(context, documents=document_kinds("project", obj.id)), {}
        return context, {}

    def after(
        self, obj: ImplementerProject, transition: Transition, context: Context, actor: User
    ) -> None:
        if transition.trigger == "select_consultant":
            chosen = context.payload["bid"]
            obj.consultant_id = chosen.provider_id
            for bid in _bids(obj, states=("submitted",)):
                nested(
                    BID_BINDING, bid, "award" if bid.id == chosen.id else "reject", context, actor
                )
        elif transition.trigger == "cancel":
            for bid in _bids(obj, states=("submitted",)):
                nested(BID_BINDING, bid, "reject", context, actor)

    def title(self, obj: ImplementerProject) -> str:
        return obj.title or _("Project #%(num)s", num=obj.id)

    def url(self, obj: ImplementerProject) -> str:
        return f"/implementer/projects/{obj.id}"


def _bids(project: ImplementerProject, *, states: Iterable[str]) -> list[Bid]:
    stmt = (
        select(Bid)
        .where(Bid.project_id == project.id, Bid.state.in_(list(states)))
        .order_by(Bid.id)
    )
    return list(db.session.scalars(stmt))


# -- bids ------------------------------------------------------------------------------


class BidBinding(transitions.Binding):
    """The bid workflow bound to its model; its scope seals bids until the deadline."""

    workflow = BID
    model = Bid
    object_type = "implementer_bid"

    def scope(self, actor: User) -> Select:
        return scoping.visible_bids(actor, utcnow())

    def relations(self, actor: User, obj: Bid) -> frozenset[str]:
        return scoping.relations_to_bid(actor, obj)

    def recipients(self, audience: str, obj: Bid) -> Iterable[User]:
        if audience == "provider":
            return organisation_users(obj.provider_id)
        raise ValueError(f"unknown audience {audience!r}")

    def after(self, obj: Bid, transition: Transition, context: Context, actor: User) -> None:
        if transition.trigger == "submit":
            obj.submitted_at = context.now

    def title(self, obj: Bid) -> str:
        return _(
            "Bid of %(provider)s for “%(project)s”",
            provider=obj.provider.name,
            project=obj.project.title,
        )

    def url(self, obj: Bid) -> str:
        return f"/implementer/bids/{obj.id}"


CALL_BINDING = CallBinding()
PROPOSAL_BINDING = ProposalBinding()
PROJECT_BINDING = ProjectBinding()
BID_BINDING = BidBinding()
