"""Calls for proposals: drafting one with its rubric, its transitions, closing it on time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from driver import transitions
from driver.auth.models import User
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid
from driver.extensions import db
from driver.i18n import N_
from driver.implementer.bindings import CALL_BINDING
from driver.implementer.models import Call, Criterion
from driver.implementer.rubric import DEFAULT_CRITERIA
from driver.implementer.services.common import check_version, clean_text, committing, whole_number
from driver.implementer.times import DEFAULT_TIMEZONE, local_to_utc, zone
from workflows import ADMIN, Context, Transition
from workflows.implementer import CALL, call_accepting, call_closed_at
from workflows.implementer.call import EDITABLE_STATES, MAX_BENEFICIARIES

CALL_FIELDS = (
    "title",
    "theme",
    "budget_usd",
    "beneficiaries",
    "opens_at",
    "closes_at",
    "timezone",
    "criteria",
)
MAX_CRITERIA = 12
# Kept in the history as written; translated where shown.
AUTO_CLOSE_COMMENT = N_("Closed automatically at its closing time.")


@dataclass(frozen=True)
class CallInput:
    """A call as the admin writes it; times are wall-clock times in ``timezone`` (or aware)."""

    title: str = ""
    theme: str = ""
    budget_usd: int | None = 100_000
    beneficiaries: int = 1
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    timezone: str = DEFAULT_TIMEZONE
    criteria: tuple[tuple[str, int], ...] = field(default=DEFAULT_CRITERIA)


def create_call(actor: User, data: CallInput) -> Call:
    """Draft a call (admin), with WeGO's criteria unless others are given; commit."""
    if not actor.is_admin:
        raise Forbidden(_("Only WeGO's admins publish calls."))
    call = Call(created_by=actor, state=CALL.initial)
    with committing():
        _apply(call, data, CALL_FIELDS)
        db.session.add(call)
        transitions.record(CALL_BINDING, call, trigger="create", from_state=None, actor=actor)
    return call


def update_call(
    actor: User,
    call_id: int,
    data: CallInput,
    *,
    fields: Iterable[str] = CALL_FIELDS,
    expected_version: int | None = None,
) -> Call:
    """Change a draft call and its rubric (admin); only ``fields`` change. Commit."""
    with committing():
        call = CALL_BINDING.get(actor, call_id, lock=True)
        if ADMIN not in CALL_BINDING.relations(actor, call):
            raise Forbidden(_("Only WeGO's admins change calls."))
        if call.state not in EDITABLE_STATES:
            raise Conflict(_("A published call can no longer be changed."), reasons=["state"])
        check_version(call, expected_version)
        _apply(call, data, fields)
        call.updated_at = utcnow()  # a rubric change alone must bump the version too
    return call


def _apply(call: Call, data: CallInput, fields: Iterable[str]) -> None:
    fields = set(fields)
    errors: dict[str, list[str]] = {}
    if "timezone" in fields:
        zone(data.timezone)
        call.timezone = data.timezone
    if "title" in fields:
        call.title = clean_text(data.title, field="title", max_length=200)
        if not call.title:
            errors["title"] = [_("Give the call a title.")]
    if "theme" in fields:
        call.theme = clean_text(data.theme, field="theme", max_length=5_000)
    if "budget_usd" in fields:
        call.budget_usd = whole_number(data.budget_usd, field="budget_usd")
    if "beneficiaries" in fields:
        if data.beneficiaries not in range(1, MAX_BENEFICIARIES + 1):
            errors["beneficiaries"] = [
                _("A call selects 1 to %(max)s cities.", max=MAX_BENEFICIARIES)
            ]
        else:
            call.beneficiaries = data.beneficiaries
    for name in ("opens_at", "closes_at"):
        if name in fields:
            value = getattr(data, name)
            setattr(call, name, local_to_utc(value, call.timezone, field=name) if value else None)
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        errors["closes_at"] = [_("The call must close after it opens.")]
    if "criteria" in fields:
        _set_criteria(call, data.criteria, errors)
    if errors:
        raise Invalid(_("Some fields need a correction."), errors=errors)


def _set_criteria(
    call: Call, criteria: Iterable[tuple[str, int]], errors: dict[str, list[str]]
) -> None:
    rows = [(clean_text(n, field="criteria", max_length=200), w) for n, w in criteria]
    rows = [(n, w) for n, w in rows if n]
    if not rows:
        errors["criteria"] = [_("Keep at least one criterion.")]
    elif len(rows) > MAX_CRITERIA:
        errors["criteria"] = [_("Keep at most %(max)s criteria.", max=MAX_CRITERIA)]
    elif any(isinstance(w, bool) or not isinstance(w, int) or not 0 <= w <= 100 for _, w in rows):
        errors["criteria"] = [_("Each weight is a whole number from 0 to 100.")]
    elif sum(w for _, w in rows) <= 0:
        errors["criteria"] = [_("At least one criterion needs a weight above 0.")]
    else:
        call.criteria.clear()
        db.session.flush()
        call.criteria.extend(
            Criterion(position=i, name=n, weight=w) for i, (n, w) in enumerate(rows, start=1)
        )


# -- transitions --------------------------------------------------------------------------


def fire_call(
    actor: User,
    call_id: int,
    trigger: str,
    *,
    comment: str | None = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> transitions.Outcome:
    """Fire a call's trigger; a call past its closing time is first recorded closed."""
    now = now or utcnow()
    if trigger != "close" and close_if_due(call_id, now):
        expected_version = None  # the automatic close moved it on, not another person
    return transitions.fire(
        CALL_BINDING,
        call_id,
        trigger,
        actor,
        comment=comment,
        expected_version=expected_version,
        now=now,
    )


def close_if_due(call_id: int, now: datetime) -> bool:
    """Record the automatic close of one call whose closing time has passed; commit."""
    with committing():
        call = db.session.scalars(
            select(Call)
            .where(Call.id == call_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).first()
        if call is None or call.state != "open" or not call_closed_at(call, now):
            return False
        _auto_close(call, now)
    return True


def close_due(now: datetime | None = None) -> list[Call]:
    """Record the automatic close of every call past its closing time (system actor); commit."""
    now = now or utcnow()
    with committing():
        due = list(
            db.session.scalars(
                select(Call)
                .where(Call.state == "open", Call.closes_at <= now)
                .order_by(Call.id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        )
        for call in due:
            _auto_close(call, now)
    return due


def _auto_close(call: Call, now: datetime) -> None:
    transitions.apply(
        CALL_BINDING,
        call,
        CALL.transition("close"),
        Context(comment=AUTO_CLOSE_COMMENT, now=call.closes_at or now),
        None,  # type: ignore[arg-type] - the system, not a person
    )


def available(actor: User, call: Call, now: datetime) -> list[Transition]:
    """The call's actions for ``actor``, reading a call past its closing time as closed."""
    state = "closed" if call.state == "open" and call_closed_at(call, now) else call.state
    return CALL.allowed_from(state, CALL_BINDING.relations(actor, call))


# -- reading ------------------------------------------------------------------------------


def calls_for(actor: User, *, limit: int = 200) -> list[Call]:
    """The calls ``actor`` may see, the newest first."""
    stmt = (
        CALL_BINDING.scope(actor)
        .options(selectinload(Call.criteria))
        .order_by(Call.created_at.desc(), Call.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def accepting(call: Call, now: datetime | None = None) -> bool:
    """Whether ``call`` accepts proposals now."""
    return call_accepting(call, now or utcnow())


def can_edit(actor: User, call: Call) -> bool:
    return call.state in EDITABLE_STATES and ADMIN in CALL_BINDING.relations(actor, call)
