"""``flask --app driver implementer close-due``: record the close of calls past their time."""

from __future__ import annotations

import click
from flask.cli import AppGroup

implementer_cli = AppGroup("implementer", help="Project Implementer tasks.")


@implementer_cli.command("close-due")
def close_due_command() -> None:
    """Close every open call whose closing time has passed (run it from cron)."""
    from driver.implementer.services.calls import close_due

    closed = close_due()
    for call in closed:
        click.echo(f"Closed call {call.id}: {call.title}")
    click.echo(f"{len(closed)} call{'s' if len(closed) != 1 else ''} closed.")
