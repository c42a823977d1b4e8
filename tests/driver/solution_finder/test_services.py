"""Solution Finder services: drafts, the reviewer queue and an organisation's list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from driver import transitions
from driver.audit.models import AuditEvent
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid, NotFound
from driver.extensions import db
from driver.solution_finder import services
from driver.solution_finder.models import Application
from driver.solution_finder.services import BINDING, DraftInput, QueueFilter

DRAFT = DraftInput(
    title="Flood warnings",
    description="The river floods the market.",
    expected_outcomes="No losses next season.",
    areas=("water-management", "disaster-risk-management"),
    budget_usd=150_000,
    city_stage=2,
    languages=("en", "sw"),
)


def fresh(app_id):
    db.session.expire_all()
    return db.session.get(Application, app_id)


# -- creating a draft ------------------------------------------------------------------


def test_a_city_user_creates_a_draft_of_its_city(cast):
    app = services.create_application(cast.owner, DRAFT)
    stored = fresh(app.id)
    assert (stored.state, stored.member_id, stored.created_by_id, stored.version) == (
        "draft",
        cast.city.id,
        cast.owner.id,
        1,
    )


def test_a_new_draft_keeps_every_field(cast):
    app = services.create_application(cast.owner, DRAFT)
    stored = fresh(app.id)
    assert (
        stored.title,
        stored.description,
        stored.expected_outcomes,
        set(stored.area_slugs),
        stored.budget_usd,
        stored.city_stage,
        stored.languages,
    ) == (
        "Flood warnings",
        "The river floods the market.",
        "No losses next season.",
        {"water-management", "disaster-risk-management"},
        150_000,
        2,
        ["en", "sw"],
    )


def test_creating_a_draft_is_the_first_audit_event(cast):
    app = services.create_application(cast.owner, DRAFT)
    [event] = transitions.history(BINDING, fresh(app.id))
    assert (event.trigger, event.from_state, event.to_state, event.actor_id) == (
        "create",
        None,
        "draft",
        cast.owner.id,
    )


@pytest.mark.parametrize("who", ["provider_user", "reviewer", "admin"])
def test_only_a_city_user_creates_an_application(cast, who):
    with pytest.raises(Forbidden):
        services.create_application(cast.actor(who), DRAFT)


def test_an_unknown_area_is_invalid_and_creates_nothing(cast):
    with pytest.raises(Invalid):
        services.create_application(cast.owner, DraftInput(title="x", areas=("moon-base",)))
    assert db.session.scalar(select(func.count(Application.id))) == 0


def test_an_empty_draft_may_be_saved(cast):
    app = services.create_application(cast.owner, DraftInput())
    assert fresh(app.id).state == "draft"


def test_draft_input_ignores_unknown_keys():
    data = DraftInput.from_mapping({"title": "T", "state": "completed", "member_id": 7})
    assert data == DraftInput(title="T")


# -- editing a draft ---------------------------------------------------------------------


def test_the_owner_edits_the_named_fields_only(cast):
    app = services.create_application(cast.owner, DRAFT)
    services.update_draft(cast.owner, app.id, DraftInput(title="Better title"), fields=["title"])
    stored = fresh(app.id)
    assert (stored.title, stored.description, len(stored.areas)) == (
        "Better title",
        DRAFT.description,
        2,
    )


def test_a_colleague_edits_the_draft_too(cast):
    app = services.create_application(cast.owner, DRAFT)
    services.update_draft(cast.colleague, app.id, DraftInput(title="Ours"), fields=["title"])
    assert fresh(app.id).title == "Ours"


def test_editing_the_areas_replaces_them(cast):
    app = services.create_application(cast.owner, DRAFT)
    services.update_draft(cast.owner, app.id, DraftInput(areas=("education",)), fields=["areas"])
    assert fresh(app.id).area_slugs == ["education"]


@pytest.mark.parametrize(
    ("who", "refusal"),
    [("other_city", NotFound), ("reviewer", NotFound), ("provider_user", Forbidden)],
)
def test_only_the_owner_city_edits(cast, application_in, who, refusal):
    app = application_in("draft")
    with pytest.raises(refusal):
        services.update_draft(cast.actor(who), app.id, DraftInput(title="Mine"), fields=["title"])


def test_a_submitted_application_cannot_be_edited(cast, application_in):
    app = application_in("submitted")
    with pytest.raises(Conflict):
        services.update_draft(cast.owner, app.id, DraftInput(title="Late"), fields=["title"])


def test_editing_a_stale_version_is_a_conflict(cast):
    app = services.create_application(cast.owner, DRAFT)
    with pytest.raises(Conflict):
        services.update_draft(
            cast.owner, app.id, DraftInput(title="x"), fields=["title"], expected_version=9
        )


def test_a_refused_edit_changes_nothing(cast):
    app = services.create_application(cast.owner, DRAFT)
    with pytest.raises(Invalid):
        services.update_draft(
            cast.owner,
            app.id,
            DraftInput(title="x", areas=("moon-base",)),
            fields=["title", "areas"],
        )
    assert fresh(app.id).title == DRAFT.title


def test_an_edit_bumps_the_version(cast):
    app = services.create_application(cast.owner, DRAFT)
    services.update_draft(cast.owner, app.id, DraftInput(title="x"), fields=["title"])
    assert fresh(app.id).version == 2


def test_editing_does_not_write_audit_events(cast):
    app = services.create_application(cast.owner, DRAFT)
    services.update_draft(cast.owner, app.id, DraftInput(title="x"), fields=["title"])
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 1


# -- areas ---------------------------------------------------------------------------------


def test_areas_by_slug_keeps_the_order_and_drops_duplicates(app):
    areas = services.areas_by_slug(["water-management", "education", "water-management"])
    assert [a.slug for a in areas] == ["water-management", "education"]


def test_areas_by_slug_names_the_unknown_ones(app):
    with pytest.raises(Invalid, match="moon-base"):
        services.areas_by_slug(["education", "moon-base"])


# -- the reviewer queue and the organisation's list ---------------------------------


@pytest.fixture
def queue_world(cast, make_member, make_user, make_application):
    """Five applications submitted on different days in two regions."""
    nairobi = make_member("local_government", name="Nairobi", country="Kenya", region="Africa")
    kenyan = make_user("city", member=nairobi)
    start = utcnow() - timedelta(days=10)
    made = {}
    for day, (owner, state, title, areas) in enumerate(
        [
            (cast.owner, "submitted", "Flood sensors", ("water-management",)),
            (kenyan, "in_review", "Bus data", ("public-transportation",)),
            (cast.owner, "feedback_given", "School routes", ("education",)),
            (kenyan, "submitted", "Flood maps", ("water-management",)),
            (cast.owner, "draft", "Unsent", ("water-management",)),
        ]
    ):
        app = make_application(owner, state=state, title=title, areas=areas)
        app.submitted_at = None if state == "draft" else start + timedelta(days=day)
        made[title] = app.id
    db.session.commit()
    return made


def titles(apps):
    return [a.title for a in apps]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (QueueFilter(), ["Flood sensors", "Bus data", "School routes", "Flood maps"]),
        (QueueFilter(states=("submitted",)), ["Flood sensors", "Flood maps"]),
        (QueueFilter(area="water-management"), ["Flood sensors", "Flood maps"]),
        (QueueFilter(region="Africa"), ["Bus data", "Flood maps"]),
        (QueueFilter(q="flood"), ["Flood sensors", "Flood maps"]),
        (QueueFilter(states=("submitted",), region="Asia-Pacific"), ["Flood sensors"]),
    ],
    ids=["all", "state", "area", "region", "search", "combined"],
)
def test_queue_filters_oldest_submission_first(cast, queue_world, filters, expected):
    rows, _more = services.queue(cast.reviewer, filters)
    assert titles(rows) == expected


def test_queue_of_a_region_scoped_reviewer_stays_in_its_regions(cast, queue_world):
    rows, _more = services.queue(cast.reviewer_out, QueueFilter())
    assert titles(rows) == ["Bus data", "Flood maps"]


@pytest.mark.parametrize(
    ("page", "expected", "more"),
    [
        (1, ["Flood sensors", "Bus data"], True),
        (2, ["School routes", "Flood maps"], False),
        (3, [], False),
        (0, ["Flood sensors", "Bus data"], True),
    ],
)
def test_queue_pages(cast, queue_world, page, expected, more):
    rows, has_more = services.queue(cast.reviewer, QueueFilter(), page=page, per_page=2)
    assert (titles(rows), has_more) == (expected, more)


def test_for_organisation_lists_the_citys_applications_drafts_included(cast, queue_world):
    assert set(titles(services.for_organisation(cast.owner))) == {
        "Flood sensors",
        "School routes",
        "Unsent",
    }


def test_for_organisation_of_a_provider_lists_only_offered_applications(
    cast, queue_world, make_match
):
    offered = db.session.get(Application, queue_world["School routes"])
    make_match(offered, cast.provider)
    assert titles(services.for_organisation(cast.provider_user)) == ["School routes"]
