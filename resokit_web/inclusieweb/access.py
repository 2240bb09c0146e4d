from __future__ import annotations

from flask import abort, request
from flask_login import current_user

from ..access import scoped_get_or_404
from ..extensions import db
from ..people.access import get_person_or_404
from ..people.models import Person
from ..people.service import log_access
from .models import Contact


def get_web_person_or_404(person_id: int) -> Person:
    """The person whose web this is (of the current organisation, in view), access-logged."""
    person = get_person_or_404(person_id)
    log_access(person, "viewed", what="inclusieweb", user_id=current_user.id)
    db.session.commit()  # the log line stays, whatever the request does next
    return person


def get_contact_or_404(contact_id: int) -> Contact:
    """A contact of the person in the URL (any status), or 404."""
    person = get_web_person_or_404(request.view_args.get("person_id", 0))
    contact = scoped_get_or_404(Contact, contact_id)
    if contact.person_id != person.id:
        abort(404)
    return contact
