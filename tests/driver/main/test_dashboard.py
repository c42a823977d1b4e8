"""The landing page and each role's dashboard: what waits for the user appears, nothing else."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event

from driver.db import utcnow
from driver.extensions import db
from driver.main.dashboard import city_dashboard, provider_dashboard, staff_dashboard

STALE = timedelta(days=7)


@pytest.fixture
def city(make_member):
    return make_member("local_government", name="Suwon", region="Asia-Pacific")


@pytest.fixture
def owner(make_user, city):
    return make_user("city", member=city)


@pytest.fixture
def african_owner(make_member, make_user):
    nairobi = make_member("local_government", name="Nairobi", country="Kenya", region="Africa")
    return make_user("city", member=nairobi)


def _titles(rows):
    return [row.application.title for row in rows]


def _section(html: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by ``heading_id``."""
    found = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert found, f"no section {heading_id}"
    return found.group(0)


def _age(obj, days):
    obj.state_changed_at = utcnow() - timedelta(days=days)
    db.session.commit()
    return obj


# -- landing page ---------------------------------------------------------------------


def test_landing_page_explains_the_three_parts(browser):
    html = browser().get("/").get_data(as_text=True)
    assert all(part in html for part in ("Activator", "Solution Finder", "Project Implementer"))


def test_landing_page_links_to_sign_in(browser):
    assert 'href="/login"' in browser().get("/").get_data(as_text=True)


# -- city -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "match_state", "waits"),
    [
        ("draft", None, True),
        ("submitted", None, False),
        ("in_review", None, False),
        ("awaiting_clarification", None, True),
        ("feedback_given", None, False),
        ("matchmaking", None, False),
        ("matchmaking", "proposed", False),
        ("matchmaking", "accepted", True),
        ("partnered", "selected", True),
        ("implementing", "selected", False),
        ("declined", None, False),
        ("withdrawn", None, False),
        ("completed", "selected", False),
    ],
)
def test_city_waiting_list_holds_what_the_city_must_do(
    owner, make_application, make_provider, make_match, state, match_state, waits
):
    app = make_application(owner, state=state, title=f"In {state}")
    if match_state:
        make_match(app, make_provider(), state=match_state)
    assert (app.title in _titles(city_dashboard(owner).waiting)) is waits


def test_city_waiting_list_is_oldest_first(owner, make_application):
    _age(make_application(owner, state="draft", title="Recent"), 1)
    _age(make_application(owner, state="awaiting_clarification", title="Old"), 9)
    assert _titles(city_dashboard(owner).waiting) == ["Old", "Recent"]


def test_city_sees_how_many_partners_accepted(owner, make_application, make_provider, make_match):
    app = make_application(owner, state="matchmaking")
    for match_state in ("accepted", "accepted", "proposed"):
        make_match(app, make_provider(), state=match_state)
    assert city_dashboard(owner).waiting[0].accepted == 2


def test_city_lists_its_colleagues_applications(owner, make_user, city, make_application):
    colleague = make_user("city", member=city)
    make_application(colleague, state="submitted", title="By a colleague")
    assert _titles(city_dashboard(owner).applications) == ["By a colleague"]


def test_city_does_not_see_another_citys_applications(owner, african_owner, make_application):
    make_application(african_owner, state="draft", title="Not yours")
    board = city_dashboard(owner)
    assert (board.applications, board.waiting) == ([], [])


def test_city_dashboard_shows_public_labels_not_state_names(browser, owner, make_application):
    make_application(owner, state="awaiting_clarification")
    html = browser(owner).get("/dashboard").get_data(as_text=True)
    assert "Waiting for your answer" in html and "awaiting_clarification" not in html


def test_city_dashboard_shows_the_step(browser, owner, make_application):
    make_application(owner, state="feedback_given")
    html = browser(owner).get("/dashboard").get_data(as_text=True)
    assert "Step 2 of 4: Review and feedback" in html


def test_city_dashboard_offers_to_start_an_application(browser, owner):
    html = browser(owner).get("/dashboard").get_data(as_text=True)
    assert 'href="/applications/new"' in html


def test_city_dashboard_says_when_nothing_waits(browser, owner, make_application):
    make_application(owner, state="in_review")
    html = browser(owner).get("/dashboard").get_data(as_text=True)
    assert "Nothing waits for you right now." in _section(html, "waiting-heading")


# -- reviewer and admin -----------------------------------------------------------------


def _board(user):
    return staff_dashboard(user, now=utcnow(), stale_after=STALE)


def _count(board, state):
    return next(c.count for c in board.counts if c.state == state)


@pytest.mark.parametrize(("regions", "expected"), [((), 2), (("Africa",), 1), (("Europe",), 0)])
def test_staff_counts_applications_in_scope(
    make_user, owner, african_owner, make_application, regions, expected
):
    make_application(owner, state="submitted")
    make_application(african_owner, state="submitted")
    assert _count(_board(make_user("reviewer", regions=regions)), "submitted") == expected


def test_staff_counts_are_per_state(make_user, owner, make_application):
    for state in ("submitted", "submitted", "in_review", "matchmaking"):
        make_application(owner, state=state)
    board = _board(make_user("admin"))
    assert [(c.state, c.count) for c in board.counts if c.count] == [
        ("submitted", 2),
        ("in_review", 1),
        ("matchmaking", 1),
    ]


def test_staff_counts_leave_out_drafts(make_user, owner, make_application):
    make_application(owner, state="draft")
    assert _board(make_user("reviewer")).total == 0


def test_staff_sees_the_oldest_submitted_first(make_user, owner, make_application):
    for title, days in (("Newer", 2), ("Oldest", 20), ("Older", 10)):
        app = make_application(owner, state="submitted", title=title)
        app.submitted_at = utcnow() - timedelta(days=days)
        db.session.commit()
    assert _titles(_board(make_user("reviewer")).submitted) == ["Oldest", "Older", "Newer"]


def test_staff_sees_at_most_ten_waiting_for_a_reviewer(make_user, owner, make_application):
    for _ in range(12):
        make_application(owner, state="submitted")
    board = _board(make_user("reviewer"))
    assert (len(board.submitted), board.submitted_total) == (10, 12)


@pytest.mark.parametrize(
    ("state", "mine", "waits"),
    [
        ("in_review", True, True),
        ("feedback_given", True, True),
        ("implementing", True, True),
        ("awaiting_clarification", True, False),
        ("matchmaking", True, False),
        ("completed", True, False),
        ("in_review", False, False),
    ],
)
def test_staff_sees_assigned_work_waiting_for_them(
    make_user, owner, make_application, state, mine, waits
):
    me, colleague = make_user("reviewer"), make_user("reviewer")
    make_application(owner, state=state, assignee=me if mine else colleague, title="Case")
    assert (_titles(_board(me).assigned) == ["Case"]) is waits


@pytest.mark.parametrize(
    ("match_state", "days", "flagged"),
    [("proposed", 8, True), ("proposed", 6, False), ("accepted", 30, False)],
)
def test_staff_sees_offers_left_unanswered(
    make_user, owner, make_application, make_provider, make_match, match_state, days, flagged
):
    app = make_application(owner, state="matchmaking")
    _age(make_match(app, make_provider(), state=match_state), days)
    assert bool(_board(make_user("reviewer")).stale_matches) is flagged


def test_regional_reviewer_sees_no_unanswered_offer_outside_its_regions(
    make_user, owner, make_application, make_provider, make_match
):
    _age(make_match(make_application(owner, state="matchmaking"), make_provider()), 30)
    assert _board(make_user("reviewer", regions=["Africa"])).stale_matches == []


def test_staff_dashboard_links_counts_to_the_queue(browser, make_user, owner, make_application):
    make_application(owner, state="in_review")
    html = browser(make_user("reviewer")).get("/dashboard").get_data(as_text=True)
    assert 'href="/review?state=in_review"' in html


def test_staff_dashboard_uses_staff_labels(browser, make_user, owner, make_application):
    make_application(owner, state="awaiting_clarification", assignee=None)
    html = browser(make_user("reviewer")).get("/dashboard").get_data(as_text=True)
    assert "Waiting for the city&#39;s answer" in _section(html, "states-heading")


# -- provider ---------------------------------------------------------------------------


@pytest.fixture
def provider(make_provider):
    return make_provider(name="Aqua Sensing")


@pytest.fixture
def provider_user(make_user, provider):
    return make_user("provider", member=provider)


@pytest.mark.parametrize(
    ("match_state", "app_state", "group"),
    [
        ("proposed", "matchmaking", "proposed"),
        ("accepted", "matchmaking", "accepted"),
        ("selected", "partnered", "engaged"),
        ("selected", "implementing", "engaged"),
        ("selected", "completed", None),
        ("declined", "matchmaking", None),
        ("retracted", "matchmaking", None),
        ("not_selected", "partnered", None),
    ],
)
def test_provider_sees_its_offers_by_what_they_wait_for(
    owner, make_application, make_match, provider, provider_user, match_state, app_state, group
):
    make_match(make_application(owner, state=app_state), provider, state=match_state)
    board = provider_dashboard(provider_user)
    groups = {name: getattr(board, name) for name in ("proposed", "accepted", "engaged")}
    assert [name for name, matches in groups.items() if matches] == ([group] if group else [])


def test_provider_does_not_see_offers_to_others(
    owner, make_application, make_match, make_provider, provider_user
):
    make_match(make_application(owner, state="matchmaking"), make_provider())
    assert provider_dashboard(provider_user).proposed == []


def test_unverified_provider_is_warned(browser, make_provider, make_user):
    user = make_user("provider", member=make_provider(verified=False))
    html = browser(user).get("/dashboard").get_data(as_text=True)
    assert "Your profile is not verified yet." in html


def test_verified_provider_is_not_warned(browser, provider_user):
    html = browser(provider_user).get("/dashboard").get_data(as_text=True)
    assert "not verified yet" not in html


def test_provider_dashboard_links_to_its_profile(browser, provider, provider_user):
    html = browser(provider_user).get("/dashboard").get_data(as_text=True)
    assert f'href="/providers/{provider.id}"' in html


def test_provider_reads_public_labels(
    browser, owner, make_application, make_match, provider, provider_user
):
    make_match(make_application(owner, state="matchmaking"), provider)
    html = browser(provider_user).get("/dashboard").get_data(as_text=True)
    assert "Waiting for an answer" in _section(html, "proposed-heading")


# -- the number of queries stays flat as data grows -------------------------------------


@contextmanager
def _counting_queries():
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _queries_for_dashboard(visitor) -> int:
    with _counting_queries() as statements:
        assert visitor.get("/dashboard").status_code == 200
    return len(statements)


def _add_work(owner, provider, reviewer, make_application, make_match, make_provider):
    for state in ("draft", "awaiting_clarification", "submitted", "partnered"):
        make_application(owner, state=state)
    mine = make_application(owner, state="in_review", assignee=reviewer)
    del mine
    app = make_application(owner, state="matchmaking")
    _age(make_match(app, provider, state="proposed"), 30)
    make_match(app, make_provider(), state="accepted")
    make_match(make_application(owner, state="matchmaking"), provider, state="accepted")
    make_match(make_application(owner, state="implementing"), provider, state="selected")


@pytest.mark.parametrize("role", ["city", "provider", "reviewer", "admin"])
def test_dashboard_queries_do_not_grow_with_data(
    browser, make_user, owner, provider_user, make_application, make_match, make_provider, role
):
    reviewer = make_user(role) if role in {"reviewer", "admin"} else make_user("reviewer")
    user = {"city": owner, "provider": provider_user}.get(role, reviewer)
    visitor = browser(user)
    work = (owner, provider_user.member, reviewer, make_application, make_match, make_provider)
    _add_work(*work)
    first = _queries_for_dashboard(visitor)
    for _ in range(3):
        _add_work(*work)
    assert _queries_for_dashboard(visitor) == first
