"""A large, deterministic demo dataset for measuring the Driver (``flask generate-demo-load``).

Ten times WeGO's realistic size at ``scale=1``: 2,000 member organisations,
5,000 users, 20,000 Solution Finder applications over every state with 60,000
matches and about 300,000 history events, 50 calls with 2,000 proposals and
their scores, 3,000 Plan Exchange projects and 1,500 self-assessments. Rows go
in with chunked Core inserts, in one transaction; the same seed and scale give
the same data.
"""

from __future__ import annotations

import time
from datetime import datetime
from random import Random

from sqlalchemy import func, select

from driver.auth.models import _hasher
from driver.db import utcnow
from driver.extensions import db
from driver.loadgen.activator import make_assessments, make_plan_projects
from driver.loadgen.implementer import make_calls
from driver.loadgen.people import EMAIL_DOMAIN, make_people
from driver.loadgen.solution_finder import make_applications
from driver.loadgen.writer import BulkWriter

# Every account of the load has this password (printed by the command).
LOAD_PASSWORD = "load-test-password"  # noqa: S105 - a documented demo password

FULL_SIZE = {
    "members": 2_000,
    "users": 5_000,
    "applications": 20_000,
    "matches": 60_000,
    "events": 300_000,
    "calls": 50,
    "proposals": 2_000,
    "plan_projects": 3_000,
    "assessments": 1_500,
}
# The least of each, so that the smallest scale still has one of everything.
MINIMUM = {
    "applications": 11,
    "members": 40,
    "users": 60,
    "calls": 5,
    "proposals": 15,
    "plan_projects": 40,
    "assessments": 4,
}


class AlreadyLoaded(RuntimeError):
    """The database already holds a demo load (pass ``append`` to add another)."""


def sizes(scale: float) -> dict[str, int]:
    """How many of each thing ``scale`` asks for."""
    return {k: max(MINIMUM.get(k, 1), round(v * scale)) for k, v in FULL_SIZE.items()}


def existing_batches() -> int:
    """How many loads the database holds already (by their accounts' domain)."""
    from driver.auth.models import User

    stmt = select(func.count()).where(User.email.like(f"admin%@{EMAIL_DOMAIN}"))
    return db.session.scalar(stmt) or 0


def generate(
    *, seed: int = 1, scale: float = 1.0, append: bool = False, now: datetime | None = None
) -> dict[str, object]:
    """Insert one demo load; return the rows per table and the seconds it took.

    Raises AlreadyLoaded if a load is there and ``append`` is false.
    """
    batch = existing_batches()
    if batch and not append:
        raise AlreadyLoaded("This database already holds a demo load.")
    started = time.perf_counter()
    # Today at midnight: deadlines and "days waiting" stay meaningful, the data stays the same
    # all day.
    now = now or utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    rnd = Random(f"{seed}:{batch}")
    size = sizes(scale)
    areas = [
        (r.id, r.slug, r.name)
        for r in db.session.execute(select(db.metadata.tables["areas"]).order_by("id"))
    ]
    if not areas:
        raise RuntimeError("Load the reference data first: flask --app driver seed")
    area_ids = [a[0] for a in areas]
    start = now.replace(year=now.year - 5)
    span = (now - start).days - 30
    password_hash = _hasher.hash(LOAD_PASSWORD)
    connection = db.session.connection()
    w = BulkWriter(connection)
    people = make_people(
        w,
        rnd,
        members=size["members"],
        users=size["users"],
        area_ids=area_ids,
        password_hash=password_hash,
        batch=batch,
        start=start,
    )
    make_applications(
        w,
        rnd,
        people,
        applications=size["applications"],
        matches=size["matches"],
        events=size["events"],
        area_ids=area_ids,
        start=start,
        span_days=span,
    )
    make_calls(
        w, rnd, people, calls=size["calls"], proposals=size["proposals"], area_ids=area_ids, now=now
    )
    names = {
        r.id: (r.name, r.country)
        for r in connection.execute(
            select(db.metadata.tables["members"]).where(
                db.metadata.tables["members"].c.id.in_(people.cities)
            )
        )
    }
    make_plan_projects(
        w,
        rnd,
        people,
        names,
        count=size["plan_projects"],
        areas=[(a[0], a[2]) for a in areas],
        start=start,
        span_days=span,
    )
    make_assessments(
        w, rnd, people, count=size["assessments"], area_slugs=[a[1] for a in areas], year=now.year
    )
    w.finish()
    db.session.commit()
    return {"rows": dict(w.counts), "seconds": round(time.perf_counter() - started, 1)}
