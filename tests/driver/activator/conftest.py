"""Activator fixtures: an assessment with answers given per area."""

from __future__ import annotations

import pytest

from driver.activator import services
from driver.activator.questions import DIMENSIONS


@pytest.fixture
def assess():
    """``assess(user, {area: [answers…]}, goals={area: (target, priority)}, year=…)``."""

    def make(user, answers=None, *, goals=None, year=None):
        assessment = services.start_assessment(user, year)
        given = {
            (area, dimension): value
            for area, values in (answers or {}).items()
            for dimension, value in zip(DIMENSIONS, values, strict=False)
        }
        return services.save(user, assessment.id, answers=given, goals=goals or {})

    return make
