"""Security headers on every page, for every role, and no inline script, handler or style.

The walk covers every GET rule of the app without arguments, and the rules with
arguments filled from the demo data (its applications, matches, providers, calls,
proposals, projects, bids, documents, assessments, solutions and Plan Exchange
projects), as each demo account and anonymously.
"""

from __future__ import annotations

import re

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from driver import demo
from driver.activator.models import Assessment
from driver.catalogue.models import Solution
from driver.extensions import db
from driver.implementer.models import Bid, Call, ImplementerDocument, ImplementerProject, Proposal
from driver.main.security import CONTENT_SECURITY_POLICY
from driver.matchmaking.models import Match
from driver.members.models import ProviderProfile
from driver.members.services import seed_reference_data
from driver.notifications.kinds import editable_kinds
from driver.plan_exchange.models import Project
from driver.solution_finder.models import Application

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
ROLES = ("admin", "reviewer", "seoul", "breeze")

_TAG = re.compile(r"<[a-zA-Z][^>]*>", re.S)
_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
_STYLE = re.compile(r"\sstyle\s*=", re.I)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def inline_problems(html: str) -> list[str]:
    """What in ``html`` the CSP would block: inline scripts, event handlers, style attributes."""
    problems = []
    for attributes, body in _SCRIPT.findall(html):
        if "src=" not in attributes or body.strip():
            problems.append("inline <script>")
    for tag in _TAG.findall(html):
        if tag.lower().startswith("<script"):
            continue
        if _HANDLER.search(tag):
            problems.append(f"event handler in {tag[:80]}")
        if _STYLE.search(tag):
            problems.append(f"style attribute in {tag[:80]}")
    return problems


def header_problems(response) -> list[str]:
    headers = response.headers
    problems = [
        f"{name}: {headers.get(name)!r}"
        for name, value in EXPECTED.items()
        if headers.get(name) != value
    ]
    csp = headers.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"):
        if directive not in csp:
            problems.append(f"CSP lacks {directive}")
    if "unsafe-inline" in csp or "unsafe-eval" in csp:
        problems.append("CSP allows inline code")
    if "camera=()" not in headers.get("Permissions-Policy", ""):
        problems.append("Permissions-Policy")
    return problems


def test_the_policy_allows_only_this_site():
    for directive in CONTENT_SECURITY_POLICY.split("; "):
        sources = directive.split()[1:]
        assert set(sources) <= {"'self'", "'none'", "data:"}, directive


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script src="/static/x.js">alert(1)</script>',
        '<button onclick="go()">Go</button>',
        '<a href="#" ONMOUSEOVER = "x()">x</a>',
        '<div style="color: red">x</div>',
    ],
)
def test_the_inline_check_catches_what_the_policy_blocks(html):
    assert inline_problems(html)


def test_the_inline_check_lets_plain_pages_pass():
    html = '<script src="/static/app.js"></script><p class="once">online; style="x" as text</p>'
    assert inline_problems(html) == []


def _urls(app) -> list[str]:
    """Every GET page without arguments, and the ones with arguments filled from the data."""
    first = {
        "app_id": db.session.scalar(select(Application.id).order_by(Application.id)),
        "match_id": db.session.scalar(select(Match.id).order_by(Match.id)),
        "member_id": db.session.scalar(select(ProviderProfile.member_id)),
        "assessment_id": db.session.scalar(select(Assessment.id)),
        "solution_id": db.session.scalar(select(Solution.id)),
        "project_id": db.session.scalar(select(Project.id)),
        "call_id": db.session.scalar(select(Call.id)),
        "proposal_id": db.session.scalar(select(Proposal.id)),
        "bid_id": db.session.scalar(select(Bid.id)),
        "document_id": db.session.scalar(select(ImplementerDocument.id)),
        "kind": editable_kinds()[0].name,
        "area": "water-management",
        "trigger": "withdraw",
    }
    implementer_project = db.session.scalar(select(ImplementerProject.id))
    urls = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            values = {}
            for name in rule.arguments:
                value = first.get(name)
                if name == "project_id" and rule.rule.startswith("/implementer"):
                    value = implementer_project
                values[name] = value
            if any(v is None for v in values.values()):
                continue
            urls.append(url_for(rule.endpoint, **values))
    return sorted(set(urls))


@pytest.fixture
def demo_world(monkeypatch):
    monkeypatch.setattr(
        "driver.auth.models._hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    seed_reference_data()
    demo.load_demo()
    db.session.commit()


def test_every_page_has_the_headers_and_no_inline_code(app, browser, demo_world):
    urls = _urls(app)
    assert len(urls) > 60  # the walk really covers the app
    users = {
        role: db.session.scalar(
            select(demo.User).where(demo.User.email == f"{role}@demo.we-gov.org")
        )
        for role in ROLES
    }
    problems = []
    statuses = set()
    for role in ("anonymous", *ROLES):
        b = browser()
        if role != "anonymous":
            b.login(users[role], demo.DEMO_PASSWORD)
        for url in urls:
            response = b.client.get(url)
            statuses.add(response.status_code)
            problems += [f"{role} {url}: {p}" for p in header_problems(response)]
            if response.mimetype == "text/html":
                html = response.get_data(as_text=True)
                problems += [f"{role} {url}: {p}" for p in inline_problems(html)]
    assert problems == []
    assert 200 in statuses and 404 in statuses  # pages seen, and refusals checked too
