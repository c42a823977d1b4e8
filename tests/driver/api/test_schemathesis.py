"""Property-based tests of the API against its own OpenAPI document (schemathesis, in-process).

For every operation, schemathesis generates valid and invalid requests from
the document and sends them to the app through WSGI, with an admin's bearer
token: the app must never answer 5xx, and every answer must conform to the
document (status code, content type, headers, body schema). Examples are
few and deterministic, so the run stays short on two cores.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from driver import create_app
from driver.api.auth import issue_token

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]

CONFIG = {
    "generation": {
        "mode": "all",
        "max-examples": 15,
        "deterministic": True,
        "database": "none",
    },
    "phases": {"stateful": {"enabled": False}},
}


def _document() -> dict:
    """The document as the app serves it (the app is built without touching a database)."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return app.test_client().get("/api/v1/openapi.json").get_json()


schema = schemathesis.openapi.from_dict(_document(), config=schemathesis.Config.from_dict(CONFIG))


@schema.parametrize()
@settings(
    deadline=None,
    database=None,
    # ``world`` is built once per operation on purpose: the fuzzer may change it freely.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_conforms_to_its_document(case, app, world):
    # A fresh token for every request: a fuzzed DELETE may have revoked the last one.
    token = issue_token(world.users["admin"]).secret
    case.call_and_validate(app=app, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
