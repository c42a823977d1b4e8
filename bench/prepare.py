"""The benchmark's dataset and targets: a fresh database filled by ``generate-demo-load``.

Runs the real CLI (``db upgrade``, ``seed``, ``generate-demo-load``) against a
fresh SQLite file or PostgreSQL database, then picks in-process what each
scenario asks for (signed-in users, application ids, API tokens) and measures
the match suggestions' server time by calling the service directly.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, make_url, select

ROOT = Path(__file__).resolve().parent.parent
FLASK = [sys.executable, "-m", "flask", "--app", "driver"]


def fresh_database(url: str) -> None:
    """Empty the target: delete the SQLite file, or drop and create the PostgreSQL database."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{parsed.database}{suffix}").unlink(missing_ok=True)
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    admin = parsed.set(drivername="postgresql", database="postgres")
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{parsed.database}"')


def load(url: str, scale: float, seed: int) -> dict[str, Any]:
    """Migrate, seed and generate the load; return the rows made and the seconds it took."""
    env = {**os.environ, "DATABASE_URL": url}

    def run(*args: str) -> str:
        return subprocess.run(
            [*FLASK, *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout

    run("db", "upgrade")
    run("seed")
    started = time.perf_counter()
    out = run("generate-demo-load", "--seed", str(seed), "--scale", str(scale))
    seconds = time.perf_counter() - started
    rows = {m[1]: int(m[2].replace(",", "")) for m in re.finditer(r"^(\w+)\s+([\d,]+)$", out, re.M)}
    return {
        "rows": rows,
        "seconds": round(seconds, 1),
        "generator_seconds": _generator_seconds(out),
    }


def _generator_seconds(out: str) -> float | None:
    found = re.search(r"Loaded in ([\d.]+) s", out)
    return float(found.group(1)) if found else None


def targets(url: str, pairs: int = 64) -> dict[str, Any]:
    """What the scenarios request, found in the load; API tokens issued for the transitions."""
    os.environ["DATABASE_URL"] = url
    from driver import create_app
    from driver.api.auth import issue_token
    from driver.auth.models import User
    from driver.extensions import db
    from driver.loadgen import LOAD_PASSWORD
    from driver.matchmaking import services as matchmaking
    from driver.members.models import ProviderProfile
    from driver.solution_finder.models import Application

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        users = db.session.scalars(select(User).order_by(User.id)).all()
        reviewer = next(u for u in users if u.role == "reviewer" and not u.regions)
        busiest = db.session.execute(
            select(Application.created_by_id, func.count())
            .group_by(Application.created_by_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()[0]
        city = db.session.get(User, busiest)
        app_ids = list(
            db.session.scalars(
                select(Application.id)
                .where(Application.state != "draft")  # staff never see drafts
                .order_by(Application.id)
                .limit(400)
            )
        )[::2]
        matchmaking_ids = list(
            db.session.scalars(
                select(Application.id).where(Application.state == "matchmaking").limit(50)
            )
        )
        in_review = db.session.scalars(
            select(Application)
            .where(Application.state == "in_review")
            .order_by(Application.id)
            .limit(pairs)
        ).all()
        owners = {a.created_by_id for a in in_review}
        tokens = {uid: issue_token(db.session.get(User, uid)).secret for uid in owners}
        staff_token = issue_token(reviewer).secret
        timing = _suggestion_timing(app, reviewer, matchmaking_ids[:10], matchmaking)
        providers = db.session.scalar(select(func.count()).select_from(ProviderProfile))
        return {
            "password": LOAD_PASSWORD,
            "reviewer": reviewer.email,
            "city": city.email,
            "app_ids": app_ids,
            "matchmaking_ids": matchmaking_ids,
            "searches": ["water", "traffic sensors", "open data", "energy", "flood warning"],
            "pairs": [
                {"app_id": a.id, "owner": tokens[a.created_by_id], "staff": staff_token}
                for a in in_review
            ],
            "suggestions": {**timing, "providers_in_database": providers},
        }


def _suggestion_timing(app, reviewer, app_ids, matchmaking, rounds: int = 5) -> dict[str, Any]:
    """The suggestions service's own time (ms) over several applications, warm."""
    times: list[float] = []
    ranked = 0
    with app.test_request_context():
        for app_id in app_ids:
            matchmaking.suggestions(reviewer, app_id)  # warm
            for _ in range(rounds):
                started = time.perf_counter()
                ranked = len(matchmaking.suggestions(reviewer, app_id, limit=10_000))
                times.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(statistics.quantiles(times, n=20)[-1], 1),
        "providers_ranked_last": ranked,
    }
