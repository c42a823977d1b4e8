"""Languages of the interface: Flask-Babel's locale selector and the ``N_`` marker.

The locale of a request is the signed-in user's own language when they chose
one, else the language chosen in the switcher before signing in (kept in the
session), else the best match of the browser's ``Accept-Language`` among the
supported languages, else English. A user who never chose ("automatic") gets
e-mails in the language their browser asked for when they last signed in.
Times are UTC. Catalogues live in
``driver/translations`` (see README, "Translations"); strings kept in data
tables are marked with ``N_`` so ``pybabel extract`` finds them, and are put
through ``gettext`` where they are shown.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, has_request_context, request, session
from flask_babel import get_locale, get_translations
from flask_login import current_user
from markupsafe import escape

# Each language in its own name, as the language switcher offers them.
LANGUAGES = {
    "en": "English",
    "ko": "한국어",
    "es": "Español",
    "fr": "Français",
    "ru": "Русский",
    "zh": "中文",
}
DEFAULT_LOCALE = "en"
TIMEZONE = "UTC"
# Where an anonymous visitor's choice of language is kept.
SESSION_KEY = "language"
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (translated where shown)."""
    return message


# What people read in a workflow declaration: positional arguments by index, keywords by name.
_WORKFLOW_TEXTS = {
    "State": ((2, 3), ("staff_label", "public_label")),
    "Guard": ((2,), ("unmet",)),
    "Transition": ((5,), ("label", "comment_label", "comment_help")),
}


def extract_workflow_labels(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extractor for ``workflows/``: every text of a declaration that people read.

    The workflows are pure Python and import no gettext: their texts are
    translated where they are shown (``gettext(label)``), and this extractor
    (named in ``babel.cfg``) puts them in the catalogue: the labels of each
    ``State``, the reason a ``Guard`` gives when unmet, a ``Transition``'s
    label, comment label and comment help, and the values of a ``STEPS`` dict.
    """
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        texts: list[ast.expr] = []
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in _WORKFLOW_TEXTS:
            positions, names = _WORKFLOW_TEXTS[node.func.id]  # type: ignore[union-attr]
            texts = [node.args[i] for i in positions if i < len(node.args)]
            texts += [k.value for k in node.keywords if k.arg in names]
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Dict)
            and any(getattr(t, "id", None) == "STEPS" for t in node.targets)
        ):
            texts = [v for v in node.value.values if v is not None]
        for text in texts:
            if isinstance(text, ast.Constant) and isinstance(text.value, str) and text.value:
                yield text.lineno, None, text.value, []


def supported(language: str | None) -> str | None:
    """``language`` if the interface has it (any case, spaces ignored), else None."""
    language = (language or "").strip().lower()
    return language if language in LANGUAGES else None


def browser_language() -> str:
    """The best match of the request's ``Accept-Language``, else English."""
    return request.accept_languages.best_match(LANGUAGES.keys(), default=DEFAULT_LOCALE)


def select_locale() -> str:
    """The user's own language, else the visitor's choice, else the browser's, else English.

    Outside a request (a command line), English; the JSON API answers machines, in English
    (its human-readable reference page follows the reader).
    """
    if not has_request_context() or _answers_machines():
        return DEFAULT_LOCALE
    user = current_user
    if user and user.is_authenticated and (chosen := supported(getattr(user, "language", ""))):
        return chosen
    return supported(session.get(SESSION_KEY)) or browser_language()


def _answers_machines() -> bool:
    return request.path.startswith("/api/") and request.blueprint != "api_reference"


def fresh_session(language: str | None = None) -> None:
    """Start a new session (sign-in, sign-out) that keeps only the visitor's language:
    ``language`` when given and supported (the user's own, at sign-out), else the one
    the session held."""
    kept = supported(language) or supported(session.get(SESSION_KEY))
    session.clear()
    if kept:
        session[SESSION_KEY] = kept


def email_language(user: Any) -> str:
    """The language of the e-mails and notices ``user`` gets: their choice, else their browser's
    when they last signed in, else English."""
    return supported(user.language) or supported(user.browser_language) or DEFAULT_LOCALE


@cache
def _catalogue(language: str) -> NullTranslations:
    return Translations.load(str(TRANSLATIONS), [language])


def translate(message: str, language: str) -> str:
    """``message`` in ``language`` from the shipped catalogue, outside any request (e-mails);
    the message itself when the catalogue lacks it."""
    if not message or language == DEFAULT_LOCALE:
        return message
    return _catalogue(language).gettext(message)


def register(app: Flask) -> None:
    """Bind Flask-Babel to ``app`` and give templates ``get_locale()`` and ``LANGUAGES``."""
    from driver.extensions import babel

    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", TIMEZONE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=_template_gettext, ngettext=_template_ngettext, newstyle=True
    )
    app.jinja_env.globals.update(get_locale=get_locale, LANGUAGES=LANGUAGES)


@cache
def known_messages() -> frozenset[str]:
    """Every message of the catalogue template (``messages.pot``): the texts we wrote."""
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        return frozenset(
            m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(handle) if m.id
        )


def _template_gettext(message: str) -> str:
    """Jinja's ``_()``: its result is trusted as markup, so only for our own texts.

    Newstyle gettext marks what it returns safe (a translation may hold markup); a
    value that is not one of our messages (``_(label)`` on data) is escaped instead,
    so ``_()`` can never let a user's text through as HTML.
    """
    translated = get_translations().ugettext(message)
    return translated if message in known_messages() else escape(translated)


def _template_ngettext(singular: str, plural: str, n: int) -> str:
    translated = get_translations().ungettext(singular, plural, n)
    return translated if singular in known_messages() else escape(translated)
