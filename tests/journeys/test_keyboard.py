"""Someone who only uses a keyboard can skip the navigation, sign in and see where focus is."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_the_first_tab_offers_to_skip_to_the_content(visit):
    page = visit().go("/login")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to main content")


def test_the_skip_link_moves_focus_to_the_main_content(visit):
    page = visit().go("/login")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_attribute("id", "main")


def test_a_person_signs_in_with_the_keyboard_alone(visit, make_user):
    user = make_user("city")
    email = user.email
    page = visit().go("/login")
    page.get_by_label("Email").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_focus_is_visible_on_links_and_buttons(visit):
    page = visit().go("/login")
    button = page.get_by_role("button", name="Sign in")
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus that came from the keyboard: :focus-visible applies
    outline = button.evaluate(
        "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth"
    )
    assert outline == "solid 3px"
