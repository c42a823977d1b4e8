"""The Project Implementer's demo data: a call open now, proposals in several states, a tender."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from driver import demo
from driver.extensions import db
from driver.implementer.models import Bid, Call, ImplementerProject, Proposal
from driver.members.services import seed_reference_data


@pytest.fixture
def loaded(monkeypatch):
    monkeypatch.setattr(
        "driver.auth.models._hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    seed_reference_data()
    demo.load_demo()
    db.session.expire_all()


def test_the_demo_has_an_awarded_call_and_one_open_now(loaded):
    assert sorted(db.session.scalars(select(Call.state))) == ["awarded", "open"]


def test_the_demo_proposals_are_in_several_states(loaded):
    assert sorted(db.session.scalars(select(Proposal.state))) == [
        "draft",
        "not_selected",
        "selected",
        "submitted",
    ]


def test_the_demo_project_has_its_tender_open_with_a_bid_sent_and_one_drafted(loaded):
    project = db.session.scalars(select(ImplementerProject)).one()
    states = sorted(db.session.scalars(select(Bid.state)))
    assert (project.state, states) == ("consultant_procurement", ["draft", "submitted"])
