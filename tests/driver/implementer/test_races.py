"""Races across objects: two selections for the call's last place; two colleagues' first bids."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import func, select

from driver import transitions
from driver.auth.models import User
from driver.errors import Refusal
from driver.extensions import db
from driver.implementer.bindings import PROPOSAL_BINDING
from driver.implementer.models import Bid, Proposal
from driver.implementer.services import bids


def together(app, jobs: list[tuple[int, Callable[[User], object]]]) -> list[object]:
    """Run each ``job(actor)`` in its own thread and app context, all at once; the outcomes."""
    db.session.rollback()  # SQLite: the test's own session must not hold the write lock
    barrier = threading.Barrier(len(jobs), timeout=30)
    outcomes: list[object] = [None] * len(jobs)

    def run(i: int, user_id: int, job: Callable[[User], object]) -> None:
        with app.app_context():
            try:
                actor = db.session.get(User, user_id)
                db.session.commit()
                barrier.wait()
                job(actor)
                outcomes[i] = "won"
            except Refusal as refusal:
                outcomes[i] = refusal.status
            except BaseException as exc:
                outcomes[i] = repr(exc)

    threads = [threading.Thread(target=run, args=(i, u, j)) for i, (u, j) in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread is stuck"
    db.session.expire_all()
    return sorted(outcomes, key=str)


def test_two_selections_for_the_last_place_leave_one_beneficiary(
    app, pi, make_user, make_call, make_proposal, score_proposal
):
    call = make_call("closed", beneficiaries=1)
    ids = []
    for owner in (pi.owner, pi.other_city):
        proposal = make_proposal("shortlisted", call=call, owner=owner)
        score_proposal(proposal, pi.reviewer, 4)
        score_proposal(proposal, pi.reviewer2, 4)
        ids.append(proposal.id)
    admins = [pi.admin.id, make_user("admin").id]

    def select_(proposal_id: int) -> Callable[[User], object]:
        return lambda actor: transitions.fire(
            PROPOSAL_BINDING, proposal_id, "select_beneficiary", actor
        )

    outcomes = together(app, [(admins[0], select_(ids[0])), (admins[1], select_(ids[1]))])
    selected = db.session.scalar(
        select(func.count(Proposal.id)).where(Proposal.state == "selected")
    )
    assert (outcomes, selected) == ([409, "won"], 1)


def test_two_colleagues_starting_a_bid_at_once_make_one_bid(app, pi, make_user, make_project):
    project_id = make_project("consultant_procurement").id  # threads touch no test object
    colleague = make_user("provider", member=pi.consultant)

    def start(actor: User) -> object:
        return bids.start_bid(actor, project_id, bids.BidInput(price_usd=90_000))

    outcomes = together(app, [(pi.consultant_user.id, start), (colleague.id, start)])
    assert (outcomes, db.session.scalar(select(func.count(Bid.id)))) == ([409, "won"], 1)
