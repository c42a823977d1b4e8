"""Reviewers' scores: proposals on the call's rubric, bids' technical quality; the rankings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from driver.auth.models import User
from driver.auth.people import reviewers_for, reviewers_lookup
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.extensions import db
from driver.i18n import N_
from driver.implementer import scoring
from driver.implementer.bindings import (
    BID_BINDING,
    CALL_BINDING,
    PROJECT_BINDING,
    PROPOSAL_BINDING,
)
from driver.implementer.models import (
    Bid,
    BidScore,
    Call,
    CriterionScore,
    ImplementerProject,
    Proposal,
    ProposalReview,
)
from driver.implementer.rubric import review_score, reviews_of, weights_of
from driver.implementer.services.common import clean_text, committing
from workflows import REVIEWER
from workflows.implementer.proposal import SCORABLE_STATES

MAX_COMMENT = 5_000


@dataclass(frozen=True)
class ReviewInput:
    """A reviewer's review: a conflict of interest, or a 0-5 score and comment per criterion."""

    conflict_of_interest: bool = False
    conflict_note: str = ""
    scores: Mapping[int, tuple[int | None, str]] | None = None


def save_review(actor: User, proposal_id: int, data: ReviewInput) -> ProposalReview:
    """Record the actor's review of a proposal being scored; commit.

    Declaring a conflict of interest removes the reviewer's scores of it.
    """
    with committing(duplicate=N_("Your review was saved twice at once; reload and check it.")):
        proposal = PROPOSAL_BINDING.get(actor, proposal_id, lock=True)
        if REVIEWER not in PROPOSAL_BINDING.relations(actor, proposal):
            raise Forbidden(_("Only WeGO reviewers score proposals."))
        if proposal.state not in SCORABLE_STATES:
            raise Conflict(
                _("Proposals are scored once found eligible and until the decision."),
                reasons=["state"],
            )
        review = _review(proposal, actor) or ProposalReview(proposal=proposal, reviewer=actor)
        db.session.add(review)
        review.conflict_of_interest = data.conflict_of_interest
        review.conflict_note = clean_text(
            data.conflict_note, field="conflict_note", max_length=MAX_COMMENT
        )
        review.updated_at = utcnow()
        if data.conflict_of_interest:
            review.scores.clear()
        else:
            _set_scores(review, proposal, data.scores or {})
    return review


def _set_scores(
    review: ProposalReview, proposal: Proposal, given: Mapping[int, tuple[int | None, str]]
) -> None:
    criteria = proposal.call.criteria
    errors: dict[str, list[str]] = {}
    unknown = set(given) - {c.id for c in criteria}
    if unknown:
        errors["scores"] = [_("Score the criteria of this call's rubric.")]
    values: dict[int, tuple[int, str]] = {}
    for criterion in criteria:
        score, comment = given.get(criterion.id, (None, ""))
        key = f"score_{criterion.id}"
        if isinstance(score, bool) or not isinstance(score, int):
            errors[key] = [_("Score “%(name)s” from 0 to 5.", name=criterion.name)]
        elif not 0 <= score <= scoring.MAX_CRITERION_SCORE:
            errors[key] = [_("A score is from 0 to 5.")]
        else:
            values[criterion.id] = (score, clean_text(comment, field=key, max_length=MAX_COMMENT))
    if errors:
        raise Invalid(_("Score every criterion from 0 to 5."), errors=errors)
    existing = {s.criterion_id: s for s in review.scores}
    for criterion_id, (score, comment) in values.items():
        row = existing.get(criterion_id)
        if row is None:
            review.scores.append(
                CriterionScore(criterion_id=criterion_id, score=score, comment=comment)
            )
        else:
            row.score, row.comment = score, comment


def _review(proposal: Proposal, reviewer: User) -> ProposalReview | None:
    return db.session.scalars(
        select(ProposalReview)
        .where(ProposalReview.proposal_id == proposal.id, ProposalReview.reviewer_id == reviewer.id)
        .options(selectinload(ProposalReview.scores))
    ).first()


def my_review(actor: User, proposal: Proposal) -> ProposalReview | None:
    """The actor's own review of ``proposal``, if any."""
    return _review(proposal, actor)


# -- a proposal's scores and the call's ranking -----------------------------------------------


@dataclass(frozen=True)
class ReviewerLine:
    """One reviewer's standing on a proposal."""

    reviewer: User
    status: str  # scored, conflict, incomplete, missing
    score: Fraction | None = None


@dataclass(frozen=True)
class ProposalScores:
    """A proposal's weighted mean, the spread between reviewers, and who stands where."""

    proposal: Proposal
    mean: Fraction | None
    spread: Fraction | None
    lines: list[ReviewerLine]

    @property
    def complete(self) -> int:
        return sum(1 for line in self.lines if line.status == "scored")

    @property
    def missing(self) -> list[User]:
        return [line.reviewer for line in self.lines if line.status in {"missing", "incomplete"}]

    @property
    def conflicts(self) -> list[User]:
        return [line.reviewer for line in self.lines if line.status == "conflict"]


def proposal_scores(
    proposal: Proposal,
    *,
    reviews: list[ProposalReview] | None = None,
    expected: Callable[[str], list[User]] = reviewers_for,
) -> ProposalScores:
    """The scores of ``proposal``: every reviewer expected on it, and those who reviewed.

    A list of proposals passes their ``reviews`` loaded at once and a memoised
    ``expected`` (the reviewers of a region), so it costs no query per proposal.
    """
    weights = weights_of(proposal)
    lines: dict[int, ReviewerLine] = {}
    for review in reviews_of(proposal) if reviews is None else reviews:
        value = review_score(review, weights)
        if review.conflict_of_interest:
            status = "conflict"
        else:
            status = "scored" if value is not None else "incomplete"
        lines[review.reviewer_id] = ReviewerLine(review.reviewer, status, value)
    for reviewer in expected(proposal.member.region):
        lines.setdefault(reviewer.id, ReviewerLine(reviewer, "missing"))
    values = [line.score for line in lines.values() if line.score is not None]
    return ProposalScores(
        proposal=proposal,
        mean=scoring.mean(values),
        spread=scoring.spread(values),
        lines=sorted(lines.values(), key=lambda line: (line.status != "scored", line.reviewer.id)),
    )


@dataclass(frozen=True)
class RankingRow:
    scores: ProposalScores
    rank: int | None
    tied: bool


RANKED_STATES = ("eligible", "shortlisted", "selected", "not_selected")


def ranking(actor: User, call_id: int) -> tuple[Call, list[RankingRow]]:
    """The call's proposals under review or decided, best weighted mean first (staff)."""
    call = CALL_BINDING.get(actor, call_id)
    if REVIEWER not in CALL_BINDING.relations(actor, call):
        raise Forbidden(_("The ranking is WeGO's."))
    stmt = (
        PROPOSAL_BINDING.scope(actor)
        .where(Proposal.call_id == call.id, Proposal.state.in_(RANKED_STATES))
        .options(selectinload(Proposal.member))
        .order_by(Proposal.id)
    )
    proposals = list(db.session.scalars(stmt))
    reviews: dict[int, list[ProposalReview]] = {p.id: [] for p in proposals}
    for review in db.session.scalars(
        select(ProposalReview)
        .where(ProposalReview.proposal_id.in_(list(reviews)))
        .options(selectinload(ProposalReview.scores), selectinload(ProposalReview.reviewer))
        .order_by(ProposalReview.id)
    ):
        reviews[review.proposal_id].append(review)
    expected = reviewers_lookup()
    summaries = {
        p.id: proposal_scores(p, reviews=reviews[p.id], expected=expected) for p in proposals
    }
    ranked = scoring.rank({pid: s.mean for pid, s in summaries.items()})
    return call, [RankingRow(summaries[r.key], r.rank, r.tied) for r in ranked]


# -- bids ---------------------------------------------------------------------------------


def save_bid_score(actor: User, bid_id: int, score: int | None, comment: str = "") -> BidScore:
    """Record the actor's technical score (0-100) of a bid, once the tender is closed; commit."""
    with committing(duplicate=N_("Your score was saved twice at once; reload and check it.")):
        bid = BID_BINDING.get(actor, bid_id, lock=True)
        if REVIEWER not in BID_BINDING.relations(actor, bid):
            raise Forbidden(_("Only WeGO reviewers score bids."))
        if bid.state != "submitted" or bid.project.state != "consultant_procurement":
            raise Conflict(
                _("Bids are scored until the consultant is selected."), reasons=["state"]
            )
        if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
            raise Invalid(
                _("The technical score is a whole number from 0 to 100."),
                errors={"score": [_("From 0 to 100.")]},
            )
        row = db.session.scalars(
            select(BidScore).where(BidScore.bid_id == bid.id, BidScore.reviewer_id == actor.id)
        ).first() or BidScore(bid=bid, reviewer=actor)
        row.score = score
        row.comment = clean_text(comment, field="comment", max_length=MAX_COMMENT)
        row.updated_at = utcnow()
        db.session.add(row)
    return row


@dataclass(frozen=True)
class BidRow:
    bid: Bid
    result: scoring.BidResult


def bid_ranking(actor: User, project: ImplementerProject) -> list[BidRow]:
    """The project's sent bids ranked by QCBS, for staff once the deadline has passed.

    Before the deadline the bids are out of the actor's scope, so the list is
    empty: nobody sees a price before then.
    """
    stmt = (
        BID_BINDING.scope(actor)
        .where(Bid.project_id == project.id, Bid.state.in_(["submitted", "awarded", "rejected"]))
        .options(selectinload(Bid.scores), selectinload(Bid.provider))
        .order_by(Bid.id)
    )
    bids = {b.id: b for b in db.session.scalars(stmt) if b.price_usd}
    results = scoring.qcbs(
        [
            scoring.BidFacts(b.id, b.price_usd or 0, tuple(s.score for s in b.scores))
            for b in bids.values()
        ],
        project.technical_weight,
    )
    return [BidRow(bids[r.bid_id], r) for r in results]


def awarded_bid_ranking(actor: User, project: ImplementerProject) -> list[BidRow]:
    """The bid ranking for export: only once a bid is awarded, only to staff (else NotFound)."""
    if not actor.is_staff:
        raise not_found()
    PROJECT_BINDING.get(actor, project.id)  # in the actor's scope, else NotFound
    rows = bid_ranking(actor, project)
    if not any(row.bid.state == "awarded" for row in rows):
        raise not_found()
    return rows
