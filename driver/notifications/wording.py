"""The shipped wording of every kind that exists today, in English (translations come later).

Texts are Jinja templates rendered in a sandbox with ``recipient``, ``actor``,
``title``, ``status``, ``action``, ``comment`` and ``url``; the link to the
object and the footer are added by the e-mail layout, so no text can lose them.
Comments appear only where they are addressed to the recipient.
"""

from __future__ import annotations

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

HELLO = "Hello {{ recipient }},\n\n"

SHIPPED: dict[str, tuple[str, str]] = {
    GENERIC: (
        "{{ title }}: {{ status }}",
        HELLO + "{{ actor }} did this: {{ action }}.\n“{{ title }}” is now: {{ status }}.",
    ),
    "application.submit": (
        "New application to review: {{ title }}",
        HELLO + "{{ actor }} submitted the application “{{ title }}”. It waits for a reviewer.",
    ),
    "application.start_review": (
        "WeGO is reviewing “{{ title }}”",
        HELLO + "{{ actor }} of WeGO started to review your application “{{ title }}”.\n"
        "Its status is now: {{ status }}.",
    ),
    "application.request_clarification": (
        "WeGO has a question about “{{ title }}”",
        HELLO + "{{ actor }} has a question about your application “{{ title }}”:\n\n"
        "{{ comment }}\n\nPlease answer it on the application's page: "
        "the review goes on once you have.",
    ),
    "application.answer_clarification": (
        "The city answered your question on “{{ title }}”",
        HELLO + "{{ actor }} answered your question about “{{ title }}”:\n\n{{ comment }}\n\n"
        "The application is back in review.",
    ),
    "application.give_feedback": (
        "Preliminary feedback on “{{ title }}”",
        HELLO + "{{ actor }} gave WeGO's preliminary feedback on “{{ title }}”:\n\n{{ comment }}",
    ),
    "application.decline": (
        "“{{ title }}” is not taken forward",
        HELLO + "WeGO decided not to take your application “{{ title }}” forward. "
        "The reason:\n\n{{ comment }}",
    ),
    "application.open_matchmaking": (
        "WeGO is finding partners for “{{ title }}”",
        HELLO + "WeGO opened matchmaking for “{{ title }}”: it proposes solution "
        "providers, and you choose among those who accept.",
    ),
    "application.select_partners": (
        "Partners chosen for “{{ title }}”",
        HELLO + "{{ actor }} chose the partners for “{{ title }}”.\n"
        "Its status is now: {{ status }}.",
    ),
    "application.start_implementation": (
        "Implementation started: “{{ title }}”",
        HELLO + "{{ actor }} started the implementation of “{{ title }}”.",
    ),
    "application.complete": (
        "“{{ title }}” is completed",
        HELLO + "{{ actor }} marked “{{ title }}” completed. The outcome:\n\n{{ comment }}",
    ),
    "application.withdraw": (
        "“{{ title }}” was withdrawn",
        HELLO + "{{ actor }} withdrew the application “{{ title }}”.",
    ),
    "application.reopen": (
        "“{{ title }}” is reopened for review",
        HELLO + "{{ actor }} reopened “{{ title }}” for review.\nIts status is now: {{ status }}.",
    ),
    "match.propose": (
        "A partner proposal: {{ title }}",
        HELLO + "WeGO proposed a match: {{ title }}.\nIts status is now: {{ status }}.",
    ),
    "match.accept": (
        "Accepted: {{ title }}",
        HELLO + "{{ actor }} accepted the match {{ title }}.\nIts status is now: {{ status }}.",
    ),
    "match.decline": (
        "Declined: {{ title }}",
        HELLO + "{{ actor }} declined the match {{ title }}. The reason:\n\n{{ comment }}",
    ),
    "match.retract": (
        "Proposal withdrawn: {{ title }}",
        HELLO + "WeGO withdrew the proposed match {{ title }}.",
    ),
    "match.select": (
        "You are chosen as a partner: {{ title }}",
        HELLO + "The city chose you as a partner: {{ title }}. "
        "WeGO will help you start the implementation.",
    ),
    "match.not_select": (
        "Not selected: {{ title }}",
        HELLO + "The city chose other partners this time: {{ title }}. Thank you for your answer.",
    ),
    DIGEST_KIND: (
        "Your daily summary: {{ count }} update{{ 's' if count != 1 }}",
        HELLO + "Here is what happened since your last summary.",
    ),
}

LABELS = {
    GENERIC: "Any other event (generic wording)",
    DIGEST_KIND: "Daily digest",
    "match.propose": "Propose a match",
}


def _register() -> None:
    for name, (subject, body) in SHIPPED.items():
        variables = BASE_VARIABLES
        if name == DIGEST_KIND:
            variables = ("recipient", "count")
        register_kind(
            Kind(
                name=name,
                label=LABELS.get(name, ""),
                group="General" if name in (GENERIC, DIGEST_KIND) else group_of(name),
                texts={DEFAULT_LANGUAGE: Text(subject, body)},
                variables=variables,
                preferable=name not in (GENERIC, DIGEST_KIND),
                sample_status="Under review"
                if name != "match.propose"
                else "Waiting for an answer",
                sample_action=LABELS.get(name, "Start the review"),
            )
        )


_register()
