from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from wtforms import Field, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..buurtkaart.models import Treasure
from ..extensions import db
from ..forms import BaseForm, no_control_characters, optional_id
from .models import CONTACT_MAX, NAME_MAX, NOTES_MAX
from .vocab import RELATIONS, SECTORS, STATUSES, STRENGTHS

_TRUE = {"y", "yes", "true", "1", "on", "formal"}
_FALSE = {"", "n", "no", "false", "0", "off", "informal"}


class FormalField(Field):
    """Formal or informal: two radio buttons posting ``y``/``n``; also reads true/false,
    1/0 and on/off, and an absent value as informal (like an unticked box)."""

    def __init__(self, label=None, validators=None, default=True, **kwargs):
        super().__init__(label, validators, default=default, **kwargs)
        self.raw = None

    def process_formdata(self, valuelist) -> None:
        self.raw = (valuelist[0] if valuelist else "").strip().lower()
        self.data = self.raw in _TRUE

    def pre_validate(self, form) -> None:
        if self.raw is not None and self.raw not in _TRUE | _FALSE:
            raise ValidationError(_l("Choose formal or informal."))


def _choices(mapping, empty=None):
    def make():
        head = [("", empty)] if empty is not None else []
        return head + [(code, label) for code, label in mapping.items()]

    return make


class PartnerForm(BaseForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Give the partner a name.")), Length(max=NAME_MAX), no_control_characters],
    )
    sector = SelectField(
        _l("Sector"),
        choices=_choices(SECTORS, _l("Choose a sector")),
        default="",
        invalid_choice_message=_l("Choose one of the sectors."),
    )
    relation = SelectField(
        _l("Relation"),
        choices=_choices(RELATIONS),
        default="active",
        description=_l(
            "Active: you work together now. Occasional: now and then. Wanted: you "
            "know them and want to work together. To discover: a player you still "
            "have to find."
        ),
        invalid_choice_message=_l("Choose one of the relations."),
    )
    strength = SelectField(
        _l("Strength of the tie"),
        choices=_choices(STRENGTHS),
        default="light",
        invalid_choice_message=_l("Choose light or strong."),
    )
    formal = FormalField(_l("Formal or informal"))
    contact = StringField(
        _l("Contact at the organisation"),
        description=_l(
            "How to reach the organisation: a contact person by role or first name, the general "
            "phone number or e-mail address. Never a resident's private details. Stays within your team."
        ),
        validators=[Optional(), Length(max=CONTACT_MAX), no_control_characters],
    )
    notes = TextAreaField(
        _l("Notes"),
        description=_l("Only your team sees the notes; they are never shared."),
        validators=[Optional(), Length(max=NOTES_MAX)],
    )
    treasure_id = SelectField(
        _l("Place on the neighbourhood map"),
        coerce=optional_id,
        choices=[],
        description=_l(
            "Link the partner to a treasure of your buurtkaart: its address and point are the partner's place."
        ),
        invalid_choice_message=_l("Choose a treasure of your own organisation."),
        invalid_value_message=_l("Choose a treasure of your own organisation."),
    )

    def __init__(self, *args, org_id: int, current_treasure_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.treasure_id.choices = treasure_choices(org_id, current_treasure_id)

    def validate_sector(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose a sector."))

    def values(self) -> dict:
        """The cleaned values, keyed by Partner field."""
        return {
            "name": self.name.data,
            "sector": self.sector.data,
            "relation": self.relation.data,
            "strength": self.strength.data,
            "formal": bool(self.formal.data),
            "contact": self.contact.data or "",
            "notes": (self.notes.data or "").replace("\r\n", "\n"),
            "treasure_id": self.treasure_id.data,
        }


def treasure_choices(org_id: int, current_id: int | None = None) -> list[tuple]:
    """The organisation's treasures on the map (and the one linked now, whatever its status)."""
    condition = Treasure.status != "archived"
    if current_id is not None:
        condition = sa.or_(condition, Treasure.id == current_id)
    rows = db.session.execute(
        sa.select(Treasure.id, Treasure.name)
        .where(Treasure.organisation_id == org_id, condition)
        .order_by(sa.func.lower(Treasure.name), Treasure.id)
    ).all()
    return [("", _l("No link"))] + [(row.id, row.name) for row in rows]


class FilterForm(BaseForm):
    """The list's filters: a GET form, no CSRF (it changes nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    relation = SelectField(_l("Relation"), choices=_choices(RELATIONS, _l("All relations")), validators=[Optional()])
    sector = SelectField(_l("Sector"), choices=_choices(SECTORS, _l("All sectors")), validators=[Optional()])
    status = SelectField(
        _l("Show"),
        choices=lambda: [("", STATUSES["current"]), ("archived", STATUSES["archived"]), ("all", _l("Everything"))],
        validators=[Optional()],
    )


class ShareForm(BaseForm):
    organisation = StringField(
        _l("Short address of the other organisation"),
        description=_l("The part after /o/ in their address, e.g. wijkpunt-clemenceau. Ask their coordinator."),
        validators=[DataRequired(_l("Fill in the short address of the organisation.")), Length(max=60)],
    )
