"""Calls: time zones, the automatic close by the server's clock, announcing the result."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from driver import transitions
from driver.audit.models import AuditEvent
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid
from driver.extensions import db
from driver.implementer.bindings import CALL_BINDING, PROPOSAL_BINDING
from driver.implementer.services import calls


def new_call(pi, **kw):
    data = {
        "title": "PI 2030",
        "opens_at": datetime(2030, 1, 1, 9, 0),
        "closes_at": datetime(2030, 3, 1, 18, 0),
        "timezone": "Asia/Seoul",
        **kw,
    }
    return calls.create_call(pi.admin, calls.CallInput(**data))


@pytest.mark.parametrize(
    ("tz", "utc"),
    [
        ("Asia/Seoul", datetime(2030, 3, 1, 9, 0, tzinfo=UTC)),
        ("Europe/Paris", datetime(2030, 3, 1, 17, 0, tzinfo=UTC)),
        ("America/Mexico_City", datetime(2030, 3, 2, 0, 0, tzinfo=UTC)),
    ],
)
def test_closing_time_is_read_in_the_calls_time_zone(pi, tz, utc):
    assert new_call(pi, timezone=tz).closes_at == utc


def test_a_time_the_clocks_skip_is_refused(pi):
    with pytest.raises(Invalid) as refused:
        new_call(pi, timezone="Europe/Paris", closes_at=datetime(2030, 3, 31, 2, 30))
    assert "closes_at" in refused.value.errors


def test_an_unknown_time_zone_is_refused(pi):
    with pytest.raises(Invalid):
        new_call(pi, timezone="Mars/Olympus_Mons")


def test_a_call_starts_with_wegos_six_criteria(pi):
    assert len(new_call(pi).criteria) == 6


def test_only_an_admin_drafts_a_call(pi):
    with pytest.raises(Forbidden):
        calls.create_call(pi.reviewer, calls.CallInput(title="Mine"))


def test_a_call_closing_before_it_opens_is_refused(pi):
    with pytest.raises(Invalid) as refused:
        new_call(pi, closes_at=datetime(2029, 12, 1, 9, 0))
    assert "closes_at" in refused.value.errors


def test_opening_a_call_whose_closing_time_passed_is_refused(pi):
    call = new_call(pi)
    with pytest.raises(Conflict) as refused:
        calls.fire_call(pi.admin, call.id, "open", now=datetime(2030, 3, 2, tzinfo=UTC))
    assert refused.value.reasons == ["closes_in_future"]


def test_a_published_call_can_no_longer_change(pi, make_call):
    call = make_call("open")
    with pytest.raises(Conflict):
        calls.update_call(pi.admin, call.id, calls.CallInput(title="Changed"), fields=["title"])


def test_drafts_are_hidden_from_cities(pi, make_call):
    call = make_call("draft")
    assert (
        db.session.scalars(
            CALL_BINDING.scope(pi.owner).where(CALL_BINDING.model.id == call.id)
        ).first()
        is None
    )


def test_a_call_past_its_closing_time_reads_closed_before_anything_records_it(pi, make_call):
    call = make_call("open", closes_at=utcnow() - timedelta(seconds=1))
    assert (call.state, CALL_BINDING.state_label(call, pi.owner)) == (
        "open",
        "Closed: the closing time has passed",
    )


def test_a_call_past_its_closing_time_offers_its_admin_the_award(pi, make_call):
    call = make_call("open", closes_at=utcnow() - timedelta(seconds=1))
    assert [t.trigger for t in calls.available(pi.admin, call, utcnow())] == ["award"]


def test_close_due_records_the_close_by_the_system_at_the_closing_time(pi, make_call):
    closes = utcnow() - timedelta(minutes=5)
    call = make_call("open", closes_at=closes)
    make_call("open")  # still running
    closed = calls.close_due()
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.object_id == call.id, AuditEvent.trigger == "close")
    ).one()
    assert ([c.id for c in closed], event.actor_id, event.created_at) == ([call.id], None, closes)


def test_close_due_leaves_a_call_one_second_before_its_closing_time(make_call):
    make_call("open", closes_at=utcnow() + timedelta(seconds=1))
    assert calls.close_due() == []


def test_the_close_due_command_says_how_many_calls_it_closed(runner, make_call):
    make_call("open", closes_at=utcnow() - timedelta(seconds=1))
    result = runner.invoke(args=["implementer", "close-due"])
    assert (result.exit_code, result.output.splitlines()[-1]) == (0, "1 call closed.")


def test_awarding_a_call_past_its_time_records_the_automatic_close_first(
    pi, make_call, make_proposal
):
    call = make_call("open", closes_at=utcnow() - timedelta(seconds=1))
    make_proposal("selected", call=call)
    calls.fire_call(pi.admin, call.id, "award", comment="Thank you all.")
    triggers = [e.trigger for e in transitions.history(CALL_BINDING, call)]
    assert (call.state, triggers) == ("awarded", ["close", "award"])


def test_announcing_the_result_tells_every_other_eligible_city_with_the_message(
    pi, make_call, make_proposal
):
    call = make_call("closed")
    make_proposal("selected", call=call)
    other = make_proposal("shortlisted", call=call, owner=pi.other_city)
    calls.fire_call(pi.admin, call.id, "award", comment="Please apply again next year.")
    db.session.expire_all()
    assert (other.state, other.decision_message) == (
        "not_selected",
        "Please apply again next year.",
    )


def test_the_result_waits_until_every_proposal_is_screened(pi, make_call, make_proposal):
    call = make_call("closed")
    make_proposal("selected", call=call)
    make_proposal("submitted", call=call, owner=pi.other_city)
    with pytest.raises(Conflict) as refused:
        calls.fire_call(pi.admin, call.id, "award", comment="Done.")
    assert refused.value.reasons == ["all_screened"]


def test_the_result_needs_a_beneficiary(pi, make_call, make_proposal):
    call = make_call("closed")
    make_proposal("shortlisted", call=call)
    with pytest.raises(Conflict) as refused:
        calls.fire_call(pi.admin, call.id, "award", comment="Done.")
    assert refused.value.reasons == ["beneficiary_selected"]


def test_a_beneficiary_is_selected_only_once_the_call_has_closed(
    pi, make_call, make_proposal, score_proposal
):
    call = make_call("open")
    proposal = make_proposal("shortlisted", call=call)
    score_proposal(proposal, pi.reviewer, 4)
    score_proposal(proposal, pi.reviewer2, 4)
    with pytest.raises(Conflict) as refused:
        transitions.fire(PROPOSAL_BINDING, proposal.id, "select_beneficiary", pi.admin)
    assert refused.value.reasons == ["call_closed"]
