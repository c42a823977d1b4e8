"""The language of the pages: the switcher on every page, the user's setting, the browser's."""

from __future__ import annotations

import re

import pytest
from flask import session

from driver.auth.models import User
from driver.extensions import db
from driver.i18n import email_language, select_locale

SWITCHER = re.compile(r'<form method="post" action="/language"')


def _lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def _selected(response) -> str:
    html = response.get_data(as_text=True)
    return re.search(r'<option value="([^"]*)"[^>]* selected>', html).group(1)


@pytest.mark.parametrize("path", ["/", "/login", "/plan-exchange", "/members", "/no-such-page"])
def test_every_page_has_the_switcher_with_a_csrf_token(browser, path):
    response = browser().get(path)
    html = response.get_data(as_text=True)
    assert SWITCHER.search(html)
    form = html[html.index('action="/language"') :]
    form = form[: form.index("</form>")]
    assert re.search(r'name="csrf_token" value="[^"]+"', form)
    assert f'name="next" value="{path}"' in form
    assert '<option value="ko" lang="ko">한국어</option>' in form


def test_signed_in_pages_have_the_switcher(browser, make_user):
    assert SWITCHER.search(browser(make_user("reviewer")).get("/dashboard").get_data(as_text=True))


def test_a_visitor_chooses_a_language_for_their_session_only(browser):
    visitor = browser()
    response = visitor.post("/language", {"language": "ko", "next": "/plan-exchange?q=rain"})
    assert (response.status_code, response.location) == (302, "/plan-exchange?q=rain")
    page = visitor.get("/plan-exchange")
    assert (_lang(page), _selected(page)) == ("ko", "ko")
    assert "언어가 한국어(으)로 변경되었습니다." in page.get_data(as_text=True)
    assert _lang(browser().get("/plan-exchange")) == "en"  # another visitor is not affected


def test_the_choice_wins_over_the_browser(browser):
    visitor = browser()
    visitor.post("/language", {"language": "fr", "next": "/"})
    assert _lang(visitor.get("/", headers={"Accept-Language": "ru"})) == "fr"


def test_automatic_follows_the_browser_and_names_its_language(browser):
    visitor = browser()
    visitor.post("/language", {"language": "fr", "next": "/"})
    visitor.post("/language", {"language": "", "next": "/"})
    page = visitor.get("/", headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert (_lang(page), _selected(page)) == ("es", "")
    assert '<option value="" selected>Automático (Español)</option>' in page.get_data(as_text=True)


def test_a_users_choice_is_kept_on_the_account(browser, make_user):
    user = make_user("city")
    assert user.language == ""  # automatic until they choose
    browser(user).post("/language", {"language": "zh", "next": "/dashboard"})
    assert db.session.get(User, user.id).language == "zh"
    # Every other session of the user, on any browser, follows.
    page = browser(user).get("/dashboard", headers={"Accept-Language": "ko"})
    assert (_lang(page), _selected(page)) == ("zh", "zh")


def test_a_user_goes_back_to_automatic(browser, make_user):
    user = make_user("city", language="ru")
    page = browser(user)
    page.post("/language", {"language": "", "next": "/dashboard"})
    assert db.session.get(User, user.id).language == ""
    assert _lang(page.get("/dashboard", headers={"Accept-Language": "ko"})) == "ko"


def test_a_visitors_choice_carries_on_after_signing_in_unless_the_user_chose(browser, make_user):
    automatic, chose = make_user("city"), make_user("city", language="es")
    for user, expected in ((automatic, "fr"), (chose, "es")):
        page = browser()
        page.post("/language", {"language": "fr", "next": "/"})
        page.login(user)
        assert _lang(page.get("/dashboard")) == expected


def test_an_unknown_language_changes_nothing(browser, make_user):
    user = make_user("city", language="ko")
    page = browser(user)
    response = page.post("/language", {"language": "xx", "next": "/dashboard"})
    assert response.location == "/dashboard"
    assert db.session.get(User, user.id).language == "ko"
    html = page.get("/dashboard").get_data(as_text=True)
    assert "제공되는 언어 중 하나를 선택하십시오." in html


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x", ""]
)
def test_the_way_back_stays_on_the_site(browser, target):
    response = browser().post("/language", {"language": "ko", "next": target})
    assert response.location == "/"


def test_without_the_csrf_token_nothing_changes(browser, make_user):
    user = make_user("city", language="ko")
    page = browser(user)
    response = page.client.post("/language", data={"language": "fr", "next": "/"})
    assert response.status_code == 400
    assert db.session.get(User, user.id).language == "ko"


def test_a_get_changes_nothing(browser):
    assert browser().get("/language?language=ko").status_code == 405


def test_signing_in_records_the_browsers_language_for_e_mails(browser, make_user):
    user = make_user("city")
    browser().client.get("/login")
    page = browser()
    page.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ru-RU,ru;q=0.9"
    page.login(user)
    user = db.session.get(User, user.id)
    assert (user.browser_language, email_language(user)) == ("ru", "ru")
    user.language = "ko"
    assert email_language(user) == "ko"
    user.language, user.browser_language = "", "de"
    assert email_language(user) == "en"


def test_the_session_choice_is_read_by_the_locale_selector(app):
    with app.app_context(), app.test_request_context("/", headers={"Accept-Language": "ko"}):
        session["language"] = "zh"
        assert select_locale() == "zh"
        session["language"] = "klingon"
        assert select_locale() == "ko"


def test_the_json_api_answers_in_english_whatever_the_user_chose(browser, make_user):
    user = make_user("admin", language="ko")
    page = browser(user)
    response = page.get("/api/v1/no-such-thing", headers={"Accept-Language": "ko"})
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["title"] == "Not Found"
    assert _lang(page.get("/api/v1/docs")) == "ko"  # the reference page is for people


def test_the_sign_in_page_stays_in_the_language_of_the_user_who_signed_out(browser, make_user):
    page = browser(make_user("city", language="ru"))
    page.post("/logout")
    assert _lang(page.get("/login", headers={"Accept-Language": "en"})) == "ru"
