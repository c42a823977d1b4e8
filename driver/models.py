"""Every model, imported in one place so that metadata (and Alembic) sees them all."""

from driver.activator.models import Assessment, AssessmentAnswer, AssessmentGoal
from driver.api.models import ApiToken  # noqa: F401 - the API tokens table
from driver.audit.models import AuditEvent
from driver.auth.models import SecuritySetting, User
from driver.catalogue.models import Solution
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
from driver.notifications.models import (
    DigestItem,
    Notification,
    NotificationPreference,
    NotificationTemplate,
    OutboxMessage,
    Reminder,
)
from driver.plan_exchange.models import Project, Stakeholder
from driver.security_log.models import SecurityEvent
from driver.solution_finder.models import Application

__all__ = [
    "Application",
    "Area",
    "Assessment",
    "AssessmentAnswer",
    "AssessmentGoal",
    "AuditEvent",
    "Bid",
    "BidScore",
    "Call",
    "Criterion",
    "CriterionScore",
    "DigestItem",
    "ImplementerDocument",
    "ImplementerProject",
    "Match",
    "Member",
    "Notification",
    "NotificationPreference",
    "NotificationTemplate",
    "OutboxMessage",
    "Project",
    "Proposal",
    "ProposalReview",
    "ProviderProfile",
    "Reminder",
    "SecurityEvent",
    "SecuritySetting",
    "Solution",
    "Stakeholder",
    "User",
]
