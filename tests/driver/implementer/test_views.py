"""The Project Implementer's forms through the pages: drafts with files, reviews, downloads."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from driver.db import utcnow
from driver.extensions import db
from driver.implementer.models import Call, ImplementerDocument, Proposal

from .conftest import COMPLETE, EXE, PDF


def proposal_form(**extra):
    data = {k: str(v) for k, v in COMPLETE.items()}
    data.update(extra)
    return data


def test_a_city_saves_a_draft_with_an_attachment(pi, make_call, browser):
    call = make_call()
    b = browser(pi.owner)
    response = b.post(
        f"/implementer/calls/{call.id}/proposals/new",
        {**proposal_form(action="draft"), "files": (io.BytesIO(PDF), "../plan.pdf")},
        content_type="multipart/form-data",
    )
    doc = db.session.scalars(select(ImplementerDocument)).one()
    assert (response.status_code, doc.display_name, doc.mime_type) == (
        302,
        "plan.pdf",
        "application/pdf",
    )


def test_save_and_submit_submits_the_proposal(pi, make_call, browser):
    call = make_call()
    browser(pi.owner).post(
        f"/implementer/calls/{call.id}/proposals/new", proposal_form(action="submit")
    )
    assert db.session.scalars(select(Proposal.state)).one() == "submitted"


def test_a_disguised_file_is_refused_and_what_was_typed_is_kept(pi, make_call, browser):
    call = make_call()
    response = browser(pi.owner).post(
        f"/implementer/calls/{call.id}/proposals/new",
        {**proposal_form(action="draft"), "files": (io.BytesIO(EXE), "budget.pdf")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    saved = db.session.scalars(select(Proposal)).first()
    assert (
        response.status_code,
        saved,
        COMPLETE["problem"] in html,
        "judging by its content" in html,
    ) == (
        422,
        None,
        True,
        True,
    )


def test_a_request_over_the_size_limit_is_refused(app, pi, make_call, browser):
    call = make_call()
    b = browser(pi.owner)
    app.config["MAX_CONTENT_LENGTH"] = 2048
    try:
        response = b.post(
            f"/implementer/calls/{call.id}/proposals/new",
            {**proposal_form(action="draft"), "files": (io.BytesIO(PDF + b" " * 4096), "a.pdf")},
            content_type="multipart/form-data",
        )
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 32 * 1024 * 1024
    assert response.status_code == 413


def test_a_document_downloads_as_an_attachment_of_its_type(pi, make_proposal, browser):
    proposal = make_proposal("draft")
    b = browser(pi.owner)
    b.post(
        f"/implementer/proposals/{proposal.id}/documents",
        {"kind": "attachment", "files": (io.BytesIO(PDF), "Plan — Séoul.pdf")},
        content_type="multipart/form-data",
    )
    doc = db.session.scalars(select(ImplementerDocument)).one()
    response = b.get(f"/implementer/documents/{doc.id}")
    body = response.get_data()
    response.close()  # send_file streams from the open file
    disposition = response.headers["Content-Disposition"]
    assert (response.mimetype, body, disposition.split(";")[0]) == (
        "application/pdf",
        PDF,
        "attachment",
    )


def test_another_city_cannot_download_a_proposals_document(pi, make_proposal, browser):
    proposal = make_proposal("draft")
    browser(pi.owner).post(
        f"/implementer/proposals/{proposal.id}/documents",
        {"kind": "attachment", "files": (io.BytesIO(PDF), "plan.pdf")},
        content_type="multipart/form-data",
    )
    doc = db.session.scalars(select(ImplementerDocument)).one()
    assert browser(pi.other_city).get(f"/implementer/documents/{doc.id}").status_code == 404


def test_a_rival_cannot_download_a_bids_document(pi, make_project, make_bid, browser):
    project = make_project("consultant_procurement")
    bid = make_bid(project, pi.consultant_user, state="draft")
    browser(pi.consultant_user).post(
        f"/implementer/bids/{bid.id}/documents",
        {"kind": "technical", "files": (io.BytesIO(PDF), "approach.pdf")},
        content_type="multipart/form-data",
    )
    doc = db.session.scalars(select(ImplementerDocument)).one()
    assert browser(pi.rival_user).get(f"/implementer/documents/{doc.id}").status_code == 404


def test_the_admin_writes_call_times_in_the_calls_zone(pi, browser):
    data = {
        "title": "Project Implementer 2031",
        "theme": "Water",
        "budget_usd": "100,000",
        "beneficiaries": "2",
        "timezone": "Europe/Paris",
        "opens_at": "2031-01-10T09:00",
        "closes_at": "2031-03-01T18:00",
        "criteria-0-name": "Commitment",
        "criteria-0-weight": "60",
        "criteria-1-name": "Relevance",
        "criteria-1-weight": "40",
    }
    response = browser(pi.admin).post("/implementer/calls/new", data)
    call = db.session.scalars(select(Call)).one()
    assert (response.status_code, call.closes_at, [c.weight for c in call.criteria]) == (
        302,
        datetime(2031, 3, 1, 17, 0, tzinfo=UTC),
        [60, 40],
    )


def test_a_reviewer_scores_through_the_review_page(pi, make_proposal, browser):
    proposal = make_proposal("eligible")
    data = {f"score_{c.id}": "4" for c in proposal.call.criteria}
    response = browser(pi.reviewer).post(f"/implementer/proposals/{proposal.id}/review", data)
    page = browser(pi.reviewer).get(f"/implementer/proposals/{proposal.id}").get_data(as_text=True)
    assert response.status_code == 302 and "Weighted mean: <strong>4.00</strong>" in page


def test_a_review_missing_a_score_comes_back_with_the_error(pi, make_proposal, browser):
    proposal = make_proposal("eligible")
    response = browser(pi.reviewer).post(f"/implementer/proposals/{proposal.id}/review", {})
    assert response.status_code == 422


def test_the_admin_sees_no_price_on_a_tender_before_its_deadline(
    pi, make_project, make_bid, browser
):
    project = make_project("consultant_procurement")
    make_bid(project, pi.consultant_user, price_usd=87_654)
    html = browser(pi.admin).get(f"/implementer/projects/{project.id}").get_data(as_text=True)
    assert ("87,654" in html, "1 bid received" in html, pi.consultant.name in html) == (
        False,
        True,
        False,
    )


def test_the_admin_selects_the_consultant_on_its_page(
    pi, make_project, make_bid, score_bid, browser
):
    project = make_project("consultant_procurement", deadline=utcnow() - timedelta(minutes=1))
    bid = make_bid(project, pi.consultant_user)
    score_bid(bid, pi.reviewer, 75)
    response = browser(pi.admin).post(
        f"/implementer/projects/{project.id}/select-consultant", {"bid_id": str(bid.id)}
    )
    db.session.expire_all()
    assert (response.status_code, project.state, bid.state) == (
        302,
        "consultant_selected",
        "awarded",
    )


def test_a_reviewer_scores_a_bid_once_the_tender_closed(pi, make_project, make_bid, browser):
    project = make_project("consultant_procurement", deadline=utcnow() - timedelta(minutes=1))
    bid = make_bid(project, pi.consultant_user)
    browser(pi.reviewer).post(f"/implementer/bids/{bid.id}/score", {"score": "70"})
    db.session.expire_all()
    assert [s.score for s in bid.scores] == [70]


def test_a_city_withdraws_through_the_action_form(pi, make_proposal, browser):
    proposal = make_proposal("submitted")
    b = browser(pi.owner)
    b.get(f"/implementer/proposals/{proposal.id}")
    response = b.post(
        f"/implementer/proposals/{proposal.id}/transitions/withdraw",
        {"version": str(proposal.version), "comment": ""},
    )
    db.session.expire_all()
    assert (response.status_code, proposal.state) == (302, "withdrawn")


def test_the_dashboard_lists_proposals_to_score(pi, make_proposal, browser):
    proposal = make_proposal("eligible", title="Sensors for the market")
    html = browser(pi.reviewer).get("/dashboard").get_data(as_text=True)
    assert f'/implementer/proposals/{proposal.id}/review">Sensors for the market' in html


def test_the_dashboard_lists_tenders_to_answer(pi, make_project, browser):
    project = make_project("consultant_procurement", title="Adaptive signals")
    html = browser(pi.rival_user).get("/dashboard").get_data(as_text=True)
    assert f'/implementer/projects/{project.id}">Adaptive signals' in html


def test_the_dashboard_tells_the_consultant_a_report_is_due(pi, make_project, browser):
    make_project("feasibility_study", consultant_id=pi.consultant.id)
    html = browser(pi.consultant_user).get("/dashboard").get_data(as_text=True)
    assert "Reports due from you" in html
