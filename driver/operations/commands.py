"""``flask --app driver backup [PATH]`` and ``flask --app driver restore PATH --yes``."""

from __future__ import annotations

from pathlib import Path

import click

from driver.operations.backup import BackupError, backup, read_manifest, restore


@click.command("backup")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path | None) -> None:
    """Save the database and the uploads to PATH (default: instance/backups/driver-TIME.tar.gz)."""
    try:
        target, manifest = backup(path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Backed up the {manifest.database} database (revision {manifest.revision or 'none'}) "
        f"and {manifest.uploads} uploaded file(s) to {target}"
    )


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Confirm: the current data and uploads are replaced.")
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database and the uploads with the backup at PATH (needs --yes)."""
    try:
        manifest = read_manifest(path)
        if not yes:
            raise click.ClickException(
                f"This replaces every record and uploaded file with the backup of "
                f"{manifest.created_at}. Run again with --yes to go ahead."
            )
        restore(path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Restored the backup of {manifest.created_at} (revision {manifest.revision or 'none'}, "
        f"{manifest.uploads} uploaded file(s)). Run `flask --app driver db upgrade` if the "
        f"application is newer than the backup."
    )
