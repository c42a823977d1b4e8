"""A city submits a Project Implementer proposal; a provider bids on a consultant tender."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from driver.db import utcnow
from driver.extensions import db
from driver.implementer.models import Bid, Call, Criterion, ImplementerProject, Proposal
from driver.implementer.rubric import DEFAULT_CRITERIA

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def open_call(admin) -> Call:
    now = utcnow()
    call = Call(
        created_by_id=admin.id,
        title="Project Implementer 2027",
        theme="Inclusive smart mobility",
        budget_usd=100_000,
        beneficiaries=2,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        timezone="Asia/Seoul",
        state="open",
        criteria=[
            Criterion(position=i, name=name, weight=weight)
            for i, (name, weight) in enumerate(DEFAULT_CRITERIA, start=1)
        ],
    )
    db.session.add(call)
    db.session.commit()
    return call


def test_a_city_submits_a_proposal_with_an_attachment(visit, make_member, make_user, tmp_path, app):
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    city = make_member("local_government", name="Cauayan", country="Philippines")
    owner = make_user("city", member=city)
    open_call(make_user("admin"))
    plan = tmp_path / "market-district-plan.pdf"
    plan.write_bytes(PDF)

    page = visit().sign_in(owner)
    page.get_by_role("link", name="Project Implementer").first.click()
    page.get_by_role("link", name="Project Implementer 2027").first.click()
    page.get_by_role("link", name=re.compile("proposal", re.I)).first.click()
    page.get_by_label("Title").fill("Smart traffic lights for the market district")
    page.get_by_label("The problem").fill("Congestion blocks buses and ambulances.")
    page.get_by_label("Objectives").fill("Cut peak travel time by a fifth.")
    page.get_by_role("checkbox", name="Traffic Management").check()
    page.get_by_label("Funding requested from WeGO (USD)").fill("90000")
    page.get_by_label("Co-funding in cash (USD)").fill("20000")
    page.get_by_label("Local team").fill("The city's ICT office (5 people).")
    page.get_by_label("Timeline").fill("Study in 6 months, pilot in 12.")
    page.get_by_label("Attachments").set_input_files(plan)
    page.get_by_role("button", name=re.compile("submit", re.I)).first.click()

    expect(page.get_by_role("link", name="market-district-plan.pdf")).to_be_visible()
    proposal = db.session.query(Proposal).one()
    assert (proposal.state, proposal.requested_usd) == ("submitted", 90_000)


def test_a_provider_bids_on_an_open_tender_and_its_price_stays_sealed(
    visit, make_member, make_user, make_provider
):
    city = make_member("local_government", name="Cauayan", country="Philippines")
    admin = make_user("admin")
    call = open_call(admin)
    proposal = Proposal(
        call_id=call.id,
        member_id=city.id,
        created_by_id=make_user("city", member=city).id,
        title="Smart traffic lights",
        state="selected",
        submitted_at=utcnow(),
    )
    db.session.add(proposal)
    db.session.flush()
    project = ImplementerProject(
        proposal_id=proposal.id,
        call_id=call.id,
        member_id=city.id,
        title="Smart traffic lights",
        budget_usd=90_000,
        tender_terms="Study the corridor; pilot adaptive signals.",
        tender_deadline=utcnow() + timedelta(days=7),
        state="consultant_procurement",
    )
    db.session.add(project)
    db.session.commit()
    consultant = make_user("provider", member=make_provider(name="Urban Consult"))

    page = visit().sign_in(consultant)
    page.get_by_role("link", name="Tenders").first.click()
    page.get_by_role("link", name="Smart traffic lights").first.click()
    page.get_by_role("link", name="Prepare a bid").click()
    page.get_by_label("Technical proposal").fill("Traffic counts, then a pilot on two crossings.")
    page.get_by_label("Price (USD)").fill("80000")
    page.get_by_label("Team").fill("Two traffic engineers and a data scientist.")
    page.get_by_label("Timeline").fill("Nine months.")
    page.get_by_role("button", name="Save and send").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Smart traffic lights")

    bid = db.session.query(Bid).one()
    assert (bid.state, bid.price_usd) == ("submitted", 80_000)
    wego = visit()
    wego.sign_in(admin)
    staff = wego.go(f"/implementer/projects/{project.id}")
    expect(staff.get_by_text("1 bid received")).to_be_visible()
    expect(staff.get_by_text("80,000")).to_have_count(0)
