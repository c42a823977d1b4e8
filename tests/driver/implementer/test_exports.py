"""Project Implementer exports: proposals and the ranking as on screen; bids only after award."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from driver.db import utcnow
from driver.extensions import db


def column(rows: list[list[str]], heading: str) -> list[str]:
    index = rows[0].index(heading)
    return [row[index] for row in rows[1:]]


def proposal_ids(response) -> list[int]:
    html = response.get_data(as_text=True)
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [int(i) for i in re.findall(r'href="/implementer/proposals/(\d+)"', body)]


@pytest.fixture
def proposals(pi, make_call, make_proposal, score_proposal):
    call = make_call("open")
    eligible = make_proposal("eligible", call=call, title="Traffic lights")
    score_proposal(eligible, pi.reviewer, 4)
    other = make_proposal("submitted", call=call, owner=pi.other_city, title="=cmd|' /C calc'!A0")
    return {"call": call, "eligible": eligible, "other": other}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("query", ["", "state=eligible"])
def test_staff_export_the_proposals_they_see(pi, proposals, browser, read_export, fmt, query):
    page = browser(pi.reviewer)
    on_screen = proposal_ids(page.get(f"/implementer/proposals?{query}"))
    rows = read_export(page.get(f"/implementer/proposals?{query}&format={fmt}"))
    assert [int(i) for i in column(rows, "ID")] == on_screen and on_screen


def test_a_city_exports_only_its_own_proposals(pi, proposals, browser, read_export):
    rows = read_export(browser(pi.other_city).get("/implementer/proposals?format=csv"))
    assert [int(i) for i in column(rows, "ID")] == [proposals["other"].id]
    assert column(rows, "Title") == ["'=cmd|' /C calc'!A0"]


def test_the_ranking_export_is_the_ranking(pi, proposals, browser, read_export):
    page = browser(pi.reviewer)
    rows = read_export(page.get(f"/implementer/calls/{proposals['call'].id}/ranking?format=xlsx"))
    assert column(rows, "Title") == ["Traffic lights"]
    assert column(rows, "Weighted mean (0-5)") == ["4"] and column(rows, "Rank") == ["1"]


def test_a_city_gets_no_ranking_export(pi, proposals, browser):
    url = f"/implementer/calls/{proposals['call'].id}/ranking?format=csv"
    assert browser(pi.owner).get(url).status_code == 403


@pytest.fixture
def tender(pi, make_project, make_bid, score_bid):
    project = make_project("consultant_procurement", deadline=utcnow() - timedelta(hours=1))
    ours = make_bid(project, pi.consultant_user)
    theirs = make_bid(project, pi.rival_user, price_usd=70_000)
    score_bid(ours, pi.reviewer, 90)
    score_bid(theirs, pi.reviewer, 60)
    return {"project": project, "ours": ours, "theirs": theirs}


def award(tender) -> None:
    tender["project"].state = "consultant_selected"
    tender["ours"].state = "awarded"
    tender["theirs"].state = "rejected"
    db.session.commit()


@pytest.mark.parametrize("role", ["reviewer", "admin", "consultant_user", "owner"])
def test_nobody_exports_the_bids_before_the_award(pi, tender, browser, role):
    url = f"/implementer/projects/{tender['project'].id}?format=csv"
    assert browser(pi.actor(role)).get(url).status_code == 404


def test_staff_export_the_ranked_bids_after_the_award(pi, tender, browser, read_export):
    award(tender)
    page = browser(pi.reviewer)
    html = page.get(f"/implementer/projects/{tender['project'].id}").get_data(as_text=True)
    assert "Download CSV" in html
    rows = read_export(page.get(f"/implementer/projects/{tender['project'].id}?format=xlsx"))
    assert column(rows, "Provider") == ["Urban Consult", "Rival Partners"]
    assert column(rows, "Price (USD)") == ["80000", "70000"]
    assert column(rows, "Status") == ["Awarded", "Not awarded"]


@pytest.mark.parametrize("role", ["consultant_user", "rival_user", "owner"])
def test_providers_and_cities_get_no_bids_export_even_after_award(pi, tender, browser, role):
    award(tender)
    url = f"/implementer/projects/{tender['project'].id}?format=csv"
    assert browser(pi.actor(role)).get(url).status_code == 404
