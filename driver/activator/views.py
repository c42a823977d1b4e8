"""The self-assessment pages: the city's years, answering an area, results and progress."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from driver.activator import services
from driver.activator.benchmarks import benchmark
from driver.activator.charts import progress, radar
from driver.activator.forms import CompleteForm, PopulationForm, StartForm, area_form
from driver.activator.questions import AREA_NAMES, AREA_ORDER, DIMENSIONS, questions_for
from driver.activator.recommendations import recommend
from driver.activator.scoring import PRIORITIES
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.main.forms import show_refusal
from driver.members.reference import AREAS, STAGES

bp = Blueprint("activator", __name__, url_prefix="/activator")


@bp.before_request
def _signed_in() -> Response | None:
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
    if current_user.role not in {"city", "reviewer", "admin"}:
        raise not_found()
    return None


@bp.route("")
def index() -> str:
    """Show the city's assessments by year with its progress; staff see every city's."""
    member = current_user.member if current_user.role == "city" else None
    form = PopulationForm(formdata=None, data={"population": member.population if member else None})
    return _index_page(form)


def _index_page(population_form: PopulationForm) -> str:
    assessments = services.for_city(current_user) if current_user.role == "city" else []
    history = [services.results(a) for a in assessments]
    chart = None
    if history:
        chart = progress(
            [r.assessment.year for r in history],
            [r.overall.percent for r in history],
            title=_("Overall score by year"),
            description=_(
                "Bars of the city's overall self-assessment score per year; "
                "the table below gives the same numbers."
            ),
        )
    today = utcnow().date()
    return render_template(
        "activator/index.html",
        history=history,
        chart=chart,
        start_form=StartForm.build({a.year for a in assessments}, today),
        population_form=population_form,
        this_year=next((a for a in assessments if a.year == today.year), None),
        staff_rows=services.all_latest(current_user) if current_user.is_staff else [],
        stages=STAGES,
        area_names=AREA_NAMES,
    )


@bp.route("/assessments", methods=["POST"])
def start() -> Response:
    """Start the assessment of the chosen year (city staff), or resume it if it exists."""
    form = StartForm.build(set(), utcnow().date())
    year = form.chosen_year() if form.validate_on_submit() else None
    if year is not None and (existing := services.find_for_year(current_user, year)):
        return redirect(url_for(".overview", assessment_id=existing.id))
    try:
        assessment = services.start_assessment(current_user, year)
    except (Invalid, Conflict) as exc:
        flash(exc.detail, "error")
        return redirect(url_for(".index"))
    flash(
        _(
            "Your %(year)s self-assessment is started: answer the areas in any order.",
            year=assessment.year,
        ),
        "success",
    )
    return redirect(url_for(".overview", assessment_id=assessment.id))


@bp.route("/population", methods=["POST"])
def population() -> str | Response | tuple[str, int]:
    """Record the city's population for size-group benchmarks."""
    form = PopulationForm()
    if form.validate_on_submit():
        try:
            services.set_population(current_user, form.population.data)
        except Invalid as exc:
            show_refusal(form, exc)
        else:
            flash(_("Your city's population is saved."), "success")
            return redirect(url_for(".index"))
    return _index_page(form), 422


@bp.route("/assessments/<int:assessment_id>")
def overview(assessment_id: int) -> str:
    """Show how far each area is answered, with links to answer them."""
    assessment = services.get_assessment(current_user, assessment_id)
    return render_template(
        "activator/overview.html",
        assessment=assessment,
        results=services.results(assessment),
        owner=services.is_owner(current_user, assessment),
        complete_form=CompleteForm(formdata=None, data={"version": str(assessment.version)}),
        areas=AREAS,
        counts=_answered_per_area(assessment),
        dimensions=len(DIMENSIONS),
        stages=STAGES,
    )


def _answered_per_area(assessment: services.Assessment) -> dict[str, int]:
    counts: dict[str, int] = {}
    for answer in assessment.answers:
        counts[answer.area] = counts.get(answer.area, 0) + 1
    return counts


@bp.route("/assessments/<int:assessment_id>/areas/<area>", methods=["GET", "POST"])
def answer(assessment_id: int, area: str) -> str | Response | tuple[str, int]:
    """Answer one area's six questions and set its target and priority (its city)."""
    if area not in AREA_ORDER:
        abort(404)
    assessment = services.get_assessment(current_user, assessment_id)
    if not services.is_owner(current_user, assessment):
        raise Forbidden(_("Only the city that owns this assessment can answer it."))
    if request.method == "POST":
        form = area_form(area, from_request=True)
        if form.validate_on_submit():
            try:
                services.save(
                    current_user,
                    assessment.id,
                    answers=form.answers(),
                    goals={area: form.goal()},
                    expected_version=form.expected_version(),
                )
            except Invalid as exc:
                show_refusal(form, exc)
            except Conflict as exc:
                flash(exc.detail, "error")
                return redirect(url_for(".answer", assessment_id=assessment.id, area=area))
            else:
                saved = _("Your answers for %(area)s are saved.", area=_(AREA_NAMES[area]))
                flash(saved, "success")
                return redirect(_next_url(assessment.id, area))
        page = _area_page(assessment, area, form)
        return page, 422
    form = area_form(
        area,
        answers=services.answers_of(assessment),
        goal=services.goals_of(assessment).get(area),
        version=assessment.version,
    )
    return _area_page(assessment, area, form)


def _next_url(assessment_id: int, area: str) -> str:
    if request.form.get("action") == "next":
        index = AREA_ORDER[area] + 1
        if index < len(AREAS):
            return url_for(".answer", assessment_id=assessment_id, area=AREAS[index][0])
    return url_for(".overview", assessment_id=assessment_id)


def _area_page(assessment: services.Assessment, area: str, form: object) -> str:
    index = AREA_ORDER[area]
    return render_template(
        "activator/answer.html",
        assessment=assessment,
        area=area,
        area_name=_(AREA_NAMES[area]),
        questions=questions_for(area),
        form=form,
        number=index + 1,
        total=len(AREAS),
        has_next=index + 1 < len(AREAS),
    )


@bp.route("/assessments/<int:assessment_id>/complete", methods=["POST"])
def complete(assessment_id: int) -> Response:
    """Mark the assessment complete (its city; every question needs an answer)."""
    form = CompleteForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.complete(current_user, assessment_id, expected_version=form.expected_version())
    except Conflict as exc:
        flash(exc.detail, "error")
        return redirect(url_for(".overview", assessment_id=assessment_id))
    flash(_("Your self-assessment is complete. Here are your results."), "success")
    return redirect(url_for(".results", assessment_id=assessment_id))


@bp.route("/assessments/<int:assessment_id>/results")
def results(assessment_id: int) -> str:
    """Show stages per area and overall, the radar, the ranked gaps, advice and benchmarks."""
    assessment = services.get_assessment(current_user, assessment_id)
    result = services.results(assessment)
    names = [_(AREA_NAMES[a.area]) for a in result.areas]
    chart = radar(
        names,
        [a.stage for a in result.areas],
        [a.target for a in result.areas],
        title=_("Stages per area, %(year)s", year=assessment.year),
        description=_(
            "A radar over the 16 areas: the solid shape is the current stage, "
            "the dashed one the target. The table “Stage per area” gives the same values."
        ),
    )
    return render_template(
        "activator/results.html",
        assessment=assessment,
        results=result,
        chart=chart,
        advice=recommend(result.gaps, assessment.member_id),
        bench=benchmark(assessment),
        owner=services.is_owner(current_user, assessment),
        area_names=AREA_NAMES,
        stages=STAGES,
        priorities=PRIORITIES,
    )
