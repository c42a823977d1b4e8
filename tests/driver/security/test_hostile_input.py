"""Hostile input never breaks the app: no 5xx, and a refused request writes nothing.

Hypothesis sends the main forms (field names read from the page itself), the
queues' and catalogues' query strings and the API's bodies: NUL bytes, lone
surrogates (as the invalid UTF-8 a careless client sends, or as JSON escapes),
right-to-left and zero-width characters, 20,000-character strings, numbers far
out of range, NaN, and JSON of the wrong shape. An answer other than success
must leave every table as it was; after a success the world is put back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .harness import Callers, changed_tables, restore, snapshot
from .hostile import form_body, form_value, hostile_text, json_body, json_value, query_string
from .world import build_world

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,  # the same examples on every run and both databases
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FORM = "application/x-www-form-urlencoded"
_FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')


@pytest.fixture
def world(app, tmp_path, make_member, make_user, make_provider, make_application, make_match):
    """The matrix's world and its callers (each signs in when first used); (world, callers)."""
    previous = app.config.get("UPLOAD_FOLDER")
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    factories = SimpleNamespace(
        make_member=make_member,
        make_user=make_user,
        make_provider=make_provider,
        make_application=make_application,
        make_match=make_match,
    )
    built = build_world(factories, tmp_path / "uploads")
    from ...conftest import Browser

    def browser(user):
        b = Browser(app.test_client())
        if user is not None:
            b.login(user)
        return b

    callers = Callers(app, built, browser)
    yield built, callers
    app.config["UPLOAD_FOLDER"] = previous


@contextmanager
def _naming(target: str) -> Iterator[None]:
    """Say which form, search or body failed (one world serves them all: it is slow to build)."""
    try:
        yield
    except BaseException as exc:
        exc.add_note(f"while fuzzing: {target}")
        raise


def _settle(saved, response, *, success: bool) -> None:
    """Assert no 5xx, and that an unsuccessful request changed nothing; put the world back."""
    assert response.status_code < 500, response.get_data(as_text=True)[:800]
    changed = changed_tables(saved, snapshot())
    if changed:
        restore(saved)
    assert success or not changed, f"a refused request ({response.status_code}) wrote {changed}"


# role, form page, where it posts (None: the same URL)
FORMS = {
    "sign-in": ("anonymous", "/login", None),
    "application": ("city_a", "/applications/new", None),
    "application-edit": ("city_a", lambda w: f"/applications/{w.draft}/edit", None),
    "proposal": ("city_a", lambda w: f"/implementer/proposals/{w.proposal_draft}/edit", None),
    "plan-exchange": ("city_a", "/plan-exchange/new", None),
    "plan-exchange-edit": ("city_a", lambda w: f"/plan-exchange/{w.plan_draft_a}/edit", None),
    "catalogue": ("provider_x", "/solutions/new", None),
    "provider-profile": ("provider_x", lambda w: f"/providers/{w.provider_x}/edit", None),
    "bid": ("provider_y", lambda w: f"/implementer/bids/{w.bid_y}/edit", None),
    "assessment": (
        "city_a",
        lambda w: f"/activator/assessments/{w.assessment_a}/areas/tourism",
        None,
    ),
    "population": ("city_a", "/activator", "/activator/population"),
    "account": ("city_a", "/account", None),
    "call": ("admin", "/implementer/calls/new", None),
    "new-user": ("admin", "/admin/users/new", None),
}


def test_the_forms_never_fail_on_hostile_values(world):
    for form in FORMS:
        with _naming(form):
            _fuzz_form(world, form)


def _fuzz_form(world, form):
    built, callers = world
    role, page, target = FORMS[form]
    page_url = page(built) if callable(page) else page
    browser = callers.browsers[role]
    html = browser.get(page_url).get_data(as_text=True)
    saved = snapshot()  # signed in: signing in notes the time
    fields = sorted(set(_FIELD.findall(html)) - {"csrf_token"})
    assert fields, f"no fields found on {page_url}"

    @SETTINGS
    @given(values=st.fixed_dictionaries({}, optional=dict.fromkeys(fields, form_value)))
    def post(values):
        body = form_body({**values, "csrf_token": browser.csrf_token()})
        response = browser.client.post(target or page_url, data=body, content_type=FORM)
        _settle(saved, response, success=response.status_code == 302)

    post()


SEARCHES = {
    "review queue": ("reviewer", "/review", ["q", "state", "area", "region", "page", "sort"]),
    "plan exchange": (
        "anonymous",
        "/plan-exchange",
        ["q", "area", "region", "country", "stage", "page"],
    ),
    "catalogue": ("city_a", "/solutions", ["q", "area", "stage", "cost_band", "page"]),
    "proposals": ("reviewer", "/implementer/proposals", ["call", "state", "page"]),
    "applications": ("city_a", "/applications", ["state", "page"]),
    "api plan exchange": (
        "api:city_a",
        "plan-exchange/projects",
        ["q", "area", "page", "per_page"],
    ),
    "api applications": (
        "api:reviewer",
        "solution-finder/applications",
        ["state", "page", "per_page"],
    ),
}


def test_the_searches_never_fail_on_hostile_query_strings(world):
    for search in SEARCHES:
        with _naming(search):
            _fuzz_search(world, search)


def _fuzz_search(world, search):
    _, callers = world
    role, path, names = SEARCHES[search]
    if role.startswith("api:"):
        client = callers.apis[role.removeprefix("api:")]
    else:
        client = callers.browsers[role].client
    saved = snapshot()

    @SETTINGS
    @given(values=st.fixed_dictionaries({}, optional=dict.fromkeys(names, form_value)))
    def search_with(values):
        response = client.get(f"{path}?{query_string(values)}")
        _settle(saved, response, success=False)

    search_with()


# role, method, path, the fields the body is about
BODIES = {
    "token": ("anonymous", "POST", "auth/token", ["email", "password"]),
    "application": (
        "city_a",
        "POST",
        "solution-finder/applications",
        ["title", "description", "areas", "budget_usd", "languages", "city_stage"],
    ),
    "application-edit": (
        "city_a",
        "PATCH",
        lambda w: f"solution-finder/applications/{w.draft}",
        ["title", "description", "areas", "version", "state", "member_id"],
    ),
    "transition": (
        "reviewer",
        "POST",
        lambda w: f"solution-finder/applications/{w.submitted_a}/transitions",
        ["trigger", "comment", "version"],
    ),
    "match": (
        "provider_x",
        "POST",
        lambda w: f"matches/{w.match_x}/transitions",
        ["trigger", "comment"],
    ),
    "proposal": (
        "city_b",
        "POST",
        "implementer/proposals",
        ["call_id", "title", "problem", "requested_usd", "cofunding_cash_usd"],
    ),
    "bid": (
        "provider_y",
        "PATCH",
        lambda w: f"implementer/bids/{w.bid_y}",
        ["price_usd", "team", "version"],
    ),
    "score": (
        "reviewer",
        "POST",
        lambda w: f"implementer/proposals/{w.proposal}/scores",
        ["conflict_of_interest", "scores", "comment"],
    ),
    "assessment": (
        "city_a",
        "PATCH",
        lambda w: f"activator/assessments/{w.assessment_a}",
        ["answers", "version"],
    ),
    "provider": (
        "provider_x",
        "PATCH",
        lambda w: f"providers/{w.provider_x}",
        ["summary", "areas", "verified"],
    ),
}


def test_the_api_never_fails_on_hostile_bodies(world):
    for body in BODIES:
        with _naming(body):
            _fuzz_body(world, body)


def _fuzz_body(world, body):
    built, callers = world
    role, method, path, names = BODIES[body]
    url = path(built) if callable(path) else path
    api = callers.apis[role]
    saved = snapshot()
    shaped = st.fixed_dictionaries(
        {}, optional=dict.fromkeys(names, st.one_of(hostile_text, json_value))
    )

    @SETTINGS
    @given(payload=st.one_of(shaped, json_value))
    def send(payload):
        response = api.request(
            method, url, data=json_body(payload), headers={"Content-Type": "application/json"}
        )
        _settle(saved, response, success=response.status_code < 400)

    send()
