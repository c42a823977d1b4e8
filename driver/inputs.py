"""Input no database can store is refused before any view runs, on every page and API call.

- ``<int:…>`` in a URL matches only ids a 32-bit integer column holds (a larger
  one is a 404, like any missing object, instead of an overflow in the database);
- query-string numbers read with ``type=bounded_int`` fall back to their default
  when out of range;
- a NUL character or a lone surrogate anywhere in the query string, a form or a
  JSON body answers 422 (PostgreSQL refuses NUL in text, and neither database
  stores a lone surrogate), before a service could half-write anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Flask, request
from werkzeug.routing import IntegerConverter

from driver.errors import Invalid
from driver.i18n import N_

MAX_ID = 2**31 - 1  # the largest value a 32-bit integer column holds


class BoundedIntConverter(IntegerConverter):
    """``<int:name>``: a whole number from 0 to MAX_ID; anything larger matches no route."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def bounded_int(value: str) -> int:
    """``int(value)`` if it fits an integer column and is not negative; ValueError otherwise."""
    number = int(value)
    if not 0 <= number <= MAX_ID:
        raise ValueError(f"{value!r} is out of range")
    return number


def unstorable(text: str) -> str | None:
    """Why ``text`` cannot be stored, or None (in English: the error page translates it)."""
    if "\x00" in text:
        return N_("Text must not contain NUL characters.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return N_("Text must be valid Unicode (no lone surrogates).")
    return None


def _strings(value: Any, name: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield name, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, name or "body")
            yield from _strings(item, f"{name}.{key}" if name else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{name}.{i}" if name else str(i))


def refuse_unstorable_text() -> None:
    """Before every request: 422 when the query, the form or the JSON body holds such text."""
    sources: list[tuple[str, str]] = []
    for multi in (request.args, request.form):
        for key, values in multi.lists():
            sources.append((key, key))
            sources.extend((key, v) for v in values)
    if request.is_json:
        sources.extend(_strings(request.get_json(silent=True), ""))
    errors: dict[str, list[str]] = {}
    for field, text in sources:
        reason = unstorable(text)
        if reason:
            errors.setdefault(field or "body", [reason])
    if errors:
        raise Invalid(next(iter(errors.values()))[0], errors=errors)


def register(app: Flask) -> None:
    """Install the converter (before any blueprint adds its rules) and the request check."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(refuse_unstorable_text)
