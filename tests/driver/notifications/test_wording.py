"""The words of each kind: shipped, generic for unknown kinds, admin-edited, per language."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from driver import transitions
from driver.auth.models import User
from driver.extensions import db
from driver.notifications.kinds import DEFAULT_LANGUAGE, GENERIC, Text, all_kinds
from driver.notifications.models import NotificationTemplate, OutboxMessage
from driver.notifications.services import notify
from driver.notifications.texts import TemplateProblem, Wording, check_template, sample_context
from driver.solution_finder.services import BINDING

KINDS = sorted(all_kinds())


def edit(kind, subject, body="Hello {{ recipient }}.", language="en"):
    db.session.add(NotificationTemplate(kind=kind, language=language, subject=subject, body=body))
    db.session.commit()


def send(user: User, kind: str = "application.start_review", **kw) -> OutboxMessage:
    notify(
        [user],
        event=None,
        kind=kind,
        title=kw.pop("title", "Flood warnings"),
        action=kw.pop("action", "Start the review"),
        link="/applications/7",
        label_for=lambda _: "Under review",
        actor=kw.pop("actor", None),
        **kw,
    )
    db.session.commit()
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()


@pytest.mark.parametrize("kind", KINDS)
def test_every_known_kind_reads_well_on_a_sample(app, kind):
    spec = all_kinds()[kind]
    text = spec.shipped(DEFAULT_LANGUAGE) or all_kinds()[GENERIC].shipped(DEFAULT_LANGUAGE)
    rendered = check_template(spec, text, sample_context(spec, "http://driver.test"))
    assert rendered.subject and "{{" not in rendered.body


@pytest.mark.parametrize(
    "kind",
    [
        "application.submit",
        "application.start_review",
        "application.request_clarification",
        "application.answer_clarification",
        "application.give_feedback",
        "application.decline",
        "application.open_matchmaking",
        "application.select_partners",
        "application.start_implementation",
        "application.complete",
        "application.withdraw",
        "application.reopen",
        "match.propose",
        "match.accept",
        "match.decline",
        "match.retract",
        "match.select",
        "match.not_select",
    ],
)
def test_every_kind_notified_today_has_shipped_wording(app, kind):
    assert all_kinds()[kind].shipped("en") is not None


def test_application_create_is_not_a_kind(app):
    assert "application.create" not in all_kinds()


def test_an_unknown_kind_reads_with_the_generic_wording(cast):
    message = send(cast.owner, kind="tender.open_tender", title="Smart lighting tender")
    assert message.subject == "Smart lighting tender: Under review"


def test_the_question_is_in_the_clarification_email(cast, make_application):
    app = make_application(cast.owner, state="in_review", assignee=cast.reviewer)
    transitions.fire(
        BINDING, app.id, "request_clarification", cast.reviewer, comment="How many sensors?"
    )
    message = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.user_id == cast.owner.id)
    ).one()
    assert "How many sensors?" in message.body_text


def test_an_admins_wording_is_used(cast):
    edit("application.start_review", "Review begun: {{ title }}")
    assert send(cast.owner).subject == "Review begun: Flood warnings"


def test_the_recipients_language_is_used_when_written(cast):
    edit("application.start_review", "Revisión: {{ title }}", language="es")
    cast.owner.language = "es"
    assert send(cast.owner).subject == "Revisión: Flood warnings"


def test_english_is_used_when_the_language_is_not_written(cast):
    cast.owner.language = "ar"  # no catalogue, no admin wording
    assert send(cast.owner).subject == "WeGO is reviewing “Flood warnings”"


def test_an_edited_generic_wording_serves_unknown_kinds(cast):
    edit(GENERIC, "Update: {{ title }}")
    assert send(cast.owner, kind="project.cancel").subject == "Update: Flood warnings"


def test_a_stored_wording_that_fails_falls_back_to_the_shipped_one(cast):
    edit("application.start_review", "{{ ''.__class__.__mro__ }}")
    assert send(cast.owner).subject == "WeGO is reviewing “Flood warnings”"


def test_the_subject_is_one_line_whatever_was_typed(cast):
    edit("application.start_review", "Line one\nLine two {{ title }}")
    assert send(cast.owner).subject == "Line one Line two Flood warnings"


def test_reminder_variables_reach_the_wording(cast):
    edit("application.start_review", "{{ title }} since {{ days }} days")
    assert send(cast.owner, extra={"days": 9}).subject == "Flood warnings since 9 days"


def test_the_recipients_language_comes_before_an_english_edit(app):
    edit("application.start_review", "English edit")
    edit("application.start_review", "Edición", language="es")
    subjects = [t.subject for t in Wording("application.start_review").candidates("es")]
    assert subjects[:4] == [
        "Edición",
        "WeGO está revisando «{{ title }}»",  # the shipped wording, from the catalogue
        "English edit",
        "WeGO is reviewing “{{ title }}”",
    ]


@pytest.mark.parametrize(
    ("subject", "problem"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "not allowed"),
        ("{{ title.__init__.__globals__ }}", "not allowed"),
        ("{{ config }}", "Unknown placeholder config"),
        ("{{ title ", "Line 1"),
        ("{% for x in range(10**6) %}{% endfor %}", "Range too big"),
        ("{{ 'x' * 10**8 }}", "not allowed"),
        ("{{ 2 ** 99999999 }}", "not allowed"),
    ],
    ids=["class walk", "globals", "config", "syntax", "huge range", "repeat", "power"],
)
def test_check_refuses_unsafe_or_broken_templates(app, subject, problem):
    kind = all_kinds()["application.start_review"]
    with pytest.raises(TemplateProblem, match=problem):
        check_template(kind, Text(subject, "Body"), sample_context(kind, "http://driver.test"))
