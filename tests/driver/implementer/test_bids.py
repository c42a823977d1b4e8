"""Bids: sealed until the deadline, one live bid per provider, QCBS chooses the consultant."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from driver import transitions
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid, NotFound
from driver.extensions import db
from driver.implementer.bindings import BID_BINDING, PROJECT_BINDING
from driver.implementer.models import Bid
from driver.implementer.services import bids, scoring

PAST = timedelta(hours=-1)


@pytest.fixture
def open_tender(make_project):
    return make_project("consultant_procurement", deadline=utcnow() + timedelta(days=3))


@pytest.fixture
def closed_tender(make_project):
    return make_project("consultant_procurement", deadline=utcnow() + PAST)


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [
        ("consultant_user", True),  # its own
        ("rival_user", False),
        ("admin", False),  # sealed even for admins before the deadline
        ("reviewer", False),
        ("owner", False),
    ],
)
def test_before_the_deadline_only_the_bidder_sees_its_bid(pi, open_tender, make_bid, viewer, sees):
    bid = make_bid(open_tender, pi.consultant_user)
    visible = db.session.scalars(
        BID_BINDING.scope(pi.actor(viewer)).where(Bid.id == bid.id)
    ).first()
    assert (visible is not None) is sees


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [("consultant_user", True), ("rival_user", False), ("admin", True), ("owner", False)],
)
def test_after_the_deadline_staff_see_the_sent_bids_and_rivals_still_do_not(
    pi, closed_tender, make_bid, viewer, sees
):
    bid = make_bid(closed_tender, pi.consultant_user)
    visible = db.session.scalars(
        BID_BINDING.scope(pi.actor(viewer)).where(Bid.id == bid.id)
    ).first()
    assert (visible is not None) is sees


def test_staff_never_see_a_draft_bid_even_after_the_deadline(pi, closed_tender, make_bid):
    bid = make_bid(closed_tender, pi.consultant_user, state="draft")
    with pytest.raises(NotFound):
        BID_BINDING.get(pi.admin, bid.id)


def test_the_ranking_holds_no_price_before_the_deadline(pi, open_tender, make_bid):
    make_bid(open_tender, pi.consultant_user)
    assert scoring.bid_ranking(pi.admin, open_tender) == []


def test_a_verified_provider_starts_a_bid_on_an_open_tender(pi, open_tender):
    bid = bids.start_bid(pi.rival_user, open_tender.id, bids.BidInput(price_usd=50_000))
    assert (bid.state, bid.provider_id) == ("draft", pi.rival.id)


def test_an_unverified_provider_does_not_see_open_tenders(pi, open_tender):
    with pytest.raises(NotFound):
        bids.start_bid(pi.unverified_user, open_tender.id, bids.BidInput())


def test_one_live_bid_per_provider(pi, open_tender, make_bid):
    make_bid(open_tender, pi.consultant_user, state="draft")
    with pytest.raises(Conflict) as refused:
        bids.start_bid(pi.consultant_user, open_tender.id, bids.BidInput())
    assert refused.value.reasons == ["one_bid"]


def test_after_withdrawing_a_provider_may_bid_again(pi, open_tender, make_bid):
    make_bid(open_tender, pi.consultant_user, state="withdrawn")
    assert bids.start_bid(pi.consultant_user, open_tender.id, bids.BidInput()).state == "draft"


def test_no_bid_is_started_after_the_deadline(pi, closed_tender):
    with pytest.raises(Conflict):
        bids.start_bid(pi.consultant_user, closed_tender.id, bids.BidInput())


def test_a_bid_is_withdrawn_before_the_deadline(pi, open_tender, make_bid):
    bid = make_bid(open_tender, pi.consultant_user)
    transitions.fire(BID_BINDING, bid.id, "withdraw", pi.consultant_user)
    assert bid.state == "withdrawn"


def test_a_bid_cannot_be_withdrawn_after_the_deadline(pi, closed_tender, make_bid):
    bid = make_bid(closed_tender, pi.consultant_user)
    with pytest.raises(Conflict) as refused:
        transitions.fire(BID_BINDING, bid.id, "withdraw", pi.consultant_user)
    assert refused.value.reasons == ["tender_open"]


def test_a_provider_cannot_award_its_own_bid(pi, open_tender, make_bid):
    bid = make_bid(open_tender, pi.consultant_user)
    with pytest.raises(Forbidden):
        transitions.fire(BID_BINDING, bid.id, "award", pi.consultant_user)


def test_reviewers_score_bids_only_after_the_deadline(pi, open_tender, make_bid):
    bid = make_bid(open_tender, pi.consultant_user)
    with pytest.raises(NotFound):
        scoring.save_bid_score(pi.reviewer, bid.id, 80)


@pytest.mark.parametrize("score", [-1, 101, None])
def test_a_technical_score_is_from_0_to_100(pi, closed_tender, make_bid, score):
    bid = make_bid(closed_tender, pi.consultant_user)
    with pytest.raises(Invalid):
        scoring.save_bid_score(pi.reviewer, bid.id, score)


def test_selecting_the_consultant_awards_one_bid_and_rejects_the_others(
    pi, closed_tender, make_bid, score_bid
):
    chosen = make_bid(closed_tender, pi.consultant_user)
    other = make_bid(closed_tender, pi.rival_user)
    score_bid(chosen, pi.reviewer, 80)
    transitions.fire(
        PROJECT_BINDING,
        closed_tender.id,
        "select_consultant",
        pi.admin,
        payload={"bid_id": chosen.id},
    )
    db.session.expire_all()
    assert (closed_tender.consultant_id, chosen.state, other.state) == (
        pi.consultant.id,
        "awarded",
        "rejected",
    )


def test_the_consultant_is_chosen_only_after_the_deadline(pi, open_tender, make_bid, score_bid):
    bid = make_bid(open_tender, pi.consultant_user)
    score_bid(bid, pi.reviewer, 80)
    with pytest.raises(Conflict) as refused:
        transitions.fire(
            PROJECT_BINDING,
            open_tender.id,
            "select_consultant",
            pi.admin,
            payload={"bid_id": bid.id},
        )
    assert "deadline_passed" in refused.value.reasons


def test_an_unscored_bid_cannot_be_chosen(pi, closed_tender, make_bid, score_bid):
    scored = make_bid(closed_tender, pi.consultant_user)
    unscored = make_bid(closed_tender, pi.rival_user)
    score_bid(scored, pi.reviewer, 80)
    with pytest.raises(Conflict) as refused:
        transitions.fire(
            PROJECT_BINDING,
            closed_tender.id,
            "select_consultant",
            pi.admin,
            payload={"bid_id": unscored.id},
        )
    assert refused.value.reasons == ["chosen_bid_scored"]


def test_a_bid_of_another_project_is_refused(
    pi, closed_tender, make_project, make_proposal, make_bid
):
    elsewhere = make_project(
        "consultant_procurement",
        proposal=make_proposal("selected", owner=pi.other_city),
        deadline=utcnow() + PAST,
    )
    bid = make_bid(elsewhere, pi.consultant_user)
    with pytest.raises(Invalid):
        transitions.fire(
            PROJECT_BINDING,
            closed_tender.id,
            "select_consultant",
            pi.admin,
            payload={"bid_id": bid.id},
        )


def test_cancelling_the_project_rejects_the_sent_bids(pi, open_tender, make_bid):
    bid = make_bid(open_tender, pi.consultant_user)
    transitions.fire(PROJECT_BINDING, open_tender.id, "cancel", pi.admin, comment="No budget.")
    db.session.expire_all()
    assert (open_tender.state, bid.state) == ("cancelled", "rejected")


def test_the_consultant_submits_the_study_only_with_its_report(pi, make_project):
    project = make_project("feasibility_study", consultant_id=pi.consultant.id)
    with pytest.raises(Conflict) as refused:
        transitions.fire(PROJECT_BINDING, project.id, "submit_study", pi.consultant_user)
    assert refused.value.reasons == ["study_report_attached"]


def test_a_rival_has_no_say_on_the_consultants_project(pi, make_project, make_bid):
    project = make_project("feasibility_study", consultant_id=pi.consultant.id)
    make_bid(project, pi.rival_user, state="rejected")
    with pytest.raises(Forbidden):
        transitions.fire(PROJECT_BINDING, project.id, "submit_study", pi.rival_user)


def test_every_bid_is_listed_once(pi, closed_tender, make_bid):
    make_bid(closed_tender, pi.consultant_user)
    make_bid(closed_tender, pi.rival_user)
    assert len(db.session.scalars(select(Bid)).all()) == len(
        scoring.bid_ranking(pi.admin, closed_tender)
    )
