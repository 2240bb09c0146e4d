from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone, to_utc
from flask_wtf.file import FileField
from wtforms import DateTimeLocalField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..buurtanalyse.sections import BY_KEY as SECTIONS_BY_KEY
from ..buurtanalyse.sections import SECTIONS
from ..buurtkaart.categories import CATEGORIES, KINDS
from ..buurtkaart.models import NAME_MAX
from ..extensions import utcnow
from ..forms import BaseForm, CoordinateField, no_control_characters
from .labels import KIND_LABELS
from .models import KINDS as OBSERVATION_KINDS
from .models import TEXT_MAX

TIME_FORMAT = "%Y-%m-%dT%H:%M"


def local_now() -> datetime:
    """Now, on the organisation's clock, to the minute (the form's default)."""
    return to_user_timezone(utcnow()).replace(second=0, microsecond=0, tzinfo=None)


def section_choices() -> list[tuple[str, object]]:
    return [("", _l("No section"))] + [(section.key, section.title) for section in SECTIONS]


class SectionField(SelectField):
    """One of the notebook's nine sections, or none ("")."""

    def __init__(self, label=None, **kwargs):
        kwargs.setdefault("choices", section_choices)
        kwargs.setdefault("validate_choice", False)
        kwargs.setdefault(
            "description", _l("The section of the neighbourhood analysis this observation speaks to, if any.")
        )
        super().__init__(label, **kwargs)

    def pre_validate(self, form) -> None:
        if self.data and self.data not in SECTIONS_BY_KEY:
            raise ValidationError(_l("Choose one of the sections in the list, or none."))


class SectionForm(BaseForm):
    """Linking an existing observation to a notebook section (or to none)."""

    section = SectionField(_l("Section of the neighbourhood analysis"))


class ObservationForm(BaseForm):
    text = TextAreaField(
        _l("What did you see or hear?"),
        validators=[
            DataRequired(_l("Write in a few words what you saw or heard.")),
            Length(max=TEXT_MAX, message=_l("Keep it short: at most %(max)d characters.", max=TEXT_MAX)),
        ],
    )
    kind = SelectField(
        _l("Kind"), choices=lambda: list(KIND_LABELS.items()), default="meeting_place", validate_choice=False
    )
    observed_at = DateTimeLocalField(
        _l("When"),
        format=TIME_FORMAT,
        default=local_now,
        validators=[DataRequired(_l("Give the day and the hour, for example 04/12/2026 14:30."))],
    )
    lat = CoordinateField(
        _l("Latitude"), validators=[Optional(), NumberRange(-90, 90, _l("A latitude lies between -90 and 90."))]
    )
    lon = CoordinateField(
        _l("Longitude"), validators=[Optional(), NumberRange(-180, 180, _l("A longitude lies between -180 and 180."))]
    )
    section = SectionField(_l("Section of the neighbourhood analysis (optional)"))
    photo = FileField(
        _l("Photo (optional)"),
        description=_l(
            "JPEG or PNG, at most 8 MB. The server makes it smaller and removes its metadata and location. "
            "Faces are your responsibility: only photograph people who agree, or leave them out."
        ),
    )

    def validate_kind(self, field) -> None:
        if field.data not in OBSERVATION_KINDS:
            raise ValidationError(_l("Choose one of the kinds in the list."))

    def validate_observed_at(self, field) -> None:
        if field.data and self.observed_utc() > utcnow() + timedelta(hours=1):
            raise ValidationError(_l("An observation cannot lie in the future."))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not self.lat.errors and not self.lon.errors and (self.lat.data is None) != (self.lon.data is None):
            missing = self.lon if self.lon.data is None else self.lat
            missing.errors = [*missing.errors, _l("Give both latitude and longitude, or leave both empty.")]
            ok = False
        return ok

    def observed_utc(self) -> datetime:
        return to_utc(self.observed_at.data).replace(tzinfo=UTC)

    def values(self) -> dict:
        return {
            "text": (self.text.data or "").replace("\r\n", "\n"),
            "kind": self.kind.data,
            "observed_at": self.observed_utc(),
            "lat": self.lat.data,
            "lon": self.lon.data,
            "section": self.section.data or None,
        }


class ObservationEditForm(ObservationForm):
    """A colleague's edit: everything but the photo (which is taken off on its own)."""

    photo = None

    @classmethod
    def for_observation(cls, observation) -> ObservationEditForm:
        when = to_user_timezone(observation.observed_at).replace(second=0, microsecond=0, tzinfo=None)
        return cls(
            formdata=None,
            data={
                "text": observation.text,
                "kind": observation.kind,
                "observed_at": when,
                "lat": observation.lat,
                "lon": observation.lon,
                "section": observation.section or "",
            },
        )


class FilterForm(BaseForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100), no_control_characters])
    kind = SelectField(_l("Kind"), choices=lambda: [("", _l("All kinds"))] + list(KIND_LABELS.items()))
    photo = SelectField(_l("Photo"), choices=lambda: [("", _l("With or without")), ("yes", _l("With a photo"))])
    section = SelectField(
        _l("Section"), choices=lambda: [("", _l("All sections")), ("none", _l("No section"))] + section_choices()[1:]
    )
    treasure = SelectField(
        _l("Treasure"),
        choices=lambda: [("", _l("All")), ("yes", _l("Became a treasure")), ("no", _l("Not a treasure yet"))],
    )
    show = SelectField(_l("Show"), choices=lambda: [("", _l("Current observations")), ("archived", _l("Archived"))])


# Which treasure an observation suggests first (the form lets the member choose).
_SUGGESTED = {
    "meeting_place": ("place", "meeting_place"),
    "initiative": ("initiative", "other"),
}


class TreasureForm(BaseForm):
    """Turning an observation into a treasure: the few things a treasure needs besides it."""

    name = StringField(
        _l("Name of the treasure"),
        validators=[
            DataRequired(_l("Give the treasure a name.")),
            Length(max=NAME_MAX, message=_l("At most %(max)d characters.", max=NAME_MAX)),
            no_control_characters,
        ],
    )
    kind = SelectField(_l("What it is"), choices=lambda: list(KINDS.items()), validate_choice=False)
    category = SelectField(_l("Category"), choices=lambda: list(CATEGORIES.items()), validate_choice=False)

    def validate_kind(self, field) -> None:
        if field.data not in KINDS:
            raise ValidationError(_l("Choose one of the kinds in the list."))

    def validate_category(self, field) -> None:
        if field.data not in CATEGORIES:
            raise ValidationError(_l("Choose one of the categories in the list."))

    @classmethod
    def for_observation(cls, observation) -> TreasureForm:
        kind, category = _SUGGESTED.get(observation.kind, ("place", "other"))
        first_line = observation.text.strip().splitlines()[0] if observation.text.strip() else ""
        name = first_line if len(first_line) <= 60 else first_line[:59].rstrip() + "…"
        return cls(formdata=None, data={"name": name, "kind": kind, "category": category})
