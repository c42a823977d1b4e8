"""Error pages for people and problem+json (RFC 9457) for the API, from the same refusals."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from driver.errors import Refusal
from driver.extensions import db
from driver.i18n import N_

# The refusals the security log keeps: a bad API token, not allowed, out of scope.
_LOGGED_REFUSALS = {401: "token_refused", 403: "forbidden", 404: "not_found"}

PROBLEM_JSON = "application/problem+json"

# Werkzeug's and Flask-WTF's English texts of the HTTP errors people may meet, marked
# for the catalogue: the error page shows them in the reader's language.
HTTP_TEXTS = (
    N_("Bad Request"),
    N_("The browser (or proxy) sent a request that this server could not understand."),
    N_("Forbidden"),
    N_(
        "You don't have the permission to access the requested resource. It is either"
        " read-protected or not readable by the server."
    ),
    N_("Not Found"),
    N_(
        "The requested URL was not found on the server. If you entered the URL manually"
        " please check your spelling and try again."
    ),
    N_("Method Not Allowed"),
    N_("The method is not allowed for the requested URL."),
    N_("Request Entity Too Large"),
    N_("The data value transmitted exceeds the capacity limit."),
    N_("Too Many Requests"),
    N_("This user has exceeded an allotted request count. Try again later."),
    N_("The CSRF token is missing."),
    N_("The CSRF session token is missing."),
    N_("The CSRF token has expired."),
    N_("The CSRF token is invalid."),
    N_("The CSRF tokens do not match."),
    N_("The referrer header is missing."),
    N_("The referrer does not match the host."),
)


def wants_problem_json() -> bool:
    return request.path.startswith("/api/")


def problem(status: int, title: str, detail: str, **extra: object) -> Response:
    """An RFC 9457 problem document."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body.update({k: v for k, v in extra.items() if v})
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    return response


def register(app: Flask) -> None:
    @app.errorhandler(Refusal)
    def _refusal(exc: Refusal) -> Response | tuple[str, int]:
        db.session.rollback()
        log_refusal(exc.status, exc.detail)
        if wants_problem_json():
            return problem(
                exc.status, exc.title, exc.detail, errors=exc.errors, reasons=exc.reasons
            )
        template = "errors/404.html" if exc.status == 404 else "errors/refused.html"
        page = render_template(
            template, error=exc, title=gettext(str(exc.title)), detail=gettext(str(exc.detail))
        )
        return page, exc.status

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response | tuple[str, int] | HTTPException:
        if exc.code == 403:
            db.session.rollback()
            log_refusal(403, exc.description or exc.name)
        if wants_problem_json():
            return problem(exc.code or 500, exc.name, exc.description or exc.name)
        if exc.code in {400, 403, 404, 405, 413, 429}:
            page = render_template(
                "errors/http.html",
                error=exc,
                title=gettext(exc.name),
                detail=gettext(exc.description or exc.name),
            )
            return page, exc.code
        return exc

    @app.errorhandler(500)
    def _server_error(exc: Exception) -> Response | tuple[str, int]:
        db.session.rollback()
        if wants_problem_json():
            return problem(500, "Internal Server Error", "Something went wrong on our side.")
        return render_template("errors/500.html"), 500


def log_refusal(status: int, detail: str) -> None:
    """Keep a refusal in the security log, after the refused work was rolled back.

    A 401 is kept only when a token was sent (a call without one is just anonymous).
    The log must never turn a refusal into a server error: a failed write is logged.
    """
    kind = _LOGGED_REFUSALS.get(status)
    if kind is None:
        return
    if status == 401 and not request.headers.get("Authorization"):
        return
    from driver.security_log.services import record

    user = current_user._get_current_object() if current_user.is_authenticated else None
    try:
        record(kind, user=user, commit=True, detail=detail[:300])
    except SQLAlchemyError:
        db.session.rollback()
        logging.getLogger("driver.security").exception("could not store a %s event", kind)
