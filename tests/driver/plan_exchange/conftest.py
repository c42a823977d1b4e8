"""Plan Exchange fixtures: projects written through the services."""

from __future__ import annotations

import pytest

from driver import transitions
from driver.plan_exchange import services


@pytest.fixture
def make_project(make_user):
    """``make_project(city_user, state=…, **fields)``: a project walked to ``state``."""
    staff = {}

    def make(owner, *, state="published", **fields):
        fields.setdefault("title", "Smart water meters")
        fields.setdefault("summary", "Meters in every home report leaks.")
        fields.setdefault("areas", ("water-management",))
        fields.setdefault("stakeholders", (("City water utility", "executes"),))
        project = services.create_project(owner, services.ProjectInput(**fields))
        if state in {"in_review", "published"}:
            transitions.fire(services.BINDING, project.id, "submit", owner)
        if state == "published":
            reviewer = staff.setdefault("reviewer", make_user("reviewer"))
            transitions.fire(services.BINDING, project.id, "publish", reviewer)
        return project

    return make
