"""Who may open each page of the dashboards, provider, notification, admin and account work.

One row per page, one column per kind of visitor. Out of scope answers 404, like a
page that is not there; anonymous visitors are sent to the sign-in page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from driver.auth.models import User
from driver.members.models import Member

LOGIN = "→login"
DASHBOARD = "→dashboard"
ROLES = ("anonymous", "city", "provider", "reviewer", "regional_reviewer", "admin")

# method, path ({own}: the provider user's organisation, {other}: another verified provider,
# {unverified}: a provider WeGO has not verified, {user}: a city account), then the answer
# for each of ROLES.
PAGES = [
    ("GET", "/", 200, DASHBOARD, DASHBOARD, DASHBOARD, DASHBOARD, DASHBOARD),
    ("GET", "/dashboard", LOGIN, 200, 200, 200, 200, 200),
    ("GET", "/providers", LOGIN, 404, 404, 200, 200, 200),
    ("GET", "/providers/{own}", LOGIN, 200, 200, 200, 200, 200),
    ("GET", "/providers/{other}", LOGIN, 200, 404, 200, 200, 200),
    ("GET", "/providers/{unverified}", LOGIN, 404, 404, 200, 200, 200),
    ("GET", "/providers/{city}", LOGIN, 404, 404, 404, 404, 404),
    ("GET", "/providers/{own}/edit", LOGIN, 404, 200, 404, 404, 200),
    ("GET", "/providers/{other}/edit", LOGIN, 404, 404, 404, 404, 200),
    ("POST", "/providers/{other}/verify", LOGIN, 404, 404, 404, 404, 302),
    ("GET", "/notifications", LOGIN, 200, 200, 200, 200, 200),
    ("POST", "/notifications/read", LOGIN, 302, 302, 302, 302, 302),
    ("GET", "/admin/users", LOGIN, 404, 404, 404, 404, 200),
    ("GET", "/admin/users/new", LOGIN, 404, 404, 404, 404, 200),
    ("POST", "/admin/users/{user}/active", LOGIN, 404, 404, 404, 404, 302),
    ("GET", "/account", LOGIN, 200, 200, 200, 200, 200),
    ("GET", "/members", 200, 200, 200, 200, 200, 200),
    ("GET", "/admin/members", LOGIN, 404, 404, 404, 404, 200),
    ("GET", "/admin/members?format=csv", LOGIN, 404, 404, 404, 404, 200),
    ("GET", "/admin/members/new", LOGIN, 404, 404, 404, 404, 200),
    ("GET", "/admin/members/{city}/edit", LOGIN, 404, 404, 404, 404, 200),
    ("GET", "/admin/members/import", LOGIN, 404, 404, 404, 404, 200),
    ("POST", "/admin/members/import/confirm", LOGIN, 404, 404, 404, 404, 302),
    ("GET", "/admin/members/import/template.csv", LOGIN, 404, 404, 404, 404, 200),
]


@dataclass
class Site:
    users: dict[str, User | None]
    members: dict[str, Member]


@pytest.fixture
def site(make_member, make_user, make_provider) -> Site:
    own = make_provider(name="Own Sensors")
    city = make_member("local_government", name="Suwon")
    users: dict[str, User | None] = {
        "anonymous": None,
        "city": make_user("city", member=city),
        "provider": make_user("provider", member=own),
        "reviewer": make_user("reviewer"),
        "regional_reviewer": make_user("reviewer", regions=["Africa"]),
        "admin": make_user("admin"),
    }
    members = {
        "own": own,
        "other": make_provider(name="Other Sensors"),
        "unverified": make_provider(name="New Sensors", verified=False),
        "city": city,
    }
    return Site(users=users, members=members)


def _cases():
    for method, path, *answers in PAGES:
        for role, expected in zip(ROLES, answers, strict=True):
            yield pytest.param(method, path, role, expected, id=f"{method} {path} {role}")


@pytest.mark.parametrize(("method", "path", "role", "expected"), list(_cases()))
def test_page_answers_each_visitor(browser, site, method, path, role, expected):
    url = path.format(
        **{key: member.id for key, member in site.members.items()},
        user=site.users["city"].id,
    )
    visitor = browser(site.users[role])
    if method == "GET":
        response = visitor.get(url)
    else:
        response = visitor.post(url, {"verified": "1", "active": "0"})
    if expected == LOGIN:
        assert (response.status_code, response.headers["Location"].split("?")[0]) == (
            302,
            "/login",
        )
    elif expected == DASHBOARD:
        assert (response.status_code, response.headers["Location"]) == (302, "/dashboard")
    else:
        assert response.status_code == expected
