"""The report pages (WeGO staff only): read the filters, ask a service, show chart and table.

Nothing here changes anything: every page is a GET with a filter form. A
filter that is not one of the choices re-renders the page with the error
(422) and the report for no filter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
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
            ""
            if s.from_previous is None
            else _("%(share)s of the step before", share=_pct(s.from_previous))
            for s in report.steps
        ],
        title=_("Funnel: %(programme)s", programme=_(programme.label)),
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
        title=_("Median days in each state: %(programme)s", programme=_(programme.label)),
        description=_time_text(report),
        id_prefix="time",
        fmt=lambda v: (
            _("no finished stay") if v is None else _("%(days)s days", days=format(v, ".1f"))
        ),
    )
    return _page(
        "reports/time_in_state.html", form, report=report, chart=chart, summary=_time_text(report)
    )


def _totals(rows: list[activity.CountRow], *, nonzero: bool = False) -> str:
    """ "Label: total" of each row (only those with some work if ``nonzero``), or none yet."""
    text = ", ".join(f"{_(r.label)}: {r.total}" for r in rows if r.total or not nonzero)
    return text or _("None yet.")


@bp.route("/geography")
def geography() -> str | tuple[str, int]:
    """Applications and projects by area, region and country."""
    form = GeographyFilter(formdata=request.args)
    chosen = _filters(form)
    report = activity.geography(current_user, chosen.year_value, chosen.kind.data or None)
    region_chart = draw.stacked(
        [_(r.label) for r in report.regions],
        [
            draw.Series(_(kind), [r.counts[i] for r in report.regions])
            for i, kind in enumerate(report.kinds)
        ],
        title=_("Applications and projects by region"),
        description=_totals(report.regions),
        id_prefix="regions",
    )
    area_chart = draw.stacked(
        [_(r.label) for r in report.areas],
        [
            draw.Series(_(kind), [r.counts[i] for r in report.areas])
            for i, kind in enumerate(report.kinds)
        ],
        title=_("Applications and projects by area"),
        description=_totals(report.areas, nonzero=True),
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
    labels = [
        _("Offers made"),
        _("Accepted"),
        _("Declined"),
        _("Retracted"),
        _("Selected as partner"),
    ]
    values = [o.offers, o.accepted, o.declined, o.retracted, o.selected]
    chart = draw.hbar(
        labels,
        values,
        title=_("Matchmaking offers and their outcomes"),
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
    names = [_("Insufficient data"), *report.stage_names]
    chart = draw.stacked(
        [_(name) for name, _row in report.rows],
        [draw.Series(n, [row[i] for _name, row in report.rows]) for i, n in enumerate(names)],
        title=_("Self-assessment stages by area, %(year)s", year=report.year),
        description=ngettext(
            "%(num)d city counted; for each of the 16 areas, how many are at each stage, "
            "and how many have too few answers for a stage.",
            "%(num)d cities counted; for each of the 16 areas, how many are at each stage, "
            "and how many have too few answers for a stage.",
            report.cities,
        ),
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
        [draw.Series(_(name), values) for name, values in report.by_region],
        title=_("Active members at the end of each year, by region"),
        description=_series_text(report.years, report.by_region),
        id_prefix="members-region",
    )
    category_chart = draw.stacked(
        labels,
        [draw.Series(_(name), values) for name, values in report.by_category],
        title=_("Active members at the end of each year, by category"),
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
        return _("Nothing entered this funnel in the period chosen.")
    last, weakest = report.steps[-1], report.weakest
    values = {
        "entered": report.entered,
        "noun": _(report.programme.noun),
        "reached": last.reached,
        "step": last.label,
        "share": _pct(last.from_first),
    }
    if weakest is None:
        return _(
            "%(entered)s %(noun)s entered; %(reached)s reached “%(step)s” (%(share)s).", **values
        )
    return _(
        "%(entered)s %(noun)s entered; %(reached)s reached “%(step)s” (%(share)s); "
        "the largest drop is before “%(weakest)s”: %(drop)s of the step before got there.",
        weakest=weakest.label,
        drop=_pct(weakest.from_previous),
        **values,
    )


def _time_text(report: pipeline.TimeReport) -> str:
    slowest = report.slowest
    if slowest is None:
        return _("No finished stay in any state yet for the period chosen.")
    return ngettext(
        "Most time is spent in “%(state)s”: median %(median)s, "
        "90th percentile %(p90)s (%(num)d finished stay).",
        "Most time is spent in “%(state)s”: median %(median)s, "
        "90th percentile %(p90)s (%(num)d finished stays).",
        slowest.stays,
        state=slowest.label,
        median=slowest.median,
        p90=slowest.p90,
    )


def _series_text(years: list[int], series: list[tuple[str, list[int]]]) -> str:
    if not years or not series:
        return _("No member with a joining date yet.")
    counts = ", ".join(f"{_(name)} {values[-1]}" for name, values in series)
    return _("At the end of %(year)s: %(counts)s", year=years[-1], counts=counts)


def _geography_text(report: activity.Geography) -> str:
    total = sum(report.totals) if report.regions else 0
    if not total:
        return _("Nothing was submitted in the period chosen.")
    region = max(report.regions, key=lambda r: r.total)
    area = max(report.areas, key=lambda r: r.total)
    return ngettext(
        "%(total)s in all, from %(num)d country; most from %(region)s (%(region_total)s); "
        "the area most asked about: %(area)s (%(area_total)s).",
        "%(total)s in all, from %(num)d countries; most from %(region)s (%(region_total)s); "
        "the area most asked about: %(area)s (%(area_total)s).",
        len(report.countries),
        total=total,
        region=_(region.label),
        region_total=region.total,
        area=_(area.label),
        area_total=area.total,
    )


def _matchmaking_text(report: activity.MatchmakingReport) -> str:
    o = report.overall
    if not o.offers:
        return _("No offer was made in the period chosen.")
    return _(
        "%(offers)s offers to %(providers)s providers: %(accepted)s accepted "
        "(accept rate %(rate)s), %(declined)s declined, %(retracted)s retracted, "
        "%(selected)s selected as partner.",
        offers=o.offers,
        providers=len(report.providers),
        accepted=o.accepted,
        rate=_pct(o.accept_rate),
        declined=o.declined,
        retracted=o.retracted,
        selected=o.selected,
    )


def _stages_text(report: network.StageReport) -> str:
    if not report.cities:
        return _("No city has completed a self-assessment yet.")
    advanced = max(report.rows, key=lambda row: row[1][4] + row[1][5])
    unknown = max(report.rows, key=lambda row: row[1][0])
    sentences = [
        ngettext(
            "%(num)d city counted, as of %(year)s.",
            "%(num)d cities counted, as of %(year)s.",
            report.cities,
            year=report.year,
        )
    ]
    if advanced[1][4] + advanced[1][5]:
        sentences.append(
            _(
                "Most advanced area: %(area)s (%(count)s at stage 4 or 5).",
                area=_(advanced[0]),
                count=advanced[1][4] + advanced[1][5],
            )
        )
    if unknown[1][0]:
        sentences.append(
            _(
                "Most often without enough answers: %(area)s (%(count)s).",
                area=_(unknown[0]),
                count=unknown[1][0],
            )
        )
    return " ".join(sentences)


def _membership_text(report: network.MembershipReport) -> str:
    if not report.totals or not any(report.totals):
        return _("No member with a joining date yet.")
    end, now = report.years[-1], report.totals[-1]
    if len(report.totals) < 2:
        return _("%(count)s active members at the end of %(year)s.", count=now, year=end)
    return _(
        "%(count)s active members at the end of %(year)s (%(change)s on the year before).",
        count=now,
        year=end,
        change=format(now - report.totals[-2], "+d"),
    )
