from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..forms import BaseForm, no_control_characters, whole_number
from .models import BODY_MAX, DRAFT_KINDS, TITLE_MAX

MARKDOWN_HINT = _l(
    "You can use Markdown: **bold**, *italic*, # a heading, - a list, > a quote, "
    "[a link](https://…). An empty line starts a new paragraph."
)


class MarkdownField(TextAreaField):
    """A Markdown text, kept as typed: leading spaces mean something in Markdown, so
    (unlike the other text fields) it is not trimmed."""


def normalise(text: str | None) -> str:
    """Browsers send line breaks as CRLF; the text and its merges work with LF only."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


class NewPieceForm(BaseForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Give the piece a title.")), Length(max=TITLE_MAX), no_control_characters],
        description=_l("For example: “Who we want to reach in 2027”"),
    )


class TeamTextForm(BaseForm):
    """The team text and the title; either may be left out of a post (the rename form
    sends only the title, the editor only the text)."""

    title = StringField(_l("Title"), validators=[Length(max=TITLE_MAX), no_control_characters])
    body = MarkdownField(
        _l("Team text"),
        description=MARKDOWN_HINT,
        validators=[
            Optional(),
            no_control_characters,
            Length(max=BODY_MAX, message=_l("The text is too long: at most %(max)d characters.", max=BODY_MAX)),
        ],
    )

    def changes(self, formdata) -> dict:
        """Only the fields the form actually sent."""
        out = {}
        if "title" in formdata:
            out["title"] = self.title.data
        if "body" in formdata:
            out["body"] = normalise(self.body.data)
        return out

    def validate_title(self, field) -> None:
        if field.raw_data and not field.data:  # sent, but empty
            raise ValidationError(_l("Give the piece a title."))


class ContributionForm(BaseForm):
    body = MarkdownField(
        _l("Your contribution"),
        description=MARKDOWN_HINT,
        validators=[
            DataRequired(_l("Write your contribution first.")),
            no_control_characters,
            Length(max=BODY_MAX, message=_l("The text is too long: at most %(max)d characters.", max=BODY_MAX)),
        ],
    )

    def value(self) -> str:
        return normalise(self.body.data)


class DraftForm(BaseForm):
    """An autosave from an open editor (the draft route reads the editor's own fields)."""

    kind = HiddenField(validators=[DataRequired()])
    body = MarkdownField(validators=[Optional(), no_control_characters, Length(max=BODY_MAX)])
    version = HiddenField(validators=[Optional()])

    def validate_kind(self, field) -> None:
        if field.data not in DRAFT_KINDS:
            raise ValidationError("unknown kind")

    def base_version(self) -> int | None:
        return whole_number(self.version.data, minimum=1)
