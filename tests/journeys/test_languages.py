"""People read the pages in their language: the browser's at first, then the one they choose."""

from __future__ import annotations

from playwright.sync_api import expect


def test_a_korean_browser_gets_korean_pages(visit):
    page = visit(locale="ko-KR").go("/login")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("button", name="로그인")).to_be_visible()
    expect(page.get_by_label("언어")).to_have_value("")  # automatic


def test_a_visitor_switches_language_and_stays_on_the_page(visit):
    page = visit().go("/plan-exchange")
    page.get_by_label("Language").select_option(label="Français")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert page.url.endswith("/plan-exchange")
    expect(page.get_by_role("status")).to_contain_text("Langue changée : Français.")
    expect(page.get_by_role("button", name="Changer de langue")).to_be_visible()


def test_a_users_choice_follows_them_and_automatic_gives_the_browser_back(visit, make_user):
    user = make_user("city")
    visitor = visit(locale="es-ES")
    page = visitor.sign_in(user)
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()
    page.get_by_label("Idioma").select_option(label="中文")
    page.get_by_role("button", name="Cambiar idioma").click()
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    page = visitor.go("/dashboard")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    page.get_by_label("语言").select_option(value="")
    page.get_by_role("button", name="切换语言").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
