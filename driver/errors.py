"""The refusals a service can answer with; the web pages and the API map them to responses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from driver.i18n import N_


class Refusal(Exception):
    """A request the service did not carry out; nothing was changed."""

    status = 400
    title = N_("Bad request")  # translated on the error page; the API stays English

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
    title = N_("Not found")


class Forbidden(Refusal):
    """Visible to the user, but not theirs to act on."""

    status = 403
    title = N_("Not allowed")


class Conflict(Refusal):
    """Wrong state, a failed condition, or someone else changed the object first."""

    status = 409
    title = N_("Conflict")


class Invalid(Refusal):
    """The input is not acceptable; ``errors`` maps fields to messages."""

    status = 422
    title = N_("Invalid input")


def not_found() -> NotFound:
    return NotFound(N_("There is nothing here, or you do not have access to it."))
