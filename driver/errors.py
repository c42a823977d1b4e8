"""The refusals a service can answer with; the web pages and the API map them to responses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class Refusal(Exception):
    """A request the service did not carry out; nothing was changed."""

    status = 400
    title = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        errors: Mapping[str, Sequence[str]] | None = None,
        reasons: Sequence[str] = (),
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = dict(errors or {})
        self.reasons = list(reasons)


class NotFound(Refusal):
    """Missing, or outside what the user may see (the two are never told apart)."""

    status = 404
    title = "Not found"


class Forbidden(Refusal):
    """Visible to the user, but not theirs to act on."""

    status = 403
    title = "Not allowed"


class Conflict(Refusal):
    """Wrong state, a failed condition, or someone else changed the object first."""

    status = 409
    title = "Conflict"


class Invalid(Refusal):
    """The input is not acceptable; ``errors`` maps fields to messages."""

    status = 422
    title = "Invalid input"


def not_found() -> NotFound:
    return NotFound("There is nothing here, or you do not have access to it.")
