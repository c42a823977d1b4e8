"""Fixtures: the app on SQLite (or DATABASE_URL), factories, and a browser that signs in.

The schema is created once per session; every test starts from empty tables
with the 16 areas loaded. The test itself runs inside an app context (so
factories can use the database) and factories commit; every request made
through a test client runs in an app context of its own, as in production, so
``g`` and the database session never carry over between requests.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from driver import create_app
from driver.auth.models import User, _hasher
from driver.db import utcnow
from driver.extensions import db
from driver.matchmaking.models import Match
from driver.members.models import Member, ProviderProfile
from driver.members.reference import AREAS
from driver.solution_finder.models import Application
from driver.solution_finder.services import areas_by_slug

PASSWORD = "correct horse battery staple"
_PASSWORD_HASH = _hasher.hash(PASSWORD)  # hashed once: argon2 is slow on purpose
_counter = itertools.count(1)


def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return os.environ.get("DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    )


class IsolatedClient(FlaskClient):
    """A test client whose every request has its own app context and database session.

    Before each request the test's own session commits, so it holds no lock
    (SQLite) and reads afresh afterwards what the request changed.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        db.session.commit()
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path_factory),
            "PUBLIC_BASE_URL": "http://driver.test",
            # Race tests line up many writers; leave them room on a loaded machine.
            "SQLITE_BUSY_TIMEOUT_MS": 60_000,
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def is_postgres(app: Flask) -> bool:
    return app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")


@pytest.fixture(autouse=True)
def _clean_database(app: Flask) -> Iterator[None]:
    """Empty every table and load the areas; the test runs inside an app context."""
    with app.app_context():
        tables = db.metadata.sorted_tables
        if is_postgres(app):
            names = ", ".join(t.name for t in tables)
            db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                db.session.execute(table.delete())
        for slug, name in AREAS:
            db.session.execute(db.metadata.tables["areas"].insert().values(slug=slug, name=name))
        db.session.commit()
        yield
        db.session.rollback()
        db.session.remove()


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app: Flask) -> None:
    """Rate limits stay on in tests (memory storage); every test starts with none used."""
    from driver.extensions import limiter

    with app.app_context():
        limiter.reset()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


# -- factories --------------------------------------------------------------------


@pytest.fixture
def make_member():
    def make(
        category: str = "local_government",
        *,
        name: str | None = None,
        country: str = "Korea",
        region: str = "Asia-Pacific",
        **kw: Any,
    ) -> Member:
        member = Member(
            name=name or f"Member {next(_counter)}",
            category=category,
            country=country,
            region=region,
            **kw,
        )
        db.session.add(member)
        db.session.commit()
        return member

    return make


@pytest.fixture
def make_user(make_member):
    def make(
        role: str = "city",
        *,
        member: Member | None = None,
        regions: list[str] | tuple[str, ...] = (),
        email: str | None = None,
        **kw: Any,
    ) -> User:
        if member is None and role in {"city", "provider"}:
            member = make_member("local_government" if role == "city" else "corporation")
        n = next(_counter)
        user = User(
            email=email or f"{role}{n}@example.org",
            name=kw.pop("name", f"{role.title()} User {n}"),
            role=role,
            member_id=member.id if member else None,
            regions=list(regions),
            password_hash=_PASSWORD_HASH,
            **kw,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_provider(make_member):
    """A provider organisation with a profile (verified unless told otherwise)."""

    def make(
        *,
        name: str | None = None,
        areas: list[str] | tuple[str, ...] = ("water-management",),
        country: str = "Germany",
        region: str = "Europe",
        verified: bool = True,
        **profile: Any,
    ) -> Member:
        member = make_member("corporation", name=name, country=country, region=region)
        db.session.add(
            ProviderProfile(
                member=member,
                areas=areas_by_slug(areas),
                verified=verified,
                languages=profile.pop("languages", ["en"]),
                **profile,
            )
        )
        db.session.commit()
        return member

    return make


@pytest.fixture
def make_application():
    """An application of ``owner``'s city, put directly in ``state`` (for state tables)."""

    def make(
        owner: User,
        *,
        state: str = "draft",
        title: str = "Flood warnings for the river district",
        description: str = "Floods hit the market twice a year.",
        areas: list[str] | tuple[str, ...] = ("water-management",),
        assignee: User | None = None,
        **kw: Any,
    ) -> Application:
        app = Application(
            member_id=owner.member_id,
            created_by_id=owner.id,
            title=title,
            description=description,
            areas=areas_by_slug(areas),
            state=state,
            assignee=assignee,
            languages=kw.pop("languages", ["en"]),
            submitted_at=None if state == "draft" else utcnow(),
            **kw,
        )
        db.session.add(app)
        db.session.commit()
        return app

    return make


@pytest.fixture
def make_match():
    def make(application: Application, provider: Member, *, state: str = "proposed") -> Match:
        match = Match(application_id=application.id, provider_id=provider.id, state=state)
        db.session.add(match)
        db.session.commit()
        return match

    return make


# -- a signed-in browser --------------------------------------------------------------

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Browser:
    """A test client that signs in through the real form and sends CSRF tokens like a page."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.last_token: str | None = None

    def get(self, url: str, **kw: Any):
        response = self.client.get(url, **kw)
        self._remember_token(response)
        return response

    def post(self, url: str, data: dict[str, Any] | None = None, **kw: Any):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        response = self.client.post(url, data=data, **kw)
        self._remember_token(response)
        return response

    def csrf_token(self) -> str:
        if self.last_token is None:
            self.get("/login")
        if self.last_token is None:
            self.get("/dashboard")
        assert self.last_token, "no page offered a CSRF token"
        return self.last_token

    def login(self, user: User, password: str = PASSWORD):
        response = self.post("/login", {"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        self.last_token = None
        return response

    def _remember_token(self, response: Any) -> None:
        if response.mimetype == "text/html":
            found = _CSRF.search(response.get_data(as_text=True))
            if found:
                self.last_token = found.group(1)


@pytest.fixture
def browser(app: Flask):
    """``browser(user)`` gives a signed-in Browser; ``browser()`` an anonymous one."""

    def make(user: User | None = None) -> Browser:
        b = Browser(app.test_client())
        if user is not None:
            b.login(user)
        return b

    return make
