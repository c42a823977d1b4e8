"""The matrix's table for the Project Implementer's pages (see routes_pages for the format)."""

from __future__ import annotations

from .cases import Case

P = Case.page

IMPLEMENTER_PAGES: dict[tuple[str, str], list[Case]] = {
    ("GET", "/implementer"): [P("/implementer", "L 200 200 302 302 302 302 302")],
    ("GET", "/implementer/calls"): [P("/implementer/calls", "L 200 200 200 200 200 200 200")],
    ("GET", "/implementer/calls/new"): [
        P("/implementer/calls/new", "L 404 404 404 404 404 404 200")
    ],
    ("POST", "/implementer/calls/new"): [
        P("/implementer/calls/new", "L 404 404 404 404 404 404 422", data={"title": "PI"})
    ],
    ("GET", "/implementer/calls/<int:call_id>"): [
        P(lambda w: f"/implementer/calls/{w.call}", "L 200 200 200 200 200 200 200"),
        P(lambda w: f"/implementer/calls/{w.call_draft}", "L 404 404 404 404 200 200 200"),
    ],
    ("GET", "/implementer/calls/<int:call_id>/edit"): [
        P(lambda w: f"/implementer/calls/{w.call_draft}/edit", "L 404 404 404 404 302 302 200")
    ],
    ("POST", "/implementer/calls/<int:call_id>/edit"): [
        P(
            lambda w: f"/implementer/calls/{w.call_draft}/edit",
            "L 404 404 404 404 302 302 422",
            data={"title": "Renamed"},
        )
    ],
    ("GET", "/implementer/calls/<int:call_id>/ranking"): [
        P(lambda w: f"/implementer/calls/{w.call}/ranking", "L 403 403 403 403 200 200 200")
    ],
    ("GET", "/implementer/calls/<int:call_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/implementer/calls/{w.call}/transitions/close",
            "L 302 302 302 302 302 302 200",
        )
    ],
    ("POST", "/implementer/calls/<int:call_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/implementer/calls/{w.call}/transitions/close",
            "L 302 302 302 302 302 302 302*",
        )
    ],
    ("GET", "/implementer/calls/<int:call_id>/proposals/new"): [
        P(
            lambda w: f"/implementer/calls/{w.call_second}/proposals/new",
            "L 302 200 404 404 404 404 404",
        )
    ],
    ("POST", "/implementer/calls/<int:call_id>/proposals/new"): [
        P(
            lambda w: f"/implementer/calls/{w.call_second}/proposals/new",
            "L 302 302* 404 404 404 404 404",
            data={"title": "B"},
        )
    ],
    ("GET", "/implementer/proposals"): [
        P("/implementer/proposals", "L 200 200 404 404 200 200 200")
    ],
    ("GET", "/implementer/proposals/<int:proposal_id>"): [
        P(lambda w: f"/implementer/proposals/{w.proposal}", "L 200 404 404 404 200 404 200"),
        P(lambda w: f"/implementer/proposals/{w.proposal_draft}", "L 200 404 404 404 404 404 404"),
    ],
    ("GET", "/implementer/proposals/<int:proposal_id>/edit"): [
        P(
            lambda w: f"/implementer/proposals/{w.proposal_draft}/edit",
            "L 200 404 404 404 404 404 404",
        )
    ],
    ("POST", "/implementer/proposals/<int:proposal_id>/edit"): [
        P(
            lambda w: f"/implementer/proposals/{w.proposal_draft}/edit",
            "L 302* 404 404 404 404 404 404",
            data={"title": "New"},
        )
    ],
    ("GET", "/implementer/proposals/<int:proposal_id>/review"): [
        P(lambda w: f"/implementer/proposals/{w.proposal}/review", "L 403 404 404 404 200 404 200")
    ],
    ("POST", "/implementer/proposals/<int:proposal_id>/review"): [
        P(
            lambda w: f"/implementer/proposals/{w.proposal}/review",
            "L 403 404 404 404 302* 404 302*",
            data={"conflict_of_interest": "y"},
        )
    ],
    ("GET", "/implementer/proposals/<int:proposal_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/implementer/proposals/{w.proposal}/transitions/shortlist",
            "L 302 404 404 404 200 404 200",
        )
    ],
    ("POST", "/implementer/proposals/<int:proposal_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/implementer/proposals/{w.proposal}/transitions/shortlist",
            "L 302 404 404 404 302* 404 302*",
        )
    ],
    ("GET", "/implementer/projects"): [P("/implementer/projects", "L 200 200 302 302 200 200 200")],
    ("GET", "/implementer/tenders"): [P("/implementer/tenders", "L 404 404 200 200 404 404 404")],
    ("GET", "/implementer/projects/<int:project_id>"): [
        P(lambda w: f"/implementer/projects/{w.project}", "L 200 404 200 200 200 404 200")
    ],
    ("GET", "/implementer/projects/<int:project_id>/tender"): [
        P(lambda w: f"/implementer/projects/{w.project}/tender", "L 302 404 302 302 302 404 302")
    ],
    ("POST", "/implementer/projects/<int:project_id>/tender"): [
        P(
            lambda w: f"/implementer/projects/{w.project}/tender",
            "L 302 404 302 302 302 404 302",
            data={"tender_terms": "T"},
        )
    ],
    ("GET", "/implementer/projects/<int:project_id>/select-consultant"): [
        P(
            lambda w: f"/implementer/projects/{w.project}/select-consultant",
            "L 403 404 403 403 403 404 200",
        )
    ],
    ("POST", "/implementer/projects/<int:project_id>/select-consultant"): [
        P(
            lambda w: f"/implementer/projects/{w.project}/select-consultant",
            "L 403 404 403 403 403 404 302",
            data=lambda w: {"bid_id": str(w.bid_x)},
        )
    ],
    ("GET", "/implementer/projects/<int:project_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/implementer/projects/{w.project}/transitions/cancel",
            "L 302 404 403 403 302 404 200",
        )
    ],
    ("POST", "/implementer/projects/<int:project_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/implementer/projects/{w.project}/transitions/cancel",
            "L 302 404 403 403 302 404 302*",
            data={"comment": "No budget."},
        )
    ],
    ("GET", "/implementer/projects/<int:project_id>/bids/new"): [
        P(lambda w: f"/implementer/projects/{w.project}/bids/new", "L 404 404 302 302 404 404 404")
    ],
    ("POST", "/implementer/projects/<int:project_id>/bids/new"): [
        P(
            lambda w: f"/implementer/projects/{w.project}/bids/new",
            "L 404 404 302 302 404 404 404",
            data={"price_usd": "1"},
        )
    ],
    ("GET", "/implementer/bids/<int:bid_id>"): [
        P(lambda w: f"/implementer/bids/{w.bid_x}", "L 404 404 200 404 404 404 404"),
        P(lambda w: f"/implementer/bids/{w.bid_y}", "L 404 404 404 200 404 404 404"),
    ],
    ("GET", "/implementer/bids/<int:bid_id>/edit"): [
        P(lambda w: f"/implementer/bids/{w.bid_y}/edit", "L 404 404 404 200 404 404 404")
    ],
    ("POST", "/implementer/bids/<int:bid_id>/edit"): [
        P(
            lambda w: f"/implementer/bids/{w.bid_y}/edit",
            "L 404 404 404 302* 404 404 404",
            data={"team": "Three."},
        )
    ],
    ("POST", "/implementer/bids/<int:bid_id>/score"): [
        P(
            lambda w: f"/implementer/bids/{w.bid_x}/score",
            "L 404 404 403 404 404 404 404",
            data={"score": "70"},
        )
    ],
    ("GET", "/implementer/bids/<int:bid_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/implementer/bids/{w.bid_x}/transitions/withdraw",
            "L 404 404 200 404 404 404 404",
        )
    ],
    ("POST", "/implementer/bids/<int:bid_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/implementer/bids/{w.bid_x}/transitions/withdraw",
            "L 404 404 302* 404 404 404 404",
        )
    ],
    ("POST", "/implementer/<owners>/<int:owner_id>/documents"): [
        P(
            lambda w: f"/implementer/proposals/{w.proposal_draft}/documents",
            "L 302 404 404 404 404 404 404",
        )
    ],
    ("GET", "/implementer/documents/<int:document_id>"): [
        P(lambda w: f"/implementer/documents/{w.proposal_doc}", "L 200 404 404 404 200 404 200"),
        P(lambda w: f"/implementer/documents/{w.bid_y_doc}", "L 404 404 404 200 404 404 404"),
    ],
    ("POST", "/implementer/documents/<int:document_id>/delete"): [
        P(
            lambda w: f"/implementer/documents/{w.bid_y_doc}/delete",
            "L 404 404 404 302* 404 404 404",
        )
    ],
}
