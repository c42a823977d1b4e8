"""The Project Implementer's models: calls and rubrics, proposals and scores, projects, bids."""

from driver.implementer.models.bid import Bid, BidScore
from driver.implementer.models.call import Call, Criterion
from driver.implementer.models.document import ImplementerDocument
from driver.implementer.models.project import ImplementerProject
from driver.implementer.models.proposal import CriterionScore, Proposal, ProposalReview

__all__ = [
    "Bid",
    "BidScore",
    "Call",
    "Criterion",
    "CriterionScore",
    "ImplementerDocument",
    "ImplementerProject",
    "Proposal",
    "ProposalReview",
]
