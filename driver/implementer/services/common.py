"""What every Project Implementer service shares: one transaction that commits or undoes all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask_babel import format_number
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from driver.errors import Conflict, Invalid
from driver.extensions import db
from driver.implementer import uploads
from driver.transitions import STALE


@contextmanager
def committing(stored: list[str] | None = None, *, duplicate: str = "") -> Iterator[None]:
    """Commit what the block did; on any failure roll back and delete the files it stored.

    ``duplicate`` is the message of a Conflict on a unique constraint (translated here).
    """
    try:
        yield
        db.session.flush()
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        uploads.discard(stored or [])
        raise Conflict(STALE) from None
    except IntegrityError:
        db.session.rollback()
        uploads.discard(stored or [])
        raise Conflict(_(duplicate) if duplicate else _("This already exists.")) from None
    except BaseException:
        db.session.rollback()
        uploads.discard(stored or [])
        raise


def check_version(obj: Any, expected: int | None) -> None:
    """Conflict when the caller read another version of ``obj``."""
    if expected is not None and expected != obj.version:
        raise Conflict(STALE)


def clean_text(value: str | None, *, field: str, max_length: int) -> str:
    """Stripped text, refused when too long or holding a NUL."""

    text = (value or "").strip()
    if len(text) > max_length:
        message = _("Keep it under %(limit)s characters.", limit=format_number(max_length))
        raise Invalid(message, errors={field: [message]})
    if "\x00" in text:
        raise Invalid(_("The text contains a NUL character."), errors={field: [_("Invalid text.")]})
    return text


def whole_number(value: int | None, *, field: str, maximum: int = 2_000_000_000) -> int | None:
    """A non-negative whole number that fits the database, or None."""

    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        message = _("Enter a whole number from 0 to %(max)s.", max=format_number(maximum))
        raise Invalid(message, errors={field: [message]})
    return value
