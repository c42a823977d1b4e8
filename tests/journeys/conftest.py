"""Journeys in a real browser: Debian's Chromium driven by Playwright against a live server.

The app under test is the suite's own (same database, emptied before each
test); it is served by Werkzeug in a thread on a free loopback port. Chromium
runs headless with the flags that keep it off the network: only 127.0.0.1
resolves. Without Chromium or Playwright the journeys are skipped, unless
``DRIVER_REQUIRE_BROWSER=1`` (as in CI), where that is a failure. A failing
journey leaves a screenshot and the page's HTML in ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from driver.extensions import db
from tests.conftest import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
OFFLINE_FLAGS = [
    "--headless=new",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-extensions",
    "--disable-sync",
    "--metrics-recording-only",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def _unavailable() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    reason = _unavailable()
    if reason:
        if os.environ.get("DRIVER_REQUIRE_BROWSER") == "1":
            pytest.fail(f"The browser journeys must run here: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_FLAGS)
        yield browser
        browser.close()


class LiveServer:
    """The suite's app served over HTTP on a free loopback port, in a thread."""

    def __init__(self, app: Flask) -> None:
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._thread.join()
        self._server.server_close()


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


FAILED = pytest.StashKey[bool]()


def release_the_database() -> None:
    """End the test's own transaction: on SQLite it holds the write lock the server needs."""
    db.session.commit()


class Visitor:
    """One person in their own browser context (cookies), who signs in by the visible form."""

    def __init__(self, context: Any, base_url: str) -> None:
        self.context = context
        self.page = context.new_page()
        self.base_url = base_url

    def go(self, path: str) -> Any:
        """Open ``path`` and return the page."""
        self.load(path)
        return self.page

    def load(self, path: str) -> Any:
        """Open ``path`` and return the server's response."""
        release_the_database()
        return self.page.goto(self.base_url + path)

    def sign_in(self, user: Any, password: str = PASSWORD) -> Any:
        email = user.email
        page = self.go("/login")
        form = page.locator("main form")  # by its fields' names: the labels follow the language
        form.locator("input[name=email]").fill(email)
        form.locator("input[name=password]").fill(password)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        return page


@pytest.fixture
def visit(chromium: Any, live_server: LiveServer, request: pytest.FixtureRequest):
    """``visit(width=1280, locale="en-GB")``: a fresh browser context; screenshots on failure.

    ``bypass_csp`` only for tests that inject a script of their own (axe-core).
    """
    visitors: list[Visitor] = []

    def make(
        *, width: int = 1280, height: int = 900, bypass_csp: bool = False, locale: str = "en-GB"
    ) -> Visitor:
        context = chromium.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            bypass_csp=bypass_csp,
            locale=locale,  # the browser's language, sent as Accept-Language
        )
        context.set_default_timeout(15_000)
        visitor = Visitor(context, live_server.url)
        visitors.append(visitor)
        return visitor

    yield make
    failed = request.node.stash.get(FAILED, False)
    for n, visitor in enumerate(visitors):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
            stem = ARTIFACTS / f"{name}-{n}"
            for page in visitor.context.pages:
                page.screenshot(path=f"{stem}.png", full_page=True)
                Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
        visitor.context.close()
