"""Admins word each kind of e-mail per language, checked in the sandbox and previewed first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select

from driver.auth.models import User
from driver.errors import Invalid, not_found
from driver.extensions import db
from driver.formats import number
from driver.i18n import LANGUAGES
from driver.notifications.kinds import DEFAULT_LANGUAGE, GENERIC, Kind, Text, all_kinds, get_kind
from driver.notifications.models import NotificationTemplate
from driver.notifications.texts import (
    MAX_BODY,
    Rendered,
    TemplateProblem,
    check_template,
    sample_context,
)

MAX_SUBJECT_SOURCE = 300


@dataclass(frozen=True)
class Current:
    """The wording an admin starts from, and whether it is their own or the shipped one."""

    text: Text
    edited: bool
    updated_at: datetime | None = None
    updated_by: str | None = None


def _admin(actor: User) -> None:
    if not actor.is_admin:
        raise not_found()


def kind_for_editing(actor: User, name: str) -> Kind:
    """The kind ``name`` if it exists (admins only; NotFound otherwise)."""
    _admin(actor)
    kind = all_kinds().get(name)
    if kind is None:
        raise not_found()
    return kind


def edited_languages() -> dict[str, list[str]]:
    """For each kind with admin wording, the languages it has."""
    found: dict[str, list[str]] = {}
    rows = db.session.execute(
        select(NotificationTemplate.kind, NotificationTemplate.language).order_by(
            NotificationTemplate.kind, NotificationTemplate.language
        )
    )
    for kind, language in rows:
        found.setdefault(kind, []).append(language)
    return found


def current_text(kind: Kind, language: str) -> Current:
    """The admin's wording of ``kind`` in ``language``, else the shipped one (English at worst)."""
    row = db.session.scalar(
        select(NotificationTemplate).where(
            NotificationTemplate.kind == kind.name, NotificationTemplate.language == language
        )
    )
    if row is not None:
        by = row.updated_by.display_name if row.updated_by else None
        return Current(Text(row.subject, row.body), True, row.updated_at, by)
    shipped = kind.shipped(language) or kind.shipped(DEFAULT_LANGUAGE)
    if shipped is None:
        shipped = get_kind(GENERIC).texts[DEFAULT_LANGUAGE]
    return Current(shipped, False)


def preview(actor: User, kind: Kind, text: Text) -> Rendered:
    """``text`` rendered for a sample event of ``kind``; Invalid if it cannot be used."""
    _admin(actor)
    _check_lengths(text)
    try:
        return check_template(kind, text, sample_context(kind, _base_url()))
    except TemplateProblem as exc:
        raise Invalid(exc.message, errors={exc.field: [exc.message]}) from None


def save_template(actor: User, kind: Kind, language: str, text: Text) -> NotificationTemplate:
    """Keep the admin's wording of ``kind`` in ``language`` after checking it; commit."""
    if language not in LANGUAGES:
        raise Invalid(
            _("Choose one of the languages offered."), errors={"language": [_("Unknown.")]}
        )
    preview(actor, kind, text)
    try:
        row = db.session.scalar(
            select(NotificationTemplate)
            .where(
                NotificationTemplate.kind == kind.name, NotificationTemplate.language == language
            )
            .with_for_update()
        )
        if row is None:
            row = NotificationTemplate(kind=kind.name, language=language)
            db.session.add(row)
        row.subject, row.body, row.updated_by_id = text.subject, text.body, actor.id
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return row


def reset_template(actor: User, kind: Kind, language: str) -> bool:
    """Go back to the shipped wording of ``kind`` in ``language``; commit. False if unchanged."""
    _admin(actor)
    try:
        removed = db.session.execute(
            delete(NotificationTemplate).where(
                NotificationTemplate.kind == kind.name, NotificationTemplate.language == language
            )
        ).rowcount
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return bool(removed)


def _check_lengths(text: Text) -> None:
    errors = {}
    if not text.subject.strip():
        errors["subject"] = [_("The subject is required.")]
    elif len(text.subject) > MAX_SUBJECT_SOURCE:
        errors["subject"] = [_("Keep it under %(num)s characters.", num=number(MAX_SUBJECT_SOURCE))]
    if not text.body.strip():
        errors["body"] = [_("The text is required.")]
    elif len(text.body) > MAX_BODY:
        errors["body"] = [_("Keep it under %(num)s characters.", num=number(MAX_BODY))]
    if errors:
        raise Invalid(_("The wording is not complete."), errors=errors)


def _base_url() -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")
