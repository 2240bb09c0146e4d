"""Command-line tasks: ``flask --app resokit_web <command>``."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask import Flask, current_app

from .config import PRODUCTION
from .extensions import db
from .live.revisions import jump_all


def register_commands(app: Flask) -> None:
    @app.cli.command("demo")
    @click.option(
        "--size",
        type=click.Choice(["small", "large"]),
        default="small",
        help="large adds thousands of rows for benchmarks.",
    )
    def demo_command(size: str) -> None:
        """Create (or complete) the demo organisations and accounts."""
        from .demo import DEMO_PASSWORD, seed_demo

        if current_app.config["RESOKIT_ENV"] == PRODUCTION:
            raise click.ClickException("The demo accounts have a public password; refused in production mode.")
        seed_demo(size)
        click.echo("Demo ready: organisations 'demo' and 'demo2'.")
        click.echo(
            f"Sign in as coordinator@demo.resokit.test, member@demo.resokit.test or "
            f"coordinator@demo2.resokit.test with the password '{DEMO_PASSWORD}'."
        )

    @app.cli.command("serve")
    @click.option("--host", default=None, help="Address to listen on  [default: from RESOKIT_BIND, else 127.0.0.1]")
    @click.option("--port", default=None, type=int, help="Port  [default: from RESOKIT_BIND, else 5000]")
    @click.option(
        "--workers",
        default=None,
        type=int,
        help="Worker processes (default: RESOKIT_WORKERS, else 1 without Redis, 2 with Redis).",
    )
    def serve_command(host: str | None, port: int | None, workers: int | None) -> None:
        """Serve the app with gunicorn, configured for many open live streams."""
        from .server import serve

        serve(host=host, port=port, workers=workers)

    @app.cli.group("i18n")
    def i18n_group() -> None:
        """Translation catalogues (nl, fr, en)."""

    @i18n_group.command("update")
    def i18n_update() -> None:
        """Extract strings from the code and merge them into the three catalogues."""
        from .i18n_tools import update

        for locale, count in update().items():
            click.echo(f"{locale}: {count} untranslated")

    @i18n_group.command("typography")
    def i18n_typography() -> None:
        """French spacing (U+202F before ? ! ; : and inside « ») and one kind of quotes per language."""
        from .i18n_tools import typography

        for locale, count in typography().items():
            click.echo(f"{locale}: {count} translations changed")

    @i18n_group.command("compile")
    def i18n_compile() -> None:
        """Compile the .po catalogues into the .mo files the app reads."""
        from .i18n_tools import compile_all

        compile_all()
        click.echo("compiled")

    @app.cli.command("backup")
    @click.argument("path", type=click.Path(dir_okay=False))
    def backup_command(path: str) -> None:
        """Write a consistent backup of the database to PATH (safe while the app runs)."""
        from .backup import BackupError, backup

        try:
            target = backup(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
        except BackupError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"Backup written to {target} ({target.stat().st_size // 1024} KB).")

    @app.cli.command("restore")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def restore_command(path: str, yes: bool) -> None:
        """Replace the database's contents with the backup at PATH."""
        from .backup import BackupError, restore

        if not yes:
            click.confirm("This replaces everything in the database with the backup. Continue?", abort=True)
        try:
            restore(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
        except BackupError as error:
            raise click.ClickException(str(error)) from None
        # Cached map data of the history as it went on after the backup must never match.
        db.engine.dispose()
        if sa.inspect(db.engine).has_table("organisation_revisions"):
            jump_all()
        click.echo("Restored.")
