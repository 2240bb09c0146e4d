from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FileField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..forms import BaseForm, CoordinateField, no_control_characters, parse_tags
from .categories import CATEGORIES, KINDS
from .models import ADDRESS_MAX, DESCRIPTION_MAX, NAME_MAX, TAG_MAX, TAGS_MAX


def _choices(mapping):
    return lambda: [(code, label) for code, label in mapping.items()]


def _tags_ok(form, field) -> None:
    raw = [t.strip() for t in (field.data or "").split(",") if t.strip()]
    if any(len(t) > TAG_MAX for t in raw):
        raise ValidationError(_l("A tag can be at most %(n)d characters long.", n=TAG_MAX))
    if len(parse_tags(field.data, max_tags=1000)) > TAGS_MAX:
        raise ValidationError(_l("Use at most %(n)d tags.", n=TAGS_MAX))


class TreasureForm(BaseForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Give the treasure a name.")), Length(max=NAME_MAX), no_control_characters],
    )
    kind = SelectField(_l("Kind"), choices=_choices(KINDS), default="place")
    category = SelectField(_l("Category"), choices=_choices(CATEGORIES), default="meeting_place")
    description = TextAreaField(
        _l("Description"),
        description=_l("Why it matters for the people you support: what happens there, for whom, when."),
        validators=[Optional(), Length(max=DESCRIPTION_MAX)],
    )
    address = StringField(
        _l("Address or landmark"), validators=[Optional(), Length(max=ADDRESS_MAX), no_control_characters]
    )
    lat = CoordinateField(
        _l("Latitude"), validators=[Optional(), NumberRange(-90, 90, _l("A latitude lies between -90 and 90."))]
    )
    lon = CoordinateField(
        _l("Longitude"), validators=[Optional(), NumberRange(-180, 180, _l("A longitude lies between -180 and 180."))]
    )
    formal = BooleanField(_l("Formal (an organisation or service with a structure)"), default=True)
    tags = StringField(
        _l("Tags"),
        description=_l("Separated by commas, e.g. coffee, Arabic, on Thursdays"),
        validators=[Optional(), _tags_ok],
    )
    public = BooleanField(_l("Also show on our public resident page"), default=False)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        # Checked here, not in a field validator: Optional() stops those at an empty field.
        if not self.lat.errors and not self.lon.errors and (self.lat.data is None) != (self.lon.data is None):
            missing = self.lon if self.lon.data is None else self.lat
            missing.errors = [*missing.errors, _l("Give both latitude and longitude, or leave both empty.")]
            ok = False
        return ok

    def values(self) -> dict:
        """The cleaned values, keyed by Treasure field."""
        return {
            "name": self.name.data,
            "kind": self.kind.data,
            "category": self.category.data,
            "description": (self.description.data or "").replace("\r\n", "\n"),
            "address": self.address.data or "",
            "lat": self.lat.data,
            "lon": self.lon.data,
            "formal": bool(self.formal.data),
            "tags": parse_tags(self.tags.data, max_tags=TAGS_MAX, max_length=TAG_MAX),
            "public": bool(self.public.data),
        }


class FilterForm(BaseForm):
    """The list's filters: a GET form, no CSRF (it changes nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    kind = SelectField(
        _l("Kind"), choices=lambda: [("", _l("All kinds"))] + list(KINDS.items()), validators=[Optional()]
    )
    category = SelectField(
        _l("Category"), choices=lambda: [("", _l("All categories"))] + list(CATEGORIES.items()), validators=[Optional()]
    )
    formal = SelectField(
        _l("Formal or informal"),
        choices=lambda: [("", _l("Both")), ("y", _l("Formal")), ("n", _l("Informal"))],
        validators=[Optional()],
    )
    tag = StringField(_l("Tag"), validators=[Optional(), Length(max=TAG_MAX)])
    status = SelectField(
        _l("Show"),
        choices=lambda: [("", _l("On the map")), ("archived", _l("Archived")), ("all", _l("Everything"))],
        validators=[Optional()],
    )


class ImportForm(BaseForm):
    file = FileField(_l("File"), description=_l("CSV (from a spreadsheet, or exported here) or GeoJSON, at most 8 MB."))
