"""A provider's offers and the matches each person may list."""

from __future__ import annotations

import pytest

from driver.extensions import db
from driver.matchmaking import services
from driver.matchmaking.models import Match
from driver.solution_finder.models import Application
from workflows.match import MATCH

# -- lists -----------------------------------------------------------------------------------------


@pytest.fixture
def offers(cast, application_in, make_provider, make_match):
    """The cast's provider's matches in every state, and one match of someone else."""
    mine = {}
    for state in sorted(MATCH.states):
        app = application_in("matchmaking", match_state=None, title=f"App {state}")
        mine[state] = make_match(app, cast.provider, state=state).id
    others = make_provider(name="Someone Else")
    make_match(db.session.get(Application, app.id), others, state="proposed")
    return mine


def test_matches_in_scope_of_a_provider_are_its_own(cast, offers):
    found = services.matches_in_scope(cast.provider_user)
    assert {m.id for m in found} == set(offers.values())


def test_open_offers_of_a_provider_are_proposed_or_accepted(cast, offers):
    found = services.open_offers(cast.provider_user)
    assert {m.id for m in found} == {offers["proposed"], offers["accepted"]}


def test_matches_in_scope_filter_by_state(cast, offers):
    found = services.matches_in_scope(cast.provider_user, states=["declined"])
    assert [m.id for m in found] == [offers["declined"]]


def test_matches_in_scope_are_newest_first(cast, offers):
    ids = [m.id for m in services.matches_in_scope(cast.reviewer)]
    assert ids == sorted(ids, reverse=True)


def test_matches_in_scope_of_a_city_leave_out_retracted(cast, offers):
    found = {m.state for m in services.matches_in_scope(cast.owner)}
    assert "retracted" not in found and "accepted" in found


def test_matches_in_scope_by_application(cast, offers):
    app_id = db.session.get(Match, offers["accepted"]).application_id
    found = services.matches_in_scope(cast.reviewer, application_id=app_id)
    assert [m.id for m in found] == [offers["accepted"]]
