from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..buurtkaart.categories import CATEGORIES, KINDS
from ..buurtkaart.models import ADDRESS_MAX, DESCRIPTION_MAX, NAME_MAX
from ..forms import BaseForm, CoordinateField, no_control_characters, optional_id
from ..public.models import REASON_NOTE_MAX
from ..public.resident_form import clean_text

REJECT_REASONS = {
    "spam": _l("Spam, advertising or nonsense"),
    "private": _l("A private person or a home address"),
    "outside": _l("Not in our neighbourhood"),
    "not_fitting": _l("Does not fit the map"),
    "other": _l("Another reason (explain below)"),
}


class _ProposalForm(BaseForm):
    """Forms for one proposal: fields carry a prefix (``p42-name``) so several proposals
    can be open on one page without clashing ids. CSRF is checked for every POST by
    CSRFProtect (the ``csrf_token`` field), so the form does not check it again."""

    def __init__(self, proposal_id: int, *args, **kwargs):
        kwargs.setdefault("meta", {})["csrf"] = False
        super().__init__(*args, prefix=f"p{proposal_id}", **kwargs)


class AcceptForm(_ProposalForm):
    name = StringField(
        _l("Name"),
        filters=[clean_text],
        validators=[DataRequired(_l("Give the treasure a name.")), Length(max=NAME_MAX), no_control_characters],
    )
    kind = SelectField(_l("Kind"), choices=lambda: list(KINDS.items()))
    category = SelectField(_l("Category"), choices=lambda: list(CATEGORIES.items()))
    description = TextAreaField(
        _l("Description"), filters=[clean_text], validators=[Optional(), Length(max=DESCRIPTION_MAX)]
    )
    address = StringField(
        _l("Address or landmark"),
        filters=[clean_text],
        validators=[Optional(), Length(max=ADDRESS_MAX), no_control_characters],
    )
    lat = CoordinateField(
        _l("Latitude"), validators=[Optional(), NumberRange(-90, 90, _l("A latitude lies between -90 and 90."))]
    )
    lon = CoordinateField(
        _l("Longitude"), validators=[Optional(), NumberRange(-180, 180, _l("A longitude lies between -180 and 180."))]
    )
    public = BooleanField(_l("Show it on our public resident page"))

    FIELDS = ("name", "kind", "category", "description", "address", "lat", "lon", "public")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Across fields: an empty optional field stops its own validators.
        if not self.lat.errors and not self.lon.errors and (self.lat.data is None) != (self.lon.data is None):
            self.lon.errors.append(_l("Give both latitude and longitude, or leave both empty."))
            return False
        return valid

    def values(self) -> dict:
        return {f: getattr(self, f).data for f in self.FIELDS} | {
            "description": self.description.data or "",
            "address": self.address.data or "",
            "public": bool(self.public.data),
        }


class MergeForm(_ProposalForm):
    into = RadioField(_l("Which place on the map is it?"), coerce=optional_id, validate_choice=False)

    def validate_into(self, field) -> None:
        # Which ids may be chosen is checked by the view, against the organisation's map.
        if not field.data:
            raise ValidationError(_l("Choose the place it is the same as."))


class RejectForm(_ProposalForm):
    reason = RadioField(_l("Why not?"), choices=lambda: list(REJECT_REASONS.items()), validate_choice=False)
    note = TextAreaField(
        _l("Note for the team (optional)"),
        filters=[clean_text],
        description=_l("Only your team sees this. The resident never does."),
        validators=[Optional(), Length(max=REASON_NOTE_MAX)],
    )

    def validate_reason(self, field) -> None:
        if field.data not in REJECT_REASONS:
            raise ValidationError(_l("Choose a reason."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Across fields: an empty optional note stops its own validators.
        if self.reason.data == "other" and not self.note.data and not self.note.errors:
            self.note.errors.append(_l("Say in a few words why."))
            return False
        return valid
