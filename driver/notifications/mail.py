"""Composing outbox e-mails: the rendered words, a link to the object, both parts, an ID."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr

from flask import current_app, render_template
from flask_babel import gettext as _

from driver.auth.models import User
from driver.notifications.models import OutboxMessage
from driver.notifications.texts import Rendered

PREFERENCES_PATH = "/account/notifications"


def base_url() -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")


def absolute(link: str) -> str:
    """The public address of a path on this site."""
    return link if "://" in link else f"{base_url()}{link}"


def new_message_id() -> str:
    """A Message-ID made once per outbox row and kept for every attempt to send it."""
    domain = parseaddr(current_app.config["MAIL_FROM"])[1].rpartition("@")[2]
    return f"<{uuid.uuid4().hex}@{domain or 'smart-city-driver.invalid'}>"


def _paragraphs(text: str) -> list[list[str]]:
    return [p.splitlines() for p in text.split("\n\n") if p.strip()]


def _footer_text() -> str:
    preferences = base_url() + PREFERENCES_PATH
    footer = _(
        "You receive this from WeGO's Smart City Driver. Choose which e-mails you get: %(url)s",
        url=preferences,
    )
    return f"\n\n-- \n{footer}\n"


@dataclass(frozen=True)
class DigestLine:
    """One event in a digest, under the object it is about."""

    message: str
    when: datetime


@dataclass(frozen=True)
class DigestGroup:
    """The events of one object in a digest, with the link to it."""

    url: str
    lines: Sequence[DigestLine]


def event_email(
    user: User, *, kind: str, rendered: Rendered, link: str, event_id: int | None, when: datetime
) -> OutboxMessage:
    """An outbox row for one event: the rendered words, then the link to the object."""
    url = absolute(link)
    open_it = _("Open it: %(url)s", url=url)
    text = f"{rendered.body}\n\n{open_it}{_footer_text()}"
    html = render_template(
        "notifications/email.html",
        subject=rendered.subject,
        paragraphs=_paragraphs(rendered.body),
        url=url,
        groups=(),
        preferences_url=f"{base_url()}{PREFERENCES_PATH}",
    )
    return _outbox(user, kind, rendered.subject, text, html, link, event_id, when)


def digest_email(
    user: User, *, kind: str, rendered: Rendered, groups: Sequence[DigestGroup], when: datetime
) -> OutboxMessage:
    """An outbox row for a digest: the intro, then the events grouped by object."""
    blocks = []
    for group in groups:
        lines = "\n".join(f"- {line.message}" for line in group.lines)
        open_it = _("Open it: %(url)s", url=group.url)
        blocks.append(f"{lines}\n  {open_it}")
    text = rendered.body + "\n\n" + "\n\n".join(blocks) + _footer_text()
    html = render_template(
        "notifications/email.html",
        subject=rendered.subject,
        paragraphs=_paragraphs(rendered.body),
        url=None,
        groups=groups,
        preferences_url=f"{base_url()}{PREFERENCES_PATH}",
    )
    return _outbox(user, kind, rendered.subject, text, html, PREFERENCES_PATH, None, when)


def _outbox(
    user: User,
    kind: str,
    subject: str,
    text: str,
    html: str,
    link: str,
    event_id: int | None,
    when: datetime,
) -> OutboxMessage:
    return OutboxMessage(
        user_id=user.id,
        event_id=event_id,
        kind=kind,
        message_id=new_message_id(),
        to_email=user.email,
        subject=subject,
        body_text=text,
        body_html=html,
        link=link,
        created_at=when,
        next_attempt_at=when,
    )
