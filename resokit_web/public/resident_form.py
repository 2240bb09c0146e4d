"""The resident's form on the public page, in the resident's own language.

Its strings belong to the resident catalogues (ar, tr, es, ro, pl, pt as well as nl, fr,
en); the team's forms for the public page live in ``forms.py``.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from ..forms import BaseForm, CoordinateField
from .categories import resident_choices
from .models import EMAIL_MAX, LOCATION_TEXT_MAX, RESIDENT_DESCRIPTION_MAX, RESIDENT_NAME_MAX

# Invisible characters that can hide or flip text (bidi embeddings, overrides and isolates)
# and control characters other than newline and tab: removed from everything residents send.
_HIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_text(value):
    """Residents' text as plain text: no hidden or direction-flipping characters, \\n newlines."""
    if not isinstance(value, str):
        return value
    return _HIDDEN.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


class ResidentPlaceForm(BaseForm):
    """The short form on the public page. Field names are the public contract."""

    name = StringField(
        _l("Name of the place"),
        description=_l("For example: the bench by the church, Café Lucia, the football field."),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Write the name of the place.")),
            Length(max=RESIDENT_NAME_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    description = TextAreaField(
        _l("Why does it matter to you?"),
        description=_l("A few words are enough. What happens there? Who goes there?"),
        filters=[clean_text],
        validators=[Optional(), Length(max=RESIDENT_DESCRIPTION_MAX, message=_l("Use at most %(max)d characters."))],
    )
    category = RadioField(_l("What kind of place is it?"), validate_choice=False)
    location_text = StringField(
        _l("In words: a street, an address or a landmark"),
        description=_l("For example: corner of Rue Wayez and the market square."),
        filters=[clean_text],
        validators=[Optional(), Length(max=LOCATION_TEXT_MAX, message=_l("Use at most %(max)d characters."))],
    )
    lat = CoordinateField(
        _l("Latitude"), validators=[Optional(), NumberRange(-90, 90, _l("A latitude lies between -90 and 90."))]
    )
    lon = CoordinateField(
        _l("Longitude"), validators=[Optional(), NumberRange(-180, 180, _l("A longitude lies between -180 and 180."))]
    )
    email = EmailField(
        _l("Your e-mail address (you may leave this empty)"),
        description=_l("Only the team sees it. They may write to you about this place."),
        filters=[clean_text],
        validators=[
            Optional(),
            Length(max=EMAIL_MAX, message=_l("Use at most %(max)d characters.")),
            Email(message=_l("This does not look like an e-mail address."), check_deliverability=False),
        ],
    )
    consent = BooleanField(
        _l("Yes, you may show this place on this page."), description=_l("Only the place. Never your e-mail address.")
    )
    # Honeypot: hidden from people; a bot that fills it in gets a thank-you and nothing is stored.
    website = StringField(_l("Leave this field empty"))

    def __init__(self, *args, categories: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = resident_choices(categories)

    def validate_category(self, field) -> None:
        if field.data not in {code for code, _ in field.choices}:
            raise ValidationError(_l("Choose what kind of place it is."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Checks across fields run here: an empty optional field stops its own validators.
        if self.lat.errors or self.lon.errors:
            return False
        if (self.lat.data is None) != (self.lon.data is None):
            self.lon.errors.append(_l("Give both latitude and longitude, or leave both empty."))
            return False
        if not self.location_text.data and self.lat.data is None and not self.location_text.errors:
            self.location_text.errors.append(
                _l("Tell us where it is: write a street, an address or a landmark, or choose a point.")
            )
            return False
        return valid

    @property
    def is_bot(self) -> bool:
        return bool((self.website.data or "").strip())
