"""The matrix's machinery: one signed-in client per role, a snapshot of every row, a restore.

Pages are visited through the real sign-in form and POSTed with the CSRF token
the pages hand out (the ``Browser`` of tests/conftest.py), so the matrix tests
authorization with CSRF on; the API is called with each role's bearer token.
After a request that changed anything the world is put back row by row, so that
every request meets the same world.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text

from driver.api.auth import issue_token
from driver.extensions import db

from ..api.conftest import Api
from .world import ROLES, World

LOGIN = "login"  # a redirect to the sign-in page

# Using a token notes when it was used, and a refusal is written to the security log on
# purpose (tests/driver/auth/test_security_log.py): not changes the matrix is about.
NOT_COMPARED = frozenset({"api_tokens", "security_events"})


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    db.session.expire_all()
    rows = {}
    for table in db.metadata.sorted_tables:
        ordering = list(table.primary_key.columns) or list(table.columns)
        rows[table.name] = [tuple(r) for r in db.session.execute(select(table).order_by(*ordering))]
    db.session.commit()
    return rows


def changed_tables(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    return [name for name in before if name not in NOT_COMPARED and before[name] != after[name]]


def restore(saved: dict[str, list[tuple]]) -> None:
    """Put every table back to ``saved`` (delete all, insert the saved rows)."""
    tables = db.metadata.sorted_tables
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(t.name for t in tables)
        db.session.execute(text(f"TRUNCATE {names} CASCADE"))
    else:
        for table in reversed(tables):
            db.session.execute(table.delete())
    for table in tables:
        rows = saved[table.name]
        if rows:
            keys = [c.key for c in table.columns]
            db.session.execute(table.insert(), [dict(zip(keys, row, strict=True)) for row in rows])
    db.session.commit()


@dataclass
class Outcome:
    """What a request answered: a status, or LOGIN for a redirect to the sign-in page."""

    status: int | str
    location: str = ""


def outcome(response: Any) -> Outcome:
    location = response.headers.get("Location", "")
    if response.status_code == 302 and location.split("?")[0].endswith("/login"):
        return Outcome(LOGIN, location)
    return Outcome(response.status_code, location)


class _OnDemand(dict):
    """A dict that makes a missing value with ``make(key)`` (signing in is slow on purpose)."""

    def __init__(self, make: Callable[[str], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> Any:
        self[key] = value = self.make(key)
        return value


class Callers:
    """A page browser and an API client per role, each signed in once, when first used."""

    def __init__(self, app: Any, world: World, browser: Callable[..., Any]) -> None:
        self.app = app
        self.world = world
        self.make_browser = browser
        self.browsers = _OnDemand(lambda role: browser(world.user(role)))
        self.apis = _OnDemand(self._api)

    def sign_in_everyone(self) -> None:
        """Sign every role in now, so that no request of the matrix finds a new row."""
        for role in ROLES:
            self.browsers[role]
            self.apis[role]

    def _api(self, role: str) -> Api:
        user = self.world.user(role)
        return Api(self.app.test_client(), issue_token(user).secret if user else None)

    def page(self, role: str, method: str, url: str, data: dict[str, Any] | None) -> Any:
        browser = self.browsers[role]
        if method == "GET":
            return browser.get(url)
        return browser.post(url, data or {})

    def api(self, role: str, method: str, url: str, body: Any) -> Any:
        return self.apis[role].request(method, url, body)

    def sign_in_again(self, role: str) -> None:
        """After a request that signs out or revokes: fresh credentials for ``role``."""
        self.browsers[role] = self.make_browser(self.world.user(role))
        self.apis[role] = self._api(role)
