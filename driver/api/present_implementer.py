"""What the API shows of the Project Implementer's objects, and to whom."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from driver.api.present import actions
from driver.auth.models import User
from driver.db import utcnow
from driver.implementer.bindings import BID_BINDING, CALL_BINDING, PROJECT_BINDING, PROPOSAL_BINDING
from driver.implementer.models import Bid, Call, ImplementerDocument, ImplementerProject, Proposal
from driver.implementer.services import calls as call_service
from driver.implementer.services import documents
from driver.implementer.services.projects import tender_open
from driver.implementer.services.scoring import BidRow, ProposalScores, RankingRow
from workflows.implementer import call_closed_at


def number(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 4)


def document(doc: ImplementerDocument) -> dict[str, Any]:
    return {
        "id": doc.id,
        "kind": doc.kind,
        "name": doc.display_name,
        "mime_type": doc.mime_type,
        "size": doc.size,
        "url": f"/implementer/documents/{doc.id}",
    }


def _docs(
    actor: User, owner_type: str, obj: Any, docs: list[ImplementerDocument] | None
) -> list[dict[str, Any]]:
    return [document(d) for d in documents.visible_documents(actor, owner_type, obj, docs)]


def many(
    present: Callable[..., dict[str, Any]], owner_type: str, objs: list[Any], actor: User
) -> list[dict[str, Any]]:
    """Present a page of objects, their documents read in one query."""
    docs = documents.documents_by_owner(owner_type, [o.id for o in objs])
    return [present(o, actor, docs=docs[o.id]) for o in objs]


def call(obj: Call, actor: User) -> dict[str, Any]:
    now = utcnow()
    return {
        "id": obj.id,
        "title": obj.title,
        "theme": obj.theme,
        "budget_usd": obj.budget_usd,
        "beneficiaries": obj.beneficiaries,
        "opens_at": obj.opens_at,
        "closes_at": obj.closes_at,
        "timezone": obj.timezone,
        "criteria": [{"id": c.id, "name": c.name, "weight": c.weight} for c in obj.criteria],
        "state": obj.state,
        "step": CALL_BINDING.workflow.state(obj.state).step,
        "state_label": CALL_BINDING.state_label(obj, actor),
        "accepting": call_service.accepting(obj, now),
        "closed": call_closed_at(obj, now),
        "version": obj.version,
        "actions": [
            {
                "trigger": t.trigger,
                "label": t.label,
                "asks_comment": t.asks_comment,
                "comment_required": t.needs_comment,
                "comment_label": t.comment_label,
            }
            for t in call_service.available(actor, obj, now)
        ],
    }


def proposal(
    obj: Proposal, actor: User, docs: list[ImplementerDocument] | None = None
) -> dict[str, Any]:
    return {
        "id": obj.id,
        "call_id": obj.call_id,
        "member_id": obj.member_id,
        "city": obj.member.name,
        "title": obj.title,
        "problem": obj.problem,
        "objectives": obj.objectives,
        "expected_outcomes": obj.expected_outcomes,
        "areas": obj.area_slugs,
        "requested_usd": obj.requested_usd,
        "cofunding_cash_usd": obj.cofunding_cash_usd,
        "cofunding_kind": obj.cofunding_kind,
        "local_team": obj.local_team,
        "timeline": obj.timeline,
        "state": obj.state,
        "step": PROPOSAL_BINDING.workflow.state(obj.state).step,
        "state_label": PROPOSAL_BINDING.state_label(obj, actor),
        "version": obj.version,
        "submitted_at": obj.submitted_at,
        "ineligible_reason": obj.ineligible_reason,
        "decision_message": obj.decision_message,
        "documents": _docs(actor, "proposal", obj, docs),
        "actions": actions(PROPOSAL_BINDING, obj, actor),
    }


def scores(summary: ProposalScores) -> dict[str, Any]:
    return {
        "proposal_id": summary.proposal.id,
        "mean": number(summary.mean),
        "spread": number(summary.spread),
        "complete_scores": summary.complete,
        "reviewers": [
            {
                "reviewer_id": line.reviewer.id,
                "name": line.reviewer.display_name,
                "status": line.status,
                "score": number(line.score),
            }
            for line in summary.lines
        ],
    }


def ranking_row(row: RankingRow) -> dict[str, Any]:
    s = row.scores
    return {
        "proposal_id": s.proposal.id,
        "title": s.proposal.title,
        "city": s.proposal.member.name,
        "state": s.proposal.state,
        "rank": row.rank,
        "tied": row.tied,
        "mean": number(s.mean),
        "spread": number(s.spread),
        "complete_scores": s.complete,
        "not_scored": [u.id for u in s.missing],
        "conflicts": [u.id for u in s.conflicts],
    }


def project(
    obj: ImplementerProject, actor: User, docs: list[ImplementerDocument] | None = None
) -> dict[str, Any]:
    inside = bool(PROJECT_BINDING.relations(actor, obj))
    return {
        "id": obj.id,
        "proposal_id": obj.proposal_id,
        "call_id": obj.call_id,
        "member_id": obj.member_id,
        "city": obj.member.name,
        "title": obj.title,
        "budget_usd": obj.budget_usd,
        "tender_terms": obj.tender_terms,
        "tender_deadline": obj.tender_deadline,
        "tender_open": tender_open(obj),
        "technical_weight": obj.technical_weight,
        "cost_weight": obj.cost_weight,
        "consultant_id": obj.consultant_id,
        "state": obj.state,
        "step": PROJECT_BINDING.workflow.state(obj.state).step,
        "state_label": PROJECT_BINDING.state_label(obj, actor),
        "version": obj.version,
        "outcome_summary": obj.outcome_summary,
        "cancel_reason": obj.cancel_reason,
        "documents": _docs(actor, "project", obj, docs),
        "actions": actions(PROJECT_BINDING, obj, actor) if inside else [],
    }


def bid(obj: Bid, actor: User, docs: list[ImplementerDocument] | None = None) -> dict[str, Any]:
    data = {
        "id": obj.id,
        "project_id": obj.project_id,
        "provider_id": obj.provider_id,
        "provider_name": obj.provider.name,
        "technical_proposal": obj.technical_proposal,
        "price_usd": obj.price_usd,
        "team": obj.team,
        "timeline": obj.timeline,
        "state": obj.state,
        "step": BID_BINDING.workflow.state(obj.state).step,
        "state_label": BID_BINDING.state_label(obj, actor),
        "version": obj.version,
        "submitted_at": obj.submitted_at,
        "documents": _docs(actor, "bid", obj, docs),
        "actions": actions(BID_BINDING, obj, actor),
    }
    if actor.is_staff:
        data["technical_scores"] = [s.score for s in obj.scores]
    return data


def ranked_bid(row: BidRow) -> dict[str, Any]:
    r = row.result
    return {
        "bid_id": row.bid.id,
        "provider_id": row.bid.provider_id,
        "provider_name": row.bid.provider.name,
        "state": row.bid.state,
        "price_usd": r.price_usd,
        "technical": number(r.technical),
        "financial": number(r.financial),
        "combined": number(r.combined),
        "rank": r.rank,
        "tied": r.tied,
    }
