from __future__ import annotations

from datetime import timedelta

from flask import g
from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..core.method import BLOCKS
from ..forms import BaseForm, no_control_characters, optional_id
from .models import COMMENT_MAX, EXPLANATION_MAX, TEXT_MAX, TITLE_MAX, Statement
from .screening_content import SCREENING_STATUSES
from .service import brussels_today, members_of, statements_of
from .statements import SCALE

STATUS_LABELS = {
    "open": _l("To do"),
    "doing": _l("Under way"),
    "done": _l("Done"),
    "archived": _l("Archived"),
}


class RoundForm(BaseForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Give the round a title.")), Length(max=TITLE_MAX), no_control_characters],
        description=_l("For example: “Self-scan spring 2027”"),
    )
    closes_on = DateField(
        _l("Closing date"),
        default=lambda: brussels_today() + timedelta(days=14),
        validators=[DataRequired(_l("Give the date the round closes, for example 2027-03-31."))],
        description=_l("The team answers until then; you can close the round earlier yourself."),
    )

    def validate_closes_on(self, field) -> None:
        if field.data and field.data < brussels_today():
            raise ValidationError(_l("The closing date is already past."))


class StatementForm(BaseForm):
    block = SelectField(_l("Building block"), choices=lambda: list(BLOCKS.items()), validate_choice=False)
    text = StringField(
        _l("Statement"),
        validators=[
            DataRequired(_l("Write the statement.")),
            Length(max=TEXT_MAX, message=_l("Keep it short: at most %(max)d characters.", max=TEXT_MAX)),
            no_control_characters,
        ],
        description=_l("Written as something the team can agree with or not: “We …”"),
    )
    explanation = StringField(
        _l("Explanation in one line"),
        validators=[
            Optional(),
            Length(max=EXPLANATION_MAX, message=_l("Keep it short: at most %(max)d characters.", max=EXPLANATION_MAX)),
            no_control_characters,
        ],
    )

    def validate_block(self, field) -> None:
        if field.data not in BLOCKS:
            raise ValidationError(_l("Choose one of the four building blocks."))


def _due_on(form, field) -> None:
    if field.raw_data and field.raw_data[0] and field.data is None:
        raise ValidationError(_l("Write the date as 2027-03-31, or leave it empty."))


class ActionForm(BaseForm):
    title = StringField(
        _l("What"),
        validators=[DataRequired(_l("Say what you will do.")), Length(max=TITLE_MAX), no_control_characters],
    )
    owner = SelectField(_l("Who"), coerce=optional_id, validate_choice=False)
    due_on = DateField(_l("By when"), validators=[Optional()])
    statement_id = SelectField(_l("About the statement"), coerce=optional_id, validate_choice=False)
    status = SelectField(
        _l("Status"), choices=lambda: list(STATUS_LABELS.items()), default="open", validate_choice=False
    )

    def __init__(self, *args, members=(), statements: list[Statement] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.owner.choices = [("", _l("— nobody yet —"))] + [(u.id, u.display_name) for u in members]
        self._members = {u.id for u in members}
        self.statement_id.choices = [("", _l("— none —"))] + [(s.id, s.shown_text) for s in statements]
        self._statements = {s.id for s in statements}

    def validate_owner(self, field) -> None:
        if field.data is not None and field.data not in self._members:
            raise ValidationError(_l("Choose a member of the team."))

    def validate_statement_id(self, field) -> None:
        if field.data is not None and field.data not in self._statements:
            raise ValidationError(_l("Choose a statement from the list."))

    def validate_status(self, field) -> None:
        if field.data not in STATUS_LABELS:
            raise ValidationError(_l("Choose a status from the list."))

    def values(self, *, with_status: bool = True) -> dict:
        out = {
            "title": self.title.data,
            "owner": self.owner.data,
            "due_on": self.due_on.data.isoformat() if self.due_on.data else "",
            "statement_id": self.statement_id.data,
        }
        if with_status:
            out["status"] = self.status.data
        return out


def action_form(formdata=None, obj=None) -> ActionForm:
    kwargs = {}
    if obj is not None:
        kwargs = {
            "title": obj.title,
            "owner": obj.owner,
            "due_on": obj.due_date,
            "statement_id": obj.statement_id,
            "status": obj.status,
        }
    return ActionForm(formdata=formdata, members=members_of(g.org.id), statements=statements_of(g.org.id), **kwargs)


class AnswerErrors(dict):
    """Statement id → message, for the answers that could not be taken."""


def parse_answers(formdata, statement_ids: list[int]) -> tuple[dict[int, tuple[str, str]], AnswerErrors]:
    """The answer form: ``s<id>`` = ``1``…``5`` or ``unknown``, ``c<id>`` = a comment.
    A statement left without a choice is not answered (yet); a comment needs a choice."""
    answers: dict[int, tuple[str, str]] = {}
    errors = AnswerErrors()
    for sid in statement_ids:
        value = (formdata.get(f"s{sid}") or "").strip()
        comment = (formdata.get(f"c{sid}") or "").strip().replace("\r\n", "\n")
        if not value:
            if comment:
                errors[sid] = _l("Choose an answer to go with your comment.")
            continue
        if value not in SCALE:
            errors[sid] = _l("Choose one of the answers on the scale, or “I don't know”.")
        elif len(comment) > COMMENT_MAX:
            errors[sid] = _l("The comment is too long: at most %(max)d characters.", max=COMMENT_MAX)
        elif any(ord(ch) < 32 and ch not in "\n\t" for ch in comment):
            errors[sid] = _l("This text contains invisible control characters; please remove them.")
        else:
            answers[sid] = (value, comment)
    return answers, errors


NOTES_MAX = 20_000


class ScreeningForm(BaseForm):
    status = SelectField(_l("Where we stand"), choices=lambda: list(SCREENING_STATUSES.items()), validate_choice=False)
    notes = TextAreaField(
        _l("Notes"),
        validators=[
            Optional(),
            no_control_characters,
            Length(max=NOTES_MAX, message=_l("The text is too long: at most %(max)d characters.", max=NOTES_MAX)),
        ],
        description=_l("What you do already, what is missing, who could help."),
    )

    def validate_status(self, field) -> None:
        if field.data not in SCREENING_STATUSES:
            raise ValidationError(_l("Choose one of the answers in the list."))

    def values(self) -> dict:
        return {"status": self.status.data, "notes": (self.notes.data or "").replace("\r\n", "\n")}


class EditionForm(BaseForm):
    title = StringField(
        _l("Name of the edition"),
        validators=[DataRequired(_l("Give the edition a name.")), Length(max=TITLE_MAX), no_control_characters],
        description=_l("For example: “Team day March 2027”"),
    )
