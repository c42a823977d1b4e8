"""Matchmaking services: ranked suggestions, proposing a match, a provider's offers."""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from driver import transitions
from driver.auth.models import User
from driver.auth.people import organisation_users, reviewers_for
from driver.catalogue.models import Solution, solution_areas
from driver.errors import Conflict, Forbidden, Invalid
from driver.extensions import db
from driver.i18n import N_
from driver.matchmaking import scoring
from driver.matchmaking.models import Match
from driver.members.models import Area, Member, ProviderProfile, provider_areas
from driver.notifications import reminders
from driver.solution_finder.models import Application
from driver.solution_finder.scoping import visible_applications
from driver.solution_finder.services import BINDING as APPLICATION_BINDING
from workflows import OWNER, PROVIDER, REVIEWER
from workflows.match import MATCH, OPEN_STATES


class MatchBinding(transitions.Binding):
    """The match workflow bound to its model."""

    workflow = MATCH
    model = Match
    object_type = "match"

    def scope(self, actor: User) -> Select:
        stmt = select(Match)
        if actor.role == "provider" and actor.member_id is not None:
            return stmt.where(Match.provider_id == actor.member_id)
        if actor.role == "city" or actor.is_staff:
            apps = visible_applications(actor).with_only_columns(Application.id)
            stmt = stmt.where(Match.application_id.in_(apps))
            if actor.role == "city":
                stmt = stmt.where(Match.state != "retracted")
            return stmt
        return stmt.where(false())

    def relations(self, actor: User, obj: Match) -> frozenset[str]:
        relations = set()
        if actor.role == "provider" and actor.member_id == obj.provider_id:
            relations.add(PROVIDER)
        if actor.role == "city" and actor.member_id == obj.application.member_id:
            relations.add(OWNER)
        if actor.is_staff:
            relations.add(REVIEWER)
        return frozenset(relations)

    def recipients(self, audience: str, obj: Match) -> Iterable[User]:
        app = obj.application
        if audience == "owner":
            return [u for u in organisation_users(app.member_id) if u.role == "city"]
        if audience == "reviewers":
            if app.assignee and app.assignee.active:
                return [app.assignee]
            return reviewers_for(app.member.region)
        if audience == "provider":
            return organisation_users(obj.provider_id)
        raise ValueError(f"unknown audience {audience!r}")

    def is_staff_view(self, user: User) -> bool:
        return user.is_staff

    def title(self, obj: Match) -> str:
        return f"{obj.application.title or 'Application'} × {obj.provider.name}"

    def url(self, obj: Match) -> str:
        return f"/matches/{obj.id}"


BINDING = MatchBinding()

reminders.register(
    reminders.StateWait(
        name="offer_unanswered",
        label=N_("Unanswered partner offer"),
        binding=BINDING,
        states=("proposed",),
        audiences=("provider",),
        subject=N_("Reminder: an offer waits for your answer: {{ title }}"),
        body=N_(
            "Hello {{ recipient }},\n\nWeGO proposed you as a partner {{ days }} days ago: "
            "{{ title }}. The city can choose you only once you have accepted; "
            "please accept or decline the offer."
        ),
    )
)


# -- suggestions ----------------------------------------------------------------


def need_of(app: Application) -> scoring.Need:
    return scoring.Need(
        areas=frozenset(app.area_slugs),
        country=app.member.country,
        region=app.member.region,
        languages=frozenset(app.languages or app.member.languages or ()),
        budget_usd=app.budget_usd,
        stage=app.city_stage,
    )


def offers_for(area_slugs: Iterable[str], *, provider_id: int | None = None) -> list[scoring.Offer]:
    """Verified providers covering at least one of ``area_slugs``, as scoring facts.

    A provider covers an area through its profile or through a verified
    solution of its catalogue; the stages it suits span its profile's and its
    verified solutions' ranges.
    """
    slugs = list(area_slugs)
    if not slugs:
        return []
    covering = (
        select(provider_areas.c.provider_id)
        .join(Area, Area.id == provider_areas.c.area_id)
        .where(Area.slug.in_(slugs))
    )
    covering_solutions = (
        select(Solution.provider_id)
        .join(solution_areas, solution_areas.c.solution_id == Solution.id)
        .join(Area, Area.id == solution_areas.c.area_id)
        .where(Solution.verified.is_(True), Area.slug.in_(slugs))
    )
    ids = select(ProviderProfile.member_id).where(
        ProviderProfile.verified.is_(True),
        or_(
            ProviderProfile.member_id.in_(covering),
            ProviderProfile.member_id.in_(covering_solutions),
        ),
    )
    if provider_id is not None:
        ids = ids.where(ProviderProfile.member_id == provider_id)
    # Found once, then looked up by primary key in each of the reads below.
    ids = list(db.session.scalars(ids))
    if not ids:
        return []
    # Plain rows, not ORM objects: a ranking reads hundreds of providers on every request,
    # and building an object graph for each was most of its time (bench/profile.py).
    profiles = db.session.execute(
        select(
            ProviderProfile.member_id,
            Member.name,
            Member.country,
            Member.region,
            ProviderProfile.countries,
            ProviderProfile.regions,
            ProviderProfile.languages,
            ProviderProfile.remote_capable,
            ProviderProfile.stage_min,
            ProviderProfile.stage_max,
            ProviderProfile.budget_min_usd,
            ProviderProfile.budget_max_usd,
        )
        .join(Member, Member.id == ProviderProfile.member_id)
        .where(ProviderProfile.member_id.in_(ids))
        .order_by(ProviderProfile.member_id)
    ).all()
    areas: dict[int, set[str]] = {}
    for pid, slug in db.session.execute(
        select(provider_areas.c.provider_id, Area.slug)
        .join(Area, Area.id == provider_areas.c.area_id)
        .where(provider_areas.c.provider_id.in_(ids))
    ):
        areas.setdefault(pid, set()).add(slug)
    # A verified solution widens both the provider's areas and its stage range (one read).
    stages: dict[int, list[tuple[int, int]]] = {}
    for pid, low, high, slug in db.session.execute(
        select(Solution.provider_id, Solution.stage_min, Solution.stage_max, Area.slug)
        .outerjoin(solution_areas, solution_areas.c.solution_id == Solution.id)
        .outerjoin(Area, Area.id == solution_areas.c.area_id)
        .where(Solution.verified.is_(True), Solution.provider_id.in_(ids))
    ):
        stages.setdefault(pid, []).append((low, high))
        if slug is not None:
            areas.setdefault(pid, set()).add(slug)
    ratings = {
        pid: (total, count)
        for pid, total, count in db.session.execute(
            select(
                Match.provider_id, func.sum(Match.outcome_rating), func.count(Match.outcome_rating)
            )
            .where(Match.outcome_rating.is_not(None), Match.provider_id.in_(ids))
            .group_by(Match.provider_id)
        )
    }
    return [
        scoring.Offer(
            provider_id=p.member_id,
            name=p.name,
            areas=frozenset(areas.get(p.member_id, ())),
            countries=frozenset([p.country, *p.countries]),
            regions=frozenset([p.region, *p.regions]),
            languages=frozenset(p.languages),
            remote_capable=p.remote_capable,
            stage_min=min([p.stage_min, *(low for low, _ in stages.get(p.member_id, ()))]),
            stage_max=max([p.stage_max, *(high for _, high in stages.get(p.member_id, ()))]),
            budget_min_usd=p.budget_min_usd,
            budget_max_usd=p.budget_max_usd,
            ratings_sum=float(ratings.get(p.member_id, (0, 0))[0] or 0),
            ratings_count=int(ratings.get(p.member_id, (0, 0))[1]),
        )
        for p in profiles
    ]


def suggestions(
    actor: User, app_id: int, *, limit: int = 50, app: Application | None = None
) -> list[scoring.Suggestion]:
    """Providers ranked for an application, best first (staff only).

    ``app``: the application when the caller read it already in the actor's scope.
    """
    if app is None or app.id != app_id:
        app = APPLICATION_BINDING.get(actor, app_id)
    if REVIEWER not in APPLICATION_BINDING.relations(actor, app):
        raise Forbidden(_("Only WeGO reviewers see matchmaking suggestions."))
    weights = current_app.config["MATCH_WEIGHTS"]
    return scoring.rank(need_of(app), offers_for(app.area_slugs), weights)[:limit]


# -- proposing --------------------------------------------------------------------


def propose_match(actor: User, app_id: int, provider_id: int) -> Match:
    """Offer the application to a provider (reviewer, while in matchmaking); commit."""
    try:
        app = APPLICATION_BINDING.get(actor, app_id, lock=True)
        if REVIEWER not in APPLICATION_BINDING.relations(actor, app):
            raise Forbidden(_("Only WeGO reviewers propose matches."))
        if app.state != "matchmaking":
            raise Conflict(
                _("Matches can be proposed only while the application is in matchmaking."),
                reasons=["state"],
            )
        provider = db.session.get(Member, provider_id)
        if provider is None or not provider.is_provider:
            raise Invalid(
                _("Choose a solution provider (a member corporation or institution)."),
                errors={"provider_id": [_("Not a solution provider.")]},
            )
        if provider.profile is None or not provider.profile.verified:
            raise Conflict(
                _("%(name)s's profile is not verified yet.", name=provider.name),
                reasons=["provider_verified"],
            )
        existing = db.session.scalar(
            select(Match.id).where(Match.application_id == app.id, Match.provider_id == provider.id)
        )
        if existing is not None:
            raise Conflict(
                _("%(name)s has already been proposed for this application.", name=provider.name)
            )
        weights = current_app.config["MATCH_WEIGHTS"]
        offer = next(iter(offers_for(app.area_slugs, provider_id=provider.id)), None)
        match = Match(
            application=app,
            provider=provider,
            proposed_by=actor,
            state=MATCH.initial,
            score=scoring.score(need_of(app), offer, weights).score if offer else None,
        )
        db.session.add(match)
        db.session.flush()
        transitions.record(
            BINDING,
            match,
            trigger="propose",
            from_state=None,
            actor=actor,
            audiences=("provider", "owner"),
            action="Propose a match",
        )
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_("This provider has already been proposed for this application.")) from None
    except BaseException:
        db.session.rollback()
        raise
    return match


# -- lists ------------------------------------------------------------------------


def matches_in_scope(
    actor: User,
    *,
    states: Iterable[str] | None = None,
    application_id: int | None = None,
    eager: bool = True,
) -> list[Match]:
    """The matches the actor may see, newest first.

    ``eager``: also load each match's application (city, areas) and provider;
    a page about one application that shows only the matches' states skips it.
    """
    stmt = BINDING.scope(actor)
    if eager:
        stmt = stmt.options(
            selectinload(Match.application).options(
                selectinload(Application.member), selectinload(Application.areas)
            ),
            selectinload(Match.provider),
        )
    if states:
        stmt = stmt.where(Match.state.in_(list(states)))
    if application_id is not None:
        stmt = stmt.where(Match.application_id == application_id)
    return list(db.session.scalars(stmt.order_by(Match.id.desc()).limit(500)))


def open_offers(actor: User) -> list[Match]:
    """A provider's offers that still wait for its answer or the city's choice."""
    return matches_in_scope(actor, states=OPEN_STATES)


# -- what a page may show --------------------------------------------------------------


def proposing_open(app: Application) -> bool:
    """Whether matches can be proposed for ``app`` now (while it is in matchmaking)."""
    return app.state == "matchmaking"


def offers_by_group(actor: User) -> dict[str, list[Match]]:
    """A provider's offers: ``waiting`` for its answer, ``accepted`` by it, and ``past`` ones."""
    groups: dict[str, list[Match]] = {"waiting": [], "accepted": [], "past": []}
    for match in matches_in_scope(actor):
        if match.state == "proposed":
            groups["waiting"].append(match)
        elif match.state == "accepted":
            groups["accepted"].append(match)
        else:
            groups["past"].append(match)
    return groups
