"""Proposals: one per city and call, submitted only while the call is open, scoped to the city."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from driver import transitions
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, NotFound
from driver.extensions import db
from driver.implementer.bindings import PROJECT_BINDING, PROPOSAL_BINDING
from driver.implementer.models import ImplementerProject
from driver.implementer.services import proposals
from driver.notifications.models import Notification

from .conftest import COMPLETE


def test_a_city_has_one_proposal_per_call(pi, make_call):
    call = make_call()
    proposals.create_proposal(pi.owner, call.id, proposals.ProposalInput(title="One"))
    with pytest.raises(Conflict) as refused:
        proposals.create_proposal(pi.colleague, call.id, proposals.ProposalInput(title="Two"))
    assert refused.value.reasons == ["one_per_call"]


def test_no_proposal_is_started_after_the_closing_time(pi, make_call):
    call = make_call(closes_at=utcnow() - timedelta(seconds=1))
    with pytest.raises(Conflict):
        proposals.create_proposal(pi.owner, call.id, proposals.ProposalInput(title="Late"))


def test_only_a_city_writes_proposals(pi, make_call):
    with pytest.raises(Forbidden):
        proposals.create_proposal(pi.reviewer, make_call().id, proposals.ProposalInput())


@pytest.mark.parametrize(
    ("seconds", "accepted"),
    [(-1, True), (0, False), (1, False)],
    ids=["second-before-closing", "at-closing", "second-after"],
)
def test_submission_is_decided_by_the_server_clock_at_the_deadline(
    pi, make_call, make_proposal, seconds, accepted
):
    call = make_call()
    proposal = make_proposal("draft", call=call)
    now = call.closes_at + timedelta(seconds=seconds)
    try:
        transitions.fire(PROPOSAL_BINDING, proposal.id, "submit", pi.owner, now=now)
    except Conflict as exc:
        assert exc.reasons == ["call_open"]
    assert (proposal.state == "submitted") is accepted


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"problem": ""}, "has_problem"),
        ({"requested_usd": 150_000}, "within_budget"),
        ({"cofunding_cash_usd": None, "cofunding_kind": ""}, "has_cofunding"),
        ({"local_team": " "}, "has_local_team"),
    ],
    ids=["problem", "over-budget", "no-cofunding", "no-team"],
)
def test_submission_needs_the_required_fields(pi, make_proposal, change, reason):
    proposal = make_proposal("draft", **{**COMPLETE, **change})
    with pytest.raises(Conflict) as refused:
        transitions.fire(PROPOSAL_BINDING, proposal.id, "submit", pi.owner)
    assert refused.value.reasons == [reason]


def test_cofunding_in_kind_alone_is_enough(pi, make_proposal):
    proposal = make_proposal("draft", cofunding_cash_usd=None, cofunding_kind="Offices.")
    transitions.fire(PROPOSAL_BINDING, proposal.id, "submit", pi.owner)
    assert proposal.state == "submitted"


def test_submission_tells_the_reviewers_of_the_citys_region(pi, make_proposal):
    proposal = make_proposal("draft")
    transitions.fire(PROPOSAL_BINDING, proposal.id, "submit", pi.owner)
    told = set(db.session.scalars(select(Notification.user_id)))
    assert told == {pi.reviewer.id, pi.reviewer2.id}


def test_a_member_not_in_good_standing_is_not_eligible(pi, make_proposal):
    pi.city.status = "suspended"
    db.session.commit()
    proposal = make_proposal("submitted")
    with pytest.raises(Conflict) as refused:
        transitions.fire(PROPOSAL_BINDING, proposal.id, "screen", pi.reviewer)
    assert refused.value.reasons == ["member_in_good_standing"]


@pytest.mark.parametrize(
    ("actor", "visible"),
    [
        ("owner", True),
        ("colleague", True),
        ("other_city", False),
        ("reviewer", True),
        ("reviewer_africa", False),
        ("admin", True),
        ("consultant_user", False),
    ],
)
def test_who_sees_a_submitted_proposal(pi, make_proposal, actor, visible):
    proposal = make_proposal("submitted")
    try:
        PROPOSAL_BINDING.get(pi.actor(actor), proposal.id)
    except NotFound:
        assert not visible
    else:
        assert visible


def test_staff_never_see_a_draft(pi, make_proposal):
    proposal = make_proposal("draft")
    with pytest.raises(NotFound):
        PROPOSAL_BINDING.get(pi.admin, proposal.id)


def test_the_city_withdraws_before_selection(pi, make_proposal):
    proposal = make_proposal("shortlisted")
    transitions.fire(PROPOSAL_BINDING, proposal.id, "withdraw", pi.colleague)
    assert proposal.state == "withdrawn"


def test_a_selected_proposal_can_no_longer_be_withdrawn(pi, make_proposal):
    proposal = make_proposal("selected")
    with pytest.raises(Conflict):
        transitions.fire(PROPOSAL_BINDING, proposal.id, "withdraw", pi.owner)


def test_selecting_a_beneficiary_starts_its_project(pi, make_call, make_proposal, score_proposal):
    proposal = make_proposal("shortlisted", call=make_call("closed"))
    score_proposal(proposal, pi.reviewer, 4)
    score_proposal(proposal, pi.reviewer2, 3)
    transitions.fire(PROPOSAL_BINDING, proposal.id, "select_beneficiary", pi.admin)
    project = db.session.scalars(select(ImplementerProject)).one()
    history = [e.trigger for e in transitions.history(PROJECT_BINDING, project)]
    assert (project.proposal_id, project.state, history) == (proposal.id, "preparation", ["create"])


def test_the_calls_beneficiary_limit_holds(pi, make_call, make_proposal, score_proposal):
    call = make_call("closed", beneficiaries=1)
    make_proposal("selected", call=call, owner=pi.other_city)
    proposal = make_proposal("shortlisted", call=call)
    score_proposal(proposal, pi.reviewer, 4)
    score_proposal(proposal, pi.reviewer2, 3)
    with pytest.raises(Conflict) as refused:
        transitions.fire(PROPOSAL_BINDING, proposal.id, "select_beneficiary", pi.admin)
    assert refused.value.reasons == ["beneficiary_limit"]


def test_a_conflicted_reviewer_does_not_count_towards_two_complete_scores(
    pi, make_call, make_proposal, score_proposal
):
    proposal = make_proposal("shortlisted", call=make_call("closed"))
    score_proposal(proposal, pi.reviewer, 4)
    score_proposal(proposal, pi.reviewer2, conflict_of_interest=True)
    with pytest.raises(Conflict) as refused:
        transitions.fire(PROPOSAL_BINDING, proposal.id, "select_beneficiary", pi.admin)
    assert refused.value.reasons == ["two_complete_scores"]


def test_an_incomplete_review_does_not_count(pi, make_call, make_proposal, score_proposal):
    proposal = make_proposal("shortlisted", call=make_call("closed"))
    score_proposal(proposal, pi.reviewer, 4)
    score_proposal(proposal, pi.reviewer2, [4, 4])
    with pytest.raises(Conflict) as refused:
        transitions.fire(PROPOSAL_BINDING, proposal.id, "select_beneficiary", pi.admin)
    assert refused.value.reasons == ["two_complete_scores"]
