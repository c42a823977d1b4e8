"""Matchmaking fixtures: an application of the cast's city waiting for partners."""

from __future__ import annotations

import pytest


@pytest.fixture
def in_matchmaking(application_in):
    """An application of the cast's city in matchmaking, with no match yet."""
    return application_in(
        "matchmaking",
        match_state=None,
        areas=("water-management", "education"),
        budget_usd=200_000,
        city_stage=2,
    )
