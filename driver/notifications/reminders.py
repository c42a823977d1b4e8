"""Reminders: items waiting on someone too long get one reminder per wait, not one a day.

Features register rules. A rule finds what waits at a given time; the
reminder is keyed by the rule, the object and the moment its wait began, so it
goes out once, and again only if the object comes back to waiting later. Most
rules are "an object of this workflow sits in this state": ``StateWait`` does
that in one declaration, e.g.::

    reminders.register(reminders.StateWait(
        name="proposal_unscored", label="Unscored proposal", binding=BINDING,
        states=("eligible",), audiences=("reviewers",),
        subject="Reminder: score “{{ title }}”", body="… waits {{ days }} days …"))

A rule about a deadline implements ``waiting`` itself and gives the deadline
as ``since``, so it reminds once per deadline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext, ngettext
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from driver.auth.models import User
from driver.db import utcnow
from driver.extensions import db
from driver.notifications.kinds import (
    BASE_VARIABLES,
    DEFAULT_LANGUAGE,
    GROUPS,
    Kind,
    Text,
    register_kind,
)
from driver.notifications.models import Reminder
from driver.notifications.services import notify
from driver.transitions import Binding


@dataclass(frozen=True)
class Waiting:
    """One object waiting on someone since ``since``, and who is waited on."""

    binding: Binding
    obj: Any
    since: datetime
    audiences: Sequence[str]


class ReminderRule:
    """A kind of wait worth one reminder; subclasses say what waits (``waiting``)."""

    name: str
    label: str
    subject: str
    body: str

    @property
    def kind(self) -> str:
        return f"reminder.{self.name}"

    def waiting(self, now: datetime, after: timedelta) -> Iterable[Waiting]:
        """What has waited longer than ``after`` at ``now`` and was not reminded for it."""
        raise NotImplementedError


@dataclass(frozen=True)
class StateWait(ReminderRule):
    """Objects of ``binding`` that sit in one of ``states``; their ``audiences`` are reminded."""

    name: str
    label: str
    binding: Binding
    states: Sequence[str]
    audiences: Sequence[str]
    subject: str
    body: str

    def waiting(self, now: datetime, after: timedelta) -> Iterable[Waiting]:
        model: Any = self.binding.model
        reminded = exists().where(
            Reminder.rule == self.name,
            Reminder.object_type == self.binding.object_type,
            Reminder.object_id == model.id,
            Reminder.since == model.state_changed_at,
        )
        stmt = (
            select(model)
            .where(
                model.state.in_(list(self.states)),
                model.state_changed_at <= now - after,
                ~reminded,
            )
            .order_by(model.state_changed_at, model.id)
        )
        for obj in db.session.scalars(stmt):
            yield Waiting(self.binding, obj, obj.state_changed_at, tuple(self.audiences))


RULES: dict[str, ReminderRule] = {}


def register(rule: ReminderRule) -> ReminderRule:
    """Add a reminder rule (and its kind of notification, with the rule's wording)."""
    RULES[rule.name] = rule
    register_kind(
        Kind(
            name=rule.kind,
            label=rule.label,
            group=GROUPS["reminder"],
            texts={DEFAULT_LANGUAGE: Text(rule.subject, rule.body)},
            variables=(*BASE_VARIABLES, "days"),
            sample_status="Waiting for your answer",
            sample_action=rule.label,
        )
    )
    return rule


def days_for(rule: ReminderRule) -> int:
    """How many days an item of ``rule`` may wait before its reminder (configurable)."""
    config = current_app.config
    return int(config["REMINDER_DAYS_BY_RULE"].get(rule.name, config["REMINDER_DAYS"]))


def send_reminders(*, now: datetime | None = None) -> int:
    """Remind whoever is waited on, once per wait; commit each. Returns how many were sent."""
    now = now or utcnow()
    sent = 0
    for rule in list(RULES.values()):
        items = list(rule.waiting(now, timedelta(days=days_for(rule))))
        db.session.commit()
        for item in items:
            sent += _remind(rule, item, now)
    return sent


def _remind(rule: ReminderRule, item: Waiting, now: datetime) -> int:
    binding, obj = item.binding, item.obj
    try:
        people: dict[int, User] = {}
        for audience in item.audiences:
            for user in binding.recipients(audience, obj):
                if user.active:
                    people[user.id] = user
        db.session.add(
            Reminder(
                rule=rule.name,
                object_type=binding.object_type,
                object_id=obj.id,
                since=item.since,
                sent_at=now,
                recipients=len(people),
            )
        )
        db.session.flush()  # the unique key: another run reminded this wait first
        days = max((now - item.since).days, 0)
        title = binding.title(obj)
        notify(
            people.values(),
            event=None,
            kind=rule.kind,
            title=title,
            action=rule.label,
            link=binding.url(obj),
            label_for=lambda user: binding.state_label(obj, user),
            actor=None,
            extra={"days": days},
            message_for=lambda user: ngettext(
                "Reminder: %(title)s: %(status)s for %(num)d day",
                "Reminder: %(title)s: %(status)s for %(num)d days",
                days,
                title=title,
                status=gettext(binding.state_label(obj, user)),
            ),
            when=now,
        )
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return 0
    except BaseException:
        db.session.rollback()
        raise
    return 1
