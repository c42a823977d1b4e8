"""Languages of the interface: Flask-Babel's locale selector and the ``N_`` marker.

The locale of a request is the signed-in user's own language when the interface
has it, else the best match of the browser's ``Accept-Language`` among the
supported languages, else English. Times are UTC. Catalogues live in
``driver/translations`` (see README, "Translations"); strings kept in data
tables are marked with ``N_`` so ``pybabel extract`` finds them, and are put
through ``gettext`` where they are shown.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

from flask import Flask, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

# Each language in its own name, for the language switchers to come.
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


def select_locale() -> str:
    """The user's language if supported, else Accept-Language's best match, else English.

    Outside a request (a command line), English.
    """
    if not has_request_context():
        return DEFAULT_LOCALE
    user = current_user
    if user and user.is_authenticated:
        language = (getattr(user, "language", None) or "").strip().lower()
        if language in LANGUAGES:
            return language
    return request.accept_languages.best_match(LANGUAGES.keys(), default=DEFAULT_LOCALE)


def register(app: Flask) -> None:
    """Bind Flask-Babel to ``app`` and give templates ``get_locale()`` and ``LANGUAGES``."""
    from driver.extensions import babel

    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", TIMEZONE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(get_locale=get_locale, LANGUAGES=LANGUAGES)
