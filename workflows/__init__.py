"""The state machines of the Driver, declared once as data (pure Python, no I/O)."""

from workflows.core import (
    ADMIN,
    OWNER,
    PROVIDER,
    REVIEWER,
    Context,
    Guard,
    InvalidSource,
    State,
    Transition,
    UnknownTrigger,
    Workflow,
    WorkflowError,
)

__all__ = [
    "ADMIN",
    "OWNER",
    "PROVIDER",
    "REVIEWER",
    "Context",
    "Guard",
    "InvalidSource",
    "State",
    "Transition",
    "UnknownTrigger",
    "Workflow",
    "WorkflowError",
]
