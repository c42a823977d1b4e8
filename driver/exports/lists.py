"""The columns of each exported list, the same facts as the list on screen shows.

Cells that are words (categories, statuses, regions, areas, stages, workflow
states and steps) are in the request's language; names, dates and numbers
are data and stay as they are.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext

from driver.exports.files import Column
from driver.members.fees import member_fee
from driver.members.reference import (
    CATEGORIES,
    MEMBER_STATUSES,
    REGIONAL_OFFICES,
    STAGES,
    SUB_CATEGORIES,
)

_SUB_LABELS = {k: v for group in SUB_CATEGORIES.values() for k, v in group.items()}


def _label(labels: dict[str, str], value: str | None) -> str | None:
    return gettext(labels.get(value, value)) if value else None


def _word(value: str | None) -> str | None:
    """A word kept in the database as its English reference name (a region), translated."""
    return gettext(value) if value else None


def _areas(areas: Any) -> list[str]:
    return [gettext(area.name) for area in areas]


def _state(binding: Any, actor: Any) -> Any:
    return lambda obj: gettext(binding.state_label(obj, actor))


def _rank(rank: int | None, tied: bool) -> Any:
    return gettext("%(rank)s (tie)", rank=rank) if rank and tied else rank


def _names(people: Any) -> str:
    return ", ".join(p.display_name for p in people)


MEMBER_COLUMNS = (
    Column("id", lambda m: m.id),
    Column("name", lambda m: m.name),
    Column("category", lambda m: _label(CATEGORIES, m.category)),
    Column("sub_category", lambda m: _label(_SUB_LABELS, m.sub_category)),
    Column("country", lambda m: m.country),
    Column("region", lambda m: _word(m.region)),
    Column("regional_office", lambda m: _label(REGIONAL_OFFICES, m.regional_office)),
    Column("status", lambda m: _label(MEMBER_STATUSES, m.status)),
    Column("population", lambda m: m.population),
    Column("gdp_per_capita_ppp", lambda m: m.gdp_per_capita_ppp),
    Column("employees", lambda m: m.employees),
    Column("joined_on", lambda m: m.joined_on),
    Column("left_on", lambda m: m.left_on),
    Column("annual_fee_usd", lambda m: member_fee(m).amount_usd),
    Column("fee_rule", lambda m: member_fee(m).rule),
)


def queue_columns(binding: Any, actor: Any) -> list[Column]:
    """The reviewer queue: application, city, country, region, areas, status, reviewer, date."""
    return [
        Column("id", lambda a: a.id),
        Column("title", binding.title),
        Column("city", lambda a: a.member.name),
        Column("country", lambda a: a.member.country),
        Column("region", lambda a: _word(a.member.region)),
        Column("areas", lambda a: _areas(a.areas)),
        Column("status", _state(binding, actor)),
        Column("assignee", lambda a: a.assignee.display_name if a.assignee else None),
        Column("submitted_at", lambda a: a.submitted_at),
    ]


def application_columns(binding: Any, actor: Any, steps: dict[int, str]) -> list[Column]:
    """A city's (or a provider's) applications: title, city, status, step, last change."""
    return [
        Column("id", lambda a: a.id),
        Column("title", binding.title),
        Column("city", lambda a: a.member.name),
        Column("status", _state(binding, actor)),
        Column(
            "step",
            lambda a: (
                f"{binding.workflow.state(a.state).step}. "
                f"{gettext(steps[binding.workflow.state(a.state).step])}"
            ),
        ),
        Column("updated_at", lambda a: a.updated_at),
    ]


def proposal_columns(binding: Any, actor: Any) -> list[Column]:
    """Project Implementer proposals: title, city, call, status, last change."""
    return [
        Column("id", lambda p: p.id),
        Column("title", lambda p: p.title or gettext("Untitled proposal #%(id)s", id=p.id)),
        Column("city", lambda p: p.member.name),
        Column("call", lambda p: p.call.title),
        Column("status", _state(binding, actor)),
        Column("updated_at", lambda p: p.updated_at),
    ]


def ranking_columns(binding: Any, actor: Any) -> list[Column]:
    """A call's ranking: rank, proposal, city, status, weighted mean, spread, who scored."""
    return [
        Column("rank", lambda r: _rank(r.rank, r.tied)),
        Column("title", lambda r: binding.title(r.scores.proposal)),
        Column("city", lambda r: r.scores.proposal.member.name),
        Column("status", lambda r: gettext(binding.state_label(r.scores.proposal, actor))),
        Column("weighted_mean", lambda r: r.scores.mean),
        Column("spread", lambda r: r.scores.spread),
        Column("scored_by", lambda r: r.scores.complete),
        Column("not_scored_by", lambda r: _names(r.scores.missing)),
        Column("conflicts", lambda r: _names(r.scores.conflicts)),
    ]


def bid_columns(binding: Any, actor: Any) -> list[Column]:
    """A project's bids after award: rank, bidder, status, price and the QCBS scores."""
    return [
        Column("rank", lambda r: _rank(r.result.rank, r.result.tied)),
        Column("provider", lambda r: r.bid.provider.name),
        Column("status", lambda r: gettext(binding.state_label(r.bid, actor))),
        Column("price_usd", lambda r: r.bid.price_usd),
        Column("technical_score", lambda r: r.result.technical),
        Column("financial_score", lambda r: r.result.financial),
        Column("combined_score", lambda r: r.result.combined),
    ]


PLAN_EXCHANGE_COLUMNS = (
    Column("id", lambda p: p.id),
    Column("title", lambda p: p.title or gettext("Untitled project")),
    Column("city", lambda p: p.member.name),
    Column("country", lambda p: p.member.country),
    Column("region", lambda p: _word(p.member.region)),
    Column("areas", lambda p: _areas(p.areas)),
    Column("stage", lambda p: f"{p.stage} ({gettext(STAGES[p.stage])})" if p.stage else None),
    Column("period", lambda p: p.period or None),
    Column("published_at", lambda p: p.published_at),
    Column("summary", lambda p: p.summary),
)
