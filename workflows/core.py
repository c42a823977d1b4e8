"""The declarative shape shared by every workflow, and the engine that fires triggers.

A workflow is declared once, as data: its states (with a step and two labels),
its transitions (trigger, sources, destination, who may fire it, guards, what
input it needs, who hears about it). One ``transitions.Machine`` per workflow,
built with ``model=None``, fires triggers on any object that carries the state
attribute; no machine is ever attached to a loaded row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from transitions import Machine, MachineError

# Who may fire a transition is a relation of the actor to the object, computed
# by the application: the workflow only names them.
OWNER = "owner"  # a user of the member organisation that owns the object
REVIEWER = "reviewer"  # WeGO staff with the object in scope (admins included)
ADMIN = "admin"  # WeGO Secretariat lead
PROVIDER = "provider"  # a user of the provider organisation the object is offered to

RELATIONS = frozenset({OWNER, REVIEWER, ADMIN, PROVIDER})


@dataclass(frozen=True)
class State:
    """A state with its step (1-4) and one label for staff, one for the city or provider."""

    name: str
    step: int
    staff_label: str
    public_label: str
    terminal: bool = False


@dataclass(frozen=True)
class Context:
    """What a guard may look at besides the object: the input and the time."""

    comment: str = ""
    payload: Mapping[str, Any] = field(default_factory=dict)
    now: datetime | None = None


@dataclass(frozen=True)
class Guard:
    """A condition that must hold to fire a transition; ``unmet`` says why it failed."""

    name: str
    check: Callable[[Any, Context], bool]
    unmet: str


@dataclass(frozen=True)
class Transition:
    """One trigger: from which states, to which state, by whom, under which guards."""

    trigger: str
    sources: tuple[str, ...]
    dest: str
    allowed: frozenset[str]
    step: int
    label: str
    comment_label: str | None = None  # set when the transition asks for a comment
    comment_required: bool = True
    comment_help: str = ""
    comment_field: str | None = None  # the object's attribute that keeps the comment
    guards: tuple[Guard, ...] = ()
    notify: tuple[str, ...] = ()
    danger: bool = False  # shown as a destructive action

    @property
    def asks_comment(self) -> bool:
        return self.comment_label is not None

    @property
    def needs_comment(self) -> bool:
        return self.comment_label is not None and self.comment_required


class WorkflowError(Exception):
    """Base class of the errors the engine raises."""


class UnknownTrigger(WorkflowError):
    """The trigger is not part of this workflow."""


class InvalidSource(WorkflowError):
    """The trigger exists but cannot fire from the object's current state."""


class Workflow:
    """A named state machine declared as data, able to fire triggers on any object."""

    def __init__(
        self,
        name: str,
        states: list[State],
        transitions: list[Transition],
        initial: str,
        attribute: str = "state",
    ) -> None:
        self.name = name
        self.states: dict[str, State] = {s.name: s for s in states}
        self.transitions: dict[str, Transition] = {t.trigger: t for t in transitions}
        self.initial = initial
        self.attribute = attribute
        self._check_declaration(transitions)
        self.machine = Machine(
            model=None,
            states=[s.name for s in states],
            initial=initial,
            transitions=[
                {"trigger": t.trigger, "source": list(t.sources), "dest": t.dest}
                for t in transitions
            ],
            auto_transitions=False,
            send_event=True,
            model_attribute=attribute,
        )

    def _check_declaration(self, transitions: list[Transition]) -> None:
        if len(self.transitions) != len(transitions):
            raise ValueError(f"{self.name}: a trigger is declared twice")
        for t in transitions:
            for state in (*t.sources, t.dest):
                if state not in self.states:
                    raise ValueError(f"{self.name}.{t.trigger}: unknown state {state!r}")
            unknown = t.allowed - RELATIONS
            if unknown:
                raise ValueError(f"{self.name}.{t.trigger}: unknown relations {unknown}")
        if self.initial not in self.states:
            raise ValueError(f"{self.name}: unknown initial state {self.initial!r}")

    # -- reading the definition -------------------------------------------------

    def state(self, name: str) -> State:
        return self.states[name]

    def transition(self, trigger: str) -> Transition:
        """Return the transition named ``trigger`` or raise ``UnknownTrigger``."""
        try:
            return self.transitions[trigger]
        except KeyError:
            raise UnknownTrigger(f"{trigger!r} is not an action of {self.name}") from None

    def from_state(self, state: str) -> list[Transition]:
        """The transitions that can leave ``state``, in declaration order."""
        return [t for t in self.transitions.values() if state in t.sources]

    def allowed_from(self, state: str, relations: frozenset[str] | set[str]) -> list[Transition]:
        """The transitions an actor with ``relations`` may fire from ``state``."""
        return [t for t in self.from_state(state) if t.allowed & relations]

    def edges(self) -> list[tuple[str, str, str]]:
        """Every (source, destination, trigger) edge, for diagrams."""
        return [(src, t.dest, t.trigger) for t in self.transitions.values() for src in t.sources]

    def label(self, state: str, *, staff: bool) -> str:
        s = self.states[state]
        return s.staff_label if staff else s.public_label

    def unmet_guards(self, obj: Any, trigger: str, context: Context) -> list[Guard]:
        """The guards of ``trigger`` that ``obj`` does not satisfy, in declaration order."""
        return [g for g in self.transition(trigger).guards if not g.check(obj, context)]

    # -- firing ----------------------------------------------------------------

    def fire(self, obj: Any, trigger: str, context: Context | None = None) -> str:
        """Move ``obj`` along ``trigger`` and return the state it left.

        Callers check permissions and guards first, so that they can say which
        one failed; the engine still refuses an invalid source.
        """
        transition = self.transition(trigger)
        source = getattr(obj, self.attribute)
        if source not in transition.sources:
            raise InvalidSource(f"{trigger!r} cannot be done while {self.name} is {source!r}")
        event = self.machine.events[trigger]
        try:
            fired = event.trigger(obj, context=context or Context())
        except MachineError as exc:  # pragma: no cover - sources were checked above
            raise InvalidSource(str(exc)) from exc
        if not fired:  # pragma: no cover - no conditions are given to the machine
            raise InvalidSource(f"{trigger!r} did not fire")
        if transition.comment_field and context is not None:
            setattr(obj, transition.comment_field, context.comment)
        return source
