"""The notification centre: a user's own notices, newest first; opening one; all read."""

from __future__ import annotations

from datetime import timedelta

import pytest

from driver import transitions
from driver.db import utcnow
from driver.extensions import db
from driver.notifications.models import Notification
from driver.solution_finder.services import BINDING


@pytest.fixture
def user(make_user):
    return make_user("city")


@pytest.fixture
def make_notice():
    def make(user, message="Flood warnings: Under review", *, link="/applications/7", read=False):
        notice = Notification(
            user_id=user.id,
            kind="application.start_review",
            message=message,
            link=link,
            read_at=utcnow() if read else None,
        )
        db.session.add(notice)
        db.session.commit()
        return notice

    return make


def _read_at(notice):
    return db.session.get(Notification, notice.id).read_at


def test_centre_lists_the_users_notices_newest_first(browser, user, make_notice):
    make_notice(user, "First notice")
    make_notice(user, "Second notice")
    html = browser(user).get("/notifications").get_data(as_text=True)
    assert html.index("Second notice") < html.index("First notice")


def test_centre_shows_no_one_elses_notices(browser, user, make_user, make_notice):
    make_notice(make_user("reviewer"), "Someone else's notice")
    html = browser(user).get("/notifications").get_data(as_text=True)
    assert "Someone else" not in html


@pytest.mark.parametrize(("read", "marked"), [(False, True), (True, False)])
def test_unread_notices_are_marked_in_words(browser, user, make_notice, read, marked):
    make_notice(user, read=read)
    html = browser(user).get("/notifications").get_data(as_text=True)
    assert (">Unread<" in html) is marked


def test_read_notice_links_to_its_object(browser, user, make_notice):
    make_notice(user, link="/applications/42", read=True)
    html = browser(user).get("/notifications").get_data(as_text=True)
    assert 'href="/applications/42"' in html


def test_unread_notice_opens_through_a_form(browser, user, make_notice):
    notice = make_notice(user)
    html = browser(user).get("/notifications").get_data(as_text=True)
    assert f'action="/notifications/{notice.id}/read"' in html


def test_viewing_the_centre_marks_nothing_read(browser, user, make_notice):
    notice = make_notice(user)
    browser(user).get("/notifications")
    assert _read_at(notice) is None


def test_opening_a_notice_goes_to_its_object(browser, user, make_notice):
    notice = make_notice(user, link="/applications/42")
    response = browser(user).post(f"/notifications/{notice.id}/read")
    assert response.headers["Location"] == "/applications/42"


def test_opening_a_notice_marks_it_read(browser, user, make_notice):
    notice = make_notice(user)
    browser(user).post(f"/notifications/{notice.id}/read")
    assert _read_at(notice) is not None


def test_opening_a_read_notice_keeps_when_it_was_read(browser, user, make_notice):
    notice = make_notice(user, read=True)
    notice.read_at = first = utcnow() - timedelta(days=3)
    db.session.commit()
    browser(user).post(f"/notifications/{notice.id}/read")
    assert _read_at(notice) == first


def test_someone_elses_notice_is_not_found(browser, user, make_user, make_notice):
    notice = make_notice(make_user("reviewer"))
    assert browser(user).post(f"/notifications/{notice.id}/read").status_code == 404


def test_someone_elses_notice_stays_unread(browser, user, make_user, make_notice):
    notice = make_notice(make_user("reviewer"))
    browser(user).post(f"/notifications/{notice.id}/read")
    assert _read_at(notice) is None


def test_missing_notice_is_not_found(browser, user):
    assert browser(user).post("/notifications/424242/read").status_code == 404


def test_notice_with_an_off_site_link_leads_back_to_the_centre(browser, user, make_notice):
    notice = make_notice(user, link="https://evil.example/")
    response = browser(user).post(f"/notifications/{notice.id}/read")
    assert response.headers["Location"] == "/notifications"


def test_opening_needs_a_post(browser, user, make_notice):
    notice = make_notice(user)
    assert browser(user).get(f"/notifications/{notice.id}/read").status_code == 405


def test_mark_all_read_marks_every_notice_of_the_user(browser, user, make_notice):
    notices = [make_notice(user), make_notice(user)]
    browser(user).post("/notifications/read")
    assert [_read_at(n) is not None for n in notices] == [True, True]


def test_mark_all_read_leaves_other_users_alone(browser, user, make_user, make_notice):
    other = make_notice(make_user("reviewer"))
    browser(user).post("/notifications/read")
    assert _read_at(other) is None


def test_centre_pages_older_notices(browser, user, make_notice):
    make_notice(user, "The oldest notice")
    for n in range(50):
        make_notice(user, f"Notice {n}")
    visitor = browser(user)
    first, second = (visitor.get(f"/notifications?page={p}").get_data(as_text=True) for p in (1, 2))
    assert ("The oldest notice" in first, "The oldest notice" in second) == (False, True)


def test_a_real_transition_reaches_the_reviewers_centre(browser, user, make_user, make_application):
    reviewer = make_user("reviewer")
    app = make_application(user, state="draft", title="Flood warnings")
    transitions.fire(BINDING, app.id, "submit", user)
    html = browser(reviewer).get("/notifications").get_data(as_text=True)
    assert "Flood warnings: Submitted, waiting for a reviewer" in html
