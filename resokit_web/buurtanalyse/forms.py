from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from wtforms import Field, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from ..extensions import utcnow
from ..forms import BaseForm, no_control_characters, whole_number
from .catalogue import LANGUAGES, LEVELS
from .models import BODY_MAX, DESCRIPTION_MAX, LABEL_MAX, NAME_MAX, NOTE_MAX, UNIT_MAX, URL_MAX
from .sections import SECTIONS

MARKDOWN_HINT = _l(
    "You can use Markdown: **bold**, *italic*, # a heading, - a list, > a quote, "
    "[a link](https://…). An empty line starts a new paragraph."
)


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value=str(value), label=label) for value, label in pairs]


_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def normalise(text: str | None) -> str:
    """Browsers send line breaks as CRLF; the text and its merges work with LF only."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


class MarkdownField(TextAreaField):
    """Markdown, kept as typed (leading spaces mean something there)."""


class NumberField(Field):
    """A number as people type it: 12,5 or 12.5, spaces between thousands allowed."""

    widget = TextInput()

    def _value(self) -> str:
        return self.raw_data[0] if self.raw_data else ("" if self.data is None else f"{self.data:g}")

    def process_formdata(self, valuelist) -> None:
        self.data = None
        if not valuelist or not (valuelist[0] or "").strip():
            return
        text = re.sub(r"[\s\u00a0\u202f]", "", valuelist[0])
        if not _NUMBER.match(text):
            raise ValueError(_l("Write the figure as a number, for example 12,5 or 3400."))
        value = float(text.replace(",", "."))
        if not math.isfinite(value) or abs(value) >= 1e12:
            raise ValueError(_l("This number is too large."))
        self.data = value


class SectionTextForm(BaseForm):
    body = MarkdownField(
        _l("Team text"),
        description=MARKDOWN_HINT,
        validators=[
            Optional(),
            no_control_characters,
            Length(max=BODY_MAX, message=_l("The text is too long: at most %(max)d characters.", max=BODY_MAX)),
        ],
    )

    def value(self) -> str:
        return normalise(self.body.data)


class FigureForm(BaseForm):
    section = SelectField(
        _l("Section"),
        choices=_choices((s.key, s.title) for s in SECTIONS),
        validate_choice=True,
    )
    label = StringField(
        _l("What the figure says"),
        validators=[DataRequired(_l("Say what the figure counts.")), Length(max=LABEL_MAX), no_control_characters],
        description=_l("For example: “Residents aged 65 or older living alone”"),
    )
    value = NumberField(_l("Number"))
    unit = StringField(
        _l("Unit"),
        validators=[Optional(), Length(max=UNIT_MAX), no_control_characters],
        description=_l("For example: percent, residents, euros a year"),
    )
    year = StringField(_l("Year"))
    source_id = SelectField(_l("Source"), validate_choice=True)

    def __init__(self, *args, sources: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.source_id.choices = _choices([("", _l("Choose a source")), *sources])

    def validate_value(self, field) -> None:
        if field.data is None and not field.errors:
            raise ValidationError(_l("Give the figure a number, for example 12,5 or 3400."))

    def validate_year(self, field) -> None:
        year = whole_number(field.data, minimum=1800, maximum=utcnow().year + 1)
        if year is None:
            raise ValidationError(_l("Give the year the figure is about, for example 2025."))
        field.data = year

    def validate_source_id(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose the source of the figure from the catalogue."))

    def values(self) -> dict:
        return {
            "section": self.section.data,
            "label": self.label.data,
            "value": self.value.data,
            "unit": self.unit.data or "",
            "year": self.year.data,
            "source_id": self.source_id.data,
        }


class EditionForm(BaseForm):
    note = StringField(
        _l("Note"),
        validators=[Optional(), Length(max=NOTE_MAX), no_control_characters],
        description=_l("For example: “After the walk with the neighbourhood committee, spring 2026”"),
    )


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SourceForm(BaseForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Give the source a name.")), Length(max=NAME_MAX), no_control_characters],
    )
    publisher = StringField(
        _l("Who publishes it"), validators=[Optional(), Length(max=NAME_MAX), no_control_characters]
    )
    url = StringField(
        _l("Address (URL)"),
        validators=[DataRequired(_l("Give the address of the source.")), Length(max=URL_MAX)],
        description=_l("A web address starting with https:// or http://"),
    )
    level = SelectField(_l("Level"), choices=_choices(LEVELS.items()), validate_choice=True)
    languages = MultiCheckboxField(_l("Languages"), choices=_choices(LANGUAGES.items()), validate_choice=True)
    description = TextAreaField(
        _l("What it offers"), validators=[Optional(), Length(max=DESCRIPTION_MAX), no_control_characters]
    )

    def validate_url(self, field) -> None:
        try:
            parts = urlsplit(field.data or "")
        except ValueError:
            parts = None
        if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in field.data:
            raise ValidationError(_l("Give a web address that starts with https:// or http://."))

    def values(self) -> dict:
        return {
            "name": self.name.data,
            "publisher": self.publisher.data or "",
            "url": self.url.data,
            "level": self.level.data,
            "languages": list(self.languages.data or []),
            "description": self.description.data or "",
        }
