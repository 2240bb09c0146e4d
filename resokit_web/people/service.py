"""People: creating with consent, saving, consent withdrawal, the access log."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import ngettext

from ..extensions import db, utcnow
from ..live import versioning
from ..live.bus import Event
from ..live.events import publish_after_commit
from .models import Consent, Person, PersonAccess

# Views of one person by one colleague within this time count as one line in the access
# log: a page that refreshes itself live is not read again and again.
VIEW_WINDOW = timedelta(minutes=15)


def active_people(org_id: int) -> list[Person]:
    return list(
        db.session.scalars(
            sa.select(Person)
            .where(Person.organisation_id == org_id, Person.status == "active")
            .order_by(sa.func.lower(Person.pseudonym), Person.id)
        )
    )


def withdrawn_people(org_id: int) -> list[Person]:
    return list(
        db.session.scalars(
            sa.select(Person)
            .where(Person.organisation_id == org_id, Person.status != "active")
            .order_by(sa.func.lower(Person.pseudonym), Person.id)
        )
    )


def create_person(org_id: int, values: dict, *, given_on: date, scopes: list[str], user_id: int | None) -> Person:
    """A new person and, in the same transaction, the consent that allows it."""
    now = utcnow()
    person = Person(
        organisation_id=org_id,
        status="active",
        created_at=now,
        created_by_id=user_id,
        updated_at=now,
        updated_by_id=user_id,
        last_active_at=now,
        **values,
    )
    person.consents.append(
        Consent(organisation_id=org_id, given_on=given_on, scopes=list(scopes), recorded_by_id=user_id, recorded_at=now)
    )
    return versioning.create(person, user_id=user_id)


def save_person(
    person: Person, values: dict, base_version: int | None, *, user_id: int | None, action: str = "updated"
) -> versioning.SaveResult:
    return versioning.save(
        person,
        values,
        base_version,
        user_id=user_id,
        action=action,
        extra_values={"updated_by_id": user_id, "last_active_at": utcnow()},
    )


def withdraw_consent(person: Person, *, user_id: int | None) -> versioning.SaveResult:
    """The person no longer agrees: every consent ends, the person and their matches are hidden."""
    now = utcnow()
    for consent in person.consents:
        if consent.withdrawn_at is None:
            consent.withdrawn_at, consent.withdrawn_by_id = now, user_id
    db.session.flush()
    result = save_person(person, {"status": "withdrawn"}, person.version, user_id=user_id, action="withdrawn")
    _matches_changed(person.organisation_id)
    return result


def record_consent(person: Person, *, given_on: date, scopes: list[str], user_id: int | None) -> versioning.SaveResult:
    person.consents.append(
        Consent(
            organisation_id=person.organisation_id,
            given_on=given_on,
            scopes=list(scopes),
            recorded_by_id=user_id,
            recorded_at=utcnow(),
        )
    )
    db.session.flush()
    result = save_person(person, {"status": "active"}, person.version, user_id=user_id, action="consented")
    _matches_changed(person.organisation_id)
    return result


def touch(person_id: int) -> None:
    """Something happened with this person (a match moved, a step): the retention period restarts."""
    db.session.execute(
        sa.update(Person)
        .where(Person.id == person_id)
        .values(last_active_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _matches_changed(org_id: int) -> None:
    # Boards refresh: matches of a hidden person leave them, of a person back in view return.
    publish_after_commit(Event(org_id=org_id, type="match", extra={"action": "visibility"}))


def log_access(
    person: Person | None, action: str, *, user_id: int | None, what: str = "", org_id: int | None = None
) -> None:
    """Write one access-log line (no content). Repeated views within VIEW_WINDOW count once."""
    now = utcnow()
    person_id = person.id if person is not None else None
    org_id = org_id if org_id is not None else person.organisation_id
    if action == "viewed" and person_id is not None:
        recent = db.session.scalar(
            sa.select(PersonAccess.id)
            .where(
                PersonAccess.person_id == person_id,
                PersonAccess.user_id == user_id,
                PersonAccess.action == "viewed",
                PersonAccess.what == what,
                PersonAccess.at > now - VIEW_WINDOW,
            )
            .limit(1)
        )
        if recent is not None:
            return
    db.session.add(
        PersonAccess(organisation_id=org_id, person_id=person_id, user_id=user_id, action=action, what=what, at=now)
    )


def access_log(person: Person, *, limit: int = 500) -> list[PersonAccess]:
    return list(
        db.session.scalars(
            sa.select(PersonAccess)
            .where(PersonAccess.person_id == person.id)
            .options(sa.orm.joinedload(PersonAccess.user))
            .order_by(PersonAccess.at.desc(), PersonAccess.id.desc())
            .limit(limit)
        )
    )


def people_figure(org) -> str:
    """The talentenkaart's card on the Citizen page: the people followed (consent in force)."""
    count = db.session.scalar(
        sa.select(sa.func.count()).where(Person.organisation_id == org.id, Person.status == "active")
    )
    return ngettext("%(num)d person", "%(num)d people", count or 0)
