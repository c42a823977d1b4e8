"""Error pages for people and problem+json (RFC 9457) for the API, from the same refusals."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from driver.errors import Refusal
from driver.extensions import db

PROBLEM_JSON = "application/problem+json"


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
        if wants_problem_json():
            return problem(
                exc.status, exc.title, exc.detail, errors=exc.errors, reasons=exc.reasons
            )
        template = "errors/404.html" if exc.status == 404 else "errors/refused.html"
        return render_template(template, error=exc), exc.status

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response | tuple[str, int] | HTTPException:
        if wants_problem_json():
            return problem(exc.code or 500, exc.name, exc.description or exc.name)
        if exc.code in {400, 403, 404, 405, 413, 429}:
            return render_template("errors/http.html", error=exc), exc.code
        return exc

    @app.errorhandler(500)
    def _server_error(exc: Exception) -> Response | tuple[str, int]:
        db.session.rollback()
        if wants_problem_json():
            return problem(500, "Internal Server Error", "Something went wrong on our side.")
        return render_template("errors/500.html"), 500
