"""``flask generate-demo-load``: fill the database with the benchmark's dataset."""

from __future__ import annotations

import click

from driver import loadgen


@click.command("generate-demo-load")
@click.option("--seed", default=1, show_default=True, help="Same seed, same data.")
@click.option("--scale", default=1.0, show_default=True, help="1 is ten times WeGO's size.")
@click.option("--append", is_flag=True, help="Add another load to one already there.")
def generate_demo_load_command(seed: int, scale: float, append: bool) -> None:
    """Insert a large deterministic dataset (bulk inserts) and print what it made."""
    if scale <= 0:
        raise click.BadParameter("must be above 0", param_hint="--scale")
    try:
        result = loadgen.generate(seed=seed, scale=scale, append=append)
    except loadgen.AlreadyLoaded as exc:
        raise click.ClickException(f"{exc} Pass --append to add another.") from None
    for table, count in sorted(result["rows"].items()):
        click.echo(f"{table:32} {count:>9,}")
    click.echo(
        f"Loaded in {result['seconds']} s. Every account's password: {loadgen.LOAD_PASSWORD}"
    )
