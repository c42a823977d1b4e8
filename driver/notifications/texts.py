"""Rendering the words of a notification: admin-edited or shipped templates, in a sandbox.

Admin-edited templates come from the database, so they render in Jinja's
immutable sandbox with strict undefined names: a template that reaches for
Python internals, or a name it is not given, fails when it is saved, and if it
still fails when it is sent the shipped wording is used instead.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from jinja2 import StrictUndefined, TemplateError, meta
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from sqlalchemy import select

from driver.extensions import db
from driver.i18n import translate
from driver.notifications.kinds import DEFAULT_LANGUAGE, GENERIC, Kind, Text, get_kind
from driver.notifications.models import NotificationTemplate

log = logging.getLogger(__name__)

MAX_SUBJECT = 200
MAX_BODY = 20_000


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, also refusing the arithmetic that would eat the memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("the power is too large")
        if operator == "*":
            sizes = [v for v in (left, right) if isinstance(v, int)]
            sequence = any(isinstance(v, str | list | tuple) for v in (left, right))
            if sequence and sizes and abs(sizes[0]) > 1000:
                raise SecurityError("the repetition is too large")
        return super().call_binop(context, operator, left, right)


_env = _Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


@dataclass(frozen=True)
class Rendered:
    """A subject line and a plain-text body."""

    subject: str
    body: str


class TemplateProblem(ValueError):
    """An admin's template that cannot be used; ``field`` is subject or body."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def render_text(text: Text, context: Mapping[str, Any]) -> Rendered:
    """Render ``text`` in the sandbox; TemplateProblem if it cannot be."""
    subject = _render("subject", text.subject, context)
    body = _render("body", text.body, context)
    subject = " ".join(subject.split())[:MAX_SUBJECT]  # one line, whatever was typed
    return Rendered(subject=subject, body=body.strip()[:MAX_BODY])


def _render(field: str, source: str, context: Mapping[str, Any]) -> str:
    try:
        return _env.from_string(source).render(**context)
    except SecurityError:
        raise TemplateProblem(
            field, _("This template uses something that is not allowed.")
        ) from None
    except TemplateSyntaxError as exc:
        raise TemplateProblem(field, _line(exc)) from None
    except TemplateError as exc:
        raise TemplateProblem(field, str(exc.message or exc)) from None
    except (ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
        raise TemplateProblem(
            field, _("It cannot be rendered: %(error)s", error=str(exc))
        ) from None


def _line(exc: TemplateSyntaxError) -> str:
    return _("Line %(line)s: %(message)s", line=exc.lineno, message=exc.message)


def check_template(kind: Kind, text: Text, sample: Mapping[str, Any]) -> Rendered:
    """Refuse a template that is invalid, unsafe or names what the kind does not give."""
    for field, source in (("subject", text.subject), ("body", text.body)):
        try:
            names = meta.find_undeclared_variables(_env.parse(source))
        except TemplateSyntaxError as exc:
            raise TemplateProblem(field, _line(exc)) from None
        unknown = sorted(names - set(kind.variables))
        if unknown:
            raise TemplateProblem(
                field,
                _(
                    "Unknown placeholder %(names)s. Use only %(allowed)s.",
                    names=", ".join(unknown),
                    allowed=", ".join(kind.variables),
                ),
            )
    return render_text(text, sample)


class Wording:
    """The texts of one kind (and the generic fallback), loaded once for many recipients."""

    def __init__(self, kind_name: str) -> None:
        self.kind = get_kind(kind_name)
        self.generic = get_kind(GENERIC)
        rows = db.session.scalars(
            select(NotificationTemplate).where(NotificationTemplate.kind.in_([kind_name, GENERIC]))
        )
        self.edited = {(r.kind, r.language): Text(r.subject, r.body) for r in rows}

    def candidates(self, language: str) -> list[Text]:
        """Texts to try in order: the recipient's language first, then English;
        the kind's own before the generic; an admin's before the shipped one."""
        languages = list(dict.fromkeys([language, DEFAULT_LANGUAGE]))
        found: list[Text | None] = []
        for kind in (self.kind, self.generic):
            for lang in languages:
                found.append(self.edited.get((kind.name, lang)))
                found.append(shipped_text(kind, lang))
        return [t for t in found if t is not None]

    def render(self, language: str, context: Mapping[str, Any]) -> Rendered:
        """The first candidate that renders; the shipped generic text at worst."""
        for text in self.candidates(language):
            try:
                return render_text(text, context)
            except TemplateProblem as exc:
                log.warning("notification text for %s does not render: %s", self.kind.name, exc)
        return render_text(get_kind(GENERIC).texts[DEFAULT_LANGUAGE], context)


def shipped_text(kind: Kind, language: str) -> Text | None:
    """The shipped wording of ``kind`` in ``language``: its own, else the English one from the
    catalogue when it is translated there; None when neither exists."""
    own = kind.shipped(language)
    english = kind.shipped(DEFAULT_LANGUAGE)
    if own is not None or english is None or language == DEFAULT_LANGUAGE:
        return own
    subject, body = translate(english.subject, language), translate(english.body, language)
    if (subject, body) == (english.subject, english.body):
        return None
    return Text(subject, body)


def sample_context(kind: Kind, base_url: str) -> dict[str, Any]:
    """A sample event of ``kind`` for previews and for checking a template before saving."""
    return {
        "recipient": "Amina Yusuf",
        "actor": "Jae-won Kim",
        "title": "Flood warnings for the river district",
        "status": kind.sample_status,
        "action": kind.sample_action,
        "comment": "How many water-level sensors does the district already have?",
        "url": f"{base_url}/applications/1",
        "days": 8,
        "count": 3,
    }
