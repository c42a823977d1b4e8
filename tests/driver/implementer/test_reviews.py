"""Reviewers' scores of proposals: the rubric, conflicts of interest, and the ranking."""

from __future__ import annotations

from fractions import Fraction

import pytest

from driver.errors import Conflict, Forbidden, Invalid, NotFound
from driver.implementer.services import scoring


def all_scores(proposal, value=3):
    return {c.id: (value, f"Note on {c.name}") for c in proposal.call.criteria}


def test_a_reviewer_scores_every_criterion(pi, make_proposal):
    proposal = make_proposal("eligible")
    review = scoring.save_review(
        pi.reviewer, proposal.id, scoring.ReviewInput(scores=all_scores(proposal, 4))
    )
    assert sorted(s.score for s in review.scores) == [4] * 6


def test_a_review_missing_a_criterion_is_refused(pi, make_proposal):
    proposal = make_proposal("eligible")
    scores = all_scores(proposal)
    scores.pop(proposal.call.criteria[0].id)
    with pytest.raises(Invalid) as refused:
        scoring.save_review(pi.reviewer, proposal.id, scoring.ReviewInput(scores=scores))
    assert f"score_{proposal.call.criteria[0].id}" in refused.value.errors


@pytest.mark.parametrize("value", [-1, 6])
def test_a_score_outside_0_to_5_is_refused(pi, make_proposal, value):
    proposal = make_proposal("eligible")
    with pytest.raises(Invalid):
        scoring.save_review(
            pi.reviewer, proposal.id, scoring.ReviewInput(scores=all_scores(proposal, value))
        )


def test_declaring_a_conflict_removes_the_reviewers_scores(pi, make_proposal):
    proposal = make_proposal("eligible")
    scoring.save_review(pi.reviewer, proposal.id, scoring.ReviewInput(scores=all_scores(proposal)))
    review = scoring.save_review(
        pi.reviewer,
        proposal.id,
        scoring.ReviewInput(conflict_of_interest=True, conflict_note="I advised this city."),
    )
    assert (review.conflict_of_interest, review.scores) == (True, [])


def test_a_city_cannot_score_its_own_proposal(pi, make_proposal):
    proposal = make_proposal("eligible")
    with pytest.raises(Forbidden):
        scoring.save_review(pi.owner, proposal.id, scoring.ReviewInput(scores=all_scores(proposal)))


def test_a_reviewer_out_of_the_citys_region_does_not_see_it(pi, make_proposal):
    proposal = make_proposal("eligible")
    with pytest.raises(NotFound):
        scoring.save_review(
            pi.reviewer_africa, proposal.id, scoring.ReviewInput(scores=all_scores(proposal))
        )


@pytest.mark.parametrize("state", ["submitted", "selected", "not_selected", "withdrawn"])
def test_only_proposals_under_review_are_scored(pi, make_proposal, state):
    proposal = make_proposal(state)
    with pytest.raises(Conflict):
        scoring.save_review(
            pi.reviewer, proposal.id, scoring.ReviewInput(scores=all_scores(proposal))
        )


def test_the_ranking_orders_by_weighted_mean_with_spread_and_who_has_not_scored(
    pi, make_call, make_proposal, score_proposal
):
    call = make_call("closed")
    weak = make_proposal("eligible", call=call, title="Weak")
    strong = make_proposal("shortlisted", call=call, owner=pi.other_city, title="Strong")
    score_proposal(weak, pi.reviewer, 2)
    score_proposal(strong, pi.reviewer, [5, 5, 5, 5, 5, 5])
    score_proposal(
        strong, pi.reviewer2, [4, 4, 4, 3, 3, 3]
    )  # (80 + 80 + 80 + 45 + 45 + 30) / 100 = 3.6
    score_proposal(weak, pi.reviewer2, conflict_of_interest=True)
    _, rows = scoring.ranking(pi.admin, call.id)
    summary = [
        (
            r.rank,
            r.scores.proposal.title,
            r.scores.mean,
            r.scores.spread,
            [u.display_name for u in r.scores.missing],
            [u.display_name for u in r.scores.conflicts],
        )
        for r in rows
    ]
    assert summary == [
        (1, "Strong", Fraction(43, 10), Fraction(7, 5), [], []),
        (2, "Weak", Fraction(2), Fraction(0), [], ["Reviewer Two"]),
    ]


def test_a_reviewer_who_has_not_scored_is_named(pi, make_proposal, score_proposal):
    proposal = make_proposal("eligible")
    score_proposal(proposal, pi.reviewer, 3)
    assert [u.id for u in scoring.proposal_scores(proposal).missing] == [pi.reviewer2.id]


def test_the_ranking_is_for_staff_only(pi, make_call):
    with pytest.raises(Forbidden):
        scoring.ranking(pi.owner, make_call("open").id)
