"""Bids: a provider's offer on an open tender, kept a draft until it is sent."""

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
from driver.implementer.bindings import BID_BINDING, PROJECT_BINDING
from driver.implementer.models import Bid, ImplementerProject
from driver.implementer.services.common import check_version, clean_text, committing, whole_number
from driver.implementer.services.documents import attach
from driver.implementer.services.projects import tender_open
from driver.implementer.uploads import Upload
from driver.members.models import ProviderProfile
from workflows import PROVIDER
from workflows.implementer import BID
from workflows.implementer.bid import EDITABLE_STATES

TEXT_FIELDS = {"technical_proposal": 20_000, "team": 5_000, "timeline": 5_000}
BID_FIELDS = (*TEXT_FIELDS, "price_usd")
ACTIVE_STATES = ("draft", "submitted", "awarded", "rejected")
ONE_BID = N_("Your organisation already has a bid on this tender.")


@dataclass(frozen=True)
class BidInput:
    """A bid's content; everything may stay empty in a draft."""

    technical_proposal: str = ""
    price_usd: int | None = None
    team: str = ""
    timeline: str = ""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> BidInput:
        return cls(**{k: data[k] for k in BID_FIELDS if k in data})


def start_bid(
    actor: User,
    project_id: int,
    data: BidInput,
    *,
    files: Sequence[Upload] = (),
    now: datetime | None = None,
) -> Bid:
    """Start a bid on an open tender (a verified provider; one live bid each); commit."""
    if actor.role != "provider" or actor.member_id is None:
        raise Forbidden(_("Only providers bid on tenders."))
    now = now or utcnow()
    stored: list[str] = []
    with committing(stored):
        # Locking the project serialises two colleagues starting a bid at once.
        project = PROJECT_BINDING.get(actor, project_id, lock=True)
        profile = db.session.get(ProviderProfile, actor.member_id)
        if profile is None or not profile.verified:
            raise Forbidden(_("Only verified providers bid; ask WeGO to verify your profile."))
        if not tender_open(project, now):
            raise Conflict(_("The tender is not open for bids."), reasons=["tender_open"])
        if own_bid(actor, project) is not None:
            raise Conflict(_(ONE_BID), reasons=["one_bid"])
        bid = Bid(project=project, provider_id=actor.member_id, created_by=actor, state=BID.initial)
        _apply(bid, data, BID_FIELDS)
        db.session.add(bid)
        db.session.flush()
        transitions.record(BID_BINDING, bid, trigger="create", from_state=None, actor=actor)
        attach(actor, "bid", bid.id, "technical", files, stored)
    return bid


def update_bid(
    actor: User,
    bid_id: int,
    data: BidInput,
    *,
    fields: Iterable[str] = BID_FIELDS,
    files: Sequence[Upload] = (),
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Bid:
    """Change a draft bid while the tender is open (its provider); commit."""
    stored: list[str] = []
    with committing(stored):
        bid = BID_BINDING.get(actor, bid_id, lock=True)
        if PROVIDER not in BID_BINDING.relations(actor, bid):
            raise Forbidden(_("Only the bidder changes its bid."))
        if bid.state not in EDITABLE_STATES:
            raise Conflict(_("A sent bid can no longer change."), reasons=["state"])
        if not tender_open(bid.project, now):
            raise Conflict(_("The tender is closed."), reasons=["tender_open"])
        check_version(bid, expected_version)
        _apply(bid, data, fields)
        bid.updated_at = utcnow()
        attach(actor, "bid", bid.id, "technical", files, stored)
    return bid


def _apply(bid: Bid, data: BidInput, fields: Iterable[str]) -> None:
    fields = set(fields)
    for name, limit in TEXT_FIELDS.items():
        if name in fields:
            setattr(bid, name, clean_text(getattr(data, name), field=name, max_length=limit))
    if "price_usd" in fields:
        bid.price_usd = whole_number(data.price_usd, field="price_usd")


def own_bid(actor: User, project: ImplementerProject) -> Bid | None:
    """The actor's organisation's live bid on ``project`` (not a withdrawn one)."""
    if actor.role != "provider" or actor.member_id is None:
        return None
    return db.session.scalars(
        select(Bid).where(
            Bid.project_id == project.id,
            Bid.provider_id == actor.member_id,
            Bid.state.in_(ACTIVE_STATES),
        )
    ).first()


def bids_for(actor: User, *, limit: int = 200) -> list[Bid]:
    """The bids ``actor`` may see, newest first (a provider: its own)."""
    stmt = (
        BID_BINDING.scope(actor)
        .options(selectinload(Bid.project), selectinload(Bid.provider))
        .order_by(Bid.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def can_edit(actor: User, bid: Bid) -> bool:
    return (
        bid.state in EDITABLE_STATES
        and PROVIDER in BID_BINDING.relations(actor, bid)
        and tender_open(bid.project)
    )
