"""The one service that fires a workflow trigger, for every workflow, pages and API alike.

``fire`` follows DESIGN §3: load the object in the actor's scope (404), check the
trigger (422), the state (409), the actor's relation (403), the comment it needs
(422) and the guards (409, saying which failed); then change the state with a
compare-and-set on the version column, write the audit event and the
notifications in the same transaction, and commit. Any failure rolls all of it
back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm.exc import StaleDataError

from driver.audit.models import AuditEvent
from driver.auth.models import User
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.extensions import db
from driver.formats import number
from driver.i18n import N_
from driver.notifications.services import notify
from workflows import Context, Transition, UnknownTrigger, Workflow

MAX_COMMENT_LENGTH = 10_000


class Binding:
    """What the engine needs to know about one workflow's model: scope, relations, people."""

    workflow: ClassVar[Workflow]
    model: ClassVar[type]
    object_type: ClassVar[str]

    def scope(self, actor: User) -> Select:
        """``select(model)`` limited to the objects ``actor`` may see."""
        raise NotImplementedError

    def relations(self, actor: User, obj: Any) -> frozenset[str]:
        """The relations (workflows.OWNER, REVIEWER…) ``actor`` has to a visible ``obj``."""
        raise NotImplementedError

    def recipients(self, audience: str, obj: Any) -> Iterable[User]:
        """The users an audience name of the workflow stands for."""
        raise NotImplementedError

    def prepare(
        self, obj: Any, transition: Transition, context: Context, actor: User
    ) -> tuple[Context, dict[str, Any]]:
        """Resolve the trigger's payload; return the guard context and what the audit keeps."""
        return context, {}

    def after(self, obj: Any, transition: Transition, context: Context, actor: User) -> None:
        """Side effects of a transition, in the same transaction (may fire nested ones)."""

    def title(self, obj: Any) -> str:
        raise NotImplementedError

    def url(self, obj: Any) -> str:
        raise NotImplementedError

    def is_staff_view(self, user: User) -> bool:
        """Whether ``user`` reads the staff labels of this workflow's states."""
        return user.is_staff

    def state_label(self, obj: Any, user: User) -> str:
        return self.workflow.label(obj.state, staff=self.is_staff_view(user))

    # -- loading -----------------------------------------------------------------

    def get(
        self, actor: User, obj_id: int, *, lock: bool = False, options: Sequence[Any] = ()
    ) -> Any:
        """The object with ``obj_id`` if ``actor`` may see it, else NotFound.

        ``options``: eager loads for what the page shows (not with ``lock``).
        """
        stmt = self.scope(actor).where(self.model.id == obj_id)
        if options and not lock:
            stmt = stmt.options(*options)
        if lock:
            # PostgreSQL: hold the row until commit and re-read it, so that state,
            # relation and guards are checked against what is really there.
            stmt = stmt.with_for_update(of=self.model).execution_options(populate_existing=True)
        # unique(): joined eager loads of collections repeat the row.
        found = db.session.scalars(stmt).unique().all()
        if not found:
            raise not_found()
        return found[0]


@dataclass
class Outcome:
    """What firing a trigger did."""

    obj: Any
    event: AuditEvent


def fire(
    binding: Binding,
    obj_id: int,
    trigger: str,
    actor: User,
    *,
    comment: str | None = "",
    payload: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Fire ``trigger`` on the object ``obj_id`` for ``actor`` and commit, or change nothing."""
    try:
        obj = binding.get(actor, obj_id, lock=True)
        transition = check_allowed(binding, obj, trigger, actor)
        context = Context(
            comment=_clean_comment(transition, comment),
            payload=dict(payload or {}),
            now=now or utcnow(),
        )
        context, audit_payload = binding.prepare(obj, transition, context, actor)
        unmet = binding.workflow.unmet_guards(obj, trigger, context)
        if unmet:
            reasons = " ".join(_(g.unmet) for g in unmet)
            raise Conflict(reasons, reasons=[g.name for g in unmet])
        if expected_version is not None and expected_version != obj.version:
            raise Conflict(_(STALE))
        event = apply(binding, obj, transition, context, actor, audit_payload)
        db.session.flush()
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict(_(STALE)) from None
    except BaseException:
        db.session.rollback()
        raise
    return Outcome(obj, event)


# Shown when the page's version is behind the object's (put through gettext where raised).
STALE = N_("Someone else changed this in the meantime. Reload the page and try again.")


def check_allowed(binding: Binding, obj: Any, trigger: str, actor: User) -> Transition:
    """The transition for ``trigger`` if ``actor`` may fire it now on ``obj``."""
    workflow = binding.workflow
    try:
        transition = workflow.transition(trigger)
    except UnknownTrigger:
        raise Invalid(
            _("“%(trigger)s” is not an action that exists here.", trigger=trigger),
            errors={"trigger": [_("Unknown.")]},
        ) from None
    if obj.state not in transition.sources:
        raise Conflict(
            _(
                "“%(action)s” is not possible while it is “%(status)s”.",
                action=_(transition.label),
                status=_(binding.state_label(obj, actor)),
            ),
            reasons=["state"],
        )
    if not transition.allowed & binding.relations(actor, obj):
        raise Forbidden(
            _("You are not allowed to “%(action)s” here.", action=_(transition.label).lower())
        )
    return transition


def available(binding: Binding, obj: Any, actor: User) -> list[Transition]:
    """The transitions ``actor`` may fire on ``obj`` now (guards are checked on firing)."""
    return binding.workflow.allowed_from(obj.state, binding.relations(actor, obj))


def apply(
    binding: Binding,
    obj: Any,
    transition: Transition,
    context: Context,
    actor: User,
    audit_payload: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Change the state, run the side effects, record and announce it; no commit."""
    source = binding.workflow.fire(obj, transition.trigger, context)
    obj.state_changed_at = context.now or utcnow()
    binding.after(obj, transition, context, actor)
    return record(
        binding,
        obj,
        trigger=transition.trigger,
        from_state=source,
        actor=actor,
        comment=context.comment,
        payload=audit_payload,
        audiences=transition.notify,
        action=transition.label,
        when=context.now,
    )


def record(
    binding: Binding,
    obj: Any,
    *,
    trigger: str,
    from_state: str | None,
    actor: User | None,
    comment: str = "",
    payload: Mapping[str, Any] | None = None,
    audiences: Iterable[str] = (),
    action: str = "",
    when: datetime | None = None,
) -> AuditEvent:
    """Append an audit event for ``obj`` and notify its audiences (everyone but the actor)."""
    if obj.id is None:
        db.session.flush()
    event = AuditEvent(
        object_type=binding.object_type,
        object_id=obj.id,
        trigger=trigger,
        from_state=from_state,
        to_state=obj.state,
        actor=actor,
        comment=comment,
        payload=dict(payload or {}),
        created_at=when or utcnow(),
    )
    db.session.add(event)
    db.session.flush()
    people: dict[int, User] = {}
    for audience in audiences:
        for user in binding.recipients(audience, obj):
            if user.active and (actor is None or user.id != actor.id):
                people[user.id] = user
    notify(
        people.values(),
        event=event,
        kind=f"{binding.object_type}.{trigger}",
        title=binding.title(obj),
        action=action or trigger,
        link=binding.url(obj),
        label_for=lambda user: binding.state_label(obj, user),
        actor=actor,
    )
    return event


def history(binding: Binding, obj: Any) -> list[AuditEvent]:
    """The audit events of ``obj``, oldest first, with their actors loaded."""
    from sqlalchemy.orm import selectinload

    stmt = (
        select(AuditEvent)
        .where(AuditEvent.object_type == binding.object_type, AuditEvent.object_id == obj.id)
        .options(selectinload(AuditEvent.actor))
        .order_by(AuditEvent.id)
    )
    return list(db.session.scalars(stmt))


def _clean_comment(transition: Transition, comment: str | None) -> str:
    text = (comment or "").strip()
    if transition.needs_comment and not text:
        label = _(transition.comment_label) if transition.comment_label else _("A comment")
        message = _("%(label)s is required.", label=label)
        raise Invalid(message, errors={"comment": [message]})
    if len(text) > MAX_COMMENT_LENGTH:
        message = _("Keep it under %(num)s characters.", num=number(MAX_COMMENT_LENGTH))
        raise Invalid(message, errors={"comment": [message]})
    if "\x00" in text:
        raise Invalid(
            _("The text contains a NUL character."), errors={"comment": [_("Invalid text.")]}
        )
    return text
