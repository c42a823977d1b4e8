"""What the API shows of each object, and to whom: plain dicts the response schemas dump."""

from __future__ import annotations

from typing import Any

from driver import transitions
from driver.audit.models import AuditEvent
from driver.auth.models import User
from driver.matchmaking.models import Match
from driver.matchmaking.scoring import Suggestion
from driver.members.models import Area, Member, ProviderProfile
from driver.solution_finder.models import Application


def area(obj: Area) -> dict[str, Any]:
    return {"slug": obj.slug, "name": obj.name}


def member(obj: Member, *, registry: bool = False) -> dict[str, Any]:
    """A member; with ``registry`` (admins) also its membership facts and fee."""
    body = {
        "id": obj.id,
        "name": obj.name,
        "category": obj.category,
        "country": obj.country,
        "region": obj.region,
        "status": obj.status,
        "is_provider": obj.is_provider,
    }
    if registry:
        from driver.members.fees import member_fee

        quote = member_fee(obj)
        gdp = obj.gdp_per_capita_ppp
        body |= {
            "sub_category": obj.sub_category,
            "regional_office": obj.regional_office,
            "population": obj.population,
            "gdp_per_capita_ppp": f"{gdp:.2f}" if gdp is not None else None,
            "employees": obj.employees,
            "joined_on": obj.joined_on,
            "left_on": obj.left_on,
            "annual_fee_usd": quote.amount_usd,
            "fee_rule": quote.rule,
        }
    return body


def user(obj: User) -> dict[str, Any]:
    return {
        "id": obj.id,
        "email": obj.email,
        "name": obj.name,
        "role": obj.role,
        "member_id": obj.member_id,
        "regions": list(obj.regions or []),
        "active": obj.active,
        "created_at": obj.created_at,
    }


def profile(owner: Member, obj: ProviderProfile | None) -> dict[str, Any]:
    """A provider's profile; one not written yet shows as the empty, unverified default."""
    return {
        "member_id": owner.id,
        "name": owner.name,
        "category": owner.category,
        "country": owner.country,
        "region": owner.region,
        "summary": obj.summary if obj else "",
        "areas": obj.area_slugs if obj else [],
        "countries": list(obj.countries) if obj else [],
        "regions": list(obj.regions) if obj else [],
        "languages": list(obj.languages) if obj else [],
        "remote_capable": obj.remote_capable if obj else False,
        "verified": obj.verified if obj else False,
        "stage_min": obj.stage_min if obj else 1,
        "stage_max": obj.stage_max if obj else 5,
        "budget_min_usd": obj.budget_min_usd if obj else None,
        "budget_max_usd": obj.budget_max_usd if obj else None,
    }


def actions(binding: transitions.Binding, obj: Any, actor: User) -> list[dict[str, Any]]:
    """The transitions `actor` may fire on `obj` now."""
    return [
        {
            "trigger": t.trigger,
            "label": t.label,
            "asks_comment": t.asks_comment,
            "comment_required": t.needs_comment,
            "comment_label": t.comment_label,
        }
        for t in transitions.available(binding, obj, actor)
    ]


def application(obj: Application, actor: User) -> dict[str, Any]:
    """An application as `actor` may read it: providers do not get the review fields."""
    from driver.solution_finder.services import BINDING, sees_review

    data = {
        "id": obj.id,
        "title": obj.title,
        "description": obj.description,
        "expected_outcomes": obj.expected_outcomes,
        "areas": obj.area_slugs,
        "budget_usd": obj.budget_usd,
        "city_stage": obj.city_stage,
        "languages": list(obj.languages or []),
        "state": obj.state,
        "step": BINDING.workflow.state(obj.state).step,
        "state_label": BINDING.state_label(obj, actor),
        "version": obj.version,
        "member_id": obj.member_id,
        "city": obj.member.name,
        "country": obj.member.country,
        "region": obj.member.region,
        "created_at": obj.created_at,
        "updated_at": obj.updated_at,
        "submitted_at": obj.submitted_at,
        "state_changed_at": obj.state_changed_at,
        "outcome_summary": obj.outcome_summary,
        "actions": actions(BINDING, obj, actor),
    }
    if sees_review(actor, obj):
        data["feedback"] = obj.feedback
        data["decline_reason"] = obj.decline_reason
    if actor.is_staff:
        data["assignee_id"] = obj.assignee_id
    return data


def match(obj: Match, actor: User) -> dict[str, Any]:
    from driver.matchmaking.services import BINDING

    return {
        "id": obj.id,
        "application_id": obj.application_id,
        "application_title": obj.application.title,
        "provider_id": obj.provider_id,
        "provider_name": obj.provider.name,
        "state": obj.state,
        "state_label": BINDING.state_label(obj, actor),
        "version": obj.version,
        "score": obj.score,
        "decline_reason": obj.decline_reason,
        "outcome_rating": obj.outcome_rating,
        "created_at": obj.created_at,
        "state_changed_at": obj.state_changed_at,
        "actions": actions(BINDING, obj, actor),
    }


def event(obj: AuditEvent) -> dict[str, Any]:
    return {
        "id": obj.id,
        "trigger": obj.trigger,
        "from_state": obj.from_state,
        "to_state": obj.to_state,
        "actor": {"id": obj.actor.id, "name": obj.actor.display_name} if obj.actor else None,
        "created_at": obj.created_at,
        "comment": obj.comment,
        "payload": dict(obj.payload or {}),
    }


def suggestion(obj: Suggestion) -> dict[str, Any]:
    return {
        "provider_id": obj.offer.provider_id,
        "name": obj.offer.name,
        "score": obj.score,
        "parts": [
            {
                "term": p.term,
                "label": p.label,
                "weight": p.weight,
                "fit": p.fit,
                "points": p.points,
                "why": p.why,
            }
            for p in obj.parts
        ],
    }
