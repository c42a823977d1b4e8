"""implementer: the Project Implementer programme (calls, proposals, projects, bids)."""
