"""The guests' data after a session: their names do not outlive the retention.

A guest gave a display name only, for one session. Once their seat has ended (the session
ended, or 12 hours after joining) and ``RESOKIT_SESSION_GUEST_RETENTION_DAYS`` more days
have passed, the name is replaced by "Guest 3" (their number among the session's guests,
in joining order) and the seat is marked ``anonymised_at``. What they wrote stays in the
team's summary, attached to "Guest 3" only: the outcome of the session is kept, no longer
anyone's name. Team members keep their seat (they are the organisation's own users, erased
with their account).

Run by ``flask --app resokit_web purge`` (the people's purge runs it too, so one cron line
does both), by ``flask --app resokit_web sessions purge-guests`` on its own, and, at most once an hour per server process, after a request to the sessions' pages, so a
server without cron forgets the names all the same.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_babel import force_locale
from flask_babel import gettext as _

from ..extensions import db, utcnow
from .models import Participant, TeamSession

log = logging.getLogger(__name__)
SWEEP_EVERY = 3600.0  # seconds


def purge_guests(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Anonymise the guests whose seat ended more than the retention ago; returns how many.
    Commits unless ``dry_run``."""
    now = now or utcnow()
    cutoff = now - timedelta(days=int(current_app.config["RESOKIT_SESSION_GUEST_RETENTION_DAYS"]))
    ended = sa.select(TeamSession.id).where(TeamSession.ended_at.is_not(None), TeamSession.ended_at < cutoff)
    due = list(
        db.session.scalars(
            sa.select(Participant)
            .where(
                Participant.user_id.is_(None),
                Participant.anonymised_at.is_(None),
                sa.or_(Participant.expires_at < cutoff, Participant.session_id.in_(ended)),
            )
            .order_by(Participant.session_id, Participant.id)
        )
    )
    if dry_run or not due:
        return len(due)
    numbers = _guest_numbers({p.session_id for p in due})
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        for participant in due:
            participant.display_name = _("Guest %(num)d", num=numbers[participant.id])
            participant.anonymised_at = now
    db.session.commit()
    return len(due)


def _guest_numbers(session_ids: set[int]) -> dict[int, int]:
    """Each guest's number among their session's guests, in joining order (stable: the
    same guest is always "Guest 3", whoever else was anonymised before)."""
    rows = db.session.execute(
        sa.select(Participant.id, Participant.session_id)
        .where(Participant.session_id.in_(session_ids), Participant.user_id.is_(None))
        .order_by(Participant.session_id, Participant.joined_at, Participant.id)
    ).all()
    numbers: dict[int, int] = {}
    counts: dict[int, int] = {}
    for pid, sid in rows:
        counts[sid] = counts.get(sid, 0) + 1
        numbers[pid] = counts[sid]
    return numbers


class Sweeper:
    """At most once per interval and process, after a request to the sessions' pages (the
    same rhythm as the expired sign-in sessions' sweep in accounts/sessions.py)."""

    def __init__(self, every: float = SWEEP_EVERY):
        self.every = every
        self.next_sweep = time.monotonic() + every

    def maybe_sweep(self) -> None:
        now = time.monotonic()
        if now < self.next_sweep:
            return
        self.next_sweep = now + self.every
        try:
            count = purge_guests()
        except Exception:  # a sweep never breaks the page it follows
            db.session.rollback()
            log.exception("sessions: anonymising guests failed")
            return
        if count:
            log.info("sessions: anonymised %d guests after the retention", count)


def init_cli(app: Flask) -> None:
    group = AppGroup("sessions", help="Team sessions.")

    @group.command("purge-guests")
    @click.option("--dry-run", is_flag=True, help="Only count the guests who would be anonymised.")
    def purge_guests_command(dry_run: bool) -> None:
        """Replace guests' names by "Guest 3" once their seat ended more than the retention ago."""
        count = purge_guests(dry_run=dry_run)
        days = app.config["RESOKIT_SESSION_GUEST_RETENTION_DAYS"]
        verb = "would anonymise" if dry_run else "anonymised"
        click.echo(f"{verb} {count} guests (retention {days} days after their seat ended)")

    app.cli.add_command(group)
