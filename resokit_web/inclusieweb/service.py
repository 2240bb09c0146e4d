"""Contacts and moments of a person's inclusieweb: reading, saving, snapshots, GDPR."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import ngettext

from ..activity.models import Activity
from ..extensions import db, utcnow
from ..live import versioning
from ..live.bus import Event
from ..live.events import publish_after_commit
from ..live.history import delete_for
from ..people.models import Person
from ..people.service import touch
from .models import CONTACT_FIELDS, Contact, Moment


def contacts_of(person_id: int, *, archived: bool = False) -> list[Contact]:
    query = (
        sa.select(Contact)
        .where(Contact.person_id == person_id, Contact.status == ("archived" if archived else "active"))
        .options(sa.orm.joinedload(Contact.treasure), sa.orm.joinedload(Contact.partner))
        .order_by(sa.func.lower(Contact.label), Contact.id)
    )
    return list(db.session.scalars(query).unique())


def snapshot(contacts: list[Contact]) -> list[dict[str, Any]]:
    """The contacts as plain dicts (a moment's content, the measures' input)."""
    return [{"id": c.id, **{f: getattr(c, f) for f in CONTACT_FIELDS}, "version": c.version} for c in contacts]


def create_contact(person: Person, values: dict, *, user_id: int | None) -> Contact:
    now = utcnow()
    contact = Contact(
        organisation_id=person.organisation_id,
        person_id=person.id,
        status="active",
        created_at=now,
        created_by_id=user_id,
        updated_at=now,
        updated_by_id=user_id,
        **values,
    )
    versioning.create(contact, user_id=user_id)
    touch(person.id)
    return contact


def save_contact(
    contact: Contact, values: dict, base_version: int | None, *, user_id: int | None, action: str = "updated"
) -> versioning.SaveResult:
    result = versioning.save(
        contact, values, base_version, user_id=user_id, action=action, extra_values={"updated_by_id": user_id}
    )
    if result.applied:
        touch(contact.person_id)
    return result


def set_contact_status(contact: Contact, status: str, *, user_id: int, action: str) -> versioning.SaveResult:
    return save_contact(contact, {"status": status}, contact.version, user_id=user_id, action=action)


def moments_of(person_id: int) -> list[Moment]:
    return list(
        db.session.scalars(sa.select(Moment).where(Moment.person_id == person_id).order_by(Moment.taken_at, Moment.id))
    )


def take_moment(person: Person, note: str, *, user_id: int | None, taken_at=None) -> Moment:
    moment = Moment(
        organisation_id=person.organisation_id,
        person_id=person.id,
        taken_at=taken_at or utcnow(),
        note=note,
        contacts=snapshot(contacts_of(person.id)),
        created_by_id=user_id,
    )
    db.session.add(moment)
    db.session.flush()
    touch(person.id)
    publish_after_commit(
        Event(org_id=person.organisation_id, type="moment", id=moment.id, by=user_id, extra={"person": person.id})
    )
    return moment


def web_summary(person_id: int) -> tuple[int, Moment | None]:
    """For the person's own page: the number of contacts in their web and the last moment."""
    contacts = db.session.scalar(
        sa.select(sa.func.count()).where(Contact.person_id == person_id, Contact.status == "active")
    )
    last = db.session.scalars(
        sa.select(Moment).where(Moment.person_id == person_id).order_by(Moment.taken_at.desc(), Moment.id.desc())
    ).first()
    return contacts or 0, last


def web_figures(org) -> list[str]:
    """The tool's card on the Citizen page: how many people have a web."""
    people = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Contact.person_id)))
        .join(Person, Person.id == Contact.person_id)
        .where(Contact.organisation_id == org.id, Contact.status == "active", Person.status == "active")
    )
    return [ngettext("%(num)d person with a web", "%(num)d people with a web", people or 0)]


def people_with_webs(org_id: int) -> list[tuple[Person, int, int]]:
    """Every person in view with the number of contacts and moments of their web."""
    contacts = (
        sa.select(Contact.person_id, sa.func.count().label("n"))
        .where(Contact.organisation_id == org_id, Contact.status == "active")
        .group_by(Contact.person_id)
        .subquery()
    )
    moments = (
        sa.select(Moment.person_id, sa.func.count().label("n"))
        .where(Moment.organisation_id == org_id)
        .group_by(Moment.person_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(Person, sa.func.coalesce(contacts.c.n, 0), sa.func.coalesce(moments.c.n, 0))
        .outerjoin(contacts, contacts.c.person_id == Person.id)
        .outerjoin(moments, moments.c.person_id == Person.id)
        .where(Person.organisation_id == org_id, Person.status == "active")
        .order_by(sa.func.lower(Person.pseudonym), Person.id)
    ).all()
    return [(p, n, m) for p, n, m in rows]


# --- GDPR: the person's export and erasure (hooks of people/gdpr.py) ------------------------


def export_web(person: Person) -> tuple[dict[str, Any], dict[str, list[int]]]:
    contacts = list(db.session.scalars(sa.select(Contact).where(Contact.person_id == person.id).order_by(Contact.id)))
    return {
        "inclusieweb": {
            "contacts": [
                {**c.as_json(), "notes": c.notes, "status": c.status, "created_at": c.created_at.isoformat()}
                for c in contacts
            ],
            "moments": [
                {"id": m.id, "taken_at": m.taken_at.isoformat(), "note": m.note, "contacts": m.contacts}
                for m in moments_of(person.id)
            ],
        },
    }, {"contact": [c.id for c in contacts]}


def erase_web(person: Person) -> None:
    """Remove the person's contacts, their history and activity lines, and the moments."""
    ids = list(db.session.scalars(sa.select(Contact.id).where(Contact.person_id == person.id)))
    if ids:
        db.session.execute(
            sa.delete(Activity).where(
                Activity.organisation_id == person.organisation_id,
                Activity.object_type == "contact",
                Activity.object_id.in_(ids),
            )
        )
        db.session.execute(sa.delete(Contact).where(Contact.id.in_(ids)))
    delete_for("contact", ids)
    db.session.execute(sa.delete(Moment).where(Moment.person_id == person.id))
    publish_after_commit(Event(org_id=person.organisation_id, type="contact", extra={"action": "erased"}))
