"""The matchmaking score (DESIGN §6): plain functions over plain facts, so it is easy to test."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext

from driver.i18n import N_
from driver.members.reference import LANGUAGES

# Track record: a Bayesian average of past ratings (1-5), pulled towards a
# neutral prior so that a newcomer scores in the middle instead of zero.
PRIOR_RATING = 3.0
PRIOR_WEIGHT = 2.0

TERM_LABELS = {
    "areas": N_("Area coverage"),
    "stage": N_("Stage fit"),
    "geography": N_("Geography"),
    "budget": N_("Budget fit"),
    "language": N_("Shared language"),
    "track_record": N_("Track record"),
}


class Reason(str):
    """Why a term scores what it does: the English text, and its message for other languages.

    It is the English ``str`` (for the API and the tests); the pages show ``translated()``.
    A tuple argument is a list of marked names, translated one by one and joined.
    """

    msgid: str
    args: dict[str, Any]

    def __new__(cls, msgid: str, **args: Any) -> Reason:
        english = {k: ", ".join(v) if isinstance(v, tuple) else v for k, v in args.items()}
        reason = super().__new__(cls, msgid % english if args else msgid)
        reason.msgid, reason.args = msgid, args
        return reason

    def translated(self) -> str:
        args = {
            k: ", ".join(gettext(x) for x in v) if isinstance(v, tuple) else v
            for k, v in self.args.items()
        }
        return gettext(self.msgid, **args)


@dataclass(frozen=True)
class Need:
    """What an application asks for."""

    areas: frozenset[str]
    country: str
    region: str
    languages: frozenset[str]
    budget_usd: int | None = None
    stage: int | None = None


@dataclass(frozen=True)
class Offer:
    """What a provider offers."""

    provider_id: int
    name: str
    areas: frozenset[str]
    countries: frozenset[str]
    regions: frozenset[str]
    languages: frozenset[str]
    remote_capable: bool
    stage_min: int = 1
    stage_max: int = 5
    budget_min_usd: int | None = None
    budget_max_usd: int | None = None
    ratings_sum: float = 0.0
    ratings_count: int = 0


@dataclass(frozen=True)
class Part:
    """One term of the score: its fit (0-1), weight, points (0-100 scale) and why."""

    term: str
    label: str
    weight: float
    fit: float
    points: float
    why: str


@dataclass(frozen=True)
class Suggestion:
    offer: Offer
    score: float
    parts: tuple[Part, ...]


def area_fit(need: Need, offer: Offer) -> tuple[float, Reason]:
    covered = need.areas & offer.areas
    if not need.areas:
        return 0.0, Reason(N_("The application names no area."))
    return len(covered) / len(need.areas), Reason(
        N_("Covers %(covered)d of %(total)d areas."), covered=len(covered), total=len(need.areas)
    )


def stage_fit(need: Need, offer: Offer) -> tuple[float, Reason]:
    if need.stage is None:
        return 0.5, Reason(N_("The city's stage is not known yet."))
    if offer.stage_min <= need.stage <= offer.stage_max:
        return 1.0, Reason(N_("Works with cities at stage %(stage)d."), stage=need.stage)
    distance = min(abs(need.stage - offer.stage_min), abs(need.stage - offer.stage_max))
    fit = max(0.0, 1.0 - 0.5 * distance)
    return fit, Reason(
        N_("Suits stages %(low)d-%(high)d; the city is at %(stage)d."),
        low=offer.stage_min,
        high=offer.stage_max,
        stage=need.stage,
    )


def geography_fit(need: Need, offer: Offer) -> tuple[float, Reason]:
    if need.country.casefold() in {c.casefold() for c in offer.countries}:
        return 1.0, Reason(N_("Works in %(country)s."), country=need.country)
    if need.region in offer.regions:
        return 0.7, Reason(N_("Works in the region (%(region)s)."), region=(need.region,))
    if offer.remote_capable:
        return 0.3, Reason(N_("Works remotely."))
    return 0.0, Reason(N_("Neither in the country or region, nor remote."))


def budget_fit(need: Need, offer: Offer) -> tuple[float, Reason]:
    if need.budget_usd is None or (offer.budget_min_usd is None and offer.budget_max_usd is None):
        return 0.5, Reason(N_("No budget to compare."))
    low = offer.budget_min_usd or 0
    high = offer.budget_max_usd
    if need.budget_usd >= low and (high is None or need.budget_usd <= high):
        return 1.0, Reason(N_("The budget is within the provider's usual range."))
    if need.budget_usd < low:
        return need.budget_usd / low, Reason(N_("The budget is below the provider's usual range."))
    assert high is not None
    return high / need.budget_usd, Reason(N_("The budget is above the provider's usual range."))


def language_fit(need: Need, offer: Offer) -> tuple[float, Reason]:
    shared = need.languages & offer.languages
    if not need.languages:
        return 0.5, Reason(N_("The application names no working language."))
    if shared:
        names = sorted(LANGUAGES.get(code, code) for code in shared)
        return 1.0, Reason(N_("Shares %(languages)s."), languages=", ".join(names))
    return 0.0, Reason(N_("No shared working language."))


def track_record_fit(_: Need, offer: Offer) -> tuple[float, Reason]:
    mean = (PRIOR_RATING * PRIOR_WEIGHT + offer.ratings_sum) / (PRIOR_WEIGHT + offer.ratings_count)
    fit = (mean - 1.0) / 4.0
    if offer.ratings_count == 0:
        return fit, Reason(N_("No finished project yet: a neutral start."))
    return fit, Reason(
        N_("Rated %(mean)s/5 over %(num)d finished project(s)."),
        mean=f"{mean:.1f}",
        num=offer.ratings_count,
    )


TERMS = {
    "areas": area_fit,
    "stage": stage_fit,
    "geography": geography_fit,
    "budget": budget_fit,
    "language": language_fit,
    "track_record": track_record_fit,
}


def score(need: Need, offer: Offer, weights: Mapping[str, float]) -> Suggestion:
    """The 0-100 score of ``offer`` for ``need``, with each term's contribution."""
    parts = []
    for term, fit_of in TERMS.items():
        fit, why = fit_of(need, offer)
        weight = weights[term]
        parts.append(Part(term, TERM_LABELS[term], weight, fit, round(100 * weight * fit, 1), why))
    # The total is the sum of the parts as shown, so that "why this match" adds up.
    total = round(sum(p.points for p in parts), 1)
    return Suggestion(offer, total, tuple(parts))


def passes_hard_filters(need: Need, offer: Offer) -> bool:
    """A provider is suggested only if it covers at least one of the application's areas."""
    return bool(need.areas & offer.areas)


def rank(need: Need, offers: Sequence[Offer], weights: Mapping[str, float]) -> list[Suggestion]:
    """The offers that pass the hard filters, best first (ties by name, then id)."""
    suggestions = [score(need, o, weights) for o in offers if passes_hard_filters(need, o)]
    return sorted(
        suggestions, key=lambda s: (-s.score, s.offer.name.casefold(), s.offer.provider_id)
    )
