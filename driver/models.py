"""Every model, imported in one place so that metadata (and Alembic) sees them all."""

from driver.api.models import ApiToken  # noqa: F401 - the API tokens table
from driver.audit.models import AuditEvent
from driver.auth.models import User
from driver.implementer.models import (
    Bid,
    BidScore,
    Call,
    Criterion,
    CriterionScore,
    ImplementerDocument,
    ImplementerProject,
    Proposal,
    ProposalReview,
)
from driver.matchmaking.models import Match
from driver.members.models import Area, Member, ProviderProfile
from driver.notifications.models import Notification, OutboxMessage
from driver.solution_finder.models import Application

__all__ = [
    "Application",
    "Area",
    "AuditEvent",
    "Bid",
    "BidScore",
    "Call",
    "Criterion",
    "CriterionScore",
    "ImplementerDocument",
    "ImplementerProject",
    "Match",
    "Member",
    "Notification",
    "OutboxMessage",
    "Proposal",
    "ProposalReview",
    "ProviderProfile",
    "User",
]
