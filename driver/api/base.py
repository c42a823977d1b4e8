"""The API's building blocks: flask-smorest's Api and Blueprint with problem+json errors,
input refused as the services refuse it, and ids that fit the database.
"""

from __future__ import annotations

import http
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import flask_smorest
import marshmallow as ma
from flask_smorest.utils import prepare_response
from webargs.flaskparser import FlaskParser
from werkzeug.routing import IntegerConverter

from driver.api.auth import authenticate_request
from driver.api.fields import MAX_ID
from driver.errors import Invalid

PROBLEM_JSON = "application/problem+json"

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
