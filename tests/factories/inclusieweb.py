from __future__ import annotations

import factory

from resokit_web.extensions import db
from resokit_web.inclusieweb.models import Contact, Moment

from . import PARAM_FACTORIES, World, param_factory
from .people import PersonFactory, _Versioned

_person_id = PARAM_FACTORIES["person_id"]  # people's own, imported above
# A contact lives in one person's web and its URLs name both (…/people/<person_id>/…/
# contacts/<contact_id>); the matrix builds each parameter on its own, contact_id first
# (sorted), so the next person_id asked for is that contact's person.
_pending: dict[int, int] = {}


class ContactFactory(_Versioned):
    class Meta:
        model = Contact

    label = factory.Sequence(lambda n: f"de bakker {n}")
    domain = "neighbourhood"
    circle = "2"
    bond = "light"
    support = "both"
    frequency = "weekly"
    wish = "fine"
    notes = ""
    status = "active"


@param_factory("contact_id")
def _contact_id(world: World, org) -> int:
    person = PersonFactory(organisation_id=org.id)
    contact = ContactFactory(organisation_id=org.id, person_id=person.id)
    db.session.add(Moment(organisation_id=org.id, person_id=person.id, note="", contacts=[]))
    db.session.commit()
    _pending[org.id] = person.id
    return contact.id


@param_factory("person_id")
def _web_person_id(world: World, org) -> int:
    if org.id in _pending:
        return _pending.pop(org.id)
    return _person_id(world, org)
