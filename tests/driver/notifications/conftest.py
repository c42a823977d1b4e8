"""Fixtures for notifications: a real SMTP server on loopback, a clock, queued e-mails."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from driver import transitions
from driver.extensions import db
from driver.notifications.models import OutboxMessage
from driver.notifications.outbox import SmtpSettings
from driver.solution_finder.services import BINDING

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class Inbox:
    """What the SMTP server received; addresses in ``refuse`` get a permanent 550."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 that can be stopped and started again on its port."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = _free_port()
        self.controller: Controller | None = None

    @property
    def settings(self) -> SmtpSettings:
        return SmtpSettings(
            host="127.0.0.1",
            port=self.port,
            timeout=5,
            mail_from="Smart City Driver <no-reply@driver.test>",
        )

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def use_smtp(app, smtp, monkeypatch):
    """Point the app's configuration (and so the CLI) at the test server."""
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", smtp.port)
    monkeypatch.setitem(app.config, "SMTP_TIMEOUT", 5)
    return smtp


@pytest.fixture
def submitted(cast, make_application):
    """``submitted(n, now=)``: n applications submitted by the cast's city (the reviewer hears)."""

    def make(n: int = 1, *, now: datetime = T0, title: str = "Flood warnings") -> list[int]:
        ids = []
        for i in range(n):
            app = make_application(cast.owner, state="draft", title=f"{title} {i + 1}")
            transitions.fire(BINDING, app.id, "submit", cast.owner, now=now)
            ids.append(app.id)
        return ids

    return make


@pytest.fixture
def outbox():
    """``outbox()``: the outbox rows as the database has them now, oldest first."""

    def read() -> list[OutboxMessage]:
        db.session.expire_all()
        return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))

    return read


@pytest.fixture
def t0() -> datetime:
    """The time the tests' events happen; later times are ``t0 + timedelta(...)``."""
    return T0


@pytest.fixture
def hours():
    return lambda n: T0 + timedelta(hours=n)
