"""The whole Solution Finder path walked in the browser, from a draft to a completed project."""

from __future__ import annotations

import re

from sqlalchemy import select

from driver.audit.models import AuditEvent
from driver.extensions import db
from driver.matchmaking.models import Match
from driver.solution_finder.models import Application


def text(response) -> str:
    return response.get_data(as_text=True)


def act(visitor, page_url: str, trigger: str, **data):
    """Post the action form of ``trigger`` that the page at ``page_url`` shows."""
    page = text(visitor.get(page_url))
    form = re.search(
        rf'<form method="post" action="([^"]+/transitions/{trigger})".*?</form>', page, re.S
    )
    assert form, f"{trigger} is not offered on {page_url}"
    version = re.search(r'name="version" type="hidden" value="(\d+)"', form.group(0))
    return visitor.post(form.group(1), {"version": version.group(1), **data})


def test_city_reviewer_and_providers_walk_the_whole_path(
    browser, make_member, make_user, make_provider
):
    suwon = make_member("local_government", name="Suwon", country="Korea", region="Asia-Pacific")
    city = browser(make_user("city", member=suwon))
    reviewer = browser(make_user("reviewer"))
    aqua = make_provider(name="Aqua Sensing", areas=("water-management",))
    hydro = make_provider(name="Hydro Partners", areas=("water-management",))
    aqua_user = browser(make_user("provider", member=aqua))
    hydro_user = browser(make_user("provider", member=hydro))

    response = city.post(
        "/applications/new",
        {
            "title": "Flood warnings for the river district",
            "description": "Floods hit the market twice a year.",
            "areas": ["water-management"],
            "budget_usd": "250000",
            "city_stage": "2",
            "languages": ["en"],
            "action": "submit",
        },
    )
    app_url = response.headers["Location"]
    app = db.session.scalars(select(Application)).one()
    assert "Flood warnings for the river district" in text(reviewer.get("/review"))

    act(reviewer, app_url, "start_review")
    assert act(reviewer, app_url, "request_clarification", comment="").status_code == 422
    act(reviewer, app_url, "request_clarification", comment="Who runs the sirens?")
    assert "Who runs the sirens?" in text(city.get(app_url))
    act(city, app_url, "answer_clarification", comment="The fire brigade.")
    act(reviewer, app_url, "give_feedback", comment="A strong case.")
    act(reviewer, app_url, "open_matchmaking")

    suggestions = text(reviewer.get(f"{app_url}/suggestions"))
    assert "Aqua Sensing" in suggestions and "Area coverage" in suggestions
    for provider in (aqua, hydro):
        reviewer.post(f"{app_url}/matches", {"provider_id": provider.id})

    offers = text(aqua_user.get("/offers"))
    aqua_match_url = re.search(r'href="(/matches/\d+)"', offers).group(1)
    act(aqua_user, aqua_match_url, "accept")
    hydro_match_url = re.search(r'href="(/matches/\d+)"', text(hydro_user.get("/offers"))).group(1)
    assert act(hydro_user, hydro_match_url, "decline", comment="").status_code == 422
    act(hydro_user, hydro_match_url, "decline", comment="Fully booked.")

    choose = text(city.get(f"{app_url}/partners"))
    aqua_match = re.search(r'value="(\d+)"[^>]*>\s*<label[^>]*>Aqua Sensing', choose).group(1)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', choose).group(1)
    city.post(f"{app_url}/partners", {"match_ids": [aqua_match], "version": version})
    act(city, app_url, "start_implementation")
    act(reviewer, app_url, "complete", comment="Sirens in every market.", rating="4")

    db.session.expire_all()
    app = db.session.get(Application, app.id)
    matches = {m.provider_id: m for m in db.session.scalars(select(Match))}
    events = db.session.scalars(
        select(AuditEvent.trigger).where(AuditEvent.object_type == "application")
    ).all()
    assert (app.state, app.outcome_summary) == ("completed", "Sirens in every market.")
    assert (matches[aqua.id].state, matches[aqua.id].outcome_rating) == ("selected", 4)
    assert matches[hydro.id].state == "declined"
    assert events == [
        "create",
        "submit",
        "start_review",
        "request_clarification",
        "answer_clarification",
        "give_feedback",
        "open_matchmaking",
        "select_partners",
        "start_implementation",
        "complete",
    ]
