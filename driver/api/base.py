"""The API's building blocks: the flask-smorest Api and Blueprint, problem+json input errors,
documented error responses, and the one way lists are paged.
"""

from __future__ import annotations

import http
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import flask_smorest
import marshmallow as ma
from flask import Flask, current_app
from flask_smorest.utils import prepare_response
from sqlalchemy import Select, func, select
from webargs.flaskparser import FlaskParser
from werkzeug.routing import IntegerConverter

from driver.api.auth import authenticate_request
from driver.errors import Invalid
from driver.extensions import db

PROBLEM_JSON = "application/problem+json"
MAX_ID = 2**31 - 1  # the largest id a 32-bit integer column holds

F = TypeVar("F", bound=Callable[..., Any])


class ProblemSchema(ma.Schema):
    """An RFC 9457 problem document, as every API error is answered."""

    type = ma.fields.String(metadata={"example": "about:blank"})
    title = ma.fields.String(required=True, metadata={"description": "The status in words."})
    status = ma.fields.Integer(required=True, metadata={"description": "The HTTP status."})
    detail = ma.fields.String(
        required=True, metadata={"description": "What went wrong, for a person to read."}
    )
    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.List(ma.fields.String()),
        metadata={"description": "Invalid input (422): the messages for each field."},
    )
    reasons = ma.fields.List(
        ma.fields.String(),
        metadata={"description": "Conflicts (409): the names of the conditions that failed."},
    )


class Api(flask_smorest.Api):
    """flask-smorest's Api whose errors are problem+json, answered by the app's own handlers."""

    ERROR_SCHEMA = ProblemSchema

    def register_blueprint(self, blp: Blueprint, **options: Any) -> None:  # type: ignore[override]
        """Register a resource; its operations are grouped under `blp.tag` in the document."""
        self._app.extensions["flask-smorest"]["blp_name_to_api"][blp.name] = self
        self._app.register_blueprint(blp, **options)
        blp.register_views_in_doc(self, self._app, self.spec, name=blp.name, parameters=None)
        self.spec.tag({"name": blp.tag, "description": blp.description})

    def _register_error_handlers(self) -> None:
        """The app's handlers (driver.main.errors) already answer /api/ with problem+json."""

    def _register_pagination_header(self) -> None:
        """Lists carry their paging in the body (`page_of`), not in an X-Pagination header."""

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            if status < 400:
                continue
            response: dict[str, Any] = {"description": status.phrase, "schema": ProblemSchema}
            prepare_response(response, self.spec, PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "An error (problem+json)", "schema": ProblemSchema}
        prepare_response(response, self.spec, PROBLEM_JSON)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)


class ProblemParser(FlaskParser):
    """webargs' parser that refuses bad input as the services do: Invalid, 422, per field."""

    def handle_error(self, error: ma.ValidationError, *args: Any, **kwargs: Any) -> Any:
        errors = flatten_errors(error.messages)
        raise Invalid(describe(errors), errors=errors)

    def _handle_invalid_json_error(self, error: Exception, *args: Any, **kwargs: Any) -> Any:
        raise Invalid("The request body is not valid JSON.", errors={"body": ["Invalid JSON."]})


class Blueprint(flask_smorest.Blueprint):
    """A resource of the API: input parsed and refused like the services refuse."""

    ARGUMENTS_PARSER = ProblemParser()

    def __init__(self, name: str, import_name: str, *, tag: str, **kwargs: Any) -> None:
        super().__init__(name, import_name, **kwargs)
        self.tag = tag
        self.before_request(authenticate_request)

    def route(self, rule: str, *, parameters: Any = None, tags: Any = None, **options: Any) -> Any:
        return super().route(rule, parameters=parameters, tags=tags or [self.tag], **options)

    def errors(self, *codes: int) -> Callable[[F], F]:
        """Document the error answers of a view (all problem+json)."""

        def decorator(view: F) -> F:
            for code in reversed(codes):
                view = self.alt_response(code, response=http.HTTPStatus(code).name)(view)
            return view

        return decorator


class IdConverter(IntegerConverter):
    """`<id:name>`: a positive id that fits the database's integer columns."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(map, min=1, max=MAX_ID)


def flatten_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as `{"field.sub": [messages]}` (locations dropped)."""
    if isinstance(messages, Mapping):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            if not prefix and key in {"json", "query", "view_args", "headers"}:
                name = "" if isinstance(value, Mapping) else "body"
            elif key == "_schema":
                name = prefix or "body"
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            for field, texts in flatten_errors(value, name).items():
                flat.setdefault(field, []).extend(texts)
        return flat
    if isinstance(messages, list | tuple) and all(isinstance(m, str) for m in messages):
        return {prefix or "body": list(messages)}
    if isinstance(messages, list | tuple):
        flat = {}
        for value in messages:
            for field, texts in flatten_errors(value, prefix).items():
                flat.setdefault(field, []).extend(texts)
        return flat
    return {prefix or "body": [str(messages)]}


def describe(errors: Mapping[str, Sequence[str]]) -> str:
    """One sentence naming what is wrong, field by field."""
    parts = [f"{field}: {' '.join(texts)}" for field, texts in errors.items()]
    return "The input is not valid. " + " ".join(parts)


# -- fields ---------------------------------------------------------------------------


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


# -- paging ---------------------------------------------------------------------------

DEFAULT_PAGE_SIZE = 25


class PageSize(ma.fields.Integer):
    """The page size, bounded by the API_MAX_PAGE_SIZE setting of the running app."""

    def _validate(self, value: Any) -> None:
        super()._validate(value)
        largest = current_app.config["API_MAX_PAGE_SIZE"]
        if not 1 <= value <= largest:
            raise ma.ValidationError(f"Ask for 1 to {largest} items a page.")


class PageQuery(ma.Schema):
    """`?page=&page_size=`: every list is paged the same way."""

    page = ma.fields.Integer(
        load_default=1,
        validate=ma.validate.Range(min=1, max=MAX_ID),
        metadata={"description": "The page to return, from 1."},
    )
    page_size = PageSize(
        load_default=DEFAULT_PAGE_SIZE,
        metadata={"description": "How many items a page holds."},
    )


class PageSchema(ma.Schema):
    """A page of a list: its items, in a stable order, and where it stands."""

    page = ma.fields.Integer(required=True)
    page_size = ma.fields.Integer(required=True)
    total = ma.fields.Integer(required=True, metadata={"description": "Items in the whole list."})
    pages = ma.fields.Integer(required=True, metadata={"description": "Pages in the whole list."})


_page_schemas: dict[str, type[ma.Schema]] = {}


def page_of(item_schema: type[ma.Schema]) -> type[ma.Schema]:
    """The page schema whose `items` are `item_schema` (one class per item schema)."""
    name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
    if name not in _page_schemas:
        _page_schemas[name] = type(
            name,
            (PageSchema,),
            {
                "items": ma.fields.List(ma.fields.Nested(item_schema), required=True),
                "__doc__": f"A page of {item_schema.__name__.removesuffix('Schema')} items.",
            },
        )
    return _page_schemas[name]


def page_size_documented(app: Flask) -> Callable[..., dict[str, Any]]:
    """An apispec attribute function that documents this app's largest page size."""

    def attributes(converter: Any, field: ma.fields.Field, **_: Any) -> dict[str, Any]:
        if isinstance(field, PageSize):
            return {"minimum": 1, "maximum": app.config["API_MAX_PAGE_SIZE"]}
        return {}

    return attributes


def paged_query(
    stmt: Select,
    query: Mapping[str, Any],
    present: Callable[[Any], Any] = lambda x: x,
    *,
    options: Sequence[Any] = (),
) -> dict[str, Any]:
    """One page of `stmt` (already in a stable order) with the counts around it.

    `options` (eager loads) apply to the page's rows, not to the count.
    """
    page, size = query["page"], query["page_size"]
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = db.session.scalars(stmt.options(*options).offset((page - 1) * size).limit(size)).all()
    return page_response([present(r) for r in rows], page, size, total or 0)


def paged_list(items: Iterable[Any], query: Mapping[str, Any]) -> dict[str, Any]:
    """One page of a list already in memory (short, ranked lists)."""
    items = list(items)
    page, size = query["page"], query["page_size"]
    return page_response(items[(page - 1) * size : page * size], page, size, len(items))


def page_response(items: list[Any], page: int, size: int, total: int) -> dict[str, Any]:
    return {
        "items": items,
        "page": page,
        "page_size": size,
        "total": total,
        "pages": (total + size - 1) // size,
    }
