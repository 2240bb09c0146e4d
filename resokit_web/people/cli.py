from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Only count who would be erased.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Erase people inactive for longer than their organisation's retention period, and
    replace the names of team sessions' guests once their retention has passed."""
    from flask import current_app

    from ..sessions.retention import purge_guests
    from .gdpr import purge

    counts = purge(dry_run=dry_run)
    verb = "would erase" if dry_run else "erased"
    for c in counts:
        click.echo(f"{c.organisation}: {verb} {c.erased} (retention {c.retention_months} months)")
    click.echo(f"total: {verb} {sum(c.erased for c in counts)}")
    guests = purge_guests(dry_run=dry_run)
    days = current_app.config["RESOKIT_SESSION_GUEST_RETENTION_DAYS"]
    verb = "would anonymise" if dry_run else "anonymised"
    click.echo(f"sessions: {verb} {guests} guests (retention {days} days after their seat ended)")
