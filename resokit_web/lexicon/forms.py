from __future__ import annotations

import sqlalchemy as sa
from flask import g
from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..extensions import db
from ..forms import BaseForm, no_control_characters
from .models import DEFINITION_MAX, EXAMPLE_MAX, RELATED_MAX, TERM_MAX, LexiconEntry


class EntryForm(BaseForm):
    term = StringField(
        _l("Word"),
        validators=[
            DataRequired(_l("Write the word or expression.")),
            Length(max=TERM_MAX, message=_l("At most %(max)d characters.", max=TERM_MAX)),
            no_control_characters,
        ],
    )
    definition = TextAreaField(
        _l("What it means"),
        description=_l("A short definition, in a sentence or two."),
        validators=[
            DataRequired(_l("Say in a sentence or two what the word means.")),
            Length(max=DEFINITION_MAX, message=_l("Keep it short: at most %(max)d characters.", max=DEFINITION_MAX)),
        ],
    )
    example = TextAreaField(
        _l("An example from a street"),
        description=_l("Where you see it in your neighbourhood, without names of people."),
        validators=[
            Optional(),
            Length(max=EXAMPLE_MAX, message=_l("Keep it short: at most %(max)d characters.", max=EXAMPLE_MAX)),
        ],
    )
    related = StringField(
        _l("Related words"),
        description=_l("Separated by commas: light ties, key figure"),
        validators=[
            Optional(),
            Length(max=RELATED_MAX, message=_l("At most %(max)d characters.", max=RELATED_MAX)),
            no_control_characters,
        ],
    )

    def __init__(self, *args, entry: LexiconEntry | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._entry = entry

    def validate_term(self, field) -> None:
        query = sa.select(LexiconEntry.id).where(
            LexiconEntry.organisation_id == g.org.id,
            LexiconEntry.status != "archived",
            sa.func.lower(LexiconEntry.term) == (field.data or "").lower(),
        )
        if self._entry is not None:
            query = query.where(LexiconEntry.id != self._entry.id)
        if db.session.scalar(query) is not None:
            raise ValidationError(_l("Your team has an entry for this word already."))

    def values(self) -> dict:
        return {
            "term": self.term.data,
            "definition": (self.definition.data or "").replace("\r\n", "\n"),
            "example": (self.example.data or "").replace("\r\n", "\n"),
            "related": self.related.data or "",
        }
