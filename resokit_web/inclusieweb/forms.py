from __future__ import annotations

import sqlalchemy as sa
from flask import g
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..buurtkaart.models import Treasure
from ..extensions import db
from ..forms import BaseForm, no_control_characters, optional_id
from ..partners.models import Partner
from ..people.pseudonyms import problems, warnings
from .labels import BONDS, CIRCLES, DOMAINS, FREQUENCIES, SUPPORTS, WISHES
from .models import LABEL_MAX, MOMENT_NOTE_MAX, NOTES_MAX


def _id(value) -> int | None:
    try:
        return optional_id(value)
    except (TypeError, ValueError):
        return -1


def one_of(mapping: dict, message):
    def check(form, field) -> None:
        if field.data not in mapping:
            raise ValidationError(message)

    return check


def _choices(mapping: dict) -> list[tuple[str, object]]:
    return list(mapping.items())


def _org_choices(model) -> list[SelectChoice]:
    rows = db.session.execute(
        sa.select(model.id, model.name)
        .where(model.organisation_id == g.org.id, model.status != "archived")
        .order_by(sa.func.lower(model.name))
    ).all()
    return [SelectChoice(value="", label=_l("— none —"))] + [SelectChoice(value=str(i), label=n) for i, n in rows]


class PlaceForm(BaseForm):
    """Where a contact sits in the web: what a drag, the arrow keys or the list's small form send."""

    domain = SelectField(
        _l("Life domain"),
        choices=lambda: _choices(DOMAINS),
        validate_choice=False,
        validators=[one_of(DOMAINS, _l("Choose one of the life domains."))],
    )
    circle = SelectField(
        _l("Circle"),
        choices=lambda: _choices(CIRCLES),
        validate_choice=False,
        validators=[one_of(CIRCLES, _l("Choose circle 1, 2, 3 or the wishes."))],
    )

    def values(self) -> dict:
        return {"domain": self.domain.data, "circle": self.circle.data}


class ContactForm(PlaceForm):
    label = StringField(
        _l("Who, in the person's words"),
        description=_l("A first name, a nickname, “my sister”, “the baker”: never a full name, address or number."),
        validators=[
            DataRequired(_l("Write who it is, in the person's words.")),
            Length(max=LABEL_MAX, message=_l("Keep it short: at most %(max)d characters.", max=LABEL_MAX)),
            no_control_characters,
        ],
    )
    keep_label = BooleanField(_l("Keep this label anyway: the person recognises it and it identifies no one"))
    bond = SelectField(
        _l("Bond"),
        choices=lambda: _choices(BONDS),
        validate_choice=False,
        default="light",
        validators=[one_of(BONDS, _l("Choose a light or a strong tie."))],
    )
    support = SelectField(
        _l("Support"),
        choices=lambda: _choices(SUPPORTS),
        validate_choice=False,
        default="none",
        validators=[one_of(SUPPORTS, _l("Choose who gives support."))],
    )
    frequency = SelectField(
        _l("How often they are in touch"),
        choices=lambda: _choices(FREQUENCIES),
        validate_choice=False,
        default="monthly",
        validators=[one_of(FREQUENCIES, _l("Choose how often they are in touch."))],
    )
    wish = SelectField(
        _l("The person's wish"),
        choices=lambda: _choices(WISHES),
        validate_choice=False,
        default="fine",
        validators=[one_of(WISHES, _l("Choose what the person wishes for this contact."))],
    )
    notes = TextAreaField(
        _l("Notes"),
        validators=[
            Optional(),
            Length(max=NOTES_MAX, message=_l("Keep it short: at most %(max)d characters.", max=NOTES_MAX)),
        ],
    )
    treasure_id = SelectField(_l("It is a place of the neighbourhood map"), validate_choice=False)
    partner_id = SelectField(_l("Or: it is a partner"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.treasure_id.choices = _org_choices(Treasure)
        self.partner_id.choices = _org_choices(Partner)

    def validate_label(self, field) -> None:
        found = problems(field.data or "")
        if found:
            raise ValidationError(found[0])
        if not self.keep_label.data:
            found = warnings(field.data or "")
            if found:
                raise ValidationError(
                    f"{found[0]} {_l('Change it, or tick “Keep this label anyway” below and save again.')}"
                )

    def validate_treasure_id(self, field) -> None:
        value = _id(field.data)
        if value is not None and (
            value < 0
            or db.session.scalar(
                sa.select(Treasure.id).where(Treasure.id == value, Treasure.organisation_id == g.org.id)
            )
            is None
        ):
            raise ValidationError(_l("Choose a place of your own neighbourhood map."))

    def validate_partner_id(self, field) -> None:
        value = _id(field.data)
        if value is not None and (
            value < 0
            or db.session.scalar(sa.select(Partner.id).where(Partner.id == value, Partner.organisation_id == g.org.id))
            is None
        ):
            raise ValidationError(_l("Choose one of your own partners."))
        if value is not None and _id(self.treasure_id.data) is not None:
            raise ValidationError(_l("Choose a place or a partner, not both."))

    def values(self) -> dict:
        return {
            "label": " ".join((self.label.data or "").split()),
            "domain": self.domain.data,
            "circle": self.circle.data,
            "bond": self.bond.data,
            "support": self.support.data,
            "frequency": self.frequency.data,
            "wish": self.wish.data,
            "notes": (self.notes.data or "").replace("\r\n", "\n"),
            "treasure_id": _id(self.treasure_id.data),
            "partner_id": _id(self.partner_id.data),
        }


class MomentForm(BaseForm):
    note = StringField(
        _l("Note"),
        description=_l("What happened since, in a few words: “after three months at the taalcafé”."),
        validators=[
            Optional(),
            Length(max=MOMENT_NOTE_MAX, message=_l("Keep it short: at most %(max)d characters.", max=MOMENT_NOTE_MAX)),
            no_control_characters,
        ],
    )
