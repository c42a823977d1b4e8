"""Project Implementer calls, proposals, reviewers' scores and projects of the demo load."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random
from typing import Any

from driver.implementer.rubric import DEFAULT_CRITERIA
from driver.loadgen.people import People
from driver.loadgen.solution_finder import WORDS
from driver.loadgen.writer import BulkWriter

# Proposal states by the state of their call.
_BY_CALL = {
    "draft": {},
    "open": {"draft": 3, "submitted": 5, "withdrawn": 1},
    "closed": {"submitted": 2, "eligible": 5, "shortlisted": 2, "ineligible": 1},
    "awarded": {"not_selected": 7, "ineligible": 1, "withdrawn": 1},
}
_SCORED = {"eligible", "shortlisted", "selected", "not_selected"}


def make_calls(
    w: BulkWriter,
    rnd: Random,
    people: People,
    *,
    calls: int,
    proposals: int,
    area_ids: list[int],
    now: datetime,
) -> None:
    """Insert ``calls`` calls (mostly past and awarded, one open, one closed, one draft)."""
    call_rows, criteria_rows, proposal_rows, area_rows = [], [], [], []
    review_rows, score_rows, project_rows = [], [], []
    bid_rows: list[dict[str, Any]] = []
    bid_score_rows: list[dict[str, Any]] = []
    per_call = max(1, proposals // max(1, calls))
    admin = people.admins[0]
    for n in range(calls):
        cid = w.next_id("implementer_calls")
        state = "open" if n == 0 else "closed" if n == 1 else "draft" if n == 2 else "awarded"
        closes = (
            now + timedelta(days=30)
            if state in {"open", "draft"}
            else now - timedelta(days=20 + 90 * n)
        )
        opens = closes - timedelta(days=60)
        call_rows.append(
            {
                "id": cid,
                "created_by_id": admin,
                "title": f"Load call {n + 1}",
                "theme": "Smart and inclusive public services",
                "budget_usd": 100_000,
                "beneficiaries": 2,
                "opens_at": opens,
                "closes_at": closes,
                "timezone": "Asia/Seoul",
                "state": state,
                "version": 2,
                "state_changed_at": opens,
                "created_at": opens - timedelta(days=10),
                "updated_at": opens,
            }
        )
        criteria = []
        for position, (name, weight) in enumerate(DEFAULT_CRITERIA, start=1):
            crit = w.next_id("implementer_criteria")
            criteria.append(crit)
            criteria_rows.append(
                {"id": crit, "call_id": cid, "position": position, "name": name, "weight": weight}
            )
        weights = _BY_CALL[state]
        if not weights:
            continue
        cities = rnd.sample(people.cities, min(per_call, len(people.cities)))
        for i, city in enumerate(cities):
            pid = w.next_id("implementer_proposals")
            pstate = rnd.choices(list(weights), weights=list(weights.values()))[0]
            if state == "awarded" and i < 2:
                pstate = "selected"
            elif i == 0:
                # Each call's first proposal in a known state: every page has one to show.
                pstate = {"open": "draft", "closed": "eligible"}.get(state, pstate)
            author = (people.city_users.get(city) or [admin])[0]
            submitted = opens + timedelta(days=rnd.uniform(1, 59))
            proposal_rows.append(_proposal(rnd, pid, cid, city, author, pstate, submitted))
            area_rows.extend(
                {"proposal_id": pid, "area_id": a} for a in rnd.sample(area_ids, rnd.randint(1, 2))
            )
            if pstate in _SCORED:
                for reviewer in rnd.sample(people.reviewers, min(3, len(people.reviewers))):
                    rid = w.next_id("implementer_proposal_reviews")
                    review_rows.append(
                        {
                            "id": rid,
                            "proposal_id": pid,
                            "reviewer_id": reviewer,
                            "conflict_of_interest": False,
                            "conflict_note": "",
                            "created_at": closes,
                            "updated_at": closes,
                        }
                    )
                    score_rows.extend(
                        {
                            "id": w.next_id("implementer_criterion_scores"),
                            "review_id": rid,
                            "criterion_id": c,
                            "score": rnd.randint(1, 5),
                            "comment": "",
                        }
                        for c in criteria
                    )
            if pstate == "selected":
                project_rows.append(
                    _project(
                        w,
                        rnd,
                        people,
                        pid,
                        cid,
                        city,
                        proposal_rows[-1]["title"],
                        now,
                        bid_rows,
                        bid_score_rows,
                    )
                )
    w.insert("implementer_calls", call_rows)
    w.insert("implementer_criteria", criteria_rows)
    w.insert("implementer_proposals", proposal_rows)
    w.insert("implementer_proposal_areas", area_rows)
    w.insert("implementer_proposal_reviews", review_rows)
    w.insert("implementer_criterion_scores", score_rows)
    w.insert("implementer_projects", project_rows)
    w.insert("implementer_bids", bid_rows)
    w.insert("implementer_bid_scores", bid_score_rows)


def _proposal(rnd, pid, cid, city, author, state, submitted) -> dict[str, Any]:
    words = rnd.sample(WORDS, 6)
    return {
        "id": pid,
        "call_id": cid,
        "member_id": city,
        "created_by_id": author,
        "title": " ".join(words[:4]).capitalize(),
        "problem": " ".join(words) + ".",
        "objectives": "Serve residents better.",
        "expected_outcomes": "A tested pilot.",
        "requested_usd": 100_000,
        "cofunding_cash_usd": rnd.choice([0, 10_000, 50_000]),
        "cofunding_kind": "Staff time.",
        "local_team": "Three engineers.",
        "timeline": "Twelve months.",
        "state": state,
        "version": 2,
        "state_changed_at": submitted,
        "submitted_at": None if state == "draft" else submitted,
        "ineligible_reason": "Not a member city." if state == "ineligible" else None,
        "decision_message": None,
        "created_at": submitted - timedelta(days=3),
        "updated_at": submitted,
    }


def _project(w, rnd, people, pid, cid, city, title, now, bid_rows, bid_score_rows):
    """A selected proposal's project: a third tendering, a third past its tender, a third new."""
    project_id = w.next_id("implementer_projects")
    kind = (project_id + 2) % 3
    state = ("consultant_procurement", "feasibility_study", "preparation")[kind]
    deadline = None if kind == 2 else now + timedelta(days=10 if kind == 0 else -60)
    consultant = None
    if kind != 2:
        bidders = rnd.sample(people.providers, min(5, len(people.providers) - 1))
        consultant = bidders[0] if kind == 1 else None
        for i, provider in enumerate(bidders):
            author = (people.provider_users.get(provider) or [people.admins[0]])[0]
            bstate = (
                ("submitted" if i else "draft")
                if kind == 0
                else ("awarded" if i == 0 else "rejected")
            )
            bid_id = w.next_id("implementer_bids")
            sent = (deadline or now) - timedelta(days=rnd.uniform(1, 9))
            bid_rows.append(
                {
                    "id": bid_id,
                    "project_id": project_id,
                    "provider_id": provider,
                    "created_by_id": author,
                    "technical_proposal": "Method, team and plan.",
                    "price_usd": rnd.randrange(40_000, 100_000, 1_000),
                    "team": "Four experts.",
                    "timeline": "Six months.",
                    "state": bstate,
                    "version": 2,
                    "state_changed_at": sent,
                    "submitted_at": None if bstate == "draft" else sent,
                    "created_at": sent,
                    "updated_at": sent,
                }
            )
            if kind == 1:
                bid_score_rows.extend(
                    {
                        "id": w.next_id("implementer_bid_scores"),
                        "bid_id": bid_id,
                        "reviewer_id": r,
                        "score": rnd.randint(40, 95),
                        "comment": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for r in people.reviewers[:2]
                )
    return {
        "id": project_id,
        "proposal_id": pid,
        "call_id": cid,
        "member_id": city,
        "title": title,
        "budget_usd": 100_000,
        "tender_terms": "Study and pilot design.",
        "tender_deadline": deadline,
        "technical_weight": 80,
        "consultant_id": consultant,
        "state": state,
        "version": 1 + kind % 2 * 3,
        "state_changed_at": now,
        "outcome_summary": None,
        "cancel_reason": None,
        "created_at": now,
        "updated_at": now,
    }
