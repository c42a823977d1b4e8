"""Projects: the tender WeGO prepares, the lists, and what waits for whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from driver.auth.models import User
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid
from driver.extensions import db
from driver.implementer.bindings import PROJECT_BINDING
from driver.implementer.models import Bid, ImplementerProject
from driver.implementer.services.common import check_version, clean_text, committing
from driver.implementer.times import local_to_utc
from workflows import REVIEWER
from workflows.implementer.project import EDITABLE_STATES

TENDER_FIELDS = ("tender_terms", "tender_deadline", "technical_weight")


@dataclass(frozen=True)
class TenderInput:
    """The tender: terms of reference, deadline (wall clock of the call's zone, or aware) and
    the technical weight in per cent (the cost weight is the rest)."""

    tender_terms: str = ""
    tender_deadline: datetime | None = None
    technical_weight: int = 80


def update_tender(
    actor: User,
    project_id: int,
    data: TenderInput,
    *,
    fields: tuple[str, ...] = TENDER_FIELDS,
    expected_version: int | None = None,
) -> ImplementerProject:
    """Write the tender while it is prepared (staff); commit."""
    with committing():
        project = PROJECT_BINDING.get(actor, project_id, lock=True)
        if REVIEWER not in PROJECT_BINDING.relations(actor, project):
            raise Forbidden(_("Only WeGO prepares the tender."))
        if project.state not in EDITABLE_STATES:
            raise Conflict(_("The tender is open: it can no longer change."), reasons=["state"])
        check_version(project, expected_version)
        if "tender_terms" in fields:
            project.tender_terms = clean_text(
                data.tender_terms, field="tender_terms", max_length=20_000
            )
        if "tender_deadline" in fields:
            project.tender_deadline = (
                local_to_utc(data.tender_deadline, project.call.timezone, field="tender_deadline")
                if data.tender_deadline
                else None
            )
        if "technical_weight" in fields:
            weight = data.technical_weight
            if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 100:
                raise Invalid(
                    _("The technical weight is a percentage from 0 to 100."),
                    errors={"technical_weight": [_("From 0 to 100.")]},
                )
            project.technical_weight = weight
        project.updated_at = utcnow()
    return project


def projects_for(actor: User, *, states: tuple[str, ...] = (), limit: int = 200):
    """The projects ``actor`` may see, the most recently changed first."""
    stmt = PROJECT_BINDING.scope(actor).options(
        selectinload(ImplementerProject.member),
        selectinload(ImplementerProject.consultant),
        selectinload(ImplementerProject.call),
    )
    if states:
        stmt = stmt.where(ImplementerProject.state.in_(states))
    stmt = stmt.order_by(ImplementerProject.updated_at.desc(), ImplementerProject.id.desc())
    return list(db.session.scalars(stmt.limit(limit)))


def sent_bid_count(project: ImplementerProject) -> int:
    """How many bids were sent (a number only: who and how much stay sealed)."""
    return (
        db.session.scalar(
            select(func.count(Bid.id)).where(
                Bid.project_id == project.id, Bid.state.in_(["submitted", "awarded", "rejected"])
            )
        )
        or 0
    )


def tender_open(project: ImplementerProject, now: datetime | None = None) -> bool:
    """Whether the tender takes bids now."""
    now = now or utcnow()
    return (
        project.state == "consultant_procurement"
        and project.tender_deadline is not None
        and now < project.tender_deadline
    )


def sealed(project: ImplementerProject, now: datetime | None = None) -> bool:
    """Whether the bids are still sealed (the deadline has not passed)."""
    return project.tender_deadline is None or (now or utcnow()) < project.tender_deadline


def sees_inside(actor: User, project: ImplementerProject) -> bool:
    """Whether ``actor`` sees the project's history, reports and actions (not a mere bidder)."""
    return bool(PROJECT_BINDING.relations(actor, project))


def can_edit_tender(actor: User, project: ImplementerProject) -> bool:
    return project.state in EDITABLE_STATES and REVIEWER in PROJECT_BINDING.relations(
        actor, project
    )
