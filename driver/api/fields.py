"""marshmallow fields for API input that every database stores: bounded text and numbers."""

from __future__ import annotations

from typing import Any

import marshmallow as ma

MAX_ID = 2**31 - 1  # the largest value a 32-bit integer column holds


def _plain_text(value: str) -> None:
    """No NUL characters or unpaired surrogates: no database stores them."""
    if "\x00" in value:
        raise ma.ValidationError("Text must not contain NUL characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ma.ValidationError("Text must be valid Unicode.") from None


def Text(*, max_length: int, min_length: int = 0, **kwargs: Any) -> ma.fields.String:
    """A string field the database can store, of bounded length."""
    validators = [_plain_text, ma.validate.Length(min=min_length, max=max_length)]
    return ma.fields.String(validate=validators, **kwargs)


def Count(*, minimum: int = 0, maximum: int = MAX_ID, **kwargs: Any) -> ma.fields.Integer:
    """A whole number a database integer column holds; JSON numbers only, no strings."""
    kwargs.setdefault("strict", True)
    return ma.fields.Integer(validate=ma.validate.Range(min=minimum, max=maximum), **kwargs)


def Id(**kwargs: Any) -> ma.fields.Integer:
    return Count(minimum=1, **kwargs)
