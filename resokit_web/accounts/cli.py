"""``flask user create``: an account made by whoever runs the server (RESOKIT_SIGNUP=off)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from ..extensions import db, utcnow
from .passwords import MIN_LENGTH
from .service import create_user, find_user
from .strength import weakness


@click.group("user")
def user_command() -> None:
    """Accounts, for an installation without open sign-up."""


@user_command.command("create")
@click.argument("email")
@click.argument("name")
@click.option("--locale", type=click.Choice(["nl", "fr", "en"]), default="nl", show_default=True)
@click.password_option(help="Asked for when not given (never put it in the shell history).")
@with_appcontext
def create_command(email: str, name: str, locale: str, password: str) -> None:
    """Create the account EMAIL for NAME; its address counts as confirmed."""
    if find_user(email) is not None:
        raise click.ClickException(f"{email} already has an account.")
    if len(password) < MIN_LENGTH:
        raise click.ClickException(f"Use at least {MIN_LENGTH} characters.")
    with force_locale("en"):
        reason = weakness(password, [email, name])
    if reason:
        raise click.ClickException(f"This password is easy to guess. {reason}")
    user = create_user(email, password, name, locale=locale)
    user.email_verified_at = utcnow()
    db.session.commit()
    click.echo(f"Account {user.email} created.")
