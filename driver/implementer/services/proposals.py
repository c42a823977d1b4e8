"""Proposals: a city's draft with its attachments, and the lists cities and staff read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from driver import transitions
from driver.auth.models import User
from driver.db import utcnow
from driver.errors import Conflict, Forbidden
from driver.extensions import db
from driver.i18n import N_
from driver.implementer.bindings import CALL_BINDING, PROPOSAL_BINDING
from driver.implementer.models import Call, Proposal
from driver.implementer.services.common import check_version, clean_text, committing, whole_number
from driver.implementer.services.documents import attach
from driver.implementer.uploads import Upload
from driver.solution_finder.services import areas_by_slug
from workflows import OWNER
from workflows.implementer import PROPOSAL, call_closed_at
from workflows.implementer.proposal import EDITABLE_STATES

TEXT_FIELDS = {
    "title": 200,
    "problem": 20_000,
    "objectives": 20_000,
    "expected_outcomes": 20_000,
    "cofunding_kind": 5_000,
    "local_team": 5_000,
    "timeline": 5_000,
}
NUMBER_FIELDS = ("requested_usd", "cofunding_cash_usd")
PROPOSAL_FIELDS = (*TEXT_FIELDS, *NUMBER_FIELDS, "areas")
ONE_PER_CALL = N_("Your city already has a proposal for this call.")


@dataclass(frozen=True)
class ProposalInput:
    """A city's proposal; every field may stay empty in a draft."""

    title: str = ""
    problem: str = ""
    objectives: str = ""
    expected_outcomes: str = ""
    areas: tuple[str, ...] = ()
    requested_usd: int | None = None
    cofunding_cash_usd: int | None = None
    cofunding_kind: str = ""
    local_team: str = ""
    timeline: str = ""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ProposalInput:
        values = {k: data[k] for k in PROPOSAL_FIELDS if k in data}
        if "areas" in values:
            values["areas"] = tuple(values["areas"] or ())
        return cls(**values)


def create_proposal(
    actor: User,
    call_id: int,
    data: ProposalInput,
    *,
    files: Sequence[Upload] = (),
    now: datetime | None = None,
) -> Proposal:
    """Start the city's proposal to a call (one per city and call); commit."""
    if actor.role != "city" or actor.member_id is None:
        raise Forbidden(_("Only staff of a member city write proposals."))
    now = now or utcnow()
    stored: list[str] = []
    with committing(stored, duplicate=ONE_PER_CALL):
        call = CALL_BINDING.get(actor, call_id, lock=True)
        if call.state != "open" or call_closed_at(call, now):
            raise Conflict(_("This call does not accept proposals."), reasons=["call_open"])
        existing = db.session.scalar(
            select(Proposal.id).where(
                Proposal.call_id == call.id, Proposal.member_id == actor.member_id
            )
        )
        if existing is not None:
            raise Conflict(_(ONE_PER_CALL), reasons=["one_per_call"])
        proposal = Proposal(
            call=call, member_id=actor.member_id, created_by=actor, state=PROPOSAL.initial
        )
        _apply(proposal, data, PROPOSAL_FIELDS)
        db.session.add(proposal)
        db.session.flush()
        transitions.record(
            PROPOSAL_BINDING, proposal, trigger="create", from_state=None, actor=actor
        )
        attach(actor, "proposal", proposal.id, "attachment", files, stored)
    return proposal


def update_proposal(
    actor: User,
    proposal_id: int,
    data: ProposalInput,
    *,
    fields: Iterable[str] = PROPOSAL_FIELDS,
    files: Sequence[Upload] = (),
    expected_version: int | None = None,
) -> Proposal:
    """Change a draft proposal's text and add attachments (its city); commit."""
    stored: list[str] = []
    with committing(stored):
        proposal = PROPOSAL_BINDING.get(actor, proposal_id, lock=True)
        if OWNER not in PROPOSAL_BINDING.relations(actor, proposal):
            raise Forbidden(_("Only the city that wrote this proposal can change it."))
        if proposal.state not in EDITABLE_STATES:
            raise Conflict(_("Only a draft can be changed; this proposal was submitted."))
        check_version(proposal, expected_version)
        _apply(proposal, data, fields)
        proposal.updated_at = utcnow()
        attach(actor, "proposal", proposal.id, "attachment", files, stored)
    return proposal


def _apply(proposal: Proposal, data: ProposalInput, fields: Iterable[str]) -> None:
    fields = set(fields)
    for name, limit in TEXT_FIELDS.items():
        if name in fields:
            setattr(proposal, name, clean_text(getattr(data, name), field=name, max_length=limit))
    for name in NUMBER_FIELDS:
        if name in fields:
            setattr(proposal, name, whole_number(getattr(data, name), field=name))
    if "areas" in fields:
        proposal.areas = areas_by_slug(data.areas)


# -- reading ------------------------------------------------------------------------------


def proposals_for(
    actor: User, *, call_id: int | None = None, states: Iterable[str] = (), limit: int = 500
) -> list[Proposal]:
    """The proposals ``actor`` may see, the most recently changed first."""
    stmt = visible(actor, call_id=call_id, states=states).order_by(
        Proposal.updated_at.desc(), Proposal.id.desc()
    )
    return list(db.session.scalars(stmt.limit(limit)))


def visible(actor: User, *, call_id: int | None = None, states: Iterable[str] = ()):
    """``select(Proposal)`` in the actor's scope, with its call and city loaded."""
    stmt = PROPOSAL_BINDING.scope(actor).options(
        selectinload(Proposal.call), selectinload(Proposal.member), selectinload(Proposal.areas)
    )
    if call_id is not None:
        stmt = stmt.where(Proposal.call_id == call_id)
    states = list(states)
    if states:
        stmt = stmt.where(Proposal.state.in_(states))
    return stmt


def own_proposal(actor: User, call: Call) -> Proposal | None:
    """The actor's city's proposal to ``call``, if it has one."""
    if actor.role != "city" or actor.member_id is None:
        return None
    return db.session.scalars(
        select(Proposal).where(Proposal.call_id == call.id, Proposal.member_id == actor.member_id)
    ).first()


def can_edit(actor: User, proposal: Proposal) -> bool:
    """Whether ``actor`` may change ``proposal`` now (its city, while a draft)."""
    return proposal.state in EDITABLE_STATES and OWNER in PROPOSAL_BINDING.relations(
        actor, proposal
    )


def can_start(actor: User, call: Call, now: datetime | None = None) -> bool:
    """Whether ``actor`` may start a proposal to ``call`` now."""
    return (
        actor.role == "city"
        and call.state == "open"
        and not call_closed_at(call, now or utcnow())
        and own_proposal(actor, call) is None
    )
