"""The rubric of a call: WeGO's default criteria, and reading reviewers' scores of a proposal."""

from __future__ import annotations

from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from driver.extensions import db
from driver.implementer import scoring
from driver.implementer.models import Proposal, ProposalReview

# WeGO's criteria (DESIGN §2 and the call of the Feasibility Study Program), with the
# weights a new call starts from; the admin may change both while the call is a draft.
DEFAULT_CRITERIA = (
    ("Commitment to inclusive and sustainable development", 20),
    ("Alignment with the city's smart city / ICT strategy", 20),
    ("Local support and co-funding (in cash or in kind)", 20),
    ("Sustainability after the project", 15),
    ("Commitment to post-project implementation", 15),
    ("Relevance to the call's theme", 10),
)


def weights_of(proposal: Proposal) -> dict[int, int]:
    """The call's criteria ids and weights."""
    return {c.id: c.weight for c in proposal.call.criteria}


def reviews_of(proposal: Proposal) -> list[ProposalReview]:
    """Every review of ``proposal`` (conflicts included), with scores and reviewers loaded."""
    stmt = (
        select(ProposalReview)
        .where(ProposalReview.proposal_id == proposal.id)
        .options(selectinload(ProposalReview.scores), selectinload(ProposalReview.reviewer))
        .order_by(ProposalReview.id)
    )
    return list(db.session.scalars(stmt))


def review_score(review: ProposalReview, weights: dict[int, int]) -> Fraction | None:
    """A review's weighted 0-5 score; None for a conflict or an incomplete review."""
    if review.conflict_of_interest:
        return None
    return scoring.weighted_score({s.criterion_id: s.score for s in review.scores}, weights)


def complete_reviews(proposal: Proposal) -> list[ProposalReview]:
    """The reviews that scored every criterion, without a conflict of interest."""
    weights = weights_of(proposal)
    return [r for r in reviews_of(proposal) if review_score(r, weights) is not None]
