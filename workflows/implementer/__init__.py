"""The Project Implementer: calls, proposals, projects and bids, declared as data."""

from workflows.implementer.bid import BID
from workflows.implementer.call import CALL, CALL_STEPS, call_accepting, call_closed_at
from workflows.implementer.project import PROJECT
from workflows.implementer.proposal import PROPOSAL
from workflows.implementer.steps import STEPS

__all__ = [
    "BID",
    "CALL",
    "CALL_STEPS",
    "PROJECT",
    "PROPOSAL",
    "STEPS",
    "call_accepting",
    "call_closed_at",
]
