"""The report pages (WeGO staff only): read the filters, ask a service, show chart and table.

Nothing here changes anything: every page is a GET with a filter form. A
filter that is not one of the choices re-renders the page with the error
(422) and the report for no filter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import render_template, request
from flask_login import current_user, login_required

from driver.errors import not_found
from driver.reports import activity, bp, network, pipeline
from driver.reports import charts as draw
from driver.reports.forms import (
    AssessmentFilter,
    FunnelFilter,
    GeographyFilter,
    TimeFilter,
    YearFilter,
)
from driver.reports.scope import scoped_regions
from driver.reports.stats import percent


@bp.before_request
@login_required
def _staff_only() -> None:
    """Reports are for WeGO staff; anyone else is answered 404, like a page that is not there."""
    if not current_user.is_staff:
        raise not_found()


def _page(template: str, form: Any, **context: Any) -> str | tuple[str, int]:
    html = render_template(template, form=form, regions=scoped_regions(current_user), **context)
    return (html, 422) if form is not None and form.errors else html


def _filters(form: Any) -> Any:
    """The form if its values are valid choices, else its defaults (the errors stay shown)."""
    return form if form.validate() else type(form)(formdata=None)


@bp.route("")
def index() -> str:
    """List the reports."""
    return render_template("reports/index.html", regions=scoped_regions(current_user))


@bp.route("/funnel")
def funnel() -> str | tuple[str, int]:
    """How many objects of a programme reached each step, and the conversions."""
    form = FunnelFilter(formdata=request.args)
    chosen = _filters(form)
    programme = pipeline.PROGRAMMES[chosen.programme.data]
    report = pipeline.funnel(programme, current_user, chosen.year_value)
    chart = draw.funnel(
        [s.label for s in report.steps],
        [s.reached for s in report.steps],
        [
            "" if s.from_previous is None else f"{_pct(s.from_previous)} of the step before"
            for s in report.steps
        ],
        title=f"Funnel: {programme.label}",
        description=_funnel_text(report),
        id_prefix="funnel",
    )
    return _page(
        "reports/funnel.html",
        form,
        report=report,
        chart=chart,
        pct=_pct,
        summary=_funnel_text(report),
    )


@bp.route("/time-in-state")
def time_in_state() -> str | tuple[str, int]:
    """Median and 90th percentile time in each state of a programme; the slowest stands out."""
    form = TimeFilter(formdata=request.args)
    chosen = _filters(form)
    programme = pipeline.PROGRAMMES[chosen.programme.data]
    report = pipeline.time_in_state(programme, current_user, chosen.year_value)
    chart = draw.hbar(
        [t.label for t in report.states],
        [None if t.median_seconds is None else t.median_seconds / 86_400 for t in report.states],
        title=f"Median days in each state: {programme.label}",
        description=_time_text(report),
        id_prefix="time",
        fmt=lambda v: "no finished stay" if v is None else f"{v:.1f} days",
    )
    return _page(
        "reports/time_in_state.html", form, report=report, chart=chart, summary=_time_text(report)
    )


@bp.route("/geography")
def geography() -> str | tuple[str, int]:
    """Applications and projects by area, region and country."""
    form = GeographyFilter(formdata=request.args)
    chosen = _filters(form)
    report = activity.geography(current_user, chosen.year_value, chosen.kind.data or None)
    series = [
        draw.Series(kind, [r.counts[i] for r in report.regions])
        for i, kind in enumerate(report.kinds)
    ]
    region_chart = draw.stacked(
        [r.label for r in report.regions],
        series,
        title="Applications and projects by region",
        description=", ".join(f"{r.label}: {r.total}" for r in report.regions) or "None yet.",
        id_prefix="regions",
    )
    area_chart = draw.stacked(
        [r.label for r in report.areas],
        [
            draw.Series(kind, [r.counts[i] for r in report.areas])
            for i, kind in enumerate(report.kinds)
        ],
        title="Applications and projects by area",
        description=", ".join(f"{r.label}: {r.total}" for r in report.areas if r.total)
        or "None yet.",
        id_prefix="areas",
    )
    return _page(
        "reports/geography.html",
        form,
        report=report,
        region_chart=region_chart,
        area_chart=area_chart,
        summary=_geography_text(report),
    )


@bp.route("/matchmaking")
def matchmaking() -> str | tuple[str, int]:
    """Offers made to providers and what became of them, overall and per provider."""
    form = YearFilter(formdata=request.args)
    chosen = _filters(form)
    report = activity.matchmaking(current_user, chosen.year_value)
    o = report.overall
    labels = ["Offers made", "Accepted", "Declined", "Retracted", "Selected as partner"]
    values = [o.offers, o.accepted, o.declined, o.retracted, o.selected]
    chart = draw.hbar(
        labels,
        values,
        title="Matchmaking offers and their outcomes",
        description="; ".join(f"{label}: {v}" for label, v in zip(labels, values, strict=True)),
        id_prefix="outcomes",
    )
    return _page(
        "reports/matchmaking.html",
        form,
        report=report,
        chart=chart,
        pct=_pct,
        summary=_matchmaking_text(report),
    )


@bp.route("/self-assessment")
def self_assessment() -> str | tuple[str, int]:
    """How many cities are at each stage, per area (latest completed assessment per city)."""
    latest = network.latest_assessment_year(current_user) or date.today().year
    form = AssessmentFilter(formdata=request.args, year=str(latest))
    chosen = form if form.validate() else AssessmentFilter(formdata=None, year=str(latest))
    report = network.area_stages(current_user, chosen.year_value)
    names = ["Insufficient data", *report.stage_names]
    chart = draw.stacked(
        [name for name, _ in report.rows],
        [draw.Series(n, [row[i] for _, row in report.rows]) for i, n in enumerate(names)],
        title=f"Self-assessment stages by area, {report.year}",
        description=f"{report.cities} cities counted; for each of the 16 areas, how many are "
        "at each stage, and how many have too few answers for a stage.",
        id_prefix="stages",
    )
    return _page(
        "reports/self_assessment.html",
        form,
        report=report,
        chart=chart,
        names=names,
        summary=_stages_text(report),
    )


@bp.route("/membership")
def membership() -> str:
    """Active members at the end of each year, by region and by category."""
    report = network.membership(current_user, date.today())
    labels = [str(y) for y in report.years]
    region_chart = draw.line(
        labels,
        [draw.Series(name, values) for name, values in report.by_region],
        title="Active members at the end of each year, by region",
        description=_series_text(report.years, report.by_region),
        id_prefix="members-region",
    )
    category_chart = draw.stacked(
        labels,
        [draw.Series(name, values) for name, values in report.by_category],
        title="Active members at the end of each year, by category",
        description=_series_text(report.years, report.by_category),
        id_prefix="members-category",
        horizontal=False,
    )
    return render_template(
        "reports/membership.html",
        report=report,
        region_chart=region_chart,
        category_chart=category_chart,
        regions=scoped_regions(current_user),
        summary=_membership_text(report),
    )


# -- the text beside each chart ---------------------------------------------------------


def _pct(share: Any) -> str:
    return percent(share)


def _funnel_text(report: pipeline.FunnelReport) -> str:
    if not report.entered:
        return "Nothing entered this funnel in the period chosen."
    parts = [f"{report.entered} {report.programme.noun} entered"]
    last = report.steps[-1]
    parts.append(f"{last.reached} reached “{last.label}” ({_pct(last.from_first)})")
    weakest = report.weakest
    if weakest is not None:
        parts.append(
            f"the largest drop is before “{weakest.label}”: "
            f"{_pct(weakest.from_previous)} of the step before got there"
        )
    return "; ".join(parts) + "."


def _time_text(report: pipeline.TimeReport) -> str:
    slowest = report.slowest
    if slowest is None:
        return "No finished stay in any state yet for the period chosen."
    return (
        f"Most time is spent in “{slowest.label}”: median {slowest.median}, "
        f"90th percentile {slowest.p90} ({slowest.stays} finished stays)."
    )


def _series_text(years: list[int], series: list[tuple[str, list[int]]]) -> str:
    if not years or not series:
        return "No member with a joining date yet."
    end = years[-1]
    return f"At the end of {end}: " + ", ".join(f"{name} {values[-1]}" for name, values in series)


def _geography_text(report: activity.Geography) -> str:
    total = sum(report.totals) if report.regions else 0
    if not total:
        return "Nothing was submitted in the period chosen."
    region = max(report.regions, key=lambda r: r.total)
    area = max(report.areas, key=lambda r: r.total)
    return (
        f"{total} in all, from {len(report.countries)} "
        f"countr{'ies' if len(report.countries) != 1 else 'y'}; most from {region.label} "
        f"({region.total}); the area most asked about: {area.label} ({area.total})."
    )


def _matchmaking_text(report: activity.MatchmakingReport) -> str:
    o = report.overall
    if not o.offers:
        return "No offer was made in the period chosen."
    return (
        f"{o.offers} offers to {len(report.providers)} providers: {o.accepted} accepted "
        f"(accept rate {_pct(o.accept_rate)}), {o.declined} declined, {o.retracted} retracted, "
        f"{o.selected} selected as partner."
    )


def _stages_text(report: network.StageReport) -> str:
    if not report.cities:
        return "No city has completed a self-assessment yet."
    cities = f"{report.cities} cit{'ies' if report.cities != 1 else 'y'}"
    advanced = max(report.rows, key=lambda row: row[1][4] + row[1][5])
    unknown = max(report.rows, key=lambda row: row[1][0])
    text = f"{cities} counted, as of {report.year}."
    if advanced[1][4] + advanced[1][5]:
        text += (
            f" Most advanced area: {advanced[0]} "
            f"({advanced[1][4] + advanced[1][5]} at stage 4 or 5)."
        )
    if unknown[1][0]:
        text += f" Most often without enough answers: {unknown[0]} ({unknown[1][0]})."
    return text


def _membership_text(report: network.MembershipReport) -> str:
    if not report.totals or not any(report.totals):
        return "No member with a joining date yet."
    end, now = report.years[-1], report.totals[-1]
    text = f"{now} active members at the end of {end}"
    if len(report.totals) > 1:
        change = now - report.totals[-2]
        text += f" ({change:+d} on the year before)"
    return text + "."
