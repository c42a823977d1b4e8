"""Solution Finder applications across every state, their matches and their history."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random
from typing import Any

from driver.loadgen.people import People
from driver.loadgen.writer import BulkWriter

# How many applications stand in each state (weights), like a programme some years old.
STATE_WEIGHTS = {
    "draft": 8,
    "submitted": 7,
    "in_review": 8,
    "awaiting_clarification": 5,
    "feedback_given": 5,
    "declined": 10,
    "matchmaking": 15,
    "partnered": 8,
    "implementing": 8,
    "completed": 16,
    "withdrawn": 5,
}
_REVIEW = [
    ("submit", "draft", "submitted", "owner"),
    ("start_review", "submitted", "in_review", "staff"),
]
_FEEDBACK = [*_REVIEW, ("give_feedback", "in_review", "feedback_given", "staff")]
_MATCHMAKING = [*_FEEDBACK, ("open_matchmaking", "feedback_given", "matchmaking", "staff")]
_PARTNERED = [*_MATCHMAKING, ("select_partners", "matchmaking", "partnered", "owner")]
_IMPLEMENTING = [*_PARTNERED, ("start_implementation", "partnered", "implementing", "staff")]
# The triggers that lead to each state: (trigger, from, to, who fires it).
PATHS: dict[str, list[tuple[str, str, str, str]]] = {
    "draft": [],
    "submitted": _REVIEW[:1],
    "in_review": _REVIEW,
    "awaiting_clarification": [
        *_REVIEW,
        ("request_clarification", "in_review", "awaiting_clarification", "staff"),
    ],
    "feedback_given": _FEEDBACK,
    "declined": [*_REVIEW, ("decline", "in_review", "declined", "staff")],
    "matchmaking": _MATCHMAKING,
    "partnered": _PARTNERED,
    "implementing": _IMPLEMENTING,
    "completed": [*_IMPLEMENTING, ("complete", "implementing", "completed", "staff")],
    "withdrawn": [*_REVIEW[:1], ("withdraw", "submitted", "withdrawn", "owner")],
}
_CLARIFY = [
    ("request_clarification", "in_review", "awaiting_clarification", "staff"),
    ("answer_clarification", "awaiting_clarification", "in_review", "owner"),
]
WORDS = [
    "flood",
    "warning",
    "river",
    "district",
    "air",
    "quality",
    "sensors",
    "traffic",
    "signals",
    "bus",
    "rapid",
    "transit",
    "waste",
    "collection",
    "routes",
    "water",
    "leak",
    "detection",
    "street",
    "lighting",
    "energy",
    "retrofit",
    "open",
    "data",
    "portal",
    "citizen",
    "reporting",
    "heat",
    "island",
    "tree",
    "canopy",
    "parking",
    "permits",
    "digital",
    "twin",
]


def make_applications(
    w: BulkWriter,
    rnd: Random,
    people: People,
    *,
    applications: int,
    matches: int,
    events: int,
    area_ids: list[int],
    start: datetime,
    span_days: int,
) -> None:
    """Insert the applications, their areas, matches and audit events (history)."""
    # One of every state first, so that even the smallest load shows every page.
    states = list(STATE_WEIGHTS)[:applications] + rnd.choices(
        list(STATE_WEIGHTS),
        weights=list(STATE_WEIGHTS.values()),
        k=max(0, applications - len(STATE_WEIGHTS)),
    )
    partnering = {"matchmaking", "partnered", "implementing", "completed"}
    n_partnering = sum(1 for s in states if s in partnering) or 1
    per_app_matches = matches / n_partnering
    # What the paths and matches leave of the history budget goes to question rounds.
    path_events = sum(len(PATHS[s]) for s in states) + 2 * matches
    reviewed = sum(1 for s in states if _reviewed(s)) or 1
    rounds_mean = max(0.0, (events - path_events) / (2 * reviewed))

    app_rows: list[dict[str, Any]] = []
    area_rows: list[dict[str, Any]] = []
    match_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    for n, state in enumerate(states):
        aid = w.next_id("applications")
        city = people.cities[n % len(people.cities)]
        owner = rnd.choice(people.city_users.get(city) or [None])
        if owner is None:
            continue
        reviewer = people.reviewer_for(rnd, people.region_of[city])
        created = start + timedelta(days=rnd.uniform(0, span_days))
        rounds = int(rnd.expovariate(1 / rounds_mean)) if rounds_mean and _reviewed(state) else 0
        steps = list(PATHS[state])
        if rounds:
            steps[2:2] = _CLARIFY * rounds
        when = created
        for trigger, from_state, to_state, who in steps:
            when += timedelta(hours=rnd.uniform(2, 240))
            event_rows.append(
                _event(
                    "application",
                    aid,
                    trigger,
                    from_state,
                    to_state,
                    owner if who == "owner" else reviewer,
                    when,
                )
            )
        words = rnd.sample(WORDS, 6)
        app_rows.append(
            {
                "id": aid,
                "member_id": city,
                "created_by_id": owner,
                "assignee_id": None if state in {"draft", "submitted", "withdrawn"} else reviewer,
                "title": " ".join(words[:4]).capitalize(),
                "description": " ".join(words) + ".",
                "expected_outcomes": "Fewer incidents and faster answers to residents.",
                "budget_usd": rnd.choice([None, 50_000, 200_000, 1_000_000]),
                "city_stage": rnd.randint(1, 5),
                "languages": ["en"],
                "state": state,
                "version": len(steps) + 1,
                "state_changed_at": when,
                "submitted_at": created + timedelta(hours=1) if steps else None,
                "feedback": "Promising; let us find partners." if len(steps) >= 3 else None,
                "decline_reason": "Out of WeGO's scope." if state == "declined" else None,
                "outcome_summary": "Delivered." if state == "completed" else None,
                "created_at": created,
                "updated_at": when,
            }
        )
        area_rows.extend(
            {"application_id": aid, "area_id": a} for a in rnd.sample(area_ids, rnd.randint(1, 3))
        )
        if state in partnering:
            k = min(len(people.providers), max(1, round(rnd.uniform(0.5, 1.5) * per_app_matches)))
            _matches(w, rnd, people, aid, state, k, reviewer, when, match_rows, event_rows)
    w.insert("applications", app_rows)
    w.insert("application_areas", area_rows)
    w.insert("matches", match_rows)
    w.insert("audit_events", event_rows)


def _reviewed(state: str) -> bool:
    """Whether the path to ``state`` goes through the review (where questions are asked)."""
    return len(PATHS[state]) >= 2 and PATHS[state][1][0] == "start_review"


def _matches(w, rnd, people, aid, state, k, reviewer, when, match_rows, event_rows):
    providers = rnd.sample(people.providers, k)
    for i, provider in enumerate(providers):
        mid = w.next_id("matches")
        proposed = when - timedelta(days=rnd.uniform(1, 30))
        if state == "matchmaking":
            final = (
                ("proposed", "accepted")[i]
                if i < 2
                else rnd.choice(["proposed", "accepted", "accepted", "declined", "retracted"])
            )
        else:
            final = "selected" if i == 0 else rnd.choice(["not_selected", "declined"])
        event_rows.append(_event("match", mid, "propose", None, "proposed", reviewer, proposed))
        answered = proposed + timedelta(days=rnd.uniform(0.1, 5))
        trigger = {
            "accepted": "accept",
            "declined": "decline",
            "retracted": "retract",
            "selected": "select",
            "not_selected": "not_select",
        }.get(final)
        before = "proposed"
        if final in {"selected", "not_selected"}:
            event_rows.append(_event("match", mid, "accept", before, "accepted", None, answered))
            before, answered = "accepted", answered + timedelta(days=rnd.uniform(1, 10))
        if trigger:
            event_rows.append(_event("match", mid, trigger, before, final, None, answered))
        match_rows.append(
            {
                "id": mid,
                "application_id": aid,
                "provider_id": provider,
                "proposed_by_id": reviewer,
                "score": round(rnd.uniform(20, 95), 1),
                "state": final,
                "version": 2 if trigger else 1,
                "state_changed_at": answered if trigger else proposed,
                "decline_reason": "No capacity this year." if final == "declined" else None,
                "outcome_rating": rnd.randint(1, 5) if state == "completed" and i == 0 else None,
                "created_at": proposed,
                "updated_at": answered if trigger else proposed,
            }
        )


def _event(object_type, object_id, trigger, from_state, to_state, actor, when):
    return {
        "object_type": object_type,
        "object_id": object_id,
        "trigger": trigger,
        "from_state": from_state,
        "to_state": to_state,
        "actor_id": actor,
        "created_at": when,
        "comment": "",
        "payload": {},
    }
