from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import radial
from ..buurtkaart.models import Treasure
from ..extensions import db
from ..live.diff import describe_history
from ..live.versioning import SaveResult
from ..partners.models import Partner
from ..people.models import Person
from .forms import ContactForm
from .labels import BONDS, CIRCLES, DOMAINS, FREQUENCIES, SUPPORTS, WISHES, label_of
from .models import Contact

# The drawing: the circle on the left, the legend on the right, no details box.
GEOMETRY = radial.Geometry(details_box=None, legend_box=(1112.0, 16.0, 1392.0, 974.0))

CONTACT_FIELD_LABELS = {
    "label": _l("Who"),
    "domain": _l("Life domain"),
    "circle": _l("Circle"),
    "bond": _l("Bond"),
    "support": _l("Support"),
    "frequency": _l("How often"),
    "wish": _l("Wish"),
    "notes": _l("Notes"),
    "treasure_id": _l("Place"),
    "partner_id": _l("Partner"),
    "status": _l("Status"),
}
STATUS_LABELS = {"active": _l("In the web"), "archived": _l("Archived")}
DISPLAY = {
    "domain": lambda v: label_of(DOMAINS, v),
    "circle": lambda v: label_of(CIRCLES, v),
    "bond": lambda v: label_of(BONDS, v),
    "support": lambda v: label_of(SUPPORTS, v),
    "frequency": lambda v: label_of(FREQUENCIES, v),
    "wish": lambda v: label_of(WISHES, v),
    "status": lambda v: label_of(STATUS_LABELS, v),
}


def page_name(person: Person) -> str:
    """The presence page of one person's web: who else is looking at it."""
    return f"web-{person.id}"


def contact_form_for(contact: Contact) -> ContactForm:
    return ContactForm(
        formdata=None,
        data={
            "label": contact.label,
            "domain": contact.domain,
            "circle": contact.circle,
            "bond": contact.bond,
            "support": contact.support,
            "frequency": contact.frequency,
            "wish": contact.wish,
            "notes": contact.notes,
            "treasure_id": str(contact.treasure_id or ""),
            "partner_id": str(contact.partner_id or ""),
        },
    )


def saved_message(result: SaveResult, contact: Contact) -> str:
    if result.status == "merged":
        return _("Saved. A colleague changed this contact at the same time; both changes are kept.")
    if result.status == "unchanged":
        return _("Nothing had changed, so nothing was saved.")
    return _("“%(label)s” is saved.", label=contact.label)


def contact_history_items(entries):
    def names(model, field):
        ids = {e.data.get(field) for e in entries if e.data.get(field)}
        if not ids:
            return {}
        return dict(db.session.execute(sa.select(model.id, model.name).where(model.id.in_(ids))).all())

    treasures, partners = names(Treasure, "treasure_id"), names(Partner, "partner_id")
    display = {
        **DISPLAY,
        "treasure_id": lambda v: treasures.get(v, v),
        "partner_id": lambda v: partners.get(v, v),
    }
    return describe_history(entries, labels=CONTACT_FIELD_LABELS, display=display, text_fields=Contact.__text_fields__)


def describe_contacts(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """The presence bar's names for contacts being edited: only for members, only in the
    presence bar of that person's own web (page ``web-<person id>``), only the contacts of
    that person in this organisation, and not when the person withdrew their consent.
    Elsewhere (the team's activity feed) a contact stays unnamed: its label is the person's
    words, seen only where their web is open (and access-logged)."""
    from flask import g, request

    from ..access import can

    page = request.args.get("page", "") if request.endpoint == "live.show_presence" else ""
    person_id = page.removeprefix("web-")
    if not can("member") or not page.startswith("web-") or not person_id.isdigit() or len(person_id) > 9 or not ids:
        return {}
    rows = db.session.execute(
        sa.select(Contact.id, Contact.label, Contact.person_id)
        .join(Person, Person.id == Contact.person_id)
        .where(
            Contact.id.in_(ids),
            Contact.person_id == int(person_id),
            Contact.organisation_id == g.org.id,
            Person.status == "active",
        )
    ).all()
    return {
        r.id: (r.label, url_for("inclusieweb.show_web", person_id=r.person_id, _anchor=f"contact-{r.id}")) for r in rows
    }
