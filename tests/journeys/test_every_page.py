"""Every page each role reaches passes axe-core (WCAG 2.2 AA) and fits a 320 px wide screen.

axe-core reads the English pages; the phone reads them in another language per role
(Russian, Korean, French, Spanish, Chinese), where longer words must fit too.

Each role starts where it lands after signing in and follows the links of each
page it sees, in the demo data (walked through the real services), visiting
each kind of page once (one route of the app with the same query parameters).
"""

from __future__ import annotations

import os
import re
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from argon2 import PasswordHasher
from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter

from driver import demo
from driver.auth.services import find_by_email
from driver.extensions import db
from driver.members.services import seed_reference_data

AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
MAX_PAGES = 150  # kinds of page per role; reaching it fails the test
# Not pages: files, the JSON API (its reference page excepted) and downloads.
SKIP = re.compile(
    r"^/(static/|api/(?!v1/docs)|.*/(download|files?)(/|$))|\.(csv|xlsx|pdf|json)$|[?&]format="
)
ROLES = {
    "anonymous": None,
    "city": "seoul@demo.we-gov.org",
    "provider": "fatos@demo.we-gov.org",
    "reviewer": "reviewer@demo.we-gov.org",
    "regional reviewer": "reviewer.africa@demo.we-gov.org",
    "admin": "admin@demo.we-gov.org",
}
# The phone reads each role's pages in another language: longer words must fit too.
PHONE_LOCALES = {
    "anonymous": "ru-RU",
    "city": "ko-KR",
    "provider": "fr-FR",
    "reviewer": "es-ES",
    "regional reviewer": "ru-RU",
    "admin": "zh-CN",
}


@pytest.fixture
def demo_world(monkeypatch):
    """WeGO's members and the demo accounts and projects (cheap hashing for the setup only)."""
    monkeypatch.setattr(
        "driver.auth.models._hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    seed_reference_data()
    demo.load_demo()
    db.session.commit()


def _kind(routes: MapAdapter, path: str) -> str:
    """Pages of one kind: the same route of the app, with the same query parameters."""
    url = urlsplit(path)
    try:
        endpoint, _ = routes.match(url.path, method="GET")
    except HTTPException:  # not a route (or a redirect to one): the path stands for itself
        endpoint = url.path
    names = sorted({pair.split("=")[0] for pair in url.query.split("&") if pair})
    return f"{endpoint}?{'&'.join(names)}"


def _links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    here = urlsplit(page.url)
    paths = []
    for href in hrefs:
        url = urlsplit(href)
        if url.netloc == here.netloc and url.scheme in {"http", "https"}:
            paths.append(url.path + (f"?{url.query}" if url.query else ""))
    return paths


def _axe_problems(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} — {v['help']}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("role", ROLES)
def test_every_page_is_accessible_and_fits_a_phone(role, demo_world, visit, chromium, app):
    if not AXE.exists():
        reason = f"axe-core is missing: npm ci --prefix {AXE.parents[2]}"
        if os.environ.get("DRIVER_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    email = ROLES[role]
    # axe is injected as a script; the app's CSP (rightly) refuses any script it did not serve.
    desktop = visit(bypass_csp=True)
    phone = visit(width=320, height=640, locale=PHONE_LOCALES[role])
    if email:
        user = find_by_email(email)
        for visitor in (desktop, phone):
            visitor.sign_in(user, password=demo.DEMO_PASSWORD)
    start = urlsplit(desktop.page.url).path if email else "/"
    routes = app.url_map.bind("localhost")
    queue, seen, problems = deque([start]), set(), {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        kind = _kind(routes, path)
        if kind in seen or SKIP.search(path) or path in {"/logout"}:
            continue
        seen.add(kind)
        response = desktop.load(path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        found = _axe_problems(desktop.page)
        phone.go(path)
        if (extra := _overflow(phone.page)) > 0:
            found.append(f"scrolls sideways by {extra} px at 320 px wide")
        if found:
            problems[path] = found
        queue.extend(_links(desktop.page))
    assert not queue or len(seen) < MAX_PAGES, f"more than {MAX_PAGES} kinds of page: raise it"
    assert problems == {}, "\n".join(f"{p}:\n  " + "\n  ".join(f) for p, f in problems.items())
