"""The benchmark's dataset: ``flask generate-demo-load`` and driver.loadgen."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from driver import loadgen
from driver.audit.models import AuditEvent
from driver.extensions import db
from driver.matchmaking.models import Match
from driver.plan_exchange.models import Project
from driver.plan_exchange.search import SearchFilter, search
from driver.solution_finder.models import Application
from workflows.solution_finder import APPLICATION

SCALE = 0.002  # 40 applications


def _empty() -> None:
    for table in reversed(db.metadata.sorted_tables):
        if table.name != "areas":
            db.session.execute(table.delete())
    db.session.commit()


def _snapshot() -> list[tuple]:
    rows = db.session.execute(
        select(
            Application.id, Application.title, Application.state, Application.member_id
        ).order_by(Application.id)
    ).all()
    return [tuple(r) for r in rows]


def test_the_command_prints_what_it_made_and_refuses_a_second_load(runner):
    first = runner.invoke(args=["generate-demo-load", "--scale", str(SCALE)])
    again = runner.invoke(args=["generate-demo-load", "--scale", str(SCALE)])
    assert first.exit_code == 0, first.output
    assert re.search(r"^applications\s+40$", first.output, re.M)
    assert again.exit_code == 1
    assert "already holds a demo load" in again.output
    assert db.session.scalar(select(func.count()).select_from(Application)) == 40


def test_append_adds_a_second_load_beside_the_first(runner):
    runner.invoke(args=["generate-demo-load", "--scale", str(SCALE)])
    result = runner.invoke(args=["generate-demo-load", "--scale", str(SCALE), "--append"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(Application)) == 80


def test_the_same_seed_gives_the_same_data():
    loadgen.generate(seed=3, scale=SCALE)
    first = _snapshot()
    _empty()
    loadgen.generate(seed=3, scale=SCALE)
    assert _snapshot() == first


def test_another_seed_gives_other_data():
    loadgen.generate(seed=3, scale=SCALE)
    first = _snapshot()
    _empty()
    loadgen.generate(seed=4, scale=SCALE)
    assert _snapshot() != first


def test_applications_stand_in_every_state_their_history_leads_to():
    loadgen.generate(seed=1, scale=SCALE)
    apps = db.session.scalars(select(Application)).all()
    last_event = dict(
        db.session.execute(
            select(AuditEvent.object_id, AuditEvent.to_state)
            .where(AuditEvent.object_type == "application")
            .order_by(AuditEvent.id)
        ).all()
    )
    assert {a.state for a in apps} == set(APPLICATION.states)
    assert all(last_event.get(a.id, "draft") == a.state for a in apps)


def test_matches_belong_to_applications_past_feedback_only():
    loadgen.generate(seed=1, scale=SCALE)
    states = set(
        db.session.scalars(
            select(Application.state).join(Match, Match.application_id == Application.id)
        )
    )
    assert states and states <= {"matchmaking", "partnered", "implementing", "completed"}


def test_generated_projects_are_found_by_full_text_search():
    loadgen.generate(seed=1, scale=SCALE)
    project = db.session.scalars(
        select(Project).where(Project.state == "published").order_by(Project.id)
    ).first()
    word = project.title.split()[1]
    found = search(SearchFilter(q=word), per_page=100)
    assert project.id in {p.id for p in found.items}
