"""Telling coordinators by e-mail that residents' places wait for a decision.

The badge in the menu only reaches a coordinator who opens Resokit. So when a resident
sends a place, each coordinator of the organisation who wants it (the switch on the
moderation page, on by default) gets one short mail: when the place is the first to
wait (the queue was empty: a new wave), or when their last such mail is a day old.
A busy Saturday market with twenty proposals is one mail, not twenty. The mail names
how many places wait and links to the queue; it carries nothing a resident wrote.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import url_for

from ..accounts import mail
from ..extensions import db, utcnow
from ..orgs.models import Membership, Organisation, Role
from .service import waiting_count

# While places keep waiting, a coordinator hears of them at most once in this time.
REMIND_AFTER = timedelta(days=1)


def tell_coordinators(org: Organisation) -> int:
    """Mail the coordinators who should hear of the waiting places now; how many were mailed.

    Call after the proposal is committed (the count includes it); commits the times sent."""
    waiting = waiting_count(org)
    if not waiting:
        return 0
    now = utcnow()
    due = db.session.scalars(
        sa.select(Membership).where(
            Membership.organisation_id == org.id,
            Membership.role == Role.coordinator,
            Membership.mail_waiting_places.is_(True),
        )
    ).all()
    due = [m for m in due if waiting == 1 or m.waiting_mailed_at is None or now - m.waiting_mailed_at >= REMIND_AFTER]
    link = url_for("moderation.show_queue", slug=org.slug, _external=True)
    for membership in due:
        membership.waiting_mailed_at = now
    db.session.commit()
    for membership in due:
        user = membership.user
        mail.send(
            user.email, "places_waiting", locale=user.locale or "nl", link=link, user=user, org=org, count=waiting
        )
    return len(due)


def set_mail_waiting(membership: Membership, wanted: bool) -> None:
    membership.mail_waiting_places = wanted
