"""A city takes the self-assessment area by area and starts an application from its result."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from driver.extensions import db
from driver.solution_finder.models import Application

PILOT = re.compile(r"^2 · Pilot")


def answer_the_area(page, *, target: str | None = None, priority: str | None = None) -> None:
    """Answer each of the area's questions "2 · Pilot" and set its goal, as a person would."""
    for group in page.get_by_role("group").all():
        group.get_by_role("radio", name=PILOT).check()
    if target:
        page.get_by_label("Target stage").select_option(label=target)
    if priority:
        page.get_by_label("Priority").select_option(label=priority)


def test_a_city_assesses_itself_and_starts_an_application_from_the_result(
    visit, make_member, make_user
):
    city = make_member("local_government", name="Cuenca", country="Ecuador", region="Americas")
    user = make_user("city", member=city)
    page = visit().sign_in(user)

    page.get_by_role("link", name="Self-assessment").first.click()
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_role("link", name=re.compile(r"^Answer")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agriculture (area 1 of 16)")
    answer_the_area(page, target="4 · Integrated", priority="3 · High")
    for _ in range(15):
        page.get_by_role("button", name="Save and go to the next area").click()
        answer_the_area(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("e-Government (area 16 of 16)")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status").or_(page.get_by_role("alert")).first).to_contain_text(
        "Your answers for e-Government are saved."
    )
    page.get_by_role("button", name="Mark the assessment complete").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Cuenca: results 2026")
    # Every answer "pilot" (2 of 4) scores 50 %: stage 3 in every area.
    expect(page.get_by_role("region", name="Overall stage")).to_contain_text("3 · Scaling")
    act_first = page.get_by_role("region", name="Where to act first")
    start = "Start a Solution Finder application for this area"
    act_first.get_by_role("link", name=start).first.click()

    expect(page.get_by_role("checkbox", name="Agriculture")).to_be_checked()
    expect(page.get_by_label("The urban challenge")).to_have_value(
        re.compile(r"self-assessment puts Cuenca at stage 3")
    )
    page.get_by_label("Title").fill("Food markets without waste")
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Food markets without waste")
    app = db.session.scalars(select(Application)).one()
    assert (app.state, app.area_slugs, app.city_stage) == ("draft", ["agriculture"], 3)
