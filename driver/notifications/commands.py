"""Commands: ``outbox deliver``, ``notifications digest`` and ``notifications remind``."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import click
from flask.cli import AppGroup

if TYPE_CHECKING:
    from driver.notifications.outbox import Report

outbox_cli = AppGroup("outbox", help="The e-mail outbox.")
notifications_cli = AppGroup("notifications", help="Digests and reminders.")


@outbox_cli.command("deliver")
@click.option("--once", is_flag=True, help="Send what is due now, then stop.")
@click.option("--batch", default=50, show_default=True, type=click.IntRange(1, 1000))
@click.option(
    "--interval",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds to wait when nothing is due (loop mode).",
)
def deliver_command(once: bool, batch: int, interval: float) -> None:
    """Send the outbox over SMTP, once or in a loop (several workers may run at once)."""
    from driver.notifications.outbox import deliver, deliver_due

    if once:
        report = deliver_due(batch=batch)
        _say(report)
        if report.retrying or report.failed:
            raise SystemExit(1)
        return
    click.echo("Delivering the outbox; stop with Ctrl+C.")
    try:
        while True:
            report = deliver(batch=batch)
            if report.claimed:
                _say(report)
            if report.claimed < batch:
                time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("Stopped.")


def _say(report: Report) -> None:
    click.echo(
        f"{report.sent} sent, {report.retrying} to retry later, {report.failed} failed "
        f"(of {report.claimed})."
    )
    for error in report.errors:
        click.echo(f"  {error}", err=True)


@notifications_cli.command("digest")
def digest_command() -> None:
    """Send each user one e-mail grouping their digest notices (safe to run twice)."""
    from driver.notifications.digest import send_digests

    click.echo(f"{send_digests()} digest(s) put in the outbox.")


@notifications_cli.command("remind")
def remind_command() -> None:
    """Remind people of what waits on them too long; once per wait (safe to run daily)."""
    from driver.notifications.reminders import RULES, send_reminders

    sent = send_reminders()
    click.echo(f"{sent} reminder(s) sent, from {len(RULES)} rule(s).")
