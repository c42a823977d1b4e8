"""The columns of each exported list, the same facts as the list on screen shows."""

from __future__ import annotations

from typing import Any

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
    return labels.get(value, value) if value else None


def _names(people: Any) -> str:
    return ", ".join(p.display_name for p in people)


MEMBER_COLUMNS = (
    Column("id", lambda m: m.id),
    Column("name", lambda m: m.name),
    Column("category", lambda m: _label(CATEGORIES, m.category)),
    Column("sub_category", lambda m: _label(_SUB_LABELS, m.sub_category)),
    Column("country", lambda m: m.country),
    Column("region", lambda m: m.region),
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
        Column("region", lambda a: a.member.region),
        Column("areas", lambda a: [area.name for area in a.areas]),
        Column("status", lambda a: binding.state_label(a, actor)),
        Column("assignee", lambda a: a.assignee.display_name if a.assignee else None),
        Column("submitted_at", lambda a: a.submitted_at),
    ]


def application_columns(binding: Any, actor: Any, steps: dict[int, str]) -> list[Column]:
    """A city's (or a provider's) applications: title, city, status, step, last change."""
    return [
        Column("id", lambda a: a.id),
        Column("title", binding.title),
        Column("city", lambda a: a.member.name),
        Column("status", lambda a: binding.state_label(a, actor)),
        Column(
            "step",
            lambda a: (
                f"{binding.workflow.state(a.state).step}. "
                f"{steps[binding.workflow.state(a.state).step]}"
            ),
        ),
        Column("updated_at", lambda a: a.updated_at),
    ]


def proposal_columns(binding: Any, actor: Any) -> list[Column]:
    """Project Implementer proposals: title, city, call, status, last change."""
    return [
        Column("id", lambda p: p.id),
        Column("title", lambda p: p.title or f"Untitled proposal #{p.id}"),
        Column("city", lambda p: p.member.name),
        Column("call", lambda p: p.call.title),
        Column("status", lambda p: binding.state_label(p, actor)),
        Column("updated_at", lambda p: p.updated_at),
    ]


def ranking_columns(binding: Any, actor: Any) -> list[Column]:
    """A call's ranking: rank, proposal, city, status, weighted mean, spread, who scored."""
    return [
        Column("rank", lambda r: f"{r.rank} (tie)" if r.rank and r.tied else r.rank),
        Column("title", lambda r: binding.title(r.scores.proposal)),
        Column("city", lambda r: r.scores.proposal.member.name),
        Column("status", lambda r: binding.state_label(r.scores.proposal, actor)),
        Column("weighted_mean", lambda r: r.scores.mean),
        Column("spread", lambda r: r.scores.spread),
        Column("scored_by", lambda r: r.scores.complete),
        Column("not_scored_by", lambda r: _names(r.scores.missing)),
        Column("conflicts", lambda r: _names(r.scores.conflicts)),
    ]


def bid_columns(binding: Any, actor: Any) -> list[Column]:
    """A project's bids after award: rank, bidder, status, price and the QCBS scores."""
    return [
        Column("rank", lambda r: f"{r.result.rank} (tie)" if r.result.tied else r.result.rank),
        Column("provider", lambda r: r.bid.provider.name),
        Column("status", lambda r: binding.state_label(r.bid, actor)),
        Column("price_usd", lambda r: r.bid.price_usd),
        Column("technical_score", lambda r: r.result.technical),
        Column("financial_score", lambda r: r.result.financial),
        Column("combined_score", lambda r: r.result.combined),
    ]


PLAN_EXCHANGE_COLUMNS = (
    Column("id", lambda p: p.id),
    Column("title", lambda p: p.title or "Untitled project"),
    Column("city", lambda p: p.member.name),
    Column("country", lambda p: p.member.country),
    Column("region", lambda p: p.member.region),
    Column("areas", lambda p: [a.name for a in p.areas]),
    Column("stage", lambda p: f"{p.stage} ({STAGES[p.stage]})" if p.stage else None),
    Column("period", lambda p: p.period or None),
    Column("published_at", lambda p: p.published_at),
    Column("summary", lambda p: p.summary),
)
