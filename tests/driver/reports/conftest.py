"""Fixtures of the report tests: histories written straight into the audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from driver.audit.models import AuditEvent
from driver.extensions import db

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def at(days: float, start: datetime = T0) -> datetime:
    """``days`` after ``start`` (the first of March 2025 by default)."""
    return start + timedelta(days=days)


@pytest.fixture
def history():
    """``history(object_type, object_id, [(state, when), …])``: one event per state, in order."""

    def write(object_type: str, object_id: int, steps: Sequence[tuple[str, datetime]]) -> None:
        previous = None
        for state, when in steps:
            db.session.add(
                AuditEvent(
                    object_type=object_type,
                    object_id=object_id,
                    trigger="create" if previous is None else f"to_{state}",
                    from_state=previous,
                    to_state=state,
                    created_at=when,
                )
            )
            previous = state
        db.session.commit()

    return write


@pytest.fixture
def regions(make_member, make_user):
    """Two cities (Asia-Pacific, Africa), their users, and staff in and out of region."""
    from types import SimpleNamespace

    seoul = make_member("local_government", name="Seoul", country="Korea", region="Asia-Pacific")
    kampala = make_member("local_government", name="Kampala", country="Uganda", region="Africa")
    return SimpleNamespace(
        seoul=seoul,
        kampala=kampala,
        seoul_user=make_user("city", member=seoul),
        kampala_user=make_user("city", member=kampala),
        reviewer=make_user("reviewer"),
        africa=make_user("reviewer", regions=["Africa"]),
        admin=make_user("admin"),
    )
