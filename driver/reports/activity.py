"""Where the programmes' work comes from, and how matchmaking offers end.

- **Geography.** Solution Finder applications (once submitted: staff never
  count drafts), Project Implementer proposals (once submitted) and Project
  Implementer projects, counted by the city's region and country and by area,
  grouped in the database (one ``UNION ALL`` statement for places, one for
  areas). An application about three areas counts once in each of them, so the
  area totals may exceed the number of applications. The year is the year of
  submission (projects: of their creation).
- **Matchmaking.** Per provider, in one grouped statement: offers made,
  accepted (an event took the offer to ``accepted``, or it was selected, which
  needs an acceptance), declined, retracted, selected as partner, not selected,
  still open. The accept rate is accepted ÷ (accepted + declined): the share of
  the offers the provider answered. The year is the year of the offer; the
  scope is the region of the city the offer was for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import case, exists, func, literal, or_, select, union_all

from driver.audit.models import AuditEvent
from driver.auth.models import User
from driver.extensions import db
from driver.i18n import N_
from driver.implementer.models import ImplementerProject, Proposal
from driver.implementer.models.proposal import proposal_areas
from driver.matchmaking.models import Match
from driver.members.models import Area, Member
from driver.members.reference import AREAS
from driver.reports import stats
from driver.reports.scope import in_year, member_in_scope
from driver.solution_finder.models import Application, application_areas

KINDS = {
    "solution_finder": N_("Solution Finder applications"),
    "implementer": N_("Project Implementer proposals"),
    "implementer_project": N_("Project Implementer projects"),
}


@dataclass(frozen=True)
class CountRow:
    """One place or area, with a count per kind of work (in KINDS' order) and the total."""

    label: str
    counts: tuple[int, ...]
    region: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Geography:
    """Counts per area, region and country (countries sorted by total, then name)."""

    kinds: list[str]  # the labels of the kinds shown
    areas: list[CountRow]
    regions: list[CountRow]
    countries: list[CountRow]

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(col) for col in zip(*(r.counts for r in self.regions), strict=True))


def _place_queries(user: User, year: int | None, kinds: list[str]) -> list:
    queries = {
        "solution_finder": select(
            literal("solution_finder").label("kind"),
            Member.region,
            Member.country,
            func.count(Application.id),
        )
        .join(Member, Member.id == Application.member_id)
        .where(
            Application.submitted_at.is_not(None),
            member_in_scope(user, Application.member_id),
            in_year(Application.submitted_at, year),
        )
        .group_by(Member.region, Member.country),
        "implementer": select(
            literal("implementer").label("kind"), Member.region, Member.country, func.count()
        )
        .select_from(Proposal)
        .join(Member, Member.id == Proposal.member_id)
        .where(
            Proposal.submitted_at.is_not(None),
            member_in_scope(user, Proposal.member_id),
            in_year(Proposal.submitted_at, year),
        )
        .group_by(Member.region, Member.country),
        "implementer_project": select(
            literal("implementer_project").label("kind"),
            Member.region,
            Member.country,
            func.count(),
        )
        .select_from(ImplementerProject)
        .join(Member, Member.id == ImplementerProject.member_id)
        .where(
            member_in_scope(user, ImplementerProject.member_id),
            in_year(ImplementerProject.created_at, year),
        )
        .group_by(Member.region, Member.country),
    }
    return [queries[k] for k in kinds]


def _area_queries(user: User, year: int | None, kinds: list[str]) -> list:
    queries = {
        "solution_finder": select(literal("solution_finder").label("kind"), Area.slug, func.count())
        .select_from(application_areas)
        .join(Area, Area.id == application_areas.c.area_id)
        .join(Application, Application.id == application_areas.c.application_id)
        .where(
            Application.submitted_at.is_not(None),
            member_in_scope(user, Application.member_id),
            in_year(Application.submitted_at, year),
        )
        .group_by(Area.slug),
        "implementer": select(literal("implementer").label("kind"), Area.slug, func.count())
        .select_from(proposal_areas)
        .join(Area, Area.id == proposal_areas.c.area_id)
        .join(Proposal, Proposal.id == proposal_areas.c.proposal_id)
        .where(
            Proposal.submitted_at.is_not(None),
            member_in_scope(user, Proposal.member_id),
            in_year(Proposal.submitted_at, year),
        )
        .group_by(Area.slug),
        "implementer_project": select(
            literal("implementer_project").label("kind"), Area.slug, func.count()
        )
        .select_from(ImplementerProject)
        .join(proposal_areas, proposal_areas.c.proposal_id == ImplementerProject.proposal_id)
        .join(Area, Area.id == proposal_areas.c.area_id)
        .where(
            member_in_scope(user, ImplementerProject.member_id),
            in_year(ImplementerProject.created_at, year),
        )
        .group_by(Area.slug),
    }
    return [queries[k] for k in kinds]


def geography(user: User, year: int | None, kind: str | None = None) -> Geography:
    """Applications and projects by area, region and country; two statements."""
    kinds = [kind] if kind else list(KINDS)
    col = {k: i for i, k in enumerate(kinds)}
    by_place: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * len(kinds))
    for k, region, country, n in db.session.execute(union_all(*_place_queries(user, year, kinds))):
        by_place[(region, country)][col[k]] += int(n)
    by_area: dict[str, list[int]] = defaultdict(lambda: [0] * len(kinds))
    for k, slug, n in db.session.execute(union_all(*_area_queries(user, year, kinds))):
        by_area[slug][col[k]] += int(n)
    by_region: dict[str, list[int]] = defaultdict(lambda: [0] * len(kinds))
    for (region, _), counts in by_place.items():
        by_region[region] = [a + b for a, b in zip(by_region[region], counts, strict=True)]
    countries = [
        CountRow(country, tuple(counts), region=region)
        for (region, country), counts in by_place.items()
    ]
    countries.sort(key=lambda r: (-r.total, r.label))
    return Geography(
        kinds=[KINDS[k] for k in kinds],
        areas=[CountRow(name, tuple(by_area.get(slug, [0] * len(kinds)))) for slug, name in AREAS],
        regions=[CountRow(r, tuple(c)) for r, c in sorted(by_region.items())],
        countries=countries,
    )


# -- matchmaking ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcomes:
    """What became of the offers made to one provider (or to all: ``name`` "All providers")."""

    name: str
    offers: int
    accepted: int
    declined: int
    retracted: int
    selected: int
    not_selected: int
    open: int
    provider_id: int | None = None

    @property
    def accept_rate(self) -> Fraction | None:
        return stats.rate(self.accepted, self.accepted + self.declined)

    @property
    def select_rate(self) -> Fraction | None:
        return stats.rate(self.selected, self.accepted)


OUTCOME_FIELDS = ("offers", "accepted", "declined", "retracted", "selected", "not_selected", "open")


@dataclass(frozen=True)
class MatchmakingReport:
    overall: Outcomes
    providers: list[Outcomes]  # most offers first


def _count(condition) -> object:
    return func.sum(case((condition, 1), else_=0))


def matchmaking(user: User, year: int | None) -> MatchmakingReport:
    """Offers and what became of them, overall and per provider; one grouped statement."""
    was_accepted = exists().where(
        AuditEvent.object_type == "match",
        AuditEvent.object_id == Match.id,
        AuditEvent.to_state == "accepted",
    )
    stmt = (
        select(
            Match.provider_id,
            Member.name,
            func.count(Match.id),
            _count(or_(Match.state.in_(("accepted", "selected")), was_accepted)),
            _count(Match.state == "declined"),
            _count(Match.state == "retracted"),
            _count(Match.state == "selected"),
            _count(Match.state == "not_selected"),
            _count(Match.state.in_(("proposed", "accepted"))),
        )
        .join(Member, Member.id == Match.provider_id)
        .join(Application, Application.id == Match.application_id)
        .where(member_in_scope(user, Application.member_id), in_year(Match.created_at, year))
        .group_by(Match.provider_id, Member.name)
    )
    providers = [
        Outcomes(name, *(int(v or 0) for v in values), provider_id=pid)
        for pid, name, *values in db.session.execute(stmt)
    ]
    providers.sort(key=lambda o: (-o.offers, o.name))
    overall = Outcomes(
        N_("All providers"),
        *(sum(getattr(p, f) for p in providers) for f in OUTCOME_FIELDS),
    )
    return MatchmakingReport(overall=overall, providers=providers)
