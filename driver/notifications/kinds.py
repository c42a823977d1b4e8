"""The kinds of notification: what each is called, its shipped wording, what it may say.

A kind is ``"<object_type>.<trigger>"`` for a transition (``application.submit``),
``"reminder.<rule>"`` for a reminder, or ``digest``. Every transition of every
bound workflow that notifies someone is a kind without further ado: it reads
the generic wording until a shipped or admin-written text exists for it.
``register_kind`` adds or describes one (a feature with creation events that
notify, such as ``match.propose``, registers them).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from driver.i18n import N_

# The kind whose wording any kind without its own text falls back to.
GENERIC = "generic"
DIGEST_KIND = "digest"
DEFAULT_LANGUAGE = "en"

# What every text may use; reminders and the digest add their own.
BASE_VARIABLES = ("recipient", "actor", "title", "status", "action", "comment", "url")


@dataclass(frozen=True)
class Text:
    """A subject and a body, both Jinja templates rendered in a sandbox."""

    subject: str
    body: str


@dataclass(frozen=True)
class Kind:
    """One kind of notification as people see it, with its shipped texts per language."""

    name: str
    label: str
    group: str
    texts: dict[str, Text] = field(default_factory=dict)
    variables: tuple[str, ...] = BASE_VARIABLES
    # A sample status and action for the preview; the workflow's own when known.
    sample_status: str = "Under review"
    sample_action: str = "Start the review"
    # Whether users choose how they hear of it (not the digest itself).
    preferable: bool = True

    def shipped(self, language: str) -> Text | None:
        return self.texts.get(language)


# The group of each kind by its prefix (the object type), as the settings pages show it.
GROUPS = {
    "application": N_("Solution Finder applications"),
    "match": N_("Partner matches"),
    "reminder": N_("Reminders"),
    "implementer_call": N_("Project Implementer calls"),
    "implementer_proposal": N_("Project Implementer proposals"),
    "implementer_project": N_("Project Implementer projects"),
    "implementer_bid": N_("Consultant bids"),
    "plan_project": N_("Plan Exchange projects"),
}

_REGISTERED: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    """Add a kind, or replace the description of one (texts of the same language included)."""
    _REGISTERED[kind.name] = kind
    return kind


def group_of(name: str) -> str:
    prefix = name.split(".", 1)[0]
    return GROUPS.get(prefix, prefix.replace("_", " ").capitalize())


def _workflow_kinds() -> dict[str, Kind]:
    """A kind for every notifying transition of every workflow bound to a model."""
    from driver.transitions import Binding

    found: dict[str, Kind] = {}
    stack = list(Binding.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        workflow = getattr(cls, "workflow", None)
        object_type = getattr(cls, "object_type", None)
        if workflow is None or object_type is None:
            continue
        for transition in workflow.transitions.values():
            if not transition.notify:
                continue
            dest = workflow.state(transition.dest)
            name = f"{object_type}.{transition.trigger}"
            found[name] = Kind(
                name=name,
                label=transition.label,
                group=group_of(name),
                sample_status=dest.public_label,
                sample_action=transition.label,
            )
    return found


def all_kinds() -> dict[str, Kind]:
    """Every known kind by name: the workflows' own, completed by the registered ones."""
    kinds = _workflow_kinds()
    for name, registered in _REGISTERED.items():
        discovered = kinds.get(name)
        if discovered is not None:
            registered = _merge(discovered, registered)
        kinds[name] = registered if registered.label else replace(registered, label=name)
    return kinds


def _merge(discovered: Kind, registered: Kind) -> Kind:
    return replace(
        registered,
        label=registered.label or discovered.label,
        sample_status=discovered.sample_status,
        sample_action=discovered.sample_action,
    )


def get_kind(name: str) -> Kind:
    """The kind ``name``; an unknown one is described generically (it still reads well)."""
    kinds = all_kinds()
    if name in kinds:
        return kinds[name]
    return Kind(name=name, label=name, group=group_of(name))


def preferable_kinds() -> list[Kind]:
    """The kinds a user can choose a delivery for, by group then label."""
    kinds = [k for k in all_kinds().values() if k.preferable]
    return sorted(kinds, key=lambda k: (k.group, k.label.lower(), k.name))


def editable_kinds() -> list[Kind]:
    """The kinds an admin can word: every kind, the digest and the generic fallback."""
    return sorted(all_kinds().values(), key=lambda k: (k.name == GENERIC, k.group, k.label))
