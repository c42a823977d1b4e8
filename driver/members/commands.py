"""``flask members import FILE [--apply]``: the registry's CSV import from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from driver.errors import Refusal
from driver.members import importing

members_cli = AppGroup("members", help="The membership registry.")


@members_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--apply", "apply_", is_flag=True, help="Write the change (else only show it).")
def import_command(path: str, apply_: bool) -> None:
    """Check a CSV file of members and show what it would change; --apply writes it."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = importing.decode(data)
    except Refusal as exc:
        raise click.ClickException(exc.detail) from None
    plan = importing.plan_import(text)
    for creation in plan.creations:
        facts = creation.facts
        click.echo(f"line {creation.line}: add {facts.name} ({facts.country})")
    for update in plan.updates:
        click.echo(f"line {update.line}: change {update.facts.name} ({update.facts.country})")
        for name, (old, new) in update.changes.items():
            click.echo(f"    {name}: {_shown(old)} -> {_shown(new)}")
    for line, name in plan.unchanged:
        click.echo(f"line {line}: {name} unchanged")
    for error in plan.errors:
        click.echo(f"line {error.line}: ERROR {error.message}", err=True)
    summary = (
        f"{len(plan.creations)} to add, {len(plan.updates)} to change, "
        f"{len(plan.unchanged)} unchanged, {len(plan.errors)} errors."
    )
    if not plan.ok:
        raise click.ClickException(f"{summary} Nothing was imported.")
    if not apply_:
        click.echo(f"{summary} Nothing written: run again with --apply to import.")
        return
    try:
        importing.apply_checked(None, text)
    except Refusal as exc:
        raise click.ClickException(exc.detail) from None
    click.echo(f"{summary} Imported.")


def _shown(value: object) -> str:
    return "(empty)" if value is None else str(value)
