"""Every page and API list runs a fixed number of SQL statements, whatever the data's size.

The demo load (driver.loadgen) is generated at two sizes, about 10 and about
1,000 applications (with their matches, history, proposals, projects…); every
GET route of the app is requested as the role it is for, and the statements
each request runs are counted (SQLAlchemy's ``before_cursor_execute``; the
SQLite PRAGMAs run on connect bypass it, as they should: they are per
connection, not per request). A route missing from BUDGETS fails the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask, url_for
from sqlalchemy import event, select

from driver import loadgen
from driver.api.auth import issue_token
from driver.auth.models import User
from driver.extensions import db
from driver.implementer.models import Bid, Call, ImplementerProject, Proposal
from driver.matchmaking.models import Match
from driver.notifications.kinds import editable_kinds
from driver.plan_exchange.models import Project
from driver.solution_finder.models import Application

SMALL, LARGE = 0.0005, 0.05  # about 10 and 1,000 applications
MAX_BUDGET = 12

W = dict[str, Any]  # the ids the pages are asked about (see find_world)
Route = tuple[str, int, Callable[[W], dict[str, Any]]]  # who, budget, URL arguments


def _none(_w: W) -> dict[str, Any]:
    return {}


# endpoint -> (who asks, most statements allowed, the URL's arguments)
BUDGETS: dict[str, Route] = {
    "main.index": ("anonymous", 0, _none),
    "auth.login": ("anonymous", 0, _none),
    "auth.account": ("city", 3, _none),
    "main.dashboard": ("reviewer", 12, _none),
    "notifications.preferences": ("city", 3, _none),
    "notifications.index": ("city", 4, _none),
    # Solution Finder and matchmaking
    "solution_finder.index": ("city", 5, _none),
    "solution_finder.queue": ("reviewer", 7, _none),
    "solution_finder.new": ("city", 2, _none),
    "solution_finder.show": ("owner", 11, lambda w: {"app_id": w["app"]}),
    "solution_finder.edit": ("draft_owner", 4, lambda w: {"app_id": w["draft"]}),
    "solution_finder.transition": (
        "reviewer",
        4,
        lambda w: {"app_id": w["submitted"], "trigger": "start_review"},
    ),
    "matchmaking.choose": ("owner", 8, lambda w: {"app_id": w["app"]}),
    "matchmaking.suggestions": ("reviewer", 12, lambda w: {"app_id": w["app"]}),
    "matchmaking.show": ("provider", 9, lambda w: {"match_id": w["match"]}),
    "matchmaking.transition": (
        "provider",
        5,
        lambda w: {"match_id": w["match"], "trigger": "accept"},
    ),
    "matchmaking.offers": ("provider", 7, _none),
    "members.providers": ("reviewer", 7, _none),
    "members.profile": ("reviewer", 6, lambda w: {"member_id": w["provider_member"]}),
    "members.edit_profile": ("provider", 6, lambda w: {"member_id": w["provider_member"]}),
    "catalogue.index": ("city", 4, _none),
    "catalogue.new": ("provider", 2, _none),
    "catalogue.show": ("provider", 4, lambda w: {"solution_id": w["solution"]}),
    "catalogue.edit": ("provider", 4, lambda w: {"solution_id": w["solution"]}),
    # Activator and Plan Exchange
    "activator.index": ("assessor", 6, _none),
    "activator.overview": ("assessor", 5, lambda w: {"assessment_id": w["assessment"]}),
    "activator.answer": (
        "assessor",
        5,
        lambda w: {"assessment_id": w["assessment"], "area": "water-management"},
    ),
    "activator.results": ("assessor", 12, lambda w: {"assessment_id": w["assessment"]}),
    "plan_exchange.index": ("anonymous", 5, _none),
    "plan_exchange.show": ("anonymous", 4, lambda w: {"project_id": w["published"]}),
    "plan_exchange.mine": ("plan_owner", 4, _none),
    "plan_exchange.new": ("plan_owner", 2, _none),
    "plan_exchange.review": ("reviewer", 6, _none),
    "plan_exchange.edit": ("plan_owner", 5, lambda w: {"project_id": w["plan_draft"]}),
    "plan_exchange.transition": (
        "plan_owner",
        3,
        lambda w: {"project_id": w["plan_draft"], "trigger": "submit"},
    ),
    # Project Implementer
    "implementer.home": ("city", 10, _none),
    "implementer.calls": ("admin", 5, _none),
    "implementer.new_call": ("admin", 3, _none),
    "implementer.call": ("admin", 10, lambda w: {"call_id": w["closed_call"]}),
    "implementer.edit_call": ("admin", 5, lambda w: {"call_id": w["draft_call"]}),
    "implementer.ranking": ("admin", 11, lambda w: {"call_id": w["closed_call"]}),
    "implementer.call_transition": (
        "admin",
        4,
        lambda w: {"call_id": w["draft_call"], "trigger": "open"},
    ),
    "implementer.new_proposal": ("newcomer", 4, lambda w: {"call_id": w["open_call"]}),
    "implementer.proposals_list": ("reviewer", 7, _none),
    "implementer.proposal": ("reviewer", 11, lambda w: {"proposal_id": w["eligible"]}),
    "implementer.edit_proposal": (
        "proposal_owner",
        5,
        lambda w: {"proposal_id": w["draft_proposal"]},
    ),
    "implementer.review": ("reviewer", 8, lambda w: {"proposal_id": w["eligible"]}),
    "implementer.proposal_transition": (
        "reviewer",
        4,
        lambda w: {"proposal_id": w["eligible"], "trigger": "shortlist"},
    ),
    "implementer.projects_list": ("reviewer", 7, _none),
    "implementer.project": ("admin", 10, lambda w: {"project_id": w["tendering"]}),
    "implementer.tender": ("admin", 5, lambda w: {"project_id": w["preparing"]}),
    "implementer.select_consultant": ("admin", 6, lambda w: {"project_id": w["tendering"]}),
    "implementer.project_transition": (
        "admin",
        4,
        lambda w: {"project_id": w["tendering"], "trigger": "cancel"},
    ),
    "implementer.tenders": ("bidder", 8, _none),
    "implementer.new_bid": ("outsider", 5, lambda w: {"project_id": w["tendering"]}),
    "implementer.bid": ("bidder", 9, lambda w: {"bid_id": w["bid"]}),
    "implementer.edit_bid": ("bidder", 5, lambda w: {"bid_id": w["bid"]}),
    "implementer.bid_transition": (
        "bidder",
        5,
        lambda w: {"bid_id": w["bid"], "trigger": "submit"},
    ),
    # Administration
    "admin.users": ("admin", 5, _none),
    "admin.new_user": ("admin", 4, _none),
    "admin.emails": ("admin", 4, _none),
    "admin.email": ("admin", 4, lambda w: {"kind": w["kind"]}),
    "admin.outbox_status": ("admin", 9, _none),
    "admin.members": ("admin", 5, _none),
    "admin.new_member": ("admin", 3, _none),
    "admin.edit_member": ("admin", 4, lambda w: {"member_id": w["provider_member"]}),
    "admin.import_members": ("admin", 3, _none),
    "admin.security": ("admin", 4, _none),
    "admin.security_events": ("admin", 4, _none),
    "auth.two_factor_setup": ("city", 2, _none),
    "members.public": ("anonymous", 5, _none),
    "reports.index": ("reviewer", 3, _none),
    "reports.funnel": ("reviewer", 5, _none),
    "reports.time_in_state": ("reviewer", 4, _none),
    "reports.geography": ("reviewer", 5, _none),
    "reports.matchmaking": ("reviewer", 4, _none),
    "reports.self_assessment": ("reviewer", 5, _none),
    "reports.membership": ("reviewer", 4, _none),
    # JSON API (bearer token)
    "api_areas.index": ("api:city", 4, _none),
    "api_members.index": ("api:reviewer", 4, _none),
    "api_fees.calculate": ("api:city", 2, lambda w: {"query_string": w["fee_query"]}),
    "api_providers.show": ("api:reviewer", 5, lambda w: {"member_id": w["provider_member"]}),
    "api_applications.index": ("api:reviewer", 6, _none),
    "api_applications.show": ("api:reviewer", 5, lambda w: {"app_id": w["app"]}),
    "api_applications.history": ("api:reviewer", 5, lambda w: {"app_id": w["app"]}),
    "api_applications.suggestions": ("api:reviewer", 11, lambda w: {"app_id": w["app"]}),
    "api_matches.index": ("api:reviewer", 7, _none),
    "api_matches.show": ("api:provider", 5, lambda w: {"match_id": w["match"]}),
    "api_activator.index": ("api:assessor", 6, _none),
    "api_activator.show": ("api:assessor", 9, lambda w: {"assessment_id": w["assessment"]}),
    "api_activator.questions": ("api:assessor", 2, _none),
    "api_plan_exchange.index": ("api:reviewer", 7, _none),
    "api_plan_exchange.show": ("api:reviewer", 6, lambda w: {"project_id": w["published"]}),
    "api_implementer_calls.index": ("api:admin", 9, _none),
    "api_implementer_calls.show": ("api:admin", 4, lambda w: {"call_id": w["closed_call"]}),
    "api_implementer_calls.history": ("api:admin", 4, lambda w: {"call_id": w["closed_call"]}),
    "api_implementer_calls.ranking": ("api:admin", 10, lambda w: {"call_id": w["closed_call"]}),
    "api_implementer_proposals.index": ("api:reviewer", 7, _none),
    "api_implementer_proposals.show": ("api:reviewer", 6, lambda w: {"proposal_id": w["eligible"]}),
    "api_implementer_proposals.history": (
        "api:reviewer",
        4,
        lambda w: {"proposal_id": w["eligible"]},
    ),
    "api_implementer_proposals.scores": (
        "api:reviewer",
        10,
        lambda w: {"proposal_id": w["eligible"]},
    ),
    "api_implementer_projects.index": ("api:admin", 6, _none),
    "api_implementer_projects.show": ("api:admin", 5, lambda w: {"project_id": w["tendering"]}),
    "api_implementer_projects.history": (
        "api:admin",
        4,
        lambda w: {"project_id": w["tendering"]},
    ),
    "api_implementer_projects.ranking": (
        "api:admin",
        6,
        lambda w: {"project_id": w["awarded_project"]},
    ),
    "api_implementer_bids.index": ("api:bidder", 7, _none),
    "api_implementer_bids.show": ("api:bidder", 5, lambda w: {"bid_id": w["bid"]}),
    "api_implementer_bids.history": ("api:bidder", 4, lambda w: {"bid_id": w["bid"]}),
}
# Routes that are not pages of data: files and the generated API reference.
NOT_PAGES = {
    "static": "files of the app, no database",
    "implementer.download": "streams an uploaded file (the load has none); one query, checked",
    "api-docs.openapi_json": "the generated OpenAPI document, no database",
    "api_reference.docs": "a static reference page",
    "admin.import_template": "the import's CSV template, no database",
    "auth.two_factor": "the second sign-in step: only reached from the first (tests/driver/auth)",
}


def test_every_get_route_has_a_budget(app: Flask):
    routes = {r.endpoint for r in app.url_map.iter_rules() if "GET" in r.methods}
    assert routes - set(BUDGETS) - set(NOT_PAGES) == set()
    assert set(BUDGETS) | set(NOT_PAGES) <= routes
    assert max(budget for _, budget, _ in BUDGETS.values()) <= MAX_BUDGET


def test_statements_per_request_stay_flat_and_within_budget(app: Flask, browser):
    small = _measure(app, browser, SMALL)
    _empty_load()
    large = _measure(app, browser, LARGE)
    report = [
        f"{endpoint}: status {small[endpoint][0]}/{large[endpoint][0]}, statements "
        f"{small[endpoint][1]}/{large[endpoint][1]}, budget {BUDGETS[endpoint][1]}"
        for endpoint in BUDGETS
        if large[endpoint][1] > small[endpoint][1]
        or large[endpoint][1] > BUDGETS[endpoint][1]
        or small[endpoint][0] != 200
        or large[endpoint][0] != 200
    ]
    assert not report, "\n".join(report)


def test_a_new_connections_settings_are_not_counted_as_statements(app: Flask):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("SQLite's PRAGMAs on connect")
    db.session.remove()
    db.engine.dispose()  # the next statement opens a connection, which runs the PRAGMAs
    with _counting() as statements:
        db.session.execute(select(User.id)).all()
    assert [s.split()[0] for s in statements] == ["SELECT"]


# -- measuring ------------------------------------------------------------------------


@contextmanager
def _counting() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        # SQLite's BEGIN (driver.db starts transactions itself) is transaction control, not a
        # query: PostgreSQL's driver sends it without SQLAlchemy seeing it.
        if not statement.lstrip().upper().startswith("BEGIN"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _measure(app: Flask, browser: Callable[..., Any], scale: float) -> dict[str, tuple[int, int]]:
    loadgen.generate(seed=7, scale=scale)
    world = find_world()
    clients: dict[str, Any] = {}
    seen: dict[str, tuple[int, int]] = {}
    for endpoint, (who, _budget, arguments) in BUDGETS.items():
        kwargs = dict(arguments(world))
        query_string = kwargs.pop("query_string", None)
        with app.test_request_context():
            url = url_for(endpoint, **kwargs)
        client, headers = _client_for(browser, clients, who, world)
        client.get(url, headers=headers, query_string=query_string)  # warm caches once
        with _counting() as statements:
            response = client.get(url, headers=headers, query_string=query_string)
        seen[endpoint] = (response.status_code, len(statements))
    return seen


def _client_for(browser: Callable[..., Any], clients: dict[str, Any], who: str, world: W):
    api = who.startswith("api:")
    name = who.removeprefix("api:")
    if name not in clients:
        user = db.session.get(User, world["users"][name]) if name != "anonymous" else None
        signed_in = browser()
        token = None
        if user is not None:
            signed_in.login(user, loadgen.LOAD_PASSWORD)
            token = issue_token(user).secret
            db.session.commit()
        clients[name] = (signed_in.client, token)
    client, token = clients[name]
    return client, ({"Authorization": f"Bearer {token}"} if api and token else {})


def _empty_load() -> None:
    tables = db.metadata.sorted_tables
    for table in reversed(tables):
        if table.name != "areas":
            db.session.execute(table.delete())
    db.session.commit()


def _first(stmt: Any) -> Any:
    found = db.session.scalars(stmt.limit(1)).first()
    assert found is not None, str(stmt)
    return found


def find_world() -> W:
    """The objects each page is asked about, and who asks, found in the load."""
    users = db.session.scalars(select(User).order_by(User.id)).all()
    by_role = {role: [u for u in users if u.role == role] for role in ("admin", "reviewer")}
    app = _first(select(Application).where(Application.state == "matchmaking").order_by("id"))
    match = _first(select(Match).where(Match.application_id == app.id, Match.state == "proposed"))
    draft = _first(select(Application).where(Application.state == "draft"))
    submitted = _first(select(Application).where(Application.state == "submitted"))
    plan_draft = _first(select(Project).where(Project.state == "draft"))
    published = _first(select(Project).where(Project.state == "published"))
    open_call = _first(select(Call).where(Call.state == "open"))
    draft_proposal = _first(
        select(Proposal).where(Proposal.call_id == open_call.id, Proposal.state == "draft")
    )
    eligible = _first(select(Proposal).where(Proposal.state == "eligible"))
    tendering = _first(
        select(ImplementerProject).where(ImplementerProject.state == "consultant_procurement")
    )
    awarded_project = _first(
        select(ImplementerProject).where(ImplementerProject.consultant_id.is_not(None))
    )
    bid = _first(select(Bid).where(Bid.project_id == tendering.id, Bid.state == "draft"))
    bidders = {
        b.provider_id for b in db.session.scalars(select(Bid).where(Bid.project_id == tendering.id))
    }
    applicants = {p.member_id for p in db.session.scalars(select(Proposal))}
    from driver.activator.models import Assessment
    from driver.catalogue.models import Solution

    assessment = _first(select(Assessment).order_by(Assessment.year.desc()))
    solution = _first(select(Solution).where(Solution.provider_id == match.provider_id))

    def user_of(member_id: int) -> int:
        return next(u.id for u in users if u.member_id == member_id)

    return {
        "users": {
            "admin": by_role["admin"][0].id,
            "reviewer": next(u.id for u in by_role["reviewer"] if not u.regions),
            "city": app.created_by_id,
            "owner": app.created_by_id,
            "draft_owner": draft.created_by_id,
            "provider": user_of(match.provider_id),
            "assessor": user_of(assessment.member_id),
            "plan_owner": user_of(plan_draft.member_id),
            "proposal_owner": draft_proposal.created_by_id,
            "newcomer": next(
                u.id for u in users if u.role == "city" and u.member_id not in applicants
            ),
            "bidder": bid.created_by_id,
            "outsider": next(
                u.id for u in users if u.role == "provider" and u.member_id not in bidders
            ),
        },
        "app": app.id,
        "match": match.id,
        "draft": draft.id,
        "submitted": submitted.id,
        "provider_member": match.provider_id,
        "solution": solution.id,
        "assessment": assessment.id,
        "plan_draft": plan_draft.id,
        "published": published.id,
        "open_call": open_call.id,
        "closed_call": _first(select(Call.id).where(Call.state == "closed")),
        "draft_call": _first(select(Call.id).where(Call.state == "draft")),
        "draft_proposal": draft_proposal.id,
        "eligible": eligible.id,
        "tendering": tendering.id,
        "awarded_project": awarded_project.id,
        "preparing": _first(
            select(ImplementerProject.id).where(ImplementerProject.state == "preparation")
        ),
        "bid": bid.id,
        "kind": editable_kinds()[0].name,
        "fee_query": {"category": "corporation", "employees": 120},
    }
