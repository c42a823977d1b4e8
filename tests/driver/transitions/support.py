"""What the transition tests share: the trigger table, who fires, fresh reads."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from driver import transitions
from driver.errors import Forbidden, NotFound
from driver.extensions import db
from driver.matchmaking.models import Match
from driver.solution_finder.models import Application
from driver.solution_finder.services import BINDING

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
OK = "ok"

# The state each trigger is tried from, and its payload.
SOURCE = {
    "submit": "draft",
    "start_review": "submitted",
    "request_clarification": "in_review",
    "answer_clarification": "awaiting_clarification",
    "give_feedback": "in_review",
    "decline": "submitted",
    "open_matchmaking": "feedback_given",
    "select_partners": "matchmaking",
    "start_implementation": "partnered",
    "complete": "implementing",
    "withdraw": "submitted",
    "reopen": "declined",
}

ACTORS = (
    "owner",
    "colleague",
    "other_city",
    "provider_user",
    "stranger_provider",
    "reviewer",
    "reviewer_out",
    "admin",
)
F, N = Forbidden, NotFound

# Who gets what. Out of scope is 404 for every trigger: another city, a provider
# that was not offered the application, a reviewer of other regions; staff
# never see drafts. The offered provider sees the application but fires nothing.
MATRIX = {
    #                        owner colleague other provider stranger reviewer out admin
    "submit": (OK, OK, N, F, N, N, N, N),
    "start_review": (F, F, N, F, N, OK, N, OK),
    "request_clarification": (F, F, N, F, N, OK, N, OK),
    "answer_clarification": (OK, OK, N, F, N, F, N, F),
    "give_feedback": (F, F, N, F, N, OK, N, OK),
    "decline": (F, F, N, F, N, OK, N, OK),
    "open_matchmaking": (F, F, N, F, N, OK, N, OK),
    "select_partners": (OK, OK, N, F, N, F, N, F),
    "start_implementation": (OK, OK, N, F, N, OK, N, OK),
    "complete": (F, F, N, F, N, OK, N, OK),
    "withdraw": (OK, OK, N, F, N, F, N, F),
    "reopen": (F, F, N, F, N, F, N, OK),
}


def payload_for(trigger, app):
    if trigger == "select_partners":
        ids = db.session.scalars(select(Match.id).where(Match.application_id == app.id)).all()
        return {"match_ids": list(ids)}
    if trigger == "complete":
        return {"rating": 4}
    return {}


def match_state_for(trigger):
    # A partnered application has a selected partner; elsewhere the offer was accepted.
    return "selected" if SOURCE[trigger] in {"partnered", "implementing"} else "accepted"


def fire_as(cast, app, trigger, actor_name, **kw):
    kw.setdefault("comment", "Because.")
    kw.setdefault("payload", payload_for(trigger, app))
    kw.setdefault("now", NOW)
    return transitions.fire(BINDING, app.id, trigger, cast.actor(actor_name), **kw)


def fresh(model, obj_id):
    db.session.expire_all()
    return db.session.get(model, obj_id)


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def events_of(app):
    return transitions.history(BINDING, fresh(Application, app.id))


def match_states(ids):
    db.session.expire_all()
    return {k: db.session.get(Match, i).state for k, i in ids.items()}


def recipients(model, event_id, cast):
    ids = set(db.session.scalars(select(model.user_id).where(model.event_id == event_id)))
    return {name for name in ACTORS if cast.actor(name).id in ids}
