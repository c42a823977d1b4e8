"""Plan Exchange projects and self-assessments of the demo load."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from random import Random

from driver.activator.questions import DIMENSIONS
from driver.catalogue.models import COST_BANDS
from driver.loadgen.people import People
from driver.loadgen.solution_finder import WORDS
from driver.loadgen.writer import BulkWriter
from driver.plan_exchange.models import ROLES

PROJECT_STATES = {"published": 70, "in_review": 12, "draft": 18}


def make_plan_projects(
    w: BulkWriter,
    rnd: Random,
    people: People,
    names: dict[int, tuple[str, str]],
    *,
    count: int,
    areas: list[tuple[int, str]],
    start: datetime,
    span_days: int,
) -> None:
    """Insert ``count`` projects with areas and stakeholders; search text as the services write it.

    On SQLite the FTS5 table's insert trigger fills the index row by row.
    """
    project_rows, area_rows, stakeholder_rows, event_rows = [], [], [], []
    for n in range(count):
        pid = w.next_id("plan_projects")
        city = people.cities[(n * 7) % len(people.cities)]
        author = (people.city_users.get(city) or [None])[0]
        state = (
            list(PROJECT_STATES)[n]
            if n < len(PROJECT_STATES)
            else rnd.choices(list(PROJECT_STATES), weights=list(PROJECT_STATES.values()))[0]
        )
        created = start + timedelta(days=rnd.uniform(0, span_days))
        changed = created + timedelta(days=rnd.uniform(1, 60))
        chosen = rnd.sample(areas, rnd.randint(1, 2))
        words = rnd.sample(WORDS, 8)
        title = " ".join(words[:4]).capitalize()
        summary = " ".join(words) + "."
        stakeholders = [
            (f"Load Partner {rnd.randrange(500):03d}", role)
            for role in rnd.sample(list(ROLES), rnd.randint(1, 3))
        ]
        name, country = names[city]
        search_text = "\n".join(
            [
                title,
                summary,
                "Residents noticed.",
                name,
                country,
                " ".join(a[1] for a in chosen),
                " ".join(s[0] for s in stakeholders),
            ]
        )
        first_year = 2015 + rnd.randrange(10)
        project_rows.append(
            {
                "id": pid,
                "member_id": city,
                "created_by_id": author,
                "application_id": None,
                "title": title,
                "summary": summary,
                "outcomes": "Residents noticed.",
                "period_start": first_year,
                "period_end": first_year + rnd.randrange(4),
                "budget_band": rnd.choice([*COST_BANDS, None]),
                "stage": rnd.randint(1, 5),
                "state": state,
                "version": 1 + (2 if state == "published" else 1 if state == "in_review" else 0),
                "state_changed_at": changed,
                "published_at": changed if state == "published" else None,
                "return_reason": None,
                "search_text": search_text,
                "created_at": created,
                "updated_at": changed,
            }
        )
        area_rows.extend({"project_id": pid, "area_id": a[0]} for a in chosen)
        stakeholder_rows.extend(
            {"id": w.next_id("plan_stakeholders"), "project_id": pid, "name": s, "role": r}
            for s, r in stakeholders
        )
        if state != "draft":
            event_rows.append(_event(pid, "submit", "draft", "in_review", author, changed))
        if state == "published":
            event_rows.append(
                _event(pid, "publish", "in_review", "published", people.reviewers[0], changed)
            )
    w.insert("plan_projects", project_rows)
    w.insert("plan_project_areas", area_rows)
    w.insert("plan_stakeholders", stakeholder_rows)
    w.insert("audit_events", event_rows)


def make_assessments(
    w: BulkWriter, rnd: Random, people: People, *, count: int, area_slugs: list[str], year: int
) -> None:
    """Insert ``count`` assessments (a city's years back from ``year``), answers and goals."""
    rows, answers, goals = [], [], []
    per_city = max(1, -(-count // len(people.cities)))
    made = 0
    for city in people.cities:
        for back in range(per_city):
            if made >= count:
                break
            made += 1
            aid = w.next_id("assessments")
            when = datetime(year - back, 3, 1, tzinfo=UTC) + timedelta(days=rnd.uniform(0, 200))
            complete = back > 0 or rnd.random() < 0.6
            rows.append(
                {
                    "id": aid,
                    "member_id": city,
                    "year": year - back,
                    "created_by_id": (people.city_users.get(city) or [None])[0],
                    "completed_at": when + timedelta(days=20) if complete else None,
                    "version": 1,
                    "created_at": when,
                    "updated_at": when,
                }
            )
            level = rnd.randint(0, 3)
            for slug in area_slugs:
                for dimension in DIMENSIONS:
                    value = (
                        None if rnd.random() < 0.1 else min(4, max(0, level + rnd.randint(-1, 1)))
                    )
                    answers.append(
                        {
                            "id": w.next_id("assessment_answers"),
                            "assessment_id": aid,
                            "area": slug,
                            "dimension": dimension,
                            "value": value,
                        }
                    )
                goals.append(
                    {
                        "id": w.next_id("assessment_goals"),
                        "assessment_id": aid,
                        "area": slug,
                        "target_stage": rnd.randint(2, 5),
                        "priority": rnd.randint(1, 3),
                    }
                )
    w.insert("assessments", rows)
    w.insert("assessment_answers", answers)
    w.insert("assessment_goals", goals)


def _event(pid, trigger, from_state, to_state, actor, when):
    return {
        "object_type": "plan_project",
        "object_id": pid,
        "trigger": trigger,
        "from_state": from_state,
        "to_state": to_state,
        "actor_id": actor,
        "created_at": when,
        "comment": "",
        "payload": {},
    }
