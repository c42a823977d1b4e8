"""Every route × every role and relation: the expected answer; refusals change nothing.

The table (routes_pages, routes_implementer, routes_api) must hold every rule of
``app.url_map`` for every method but HEAD and OPTIONS: a new route without an
entry fails ``test_every_route_has_an_entry``. Each request is sent by the eight
callers of ``world.ROLES``; after it, every row of every table is compared with
the world as built: a refused request (4xx, or a redirect to the sign-in page)
and any GET must have changed nothing. After a request that changed something the
world is put back, so every request meets the same world. POSTs carry the CSRF
token the pages hand out: the matrix is about authorization with CSRF on;
``test_a_post_without_the_csrf_token_is_refused`` shows the token is needed.

One world per test function (building it and signing eight people in is the
slow part), so the matrix runs as three tests that report every wrong cell at once.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from driver.extensions import limiter

from .cases import Case
from .harness import LOGIN, Callers, changed_tables, outcome, restore, snapshot
from .routes_api import API
from .routes_implementer import IMPLEMENTER_PAGES
from .routes_pages import PAGES
from .world import ROLES, build_world

TABLE: dict[tuple[str, str], list[Case]] = {**PAGES, **IMPLEMENTER_PAGES, **API}
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def routes(app) -> set[tuple[str, str]]:
    return {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - IGNORED_METHODS
    }


def test_every_route_has_an_entry(app):
    missing = sorted(routes(app) - TABLE.keys())
    assert not missing, (
        "Routes missing from the authorization matrix (add a row to "
        "tests/driver/security/routes_*.py):\n" + "\n".join(f"  {m} {r}" for m, r in missing)
    )


def test_every_entry_is_a_route(app):
    assert sorted(TABLE.keys() - routes(app)) == []


@pytest.fixture
def matrix(app, tmp_path, make_member, make_user, make_provider, make_application, make_match):
    """(world, callers, run): ``run(table)`` sends every case and lists what went wrong."""
    previous = app.config.get("UPLOAD_FOLDER")
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    factories = SimpleNamespace(
        make_member=make_member,
        make_user=make_user,
        make_provider=make_provider,
        make_application=make_application,
        make_match=make_match,
    )
    world = build_world(factories, tmp_path / "uploads")
    callers = Callers(app, world, _browser_factory(app))
    callers.sign_in_everyone()
    yield world, callers, lambda table: _run(table, world, callers)
    app.config["UPLOAD_FOLDER"] = previous


def _browser_factory(app):
    from ...conftest import Browser  # the signed-in browser of the suite's fixtures

    def make(user):
        b = Browser(app.test_client())
        if user is not None:
            b.login(user)
        return b

    return make


def _run(table: dict[tuple[str, str], list[Case]], world, callers: Callers) -> list[str]:
    saved = snapshot()
    failures: list[str] = []
    for (method, rule), cases in table.items():
        for case in cases:
            url, data = case.url_in(world), case.data_in(world)
            answers: list[str] = []
            for role in ROLES:
                send = callers.page if case.kind == "page" else callers.api
                # Who may, not how often: the sign-in limits have tests of their own.
                limiter.reset()
                response = send(role, method, url, data)
                response.close()  # a download holds its file open until closed
                got = outcome(response).status
                changed = changed_tables(saved, snapshot())
                answers.append(("L" if got == LOGIN else str(got)) + ("*" if changed else ""))
                # Signing out also ends up on the sign-in page, having ended every session.
                refused = got == LOGIN and not case.sign_in_again
                if changed and (refused or (got != LOGIN and int(got) >= 400) or method == "GET"):
                    failures.append(f"{method} {url} as {role} ({got}) changed {changed}")
                if changed or case.sign_in_again:
                    restore(saved)
                if case.sign_in_again:
                    callers.sign_in_again(role)
                    saved = snapshot()
            if " ".join(answers) != case.expect:
                failures.append(
                    f"{method} {rule} {url}\n    expected {case.expect}\n    got      "
                    + " ".join(answers)
                )
    return failures


def _report(failures: list[str]) -> str:
    return f"{len(failures)} wrong cell(s) of the matrix:\n" + "\n".join(failures)


def test_pages_answer_each_role_and_refusals_change_nothing(matrix):
    _, _, run = matrix
    failures = run(PAGES)
    assert not failures, _report(failures)


def test_implementer_pages_answer_each_role_and_refusals_change_nothing(matrix):
    _, _, run = matrix
    failures = run(IMPLEMENTER_PAGES)
    assert not failures, _report(failures)


def test_api_answers_each_role_and_refusals_change_nothing(matrix):
    _, _, run = matrix
    failures = run(API)
    assert not failures, _report(failures)


def test_a_post_without_the_csrf_token_is_refused(matrix):
    world, callers, _ = matrix
    browser = callers.browsers["city_a"]
    before = snapshot()

    response = browser.client.post(f"/notifications/{world.notification_a}/read")

    assert (response.status_code, changed_tables(before, snapshot())) == (400, [])
