"""The shipped wording of every kind that exists today, written in English.

Texts are Jinja templates rendered in a sandbox with ``recipient``, ``actor``,
``title``, ``status``, ``action``, ``comment`` and ``url``; the link to the
object and the footer are added by the e-mail layout, so no text can lose them.
Comments appear only where they are addressed to the recipient.

Each subject and each whole body is one message marked with ``N_`` (the
greeting included), so that ``pybabel extract`` puts it in the catalogue: the
English text is the msgid the recipient's language is looked up by.
"""

from __future__ import annotations

from driver.i18n import N_
from driver.notifications.kinds import (
    BASE_VARIABLES,
    DEFAULT_LANGUAGE,
    DIGEST_KIND,
    GENERIC,
    Kind,
    Text,
    group_of,
    register_kind,
)

SHIPPED: dict[str, tuple[str, str]] = {
    GENERIC: (
        N_("{{ title }}: {{ status }}"),
        N_(
            "Hello {{ recipient }},\n\n"
            "{{ actor }} did this: {{ action }}.\n“{{ title }}” is now: {{ status }}."
        ),
    ),
    "application.submit": (
        N_("New application to review: {{ title }}"),
        N_(
            "Hello {{ recipient }},\n\n"
            "{{ actor }} submitted the application “{{ title }}”. It waits for a reviewer."
        ),
    ),
    "application.start_review": (
        N_("WeGO is reviewing “{{ title }}”"),
        N_(
            "Hello {{ recipient }},\n\n"
            "{{ actor }} of WeGO started to review your application “{{ title }}”.\n"
            "Its status is now: {{ status }}."
        ),
    ),
    "application.request_clarification": (
        N_("WeGO has a question about “{{ title }}”"),
        N_(
            "Hello {{ recipient }},\n\n"
            "{{ actor }} has a question about your application “{{ title }}”:\n\n"
            "{{ comment }}\n\nPlease answer it on the application's page: "
            "the review goes on once you have."
        ),
    ),
    "application.answer_clarification": (
        N_("The city answered your question on “{{ title }}”"),
        N_(
            "Hello {{ recipient }},\n\n"
            "{{ actor }} answered your question about “{{ title }}”:\n\n{{ comment }}\n\n"
            "The application is back in review."
        ),
    ),
    "application.give_feedback": (
        N_("Preliminary feedback on “{{ title }}”"),
        N_(
            "Hello {{ recipient }},\n\n"
            "{{ actor }} gave WeGO's preliminary feedback on “{{ title }}”:\n\n{{ comment }}"
        ),
    ),
    "application.decline": (
        N_("“{{ title }}” is not taken forward"),
        N_(
            "Hello {{ recipient }},\n\n"
            "WeGO decided not to take your application “{{ title }}” forward. "
            "The reason:\n\n{{ comment }}"
        ),
    ),
    "application.open_matchmaking": (
        N_("WeGO is finding partners for “{{ title }}”"),
        N_(
            "Hello {{ recipient }},\n\n"
            "WeGO opened matchmaking for “{{ title }}”: it proposes solution "
            "providers, and you choose among those who accept."
        ),
    ),
    "application.select_partners": (
        N_("Partners chosen for “{{ title }}”"),
        N_(
            "Hello {{ recipient }},\n\n"
            "{{ actor }} chose the partners for “{{ title }}”.\n"
            "Its status is now: {{ status }}."
        ),
    ),
    "application.start_implementation": (
        N_("Implementation started: “{{ title }}”"),
        N_("Hello {{ recipient }},\n\n{{ actor }} started the implementation of “{{ title }}”."),
    ),
    "application.complete": (
        N_("“{{ title }}” is completed"),
        N_(
            "Hello {{ recipient }},\n\n"
            "{{ actor }} marked “{{ title }}” completed. The outcome:\n\n{{ comment }}"
        ),
    ),
    "application.withdraw": (
        N_("“{{ title }}” was withdrawn"),
        N_("Hello {{ recipient }},\n\n{{ actor }} withdrew the application “{{ title }}”."),
    ),
    "application.reopen": (
        N_("“{{ title }}” is reopened for review"),
        N_(
            "Hello {{ recipient }},\n\n"
            "{{ actor }} reopened “{{ title }}” for review.\nIts status is now: {{ status }}."
        ),
    ),
    "match.propose": (
        N_("A partner proposal: {{ title }}"),
        N_(
            "Hello {{ recipient }},\n\n"
            "WeGO proposed a match: {{ title }}.\nIts status is now: {{ status }}."
        ),
    ),
    "match.accept": (
        N_("Accepted: {{ title }}"),
        N_(
            "Hello {{ recipient }},\n\n"
            "{{ actor }} accepted the match {{ title }}.\nIts status is now: {{ status }}."
        ),
    ),
    "match.decline": (
        N_("Declined: {{ title }}"),
        N_(
            "Hello {{ recipient }},\n\n"
            "{{ actor }} declined the match {{ title }}. The reason:\n\n{{ comment }}"
        ),
    ),
    "match.retract": (
        N_("Proposal withdrawn: {{ title }}"),
        N_("Hello {{ recipient }},\n\nWeGO withdrew the proposed match {{ title }}."),
    ),
    "match.select": (
        N_("You are chosen as a partner: {{ title }}"),
        N_(
            "Hello {{ recipient }},\n\n"
            "The city chose you as a partner: {{ title }}. "
            "WeGO will help you start the implementation."
        ),
    ),
    "match.not_select": (
        N_("Not selected: {{ title }}"),
        N_(
            "Hello {{ recipient }},\n\n"
            "The city chose other partners this time: {{ title }}. Thank you for your answer."
        ),
    ),
    DIGEST_KIND: (
        N_("Your daily summary: {{ count }} update{{ 's' if count != 1 }}"),
        N_("Hello {{ recipient }},\n\nHere is what happened since your last summary."),
    ),
}

LABELS = {
    GENERIC: N_("Any other event (generic wording)"),
    DIGEST_KIND: N_("Daily digest"),
    "match.propose": N_("Propose a match"),
}

# The group of the kinds that belong to no object type.
GENERAL = N_("General")
# The sample status and action of a preview, where the workflow gives none.
SAMPLE_STATUS = N_("Under review")
SAMPLE_STATUS_MATCH = N_("Waiting for an answer")
SAMPLE_ACTION = N_("Start the review")


def _register() -> None:
    for name, (subject, body) in SHIPPED.items():
        variables = BASE_VARIABLES
        if name == DIGEST_KIND:
            variables = ("recipient", "count")
        register_kind(
            Kind(
                name=name,
                label=LABELS.get(name, ""),
                group=GENERAL if name in (GENERIC, DIGEST_KIND) else group_of(name),
                texts={DEFAULT_LANGUAGE: Text(subject, body)},
                variables=variables,
                preferable=name not in (GENERIC, DIGEST_KIND),
                sample_status=SAMPLE_STATUS if name != "match.propose" else SAMPLE_STATUS_MATCH,
                sample_action=LABELS.get(name, SAMPLE_ACTION),
            )
        )


_register()
