"""A row of the authorization matrix: where to send what, and each role's expected answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .world import World

Filler = str | Callable[[World], str]
Payload = dict[str, Any] | Callable[[World], Any] | None


@dataclass(frozen=True)
class Case:
    """One request of the matrix, sent by every role.

    ``expect`` is one answer per role of ROLES, space-separated: a status, or
    ``L`` for a redirect to the sign-in page, followed by ``*`` when the request
    changed something in the database (so a 302 that only flashed a refusal and a
    302 that did the work are told apart). ``sign_in_again``: the request
    signs out or revokes the caller's credentials, so they are renewed after it.
    """

    kind: str  # "page" or "api"
    url: Filler
    expect: str
    data: Payload = None
    sign_in_again: bool = False

    @classmethod
    def page(cls, url: Filler, expect: str, **kw: Any) -> Case:
        return cls("page", url, expect, **kw)

    @classmethod
    def api(cls, url: Filler, expect: str, **kw: Any) -> Case:
        return cls("api", url, expect, **kw)

    def url_in(self, world: World) -> str:
        url = self.url(world) if callable(self.url) else self.url
        return url if url.startswith("/") else f"/api/v1/{url}"

    def data_in(self, world: World) -> Any:
        return self.data(world) if callable(self.data) else self.data
