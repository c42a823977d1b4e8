"""Command-line commands: ``seed``, ``create-user`` (DESIGN §9); the features' own groups."""

from __future__ import annotations

import click
from flask import Flask

from driver.errors import Refusal


def register(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(create_user_command)
    from driver.notifications.commands import notifications_cli, outbox_cli

    app.cli.add_command(outbox_cli)
    app.cli.add_command(notifications_cli)
    from driver.implementer.commands import implementer_cli

    app.cli.add_command(implementer_cli)
    from driver.operations.commands import backup_command, restore_command

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    from driver.loadgen.commands import generate_demo_load_command

    app.cli.add_command(generate_demo_load_command)
    from driver.members.commands import members_cli

    app.cli.add_command(members_cli)


@click.command("seed")
@click.option("--demo", is_flag=True, help="Also create demo accounts and applications.")
def seed_command(demo: bool) -> None:
    """Load the reference data (areas, members); safe to run again."""
    from driver.members.services import seed_reference_data

    added = seed_reference_data()
    click.echo(f"Reference data: {added['areas']} areas and {added['members']} members added.")
    if demo:
        from driver.demo import load_demo, print_accounts

        load_demo()
        print_accounts(click.echo)


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["city", "provider", "reviewer", "admin"]))
@click.option("--member", "member_name", help="The member organisation (city and provider).")
@click.option("--region", "regions", multiple=True, help="A reviewer's region; repeatable.")
@click.option("--name", default="", help="The person's name.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user_command(
    email: str,
    role: str,
    member_name: str | None,
    regions: tuple[str, ...],
    name: str,
    password: str,
) -> None:
    """Create a user (the password is asked for when not given)."""
    from driver.auth.services import NewUser, create_user
    from driver.members.services import find_member

    member_id = None
    if member_name:
        member = find_member(member_name)
        if member is None:
            raise click.BadParameter(
                f"no single member is called {member_name!r}", param_hint="--member"
            )
        member_id = member.id
    try:
        user = create_user(
            NewUser(
                email=email,
                password=password,
                role=role,
                name=name,
                member_id=member_id,
                regions=regions,
            )
        )
    except Refusal as exc:
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.errors.items())
        raise click.ClickException(f"{exc.detail} {details}".strip()) from None
    click.echo(f"Created {user.role} {user.email}.")
