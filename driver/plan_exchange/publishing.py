"""Publish a finished Solution Finder application or Project Implementer project, in one action.

Either becomes a Plan Exchange project prefilled from what the platform already
knows (its text, areas, budget, city and partners) and goes straight to WeGO's
review. A source is published once: the link to it is unique.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from driver import transitions
from driver.auth.models import User
from driver.errors import Conflict, Forbidden
from driver.extensions import db
from driver.i18n import N_
from driver.implementer.bindings import PROJECT_BINDING as IMPLEMENTER_BINDING
from driver.implementer.models import ImplementerProject
from driver.matchmaking.models import Match
from driver.plan_exchange.models import Project
from driver.plan_exchange.services import (
    BAND_LIMITS,
    BINDING,
    ProjectInput,
    apply_input,
    check_input,
)
from driver.solution_finder.models import Application
from driver.solution_finder.services import BINDING as APPLICATION_BINDING
from workflows import OWNER, Context
from workflows.plan_exchange import PROJECT

ALREADY = N_("This project is already in Plan Exchange.")


def budget_band_of(budget_usd: int | None) -> str | None:
    """The budget band a budget falls in."""
    if budget_usd is None:
        return None
    for band, limit in BAND_LIMITS:
        if budget_usd < limit:
            return band
    return "over_1m"


def project_from_application(app: Application) -> ProjectInput:
    """A project's text prefilled from a completed application, its city and partners."""
    partners = db.session.scalars(
        select(Match)
        .where(Match.application_id == app.id, Match.state == "selected")
        .options(selectinload(Match.provider))
        .order_by(Match.id)
    )
    stakeholders = [(app.member.name, "plans")]
    stakeholders += [(m.provider.name, "executes") for m in partners]
    stakeholders.append(("WeGO Secretariat", "monitors"))
    start = app.submitted_at.year if app.submitted_at else app.created_at.year
    return ProjectInput(
        title=app.title,
        summary=app.description,
        outcomes=app.outcome_summary or app.expected_outcomes,
        areas=tuple(app.area_slugs),
        period_start=start,
        period_end=app.state_changed_at.year,
        budget_band=budget_band_of(app.budget_usd),
        stage=app.city_stage,
        stakeholders=tuple(stakeholders),
    )


def project_from_implementer(project: ImplementerProject) -> ProjectInput:
    """A project's text prefilled from a completed Implementer project and its proposal.

    The city plans it, the consultant WeGO selected executes it, and WeGO, which
    financed it and reviewed the consultant's reports, monitors and evaluates it.
    """
    proposal = project.proposal
    stakeholders = [(project.member.name, "plans")]
    if project.consultant is not None:
        stakeholders.append((project.consultant.name, "executes"))
    stakeholders += [("WeGO Secretariat", "monitors"), ("WeGO Secretariat", "evaluates")]
    summary = "\n\n".join(p for p in (proposal.problem, proposal.objectives) if p.strip())
    start = proposal.submitted_at or proposal.created_at
    return ProjectInput(
        title=project.title or proposal.title,
        summary=summary,
        outcomes=project.outcome_summary or proposal.expected_outcomes,
        areas=tuple(a.slug for a in proposal.areas),
        period_start=start.year,
        period_end=project.state_changed_at.year,
        budget_band=budget_band_of(project.budget_usd or proposal.requested_usd),
        stakeholders=tuple(stakeholders),
    )


def publish_application(actor: User, app_id: int) -> Project:
    """Turn a completed application into a project and send it to WeGO's review; commit.

    When the prefilled project cannot be sent yet (a guard fails), it stays a
    draft for the city to complete.
    """
    try:
        app = APPLICATION_BINDING.get(actor, app_id, lock=True)
        _check_source(APPLICATION_BINDING, actor, app, Project.application_id)
        project = _publish(actor, app.member, project_from_application(app), application_id=app.id)
    except BaseException:
        db.session.rollback()
        raise
    return project


def publish_implementer_project(actor: User, project_id: int) -> Project:
    """Turn a completed Implementer project into a Plan Exchange project for review; commit."""
    try:
        source = IMPLEMENTER_BINDING.get(actor, project_id, lock=True)
        _check_source(IMPLEMENTER_BINDING, actor, source, Project.implementer_project_id)
        project = _publish(
            actor,
            source.member,
            project_from_implementer(source),
            implementer_project_id=source.id,
        )
    except BaseException:
        db.session.rollback()
        raise
    return project


def publishable(binding: transitions.Binding, actor: Any, source: Any) -> bool:
    """Whether ``actor`` may publish ``source`` (its city, once it is completed)."""
    return source.state == "completed" and OWNER in binding.relations(actor, source)


def publishing_box(
    binding: transitions.Binding, actor: Any, source: Any, link: Any
) -> dict[str, Any]:
    """For a source's page: whether ``actor`` may publish it, and its Plan Exchange project.

    The project is only looked up for the city that may publish (one query spared
    on every other visitor's page).
    """
    publishable_now = publishable(binding, actor, source)
    plan_project = (
        db.session.scalar(select(Project).where(link == source.id)) if publishable_now else None
    )
    return {"publishable": publishable_now, "plan_project": plan_project}


def _check_source(binding: transitions.Binding, actor: User, source: Any, link: Any) -> None:
    if OWNER not in binding.relations(actor, source):
        raise Forbidden(_("Only the city that owns this project can publish it."))
    if source.state != "completed":
        raise Conflict(_("Only a completed project can be published."), reasons=["state"])
    if db.session.scalar(select(Project.id).where(link == source.id)):
        raise Conflict(_(ALREADY), reasons=["published"])


def _publish(actor: User, member: Any, data: ProjectInput, **link: int) -> Project:
    check_input(data)
    project = Project(member=member, created_by=actor, state=PROJECT.initial, **link)
    db.session.add(project)
    apply_input(project, data)
    transitions.record(BINDING, project, trigger="create", from_state=None, actor=actor)
    try:
        db.session.flush()
    except IntegrityError:
        # Published by a colleague in the same instant: the unique link decides.
        raise Conflict(_(ALREADY), reasons=["published"]) from None
    if not PROJECT.unmet_guards(project, "submit", Context()):
        transitions.apply(BINDING, project, PROJECT.transition("submit"), Context(), actor)
    db.session.commit()
    return project
