from __future__ import annotations

import re

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from ..core.i18n import LANGUAGE_NAMES
from ..forms import BaseForm, CoordinateField, IntegerField, no_control_characters
from .models import Role

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$")
RESERVED_SLUGS = {"new", "admin", "static", "api", "login", "logout", "join", "o", "buurt"}


def role_choices():
    return [
        (Role.viewer.value, _l("Viewer: reads everything, changes nothing")),
        (Role.member.value, _l("Member: reads and edits")),
        (Role.coordinator.value, _l("Coordinator: also manages members, sharing and settings")),
    ]


def role_label(role: Role | str):
    return {Role.viewer: _l("Viewer"), Role.member: _l("Member"), Role.coordinator: _l("Coordinator")}[Role(role)]


def valid_slug(form, field) -> None:
    if not SLUG_RE.match(field.data or "") or "--" in field.data:
        raise ValidationError(_l("Use 3 to 60 lowercase letters, digits and single hyphens, e.g. buurthuis-kuregem."))
    if field.data in RESERVED_SLUGS:
        raise ValidationError(_l("This address is reserved; choose another one."))


class OrganisationForm(BaseForm):
    name = StringField(
        _l("Name of the organisation"),
        validators=[DataRequired(_l("Fill in a name.")), Length(max=120), no_control_characters],
    )
    slug = StringField(
        _l("Short address"),
        description=_l("Appears in the address: /o/short-address/"),
        validators=[DataRequired(_l("Choose a short address.")), Length(max=60), valid_slug],
    )
    neighbourhood = StringField(
        _l("In Dutch"),
        description=_l("For example: Kuregem, Anderlecht"),
        validators=[Optional(), Length(max=120), no_control_characters],
    )
    neighbourhood_fr = StringField(
        _l("In French, if it is called otherwise"),
        description=_l("For example: Cureghem, Anderlecht"),
        validators=[Optional(), Length(max=120), no_control_characters],
    )
    neighbourhood_en = StringField(
        _l("In English, if it is called otherwise"),
        validators=[Optional(), Length(max=120), no_control_characters],
    )
    map_lat = CoordinateField(
        _l("Map centre: latitude"),
        default=50.8466,
        validators=[Optional(), NumberRange(-90, 90, _l("A latitude lies between -90 and 90."))],
    )
    map_lon = CoordinateField(
        _l("Map centre: longitude"),
        default=4.3528,
        validators=[Optional(), NumberRange(-180, 180, _l("A longitude lies between -180 and 180."))],
    )


class InvitationForm(BaseForm):
    role = SelectField(_l("Role"), choices=role_choices, default=Role.member.value)
    note = StringField(
        _l("For whom (only your team sees this)"), validators=[Optional(), Length(max=120), no_control_characters]
    )
    days = IntegerField(
        _l("Valid for (days)"),
        default=14,
        validators=[DataRequired(_l("Fill in a number of days.")), NumberRange(1, 60, _l("Between 1 and 60 days."))],
    )
    email = EmailField(
        _l("Their e-mail address (optional)"),
        description=_l("We send them the link. Without an address you copy the link and pass it on yourself."),
        validators=[
            Optional(),
            Length(max=254),
            Email(message=_l("This does not look like an e-mail address."), check_deliverability=False),
        ],
    )
    language = SelectField(
        _l("Language of the e-mail"), choices=dict(LANGUAGE_NAMES), default=lambda: str(get_locale())
    )


class RoleForm(BaseForm):
    role = SelectField(_l("Role"), choices=role_choices)
