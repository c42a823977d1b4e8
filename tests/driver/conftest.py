"""Fixtures for the service-layer tests: a cast of people around one city, objects in a state."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from driver.auth.models import User
from driver.members.models import Member


@dataclass
class Cast:
    """Everyone who can stand in some relation to an application of ``city``."""

    city: Member  # in Asia-Pacific
    owner: User  # a city user of ``city``
    colleague: User  # another city user of ``city``
    other_city: User  # a city user of another local government
    provider: Member  # a verified provider organisation
    provider_user: User  # a user of ``provider``
    stranger_provider: User  # a user of a provider that has no match
    reviewer: User  # WeGO staff, every region
    reviewer_out: User  # WeGO staff scoped to Africa only
    admin: User

    def actor(self, name: str) -> User:
        return getattr(self, name)


@pytest.fixture
def cast(make_member, make_user, make_provider) -> Cast:
    city = make_member("local_government", name="Suwon", country="Korea", region="Asia-Pacific")
    provider = make_provider(name="Aqua Sensing", areas=("water-management",))
    stranger = make_provider(name="Elsewhere Ltd", areas=("water-management",))
    other = make_member("local_government", name="Busan", country="Korea", region="Asia-Pacific")
    return Cast(
        city=city,
        owner=make_user("city", member=city, name="Owner"),
        colleague=make_user("city", member=city, name="Colleague"),
        other_city=make_user("city", member=other, name="Other City"),
        provider=provider,
        provider_user=make_user("provider", member=provider, name="Provider"),
        stranger_provider=make_user("provider", member=stranger, name="Stranger"),
        reviewer=make_user("reviewer", name="Reviewer"),
        reviewer_out=make_user("reviewer", regions=["Africa"], name="Africa Office"),
        admin=make_user("admin", name="Admin"),
    )


@pytest.fixture
def application_in(cast, make_application, make_match):
    """``application_in(state)``: an application of the cast's city in ``state``.

    Past submission it has the cast's reviewer as assignee; the cast's provider
    holds a match on it (``accepted`` unless told), so that it can see it.
    """

    def make(state: str, *, match_state: str | None = "accepted", **kw):
        if state not in {"draft", "submitted"}:
            kw.setdefault("assignee", cast.reviewer)
        app = make_application(cast.owner, state=state, **kw)
        if match_state is not None:
            make_match(app, cast.provider, state=match_state)
        return app

    return make


# -- the people of the page tests ---------------------------------------------------------


@pytest.fixture
def people(make_member, make_user, make_provider):
    """A city with two users, a provider with an offer-able profile, staff in and out of region."""
    city = make_member("local_government", name="Suwon", country="Korea", region="Asia-Pacific")
    other = make_member("local_government", name="Busan", country="Korea", region="Asia-Pacific")
    provider = make_provider(name="Aqua Sensing")
    stranger = make_provider(name="Elsewhere Ltd")
    return SimpleNamespace(
        city=city,
        owner=make_user("city", member=city, name="Owner"),
        colleague=make_user("city", member=city, name="Colleague"),
        other_city=make_user("city", member=other, name="Other City"),
        provider=provider,
        provider_user=make_user("provider", member=provider, name="Provider"),
        stranger=make_user("provider", member=stranger, name="Stranger"),
        reviewer=make_user("reviewer", name="Rui Reviewer"),
        reviewer_out=make_user("reviewer", regions=["Africa"], name="Africa Office"),
        admin=make_user("admin", name="Admin"),
    )


@pytest.fixture
def app_in(people, make_application, make_match):
    """``app_in(state)``: an application of the people's city, with the provider's match."""

    def make(state, *, match_state="accepted", **kw):
        if state not in {"draft", "submitted"}:
            kw.setdefault("assignee", people.reviewer)
        application = make_application(people.owner, state=state, **kw)
        if match_state is not None:
            make_match(application, people.provider, state=match_state)
        return application

    return make


# -- exports ------------------------------------------------------------------------------


@pytest.fixture
def read_export():
    """``read_export(response)``: the rows of a CSV or XLSX download, headings first, as text."""
    import csv
    import io

    from openpyxl import load_workbook

    def read(response) -> list[list[str]]:
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        assert response.headers["Content-Disposition"].startswith("attachment; filename=")
        data = response.get_data()
        if response.mimetype == "text/csv":
            text = data.decode("utf-8")
            assert text.startswith("\ufeff")
            return list(csv.reader(io.StringIO(text[1:])))
        sheet = load_workbook(io.BytesIO(data), read_only=True).active
        return [
            ["" if v is None else (f"{v:g}" if isinstance(v, float) else str(v)) for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]

    return read
