"""The JSON API v1 (DESIGN §8): flask-smorest resources over the same services as the pages.

flask-smorest because its marshmallow schemas both check the input and
generate the OpenAPI document, from the same code; it has one blueprint per
resource, like our pages, and helpers for paging; and it is mature and
maintained. Every request but the token request needs a bearer token; the
session cookie is never read, and no API blueprint takes a CSRF token.
"""

from __future__ import annotations

from flask import Flask, Response, request

API_PREFIX = "/api/"

DESCRIPTION = """\
Read and drive the Smart City Driver from your own systems.

**Authentication.** `POST /api/v1/auth/token` with `{"email", "password"}` returns a
token; send it as `Authorization: Bearer <token>` with every other request. Tokens
expire, can be revoked (`DELETE /api/v1/auth/token`) and stop working at once when the
account is disabled. The session cookie of the web pages is never accepted.

**Errors** are `application/problem+json` (RFC 9457) with a `detail` for people:
401 no or bad token; 403 you can see it but may not do this; 404 missing or outside
what you can see; 409 wrong state, a failed condition (`reasons`) or a stale `version`;
422 invalid input (`errors` per field).

**Lists** are paged with `?page=1&page_size=25` and ordered by id; they answer
`{"items", "page", "page_size", "total", "pages"}`.
"""


def init_api(app: Flask) -> None:
    """Register the API's resources, its OpenAPI document and its reference page."""
    from driver.api import (
        activator,
        applications,
        areas,
        fees,
        implementer_bids,
        implementer_calls,
        implementer_projects,
        implementer_proposals,
        matches,
        members,
        plan_exchange,
        providers,
        reference,
        tokens,
        users,
    )
    from driver.api.base import Api, IdConverter
    from driver.api.paging import page_size_documented
    from driver.extensions import csrf

    app.url_map.converters["id"] = IdConverter
    api = Api(
        app,
        spec_kwargs={
            "info": {"description": DESCRIPTION},
            "security": [{"bearerAuth": []}],
        },
    )
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "An API token."}
    )
    api.ma_plugin.converter.add_attribute_function(page_size_documented(app))
    resources = (tokens, users, areas, members, providers, fees, applications, matches)
    implementer = (implementer_calls, implementer_proposals, implementer_projects, implementer_bids)
    for module in (*resources, activator, plan_exchange, *implementer):
        csrf.exempt(module.blp)
        api.register_blueprint(module.blp)
    app.register_blueprint(reference.bp)
    app.extensions["driver_api"] = api
    app.after_request(_api_headers)


def _api_headers(response: Response) -> Response:
    """Say how to authenticate on a 401, and keep answers (and tokens) out of caches."""
    if request.path.startswith(API_PREFIX):
        if response.status_code == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="Smart City Driver API"'
        response.headers.setdefault("Cache-Control", "no-store")
    return response
