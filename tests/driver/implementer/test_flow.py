"""The whole programme through the services, as WeGO would run it, with the clock moved on."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from sqlalchemy import select

from driver import transitions
from driver.db import utcnow
from driver.extensions import db
from driver.implementer import uploads
from driver.implementer.bindings import (
    BID_BINDING,
    CALL_BINDING,
    PROJECT_BINDING,
    PROPOSAL_BINDING,
)
from driver.implementer.models import Bid, BidScore, ImplementerProject, Proposal
from driver.implementer.services import bids, calls, documents, projects, proposals, scoring
from driver.notifications.models import OutboxMessage

from .conftest import COMPLETE, PDF


def pdf(name: str) -> uploads.Upload:
    return uploads.inspect(name, io.BytesIO(PDF))


def test_a_call_goes_from_draft_to_a_completed_pilot(pi):
    start = utcnow()
    call = calls.create_call(
        pi.admin,
        calls.CallInput(
            title="Project Implementer 2026",
            theme="Inclusive mobility",
            budget_usd=100_000,
            beneficiaries=1,
            opens_at=datetime(2030, 1, 1, 9, 0),
            closes_at=datetime(2030, 3, 1, 18, 0),
            timezone="Asia/Seoul",
        ),
    )
    assert [c.weight for c in call.criteria] == [20, 20, 20, 15, 15, 10]
    before_open = datetime.fromisoformat("2029-12-01T00:00+00:00")
    calls.fire_call(pi.admin, call.id, "open", now=before_open)

    in_call = datetime.fromisoformat("2030-02-01T00:00+00:00")
    mine = proposals.create_proposal(
        pi.owner, call.id, proposals.ProposalInput(**COMPLETE), files=[pdf("plan.pdf")], now=in_call
    )
    theirs = proposals.create_proposal(
        pi.other_city, call.id, proposals.ProposalInput(**COMPLETE), now=in_call
    )
    for who, p in ((pi.owner, mine), (pi.other_city, theirs)):
        transitions.fire(PROPOSAL_BINDING, p.id, "submit", who, now=in_call)
    for p in (mine, theirs):
        transitions.fire(PROPOSAL_BINDING, p.id, "screen", pi.reviewer, now=in_call)
        for reviewer, value in ((pi.reviewer, 4), (pi.admin, 5)):
            scores = {c.id: (value, "") for c in call.criteria}
            scoring.save_review(reviewer, p.id, scoring.ReviewInput(scores=scores))
        transitions.fire(PROPOSAL_BINDING, p.id, "shortlist", pi.reviewer, now=in_call)

    after_close = datetime.fromisoformat("2030-03-02T00:00+00:00")
    transitions.fire(PROPOSAL_BINDING, mine.id, "select_beneficiary", pi.admin, now=after_close)
    calls.fire_call(pi.admin, call.id, "award", comment="Thank you, apply again.", now=after_close)

    db.session.expire_all()
    assert (call.state, mine.state, theirs.state) == ("awarded", "selected", "not_selected")
    assert theirs.decision_message == "Thank you, apply again."
    close_event = [e for e in transitions.history(CALL_BINDING, call) if e.trigger == "close"]
    assert close_event[0].actor is None

    project = db.session.scalars(select(ImplementerProject)).one()
    deadline = start + timedelta(days=30)
    projects.update_tender(
        pi.reviewer,
        project.id,
        projects.TenderInput("Study and pilot adaptive signals.", deadline, 70),
    )
    transitions.fire(PROJECT_BINDING, project.id, "open_tender", pi.reviewer)

    good = bids.start_bid(pi.consultant_user, project.id, bids.BidInput("Plan", 90_000, "A", "9m"))
    cheap = bids.start_bid(pi.rival_user, project.id, bids.BidInput("Plan", 60_000, "B", "6m"))
    for who, b in ((pi.consultant_user, good), (pi.rival_user, cheap)):
        transitions.fire(BID_BINDING, b.id, "submit", who)

    after_deadline = deadline + timedelta(seconds=1)
    for b, value in ((good, 90), (cheap, 50)):  # (scoring through the service needs the clock)
        db.session.add(BidScore(bid_id=b.id, reviewer_id=pi.reviewer.id, score=value))
    db.session.commit()
    transitions.fire(
        PROJECT_BINDING,
        project.id,
        "select_consultant",
        pi.admin,
        payload={"bid_id": good.id},
        now=after_deadline,
    )
    transitions.fire(PROJECT_BINDING, project.id, "start_feasibility_study", pi.reviewer)
    documents.add_documents(pi.consultant_user, "project", project.id, "study_report", [pdf("s")])
    transitions.fire(PROJECT_BINDING, project.id, "submit_study", pi.consultant_user)
    transitions.fire(PROJECT_BINDING, project.id, "approve_study", pi.reviewer)
    documents.add_documents(pi.consultant_user, "project", project.id, "final_report", [pdf("f")])
    transitions.fire(PROJECT_BINDING, project.id, "complete", pi.reviewer, comment="Done well.")

    db.session.expire_all()
    states = {b.provider_id: b.state for b in db.session.scalars(select(Bid))}
    assert (project.state, project.consultant_id, states) == (
        "completed",
        pi.consultant.id,
        {pi.consultant.id: "awarded", pi.rival.id: "rejected"},
    )
    assert db.session.scalar(select(Proposal.state).where(Proposal.id == mine.id)) == "selected"
    assert db.session.scalars(select(OutboxMessage)).first() is not None
