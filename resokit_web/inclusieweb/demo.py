"""Demo webs: two people whose webs change believably over three moments.

"Meneer met de hoed" finds a light tie through the taalcafé; "De buurvrouw van 3 hoog"
loses a contact after a move and wishes for the Repair Café. Some contacts are the demo
treasures themselves (found by name; left unlinked when the buurtkaart has no demo data).
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..buurtkaart.models import Treasure
from ..demo import DemoContext, seeder
from ..extensions import db, utcnow
from ..people.demo import demo_person
from .models import Contact
from .service import create_contact, save_contact, take_moment

# pseudonym → [(label, domain, circle, bond, support, frequency, wish, treasure name)]
WEBS = {
    "Meneer met de hoed": [
        ("Mijn dochter", "family", "1", "strong", "both", "weekly", "more", None),
        ("De bakker", "neighbourhood", "3", "light", "none", "daily", "fine", None),
        ("Huisarts", "care", "2", "light", "receives", "monthly", "fine", None),
        ("Thuisverpleging", "care", "1", "light", "receives", "daily", "fine", None),
        ("Schaakclub", "leisure", "wish", "light", "none", "rarely", "more", None),
    ],
    "De buurvrouw van 3 hoog": [
        ("Mijn zus", "family", "1", "strong", "both", "weekly", "fine", None),
        ("Oude buur van 2 hoog", "neighbourhood", "2", "strong", "gives", "daily", "fine", None),
        ("Moestuin", "leisure", "3", "light", "both", "weekly", "more", "Moestuin De Groene Hoek"),
        ("Maatschappelijk werker", "care", "2", "light", "receives", "monthly", "fine", None),
    ],
}


def _treasure(org_id: int, name: str | None) -> int | None:
    if not name:
        return None
    return db.session.scalar(sa.select(Treasure.id).where(Treasure.organisation_id == org_id, Treasure.name == name))


def _add(person, row, user_id):
    label, domain, circle, bond, support, frequency, wish, treasure = row
    values = dict(label=label, domain=domain, circle=circle, bond=bond, support=support, frequency=frequency)
    values |= {
        "wish": wish,
        "notes": "",
        "treasure_id": _treasure(person.organisation_id, treasure),
        "partner_id": None,
    }
    return create_contact(person, values, user_id=user_id)


@seeder
def seed_webs(ctx: DemoContext) -> None:
    org_id, user = ctx.demo.id, ctx.member.id
    for pseudonym, rows in WEBS.items():
        person = demo_person(org_id, pseudonym)
        if person is None or db.session.scalar(sa.select(Contact.id).where(Contact.person_id == person.id).limit(1)):
            continue
        contacts = {row[0]: _add(person, row, user) for row in rows}
        now = utcnow()
        take_moment(person, "Eerste gesprek", user_id=user, taken_at=now - timedelta(days=180))
        if pseudonym == "Meneer met de hoed":
            _add(person, ("Taalcafé", "leisure", "3", "light", "both", "weekly", "more", "Taalcafé Babbel"), user)
            take_moment(person, "Na drie maanden in het taalcafé", user_id=user, taken_at=now - timedelta(days=90))
            c = contacts["De bakker"]
            save_contact(c, {"circle": "2"}, c.version, user_id=user)
            _add(person, ("Jamal van het taalcafé", "friends", "3", "light", "both", "weekly", "more", None), user)
            take_moment(person, "Een nieuwe vriend via het taalcafé", user_id=user, taken_at=now - timedelta(days=14))
        else:
            c = contacts["Oude buur van 2 hoog"]
            save_contact(c, {"status": "archived"}, c.version, user_id=user, action="archived")
            take_moment(person, "De oude buur is verhuisd", user_id=user, taken_at=now - timedelta(days=60))
            _add(
                person,
                ("Repair Café", "leisure", "wish", "light", "gives", "monthly", "more", "Repair Café Kuregem"),
                user,
            )
            take_moment(person, "Wil graag helpen in het Repair Café", user_id=user, taken_at=now - timedelta(days=7))
