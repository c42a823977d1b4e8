"""The transition tests' fixtures: a shortlist of providers around one application."""

from __future__ import annotations

import pytest


@pytest.fixture
def shortlist(cast, application_in, make_provider, make_user, make_match):
    """An application in matchmaking with one match in each state, and a user per provider."""
    app = application_in("matchmaking", match_state=None)
    matches = {}
    for state in ("accepted", "proposed", "declined", "retracted"):
        provider = make_provider(name=f"Provider {state}")
        make_user("provider", member=provider)
        matches[state] = make_match(app, provider, state=state)
    second = make_provider(name="Provider second")
    make_user("provider", member=second)
    matches["accepted_too"] = make_match(app, second, state="accepted")
    return app, {k: m.id for k, m in matches.items()}
