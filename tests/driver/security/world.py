"""One world for the authorization matrix: two cities, two providers, staff, objects of every kind.

City A (Suwon) is in Asia-Pacific and owns nearly everything; city B (Lyon) is in
Europe. The region-scoped reviewer sees Europe only, so every object of A is out of
its scope (a reviewer scoped to B's region sees exactly what an unscoped one sees
of A, which would prove nothing). Provider X is involved with A: a proposed match,
a sealed bid, a verified and a pending catalogue solution; provider Y is verified
but involved in nothing of A. ``spare`` is a user of B that admin-only routes act
on, so that no caller of the matrix loses its own account or token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from driver import transitions
from driver.activator.services import start_assessment
from driver.auth.models import User
from driver.catalogue.models import Solution
from driver.db import utcnow
from driver.extensions import db
from driver.implementer.models import (
    Bid,
    Call,
    Criterion,
    ImplementerDocument,
    ImplementerProject,
    Proposal,
)
from driver.implementer.rubric import DEFAULT_CRITERIA
from driver.members.models import Member
from driver.notifications.models import Notification, OutboxMessage
from driver.plan_exchange.services import BINDING as PLAN_BINDING
from driver.plan_exchange.services import ProjectInput, create_project
from driver.solution_finder.services import areas_by_slug

ROLES = (
    "anonymous",
    "city_a",
    "city_b",
    "provider_x",
    "provider_y",
    "reviewer",
    "reviewer_europe",
    "admin",
)

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

PROPOSAL_TEXT = {
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


@dataclass
class World:
    """The people (``users`` by role) and the ids of the objects (``ids`` by name)."""

    users: dict[str, User]
    ids: dict[str, int] = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else self.users[role]

    def __getattr__(self, name: str) -> int:
        try:
            return self.__dict__["ids"][name]
        except KeyError:
            raise AttributeError(name) from None


def _call(admin: User, state: str, **kw: Any) -> Call:
    now = utcnow()
    call = Call(
        created_by_id=admin.id,
        title=kw.pop("title", "Project Implementer 2026"),
        theme="Inclusive smart mobility",
        budget_usd=100_000,
        beneficiaries=2,
        opens_at=now - timedelta(days=1),
        closes_at=kw.pop("closes_at", now + timedelta(days=10)),
        timezone="Asia/Seoul",
        state=state,
        criteria=[
            Criterion(position=i, name=name, weight=weight)
            for i, (name, weight) in enumerate(DEFAULT_CRITERIA, start=1)
        ],
    )
    db.session.add(call)
    db.session.flush()
    return call


def _proposal(call: Call, owner: User, state: str) -> Proposal:
    proposal = Proposal(
        call_id=call.id,
        member_id=owner.member_id,
        created_by_id=owner.id,
        state=state,
        submitted_at=None if state == "draft" else utcnow(),
        **PROPOSAL_TEXT,
    )
    db.session.add(proposal)
    db.session.flush()
    return proposal


def _document(owner_type: str, owner_id: int, kind: str, user: User, folder: Path) -> int:
    stored = f"{owner_type}-{owner_id}-{kind}.pdf"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored).write_bytes(PDF)
    document = ImplementerDocument(
        owner_type=owner_type,
        owner_id=owner_id,
        kind=kind,
        stored_name=stored,
        display_name=f"{kind}.pdf",
        mime_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
        uploaded_by_id=user.id,
    )
    db.session.add(document)
    db.session.flush()
    return document.id


def build_world(f: Any, upload_folder: Path) -> World:
    """Build the world with the factory fixtures ``f`` (make_member, make_user…); commit."""
    city_a = f.make_member("local_government", name="Suwon", country="Korea", region="Asia-Pacific")
    city_b = f.make_member("local_government", name="Lyon", country="France", region="Europe")
    provider_x = f.make_provider(name="Aqua Sensing", areas=("water-management", "healthcare"))
    provider_y = f.make_provider(name="Flow Metrics", areas=("water-management",), country="Kenya")
    pending = f.make_provider(name="Not Yet Verified", verified=False)
    users = {
        "city_a": f.make_user("city", member=city_a, name="Ana City A"),
        "city_b": f.make_user("city", member=city_b, name="Bea City B"),
        "provider_x": f.make_user("provider", member=provider_x, name="Xavier"),
        "provider_y": f.make_user("provider", member=provider_y, name="Yusuf"),
        "reviewer": f.make_user("reviewer", name="Rui Reviewer"),
        "reviewer_europe": f.make_user("reviewer", regions=["Europe"], name="Eve Europe"),
        "admin": f.make_user("admin", name="Ada Admin"),
    }
    world = World(users=users)
    ids = world.ids
    ids.update(city_a=city_a.id, city_b=city_b.id, provider_x=provider_x.id)
    ids.update(provider_y=provider_y.id, pending=pending.id)
    ids["spare"] = f.make_user("city", member=city_b, name="Spare of B").id
    a, b = users["city_a"], users["city_b"]
    reviewer, admin = users["reviewer"], users["admin"]
    _solution_finder(f, world, a, b, reviewer, provider_x)
    _activator(world, a, b, reviewer)
    _catalogue(world, provider_x, admin)
    _implementer(world, a, b, admin, users["provider_x"], users["provider_y"], upload_folder)
    _notices(world, a, admin)
    db.session.commit()
    return world


def _solution_finder(f, world, a, b, reviewer, provider_x: Member) -> None:
    ids = world.ids
    ids["draft"] = f.make_application(a, title="A draft of A").id
    ids["submitted_a"] = f.make_application(a, state="submitted", title="A waits").id
    ids["feedback_given"] = f.make_application(
        a, state="feedback_given", assignee=reviewer, feedback="Promising."
    ).id
    matchmaking = f.make_application(a, state="matchmaking", assignee=reviewer, feedback="Good.")
    ids["matchmaking"] = matchmaking.id
    ids["match_x"] = f.make_match(matchmaking, provider_x).id
    completed = f.make_application(a, state="completed", assignee=reviewer, title="Done in A")
    ids["completed"] = completed.id
    ids["submitted_b"] = f.make_application(b, state="submitted", title="B's challenge").id


def _activator(world, a, b, reviewer) -> None:
    ids = world.ids
    ids["assessment_a"] = start_assessment(a, 2024).id
    ids["plan_draft_a"] = create_project(a, ProjectInput(title="A's draft project")).id
    in_review = create_project(
        a,
        ProjectInput(
            title="A's bus lanes",
            summary="Bus lanes.",
            areas=("public-transportation",),
            stakeholders=(("Transport office", "executes"),),
        ),
    )
    transitions.fire(PLAN_BINDING, in_review.id, "submit", a)
    ids["plan_review_a"] = in_review.id
    published = create_project(
        b,
        ProjectInput(
            title="B's smart lighting",
            summary="LED lights.",
            areas=("energy-efficiency",),
            stakeholders=(("Lighting office", "executes"),),
        ),
    )
    transitions.fire(PLAN_BINDING, published.id, "submit", b)
    transitions.fire(PLAN_BINDING, published.id, "publish", reviewer)
    ids["plan_published_b"] = published.id


def _catalogue(world, provider_x: Member, admin: User) -> None:
    for name, verified in (("solution_x", True), ("solution_pending", False)):
        solution = Solution(
            provider_id=provider_x.id,
            name=f"Leak sensors ({name})",
            summary="Acoustic sensors.",
            areas=areas_by_slug(("water-management",)),
            verified=verified,
            verified_at=utcnow() if verified else None,
            verified_by_id=admin.id if verified else None,
        )
        db.session.add(solution)
        db.session.flush()
        world.ids[name] = solution.id


def _implementer(world, a, b, admin, x_user, y_user, folder: Path) -> None:
    ids = world.ids
    call = _call(admin, "open")
    ids["call"] = call.id
    ids["call_draft"] = _call(admin, "draft", title="Next year's call").id
    proposal = _proposal(call, a, "eligible")
    ids["proposal"] = proposal.id
    ids["proposal_doc"] = _document("proposal", proposal.id, "attachment", a, folder)
    ids["proposal_b"] = _proposal(call, b, "submitted").id
    second = _call(admin, "open", title="Second call")
    ids["call_second"] = second.id
    ids["proposal_draft"] = _proposal(second, a, "draft").id
    closed = _call(admin, "closed", title="Last year's call", closes_at=utcnow())
    selected = _proposal(closed, a, "selected")
    project = ImplementerProject(
        proposal_id=selected.id,
        call_id=closed.id,
        member_id=a.member_id,
        title=selected.title,
        budget_usd=90_000,
        tender_terms="Study the corridor; pilot adaptive signals.",
        tender_deadline=utcnow() + timedelta(days=7),
        state="consultant_procurement",
    )
    db.session.add(project)
    db.session.flush()
    ids["project"] = project.id
    ids["tender_doc"] = _document("project", project.id, "tender", admin, folder)
    for name, user, state in (("bid_x", x_user, "submitted"), ("bid_y", y_user, "draft")):
        bid = Bid(
            project_id=project.id,
            provider_id=user.member_id,
            created_by_id=user.id,
            technical_proposal="Traffic counts, then a pilot.",
            price_usd=80_000,
            team="Two traffic engineers.",
            timeline="Nine months.",
            state=state,
            submitted_at=None if state == "draft" else utcnow(),
        )
        db.session.add(bid)
        db.session.flush()
        ids[name] = bid.id
    ids["bid_y_doc"] = _document("bid", ids["bid_y"], "technical", y_user, folder)


def _notices(world, a: User, admin: User) -> None:
    note = Notification(user_id=a.id, kind="application.submit", message="Hi", link="/dashboard")
    message = OutboxMessage(
        user_id=admin.id,
        kind="application.submit",
        message_id="<matrix@driver.test>",
        to_email=admin.email,
        subject="Hello",
        body_text="Hello",
        link="/dashboard",
        failed_at=utcnow(),
        attempts=8,
        last_error="550 mailbox unavailable",
    )
    db.session.add_all([note, message])
    db.session.flush()
    world.ids.update(notification_a=note.id, outbox=message.id)
