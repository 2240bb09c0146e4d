from __future__ import annotations

import sqlalchemy as sa
from flask import abort, g

from ..access import can, scoped_get_or_404
from ..extensions import db
from .models import Person


def get_person_or_404(person_id: int) -> Person:
    """A person of the current organisation, or 404.

    A person whose consent was withdrawn is hidden: only coordinators still reach them
    (to record a new consent, export or erase).
    """
    person = scoped_get_or_404(Person, person_id)
    if not person.is_active and not can("coordinator"):
        abort(404)
    return person


def find_visible_person(person_id: int) -> Person | None:
    """The person if a list may show them (exists here, consent in force), else None."""
    return db.session.scalar(
        sa.select(Person).where(Person.id == person_id, Person.organisation_id == g.org.id, Person.status == "active")
    )
