"""City, reviewer and provider take a Solution Finder application from draft to completion."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from driver.extensions import db
from driver.solution_finder.models import Application


def act(page, label: str, **fields: str) -> None:
    """Take the action ``label`` from "What you can do now", filling the fields it asks for."""
    actions = page.get_by_role("region", name="What you can do now")
    summary = actions.locator("summary", has_text=label)
    if summary.count():
        summary.click()
    form = actions.locator("form", has=page.get_by_role("button", name=label, exact=True))
    for name, value in fields.items():
        form.get_by_label(name).fill(value)
    form.get_by_role("button", name=label, exact=True).click()


def test_city_reviewer_and_provider_walk_an_application_to_completion(
    visit, make_member, make_user, make_provider
):
    city = make_member("local_government", name="Kampala", country="Uganda", region="Africa")
    city_user = make_user("city", member=city)
    reviewer = make_user("reviewer")
    provider = make_provider(name="Aqua Sensing", areas=["water-management"])
    provider_user = make_user("provider", member=provider)

    # The city writes and submits its challenge.
    mayor = visit().sign_in(city_user)
    mayor.get_by_role("link", name="Applications").first.click()
    mayor.get_by_role("link", name=re.compile("New application")).first.click()
    mayor.get_by_label("Title").fill("Leaks in the water network")
    mayor.get_by_label("The urban challenge").fill("A third of the water is lost to leaks.")
    mayor.get_by_label("Expected outcomes").fill("Losses halved in two years.")
    mayor.get_by_role("checkbox", name="Water Management").check()
    mayor.get_by_label("Budget (USD)").fill("120000")
    mayor.get_by_role("checkbox", name="English").check()
    mayor.get_by_role("button", name="Save and submit").click()
    expect(mayor.get_by_text("Your application is submitted.")).to_be_visible()
    application_url = mayor.url

    # WeGO reviews it, gives feedback and proposes a provider.
    wego = visit().sign_in(reviewer)
    wego.get_by_role("link", name="Review queue").first.click()
    wego.get_by_role("link", name="Leaks in the water network").click()
    act(wego, "Start the review")
    act(wego, "Give preliminary feedback", Feedback="A clear case for acoustic sensors.")
    act(wego, "Open matchmaking")
    wego.get_by_role("link", name="Find and propose partners").click()
    wego.get_by_role("listitem").filter(has_text="Aqua Sensing").get_by_role(
        "button", name=re.compile("Propose")
    ).click()

    # The provider accepts the offer.
    partner = visit().sign_in(provider_user)
    partner.get_by_role("link", name="Offers").first.click()
    partner.get_by_role("link", name="Leaks in the water network").click()
    act(partner, "Accept the match")

    # The city chooses its partner and implements; WeGO marks it completed.
    mayor.goto(application_url)
    mayor.get_by_role("link", name="Choose partners").click()
    mayor.get_by_role("checkbox", name=re.compile("Aqua Sensing")).check()
    mayor.get_by_role("button", name="Choose these partners").click()
    act(mayor, "Start implementation")
    wego.goto(application_url)
    act(wego, "Mark the project completed", Outcome="Losses down by 40 %.")
    expect(wego.get_by_text("Completed").first).to_be_visible()

    app = db.session.query(Application).one()
    assert app.state == "completed"
