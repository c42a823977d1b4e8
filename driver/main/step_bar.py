"""The 4-step progress bar of a workflow object: which steps are done, current or to come."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from driver.i18n import N_
from workflows.core import State


@dataclass(frozen=True)
class StepView:
    """One step of the step bar: its number, name, status and the words for the status."""

    number: int
    name: str  # in English, like ``words``: the step bar's template translates both
    status: str  # done, current, upcoming, stopped, not_reached
    words: str

    @property
    def current(self) -> bool:
        return self.status in {"current", "stopped"} or self.words == FINISHED


_HERE = {False: ("current", N_("current step")), True: ("stopped", N_("stopped here"))}
_AHEAD = {False: ("upcoming", N_("to come")), True: ("not_reached", N_("not reached"))}
FINISHED, DONE = N_("finished"), N_("done")


def step_progress(steps: Mapping[int, str], state: State) -> list[StepView]:
    """The steps with where ``state`` stands among them.

    An end state in the last step is a finish (every step done); an end state
    in an earlier step stopped the work there (declined, withdrawn…).
    """
    last = max(steps)
    finished = state.terminal and state.step == last
    views = []
    for number, name in sorted(steps.items()):
        if finished:
            status, words = "done", FINISHED if number == last else DONE
        elif number < state.step:
            status, words = "done", DONE
        elif number == state.step:
            status, words = _HERE[state.terminal]
        else:
            status, words = _AHEAD[state.terminal]
        views.append(StepView(number, name, status, words))
    return views
