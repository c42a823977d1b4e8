"""Self-assessment services: start or resume one per city and year, save answers, results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import Select, false, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from driver import transitions
from driver.activator import scoring
from driver.activator.models import Assessment, AssessmentAnswer, AssessmentGoal
from driver.activator.questions import AREA_NAMES, AREA_ORDER, DIMENSIONS, QUESTION_COUNT
from driver.auth.models import User
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.extensions import db
from driver.members.models import Member
from driver.members.reference import AREAS, STAGES

FIRST_YEAR = 2010  # WeGO's founding year
MAX_POPULATION = 2_000_000_000  # an INTEGER column on PostgreSQL

# A question's answer: 0-4, or None for "don't know".
Answer = int | None
Key = tuple[str, str]  # (area slug, dimension)


def visible_assessments(actor: Any) -> Select[tuple[Assessment]]:
    """``select(Assessment)`` limited to what ``actor`` may see.

    A city sees its own; WeGO staff every city's, a region-scoped reviewer those
    of cities in its regions.
    """
    stmt = select(Assessment)
    if not getattr(actor, "is_authenticated", False):
        return stmt.where(false())
    if actor.is_staff:
        if actor.role == "reviewer" and actor.regions:
            in_regions = select(Member.id).where(Member.region.in_(actor.regions))
            return stmt.where(Assessment.member_id.in_(in_regions))
        return stmt
    if actor.role == "city" and actor.member_id is not None:
        return stmt.where(Assessment.member_id == actor.member_id)
    return stmt.where(false())


def get_assessment(actor: Any, assessment_id: int, *, lock: bool = False) -> Assessment:
    """The assessment ``assessment_id`` with its answers if ``actor`` may see it, else NotFound."""
    stmt = (
        visible_assessments(actor)
        .where(Assessment.id == assessment_id)
        .options(
            selectinload(Assessment.answers),
            selectinload(Assessment.goals),
            # Many-to-one: in the same statement (not with FOR UPDATE: it locks one table).
            *(() if lock else (joinedload(Assessment.member),)),
        )
    )
    if lock:
        stmt = stmt.options(selectinload(Assessment.member))
    if lock:
        stmt = stmt.with_for_update(of=Assessment).execution_options(populate_existing=True)
    assessment = db.session.scalar(stmt)
    if assessment is None:
        raise not_found()
    return assessment


def is_owner(actor: Any, assessment: Assessment) -> bool:
    """Whether ``actor`` answers for the city that owns ``assessment``."""
    return actor.role == "city" and actor.member_id == assessment.member_id


def find_for_year(actor: User, year: int) -> Assessment | None:
    """The actor's city's assessment of ``year``, if it was started."""
    if actor.role != "city" or actor.member_id is None:
        return None
    return db.session.scalar(
        select(Assessment).where(Assessment.member_id == actor.member_id, Assessment.year == year)
    )


def start_assessment(
    actor: User, year: int | None = None, *, today: date | None = None
) -> Assessment:
    """Start the city's assessment of ``year`` (this year by default); commit.

    One per city and year: Conflict if that year's assessment exists already.
    """
    if actor.role != "city" or actor.member_id is None:
        raise Forbidden(_("Only staff of a member city can take the self-assessment."))
    current = (today or utcnow().date()).year
    year = current if year is None else year
    if not FIRST_YEAR <= year <= current:
        message = _("Choose a year from %(first)s to %(last)s.", first=FIRST_YEAR, last=current)
        raise Invalid(message, errors={"year": [message]})
    if find_for_year(actor, year) is not None:
        raise Conflict(
            _("Your city's %(year)s assessment exists already.", year=year),
            reasons=["one_per_year"],
        )
    assessment = Assessment(member_id=actor.member_id, year=year, created_by=actor)
    db.session.add(assessment)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            _("Your city's %(year)s assessment exists already.", year=year),
            reasons=["one_per_year"],
        ) from None
    return assessment


def save(
    actor: User,
    assessment_id: int,
    *,
    answers: Mapping[Key, Answer] | None = None,
    goals: Mapping[str, tuple[int | None, int | None]] | None = None,
    expected_version: int | None = None,
) -> Assessment:
    """Keep some answers (0-4 or None: don't know) and goals (target, priority); commit.

    Only what is given changes: the rest stays as it was, so a city can answer
    a few areas, leave, and come back.
    """
    answers, goals = dict(answers or {}), dict(goals or {})
    _check(answers, goals)
    try:
        assessment = get_assessment(actor, assessment_id, lock=True)
        if not is_owner(actor, assessment):
            raise Forbidden(_("Only the city that owns this assessment can answer it."))
        if expected_version is not None and expected_version != assessment.version:
            raise Conflict(transitions.STALE)
        by_key = {(a.area, a.dimension): a for a in assessment.answers}
        for (area, dimension), value in answers.items():
            row = by_key.get((area, dimension))
            if row is None:
                assessment.answers.append(
                    AssessmentAnswer(area=area, dimension=dimension, value=value)
                )
            else:
                row.value = value
        by_area = {g.area: g for g in assessment.goals}
        for area, (target, priority) in goals.items():
            goal = by_area.get(area)
            if goal is None:
                assessment.goals.append(
                    AssessmentGoal(area=area, target_stage=target, priority=priority)
                )
            else:
                goal.target_stage, goal.priority = target, priority
        assessment.updated_at = utcnow()  # bumps the version: the whole assessment changed
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return assessment


def _check(
    answers: Mapping[Key, Answer], goals: Mapping[str, tuple[int | None, int | None]]
) -> None:
    errors: dict[str, list[str]] = {}
    for (area, dimension), value in answers.items():
        key = f"{area}.{dimension}"
        if area not in AREA_ORDER or dimension not in DIMENSIONS:
            errors[key] = [_("There is no such question.")]
        elif value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4
        ):
            errors[key] = [_("Answer 0 to 4, or “don't know”.")]
    for area, (target, priority) in goals.items():
        if area not in AREA_ORDER:
            errors[area] = [_("There is no such area.")]
            continue
        if target is not None and not 1 <= target <= 5:
            errors[f"{area}.target_stage"] = [_("Choose a target stage from 1 to 5.")]
        if priority is not None and priority not in scoring.PRIORITIES:
            errors[f"{area}.priority"] = [_("Choose a priority from 1 (low) to 3 (high).")]
    if errors:
        raise Invalid(_("The answers were not saved."), errors=errors)


def complete(actor: User, assessment_id: int, *, expected_version: int | None = None) -> Assessment:
    """Mark the assessment complete once every question has an answer (or "don't know"). Commit."""
    try:
        assessment = get_assessment(actor, assessment_id, lock=True)
        if not is_owner(actor, assessment):
            raise Forbidden(_("Only the city that owns this assessment can complete it."))
        if expected_version is not None and expected_version != assessment.version:
            raise Conflict(transitions.STALE)
        missing = QUESTION_COUNT - len(assessment.answers)
        if missing > 0:
            raise Conflict(
                ngettext(
                    "%(num)d question still has no answer; “don't know” counts as one.",
                    "%(num)d questions still have no answer; “don't know” counts as one.",
                    missing,
                ),
                reasons=["all_answered"],
            )
        assessment.completed_at = assessment.completed_at or utcnow()
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return assessment


def set_population(actor: User, population: int | None) -> Member:
    """Record how many people live in the actor's city (for size-group benchmarks); commit."""
    if actor.role != "city" or actor.member_id is None:
        raise Forbidden(_("Only staff of a member city can give its population."))
    if population is not None and not 1 <= population <= MAX_POPULATION:
        raise Invalid(
            _("Enter the number of people, for example 950000."),
            errors={"population": [_("Enter a whole number of people above 0.")]},
        )
    member = db.session.get(Member, actor.member_id)
    if member is None:  # pragma: no cover - users always belong to an existing member
        raise not_found()
    member.population = population
    db.session.commit()
    return member


# -- results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Results:
    """An assessment's results: each area (in the areas' order), overall, and the ranked gaps."""

    assessment: Assessment
    areas: list[scoring.AreaScore]
    overall: scoring.Overall
    gaps: list[scoring.AreaScore]
    answered: int  # questions with an answer, "don't know" included

    @property
    def by_area(self) -> dict[str, scoring.AreaScore]:
        return {a.area: a for a in self.areas}

    @property
    def progress(self) -> int:
        """Share of the questions answered, in whole percent."""
        return self.answered * 100 // QUESTION_COUNT


def results(assessment: Assessment) -> Results:
    """Score every area of ``assessment`` and rank its gaps."""
    values: dict[str, list[Answer]] = {slug: [] for slug, _ in AREAS}
    for answer in assessment.answers:
        values.setdefault(answer.area, []).append(answer.value)
    goals = {g.area: g for g in assessment.goals}
    areas = [
        scoring.score_area(
            slug,
            values[slug],
            target=goals[slug].target_stage if slug in goals else None,
            priority=goals[slug].priority if slug in goals else None,
        )
        for slug, _ in AREAS
    ]
    return Results(
        assessment=assessment,
        areas=areas,
        overall=scoring.overall(areas),
        gaps=scoring.ranked_gaps(areas, AREA_ORDER),
        answered=len(assessment.answers),
    )


def answers_of(assessment: Assessment) -> dict[Key, Answer]:
    """The answers given so far, by (area, dimension)."""
    return {(a.area, a.dimension): a.value for a in assessment.answers}


def goals_of(assessment: Assessment) -> dict[str, AssessmentGoal]:
    return {g.area: g for g in assessment.goals}


def for_city(actor: Any, member_id: int | None = None) -> list[Assessment]:
    """A city's assessments, oldest year first, with their answers (progress over the years)."""
    member_id = member_id if member_id is not None else getattr(actor, "member_id", None)
    if member_id is None:
        return []
    stmt = (
        visible_assessments(actor)
        .where(Assessment.member_id == member_id)
        .options(selectinload(Assessment.answers), selectinload(Assessment.goals))
        .order_by(Assessment.year)
    )
    return list(db.session.scalars(stmt))


def all_latest(actor: Any, *, limit: int = 200) -> list[Results]:
    """Each city's latest assessment, newest first (WeGO staff)."""
    if not getattr(actor, "is_staff", False):
        return []
    stmt = (
        visible_assessments(actor)
        .options(
            selectinload(Assessment.answers),
            selectinload(Assessment.goals),
            selectinload(Assessment.member),
        )
        .order_by(Assessment.year.desc(), Assessment.id.desc())
        .limit(limit * 4)
    )
    latest: dict[int, Assessment] = {}
    for assessment in db.session.scalars(stmt):
        latest.setdefault(assessment.member_id, assessment)
    return [results(a) for a in list(latest.values())[:limit]]


def application_prefill(actor: User, assessment_id: int, area: str) -> dict[str, Any]:
    """A Solution Finder draft's fields prefilled for ``area`` from the city's own assessment.

    NotFound unless the assessment belongs to the actor's city.
    """
    assessment = get_assessment(actor, assessment_id)
    if not is_owner(actor, assessment) or area not in AREA_ORDER:
        raise not_found()
    score = results(assessment).by_area[area]
    name = _(AREA_NAMES[area])
    city, year = assessment.member.name, assessment.year
    if score.stage is not None:
        where = _(
            "Our %(year)s self-assessment puts %(city)s at stage %(stage)s (%(stage_name)s) "
            "in %(area)s.",
            year=year,
            city=city,
            stage=score.stage,
            stage_name=_(STAGES[score.stage]),
            area=name,
        )
    else:
        where = _(
            "Our %(year)s self-assessment has too few answers yet to give %(city)s a stage "
            "in %(area)s.",
            year=year,
            city=city,
            area=name,
        )
    sentences = [where]
    outcomes = ""
    if score.target:
        target = {"target": score.target, "stage_name": _(STAGES[score.target])}
        sentences.append(_("We aim for stage %(target)s (%(stage_name)s).", **target))
        outcomes = _("Reach stage %(target)s (%(stage_name)s) in %(area)s.", area=name, **target)
    sentences.append(_("The challenge we face:"))
    return {
        "areas": [area],
        "city_stage": "" if score.stage is None else str(score.stage),
        "description": " ".join(sentences) + " ",
        "expected_outcomes": outcomes,
    }


@dataclass(frozen=True)
class Snapshot:
    """A city's latest assessment for its dashboard: status, overall stage, top advice."""

    results: Results
    advice: list[Any]

    @property
    def assessment(self) -> Assessment:
        return self.results.assessment


def latest_snapshot(actor: User) -> Snapshot | None:
    """The city's latest assessment with its results and top recommendations, if any."""
    from driver.activator.recommendations import recommend

    if actor.role != "city" or actor.member_id is None:
        return None
    assessment = db.session.scalar(
        visible_assessments(actor)
        .where(Assessment.member_id == actor.member_id)
        .options(selectinload(Assessment.answers), selectinload(Assessment.goals))
        .order_by(Assessment.year.desc())
        .limit(1)
    )
    if assessment is None:
        return None
    result = results(assessment)
    return Snapshot(result, recommend(result.gaps, actor.member_id, top=2, per_area=1))
