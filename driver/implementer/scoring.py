"""The arithmetic of selection, on plain numbers: the rubric's weighted means and QCBS.

Exact fractions throughout, so that equal results compare equal (ties) and
rounding happens only for display.

- Rubric: a reviewer's score of a proposal is the weighted mean of their 0-5
  criterion scores (weights relative to their sum); a proposal's score is the
  mean of its reviewers' scores; the spread is the largest minus the smallest
  of those (0 with one reviewer).
- QCBS (DESIGN §4): combined = technical weight × technical score +
  cost weight × 100 × lowest price / price, with the technical score the mean
  of the reviewers' 0-100 scores and the lowest price taken over every bid
  ranked. Weights are per tender, in per cent (default 80 / 20).

Equal results share a rank (1, 2, 2, 4) and are marked as ties.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

MAX_CRITERION_SCORE = 5
MAX_TECHNICAL_SCORE = 100


def weighted_score(scores: Mapping[int, int], weights: Mapping[int, int]) -> Fraction | None:
    """A reviewer's 0-5 score of a proposal; None unless every weighted criterion is scored."""
    total = sum(weights.values())
    if total <= 0 or any(c not in scores for c, w in weights.items() if w > 0):
        return None
    return Fraction(sum(w * scores.get(c, 0) for c, w in weights.items()), total)


def mean(values: Sequence[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def spread(values: Sequence[Fraction]) -> Fraction | None:
    """Largest minus smallest; None without values."""
    return max(values) - min(values) if values else None


@dataclass(frozen=True)
class Ranked:
    """A thing's place: rank (None when it has no score) and whether it shares it."""

    key: int
    score: Fraction | None
    rank: int | None
    tied: bool


def rank(scores: Mapping[int, Fraction | None]) -> list[Ranked]:
    """Best first; equal scores share a rank; unscored last, in key order."""
    scored = sorted(
        ((k, s) for k, s in scores.items() if s is not None), key=lambda ks: (-ks[1], ks[0])
    )
    counts: dict[Fraction, int] = {}
    for _, s in scored:
        counts[s] = counts.get(s, 0) + 1
    out: list[Ranked] = []
    place = 0
    for position, (key, score) in enumerate(scored, start=1):
        if not out or out[-1].score != score:
            place = position
        out.append(Ranked(key, score, place, counts[score] > 1))
    out.extend(
        Ranked(k, None, None, False) for k in sorted(k for k, s in scores.items() if s is None)
    )
    return out


@dataclass(frozen=True)
class BidFacts:
    """What QCBS needs of a bid."""

    bid_id: int
    price_usd: int
    technical_scores: tuple[int, ...]


@dataclass(frozen=True)
class BidResult:
    """A bid's QCBS result."""

    bid_id: int
    price_usd: int
    technical: Fraction | None
    financial: Fraction
    combined: Fraction | None
    rank: int | None
    tied: bool


def qcbs(bids: Sequence[BidFacts], technical_weight: int) -> list[BidResult]:
    """Rank bids by the combined quality and cost score, best first (unscored last)."""
    if not 0 <= technical_weight <= 100:
        raise ValueError("the technical weight is a percentage from 0 to 100")
    if not bids:
        return []
    if any(b.price_usd <= 0 for b in bids):
        raise ValueError("every ranked bid needs a positive price")
    tw = Fraction(technical_weight, 100)
    lowest = min(b.price_usd for b in bids)
    facts = {}
    for b in bids:
        technical = mean([Fraction(s) for s in b.technical_scores])
        financial = Fraction(100 * lowest, b.price_usd)
        combined = None if technical is None else tw * technical + (1 - tw) * financial
        facts[b.bid_id] = (b, technical, financial, combined)
    return [
        BidResult(
            bid_id=r.key,
            price_usd=facts[r.key][0].price_usd,
            technical=facts[r.key][1],
            financial=facts[r.key][2],
            combined=r.score,
            rank=r.rank,
            tied=r.tied,
        )
        for r in rank({k: f[3] for k, f in facts.items()})
    ]
