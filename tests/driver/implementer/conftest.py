"""Fixtures of the Project Implementer: a cast around one call, objects put in a state."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest

from driver.auth.models import User
from driver.db import utcnow
from driver.extensions import db
from driver.implementer.models import (
    Bid,
    BidScore,
    Call,
    Criterion,
    CriterionScore,
    ImplementerProject,
    Proposal,
    ProposalReview,
)
from driver.implementer.rubric import DEFAULT_CRITERIA
from driver.members.models import Member


@dataclass
class PiCast:
    """Everyone around a call: cities, WeGO staff and consultants."""

    city: Member  # Asia-Pacific
    owner: User
    colleague: User
    other_city: User
    reviewer: User
    reviewer2: User
    reviewer_africa: User  # scoped to Africa: the city is out of its scope
    admin: User
    consultant: Member  # verified provider
    consultant_user: User
    rival: Member  # another verified provider
    rival_user: User
    unverified_user: User

    def actor(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


@pytest.fixture
def pi(make_member, make_user, make_provider) -> PiCast:
    city = make_member("local_government", name="Cauayan", country="Philippines")
    other = make_member("local_government", name="Kazan", country="Russia", region="Europe")
    consultant = make_provider(name="Urban Consult")
    rival = make_provider(name="Rival Partners")
    unverified = make_provider(name="Not Verified Yet", verified=False)
    return PiCast(
        city=city,
        owner=make_user("city", member=city, name="Owner"),
        colleague=make_user("city", member=city, name="Colleague"),
        other_city=make_user("city", member=other, name="Other City"),
        reviewer=make_user("reviewer", name="Reviewer One"),
        reviewer2=make_user("reviewer", name="Reviewer Two"),
        reviewer_africa=make_user("reviewer", regions=["Africa"], name="Africa Office"),
        admin=make_user("admin", name="Admin"),
        consultant=consultant,
        consultant_user=make_user("provider", member=consultant, name="Consultant"),
        rival=rival,
        rival_user=make_user("provider", member=rival, name="Rival"),
        unverified_user=make_user("provider", member=unverified, name="Unverified"),
    )


@pytest.fixture
def make_call(pi):
    """``make_call(state)``: a call with WeGO's rubric, open from a day ago for ten days."""

    def make(state: str = "open", *, now: datetime | None = None, **kw: Any) -> Call:
        now = now or utcnow()
        call = Call(
            created_by_id=pi.admin.id,
            title=kw.pop("title", "Project Implementer 2026"),
            theme=kw.pop("theme", "Inclusive smart mobility"),
            budget_usd=kw.pop("budget_usd", 100_000),
            beneficiaries=kw.pop("beneficiaries", 2),
            opens_at=kw.pop("opens_at", now - timedelta(days=1)),
            closes_at=kw.pop("closes_at", now + timedelta(days=10)),
            timezone=kw.pop("timezone", "Asia/Seoul"),
            state=state,
            criteria=[
                Criterion(position=i, name=name, weight=weight)
                for i, (name, weight) in enumerate(kw.pop("criteria", DEFAULT_CRITERIA), start=1)
            ],
            **kw,
        )
        db.session.add(call)
        db.session.commit()
        return call

    return make


COMPLETE = {
    "title": "Smart traffic lights for the market district",
    "problem": "Congestion around the public market blocks buses and ambulances.",
    "objectives": "Cut peak travel time by a fifth.",
    "expected_outcomes": "Faster buses; safer crossings.",
    "requested_usd": 90_000,
    "cofunding_cash_usd": 20_000,
    "cofunding_kind": "Office space and two engineers.",
    "local_team": "The city's ICT office (5 people).",
    "timeline": "Study in 6 months, pilot in 12.",
}


@pytest.fixture
def make_proposal(pi, make_call):
    """``make_proposal(state)``: a complete proposal of the cast's city, put in ``state``."""

    def make(state: str = "draft", *, call: Call | None = None, owner: User | None = None, **kw):
        call = call or make_call()
        owner = owner or pi.owner
        proposal = Proposal(
            call_id=call.id,
            member_id=owner.member_id,
            created_by_id=owner.id,
            state=state,
            submitted_at=None if state == "draft" else utcnow(),
            **{**COMPLETE, **kw},
        )
        db.session.add(proposal)
        db.session.commit()
        return proposal

    return make


@pytest.fixture
def score_proposal():
    """``score_proposal(proposal, reviewer, scores)``: a review put straight in the database."""

    def make(proposal: Proposal, reviewer: User, scores: list[int] | int = 3, **kw):
        criteria = proposal.call.criteria
        values = scores if isinstance(scores, list) else [scores] * len(criteria)
        review = ProposalReview(proposal_id=proposal.id, reviewer_id=reviewer.id, **kw)
        if not kw.get("conflict_of_interest"):
            review.scores = [
                CriterionScore(criterion_id=c.id, score=v)
                for c, v in zip(
                    criteria, values, strict=False
                )  # a short list: an incomplete review
            ]
        db.session.add(review)
        db.session.commit()
        return review

    return make


@pytest.fixture
def make_project(pi, make_proposal):
    """``make_project(state)``: the project of a selected proposal, its tender set."""

    def make(state: str = "preparation", *, deadline: datetime | None = None, **kw):
        proposal = kw.pop("proposal", None) or make_proposal("selected")
        project = ImplementerProject(
            proposal_id=proposal.id,
            call_id=proposal.call_id,
            member_id=proposal.member_id,
            title=kw.pop("title", proposal.title),
            budget_usd=90_000,
            tender_terms=kw.pop("tender_terms", "Study the corridor; pilot adaptive signals."),
            tender_deadline=deadline if deadline is not None else utcnow() + timedelta(days=7),
            state=state,
            **kw,
        )
        db.session.add(project)
        db.session.commit()
        return project

    return make


@pytest.fixture
def make_bid(pi):
    """``make_bid(project, provider_user, state)``: a complete bid."""

    def make(project: ImplementerProject, user: User | None = None, state: str = "submitted", **kw):
        user = user or pi.consultant_user
        bid = Bid(
            project_id=project.id,
            provider_id=user.member_id,
            created_by_id=user.id,
            technical_proposal=kw.pop("technical_proposal", "Traffic counts, then a pilot."),
            price_usd=kw.pop("price_usd", 80_000),
            team=kw.pop("team", "Two traffic engineers and a data scientist."),
            timeline=kw.pop("timeline", "Nine months."),
            state=state,
            submitted_at=None if state == "draft" else utcnow(),
            **kw,
        )
        db.session.add(bid)
        db.session.commit()
        return bid

    return make


@pytest.fixture
def score_bid():
    def make(bid: Bid, reviewer: User, score: int) -> BidScore:
        row = BidScore(bid_id=bid.id, reviewer_id=reviewer.id, score=score)
        db.session.add(row)
        db.session.commit()
        return row

    return make


# -- files ----------------------------------------------------------------------------------

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def office_file(main_part: str) -> bytes:
    """A minimal Office Open XML package with ``main_part`` (word/document.xml…)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(main_part, "<document/>")
    return buffer.getvalue()


DOCX = office_file("word/document.xml")
XLSX = office_file("xl/workbook.xml")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _uploads_in_tmp(app, tmp_path):
    """Every test stores its uploads in a folder of its own."""
    previous = app.config.get("UPLOAD_FOLDER")
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    yield
    app.config["UPLOAD_FOLDER"] = previous
