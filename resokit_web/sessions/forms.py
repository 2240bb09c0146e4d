"""The sessions' forms: a new session, joining, answering, the team's own cards."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..forms import BaseForm, IntegerField, no_control_characters
from .content import CASES, POSITIONS, SIDES, THEMES, WALK_QUESTIONS
from .labels import FORMAT_LABELS
from .models import CARD_MAX, NAME_MAX, RUNNABLE, TEXT_MAX, TITLE_MAX


class NewSessionForm(BaseForm):
    format = SelectField(
        _l("Tool"),
        choices=[SelectChoice(value=key, label=FORMAT_LABELS[key]) for key in RUNNABLE],
        validators=[DataRequired(message=_l("Choose a tool."))],
    )
    title = StringField(
        _l("Title"),
        validators=[
            DataRequired(message=_l("Give the session a title.")),
            Length(max=TITLE_MAX, message=_l("At most %(max)d characters.")),
            no_control_characters,
        ],
    )
    guests = BooleanField(_l("Allow guests without an account (a display name only)"))
    minutes = IntegerField(
        _l("Minutes per round (speed date)"),
        default=2,
        validators=[Optional(), NumberRange(min=1, max=10, message=_l("Between 1 and 10 minutes."))],
    )
    rounds = IntegerField(
        _l("Number of rounds (speed date)"),
        default=5,
        validators=[Optional(), NumberRange(min=1, max=10, message=_l("Between 1 and 10 rounds."))],
    )

    case = SelectField(
        _l("Case (inclusion tables)"),
        choices=[SelectChoice(value="", label=_l("Drawn at random"))]
        + [SelectChoice(value=key, label=text) for key, text in CASES.items()],
        default="",
    )


class JoinForm(BaseForm):
    name = StringField(
        _l("Your name in this session"),
        description=_l("Only the people in this session see it. A first name is enough."),
        validators=[
            DataRequired(message=_l("Write the name the others may call you.")),
            Length(max=NAME_MAX, message=_l("At most %(max)d characters.")),
            no_control_characters,
        ],
    )


class NoteForm(BaseForm):
    note = TextAreaField(
        _l("Your note on this card"),
        validators=[
            DataRequired(message=_l("Write a note first.")),
            Length(max=TEXT_MAX, message=_l("At most %(max)d characters.")),
        ],
    )


class LearningForm(BaseForm):
    learning = TextAreaField(
        _l("One thing you learned"),
        validators=[
            DataRequired(message=_l("Write one thing you learned.")),
            Length(max=TEXT_MAX, message=_l("At most %(max)d characters.")),
        ],
    )


class PositionForm(BaseForm):
    position = RadioField(
        _l("Your position"),
        choices=[SelectChoice(value=key, label=label) for key, label in POSITIONS.items()],
        validators=[DataRequired(message=_l("Choose agree, disagree or doubt."))],
    )


class ArgumentForm(BaseForm):
    side = RadioField(
        _l("The argument is"),
        choices=[SelectChoice(value=key, label=label) for key, label in SIDES.items()],
        validators=[DataRequired(message=_l("Choose the side of your argument."))],
    )
    argument = TextAreaField(
        _l("Your argument, from your perspective"),
        validators=[
            DataRequired(message=_l("Write the argument.")),
            Length(max=TEXT_MAX, message=_l("At most %(max)d characters.")),
        ],
    )


class WalkReflectionForm(BaseForm):
    """One text field per reflection question (``r1``…); at least one answered."""

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not any((getattr(self, key).data or "").strip() for key in WALK_QUESTIONS):
            getattr(self, next(iter(WALK_QUESTIONS))).errors.append(_l("Answer at least one question."))
            return False
        return valid


for _key, _question in WALK_QUESTIONS.items():
    setattr(
        WalkReflectionForm,
        _key,
        TextAreaField(_question, validators=[Length(max=TEXT_MAX, message=_l("At most %(max)d characters."))]),
    )


class ReflectionForm(BaseForm):
    reflection = TextAreaField(
        _l("Your reflection on the meeting"),
        validators=[
            DataRequired(message=_l("Write a few words first.")),
            Length(max=TEXT_MAX, message=_l("At most %(max)d characters.")),
        ],
    )


class CardForm(BaseForm):
    theme = SelectField(_l("Theme"), choices=[SelectChoice(value=key, label=label) for key, label in THEMES.items()])
    text = StringField(
        _l("Question"),
        validators=[
            DataRequired(message=_l("Write the question.")),
            Length(max=CARD_MAX, message=_l("At most %(max)d characters.")),
            no_control_characters,
        ],
    )


class ConfirmForm(BaseForm):
    """The buttons (next step, end, archive a card): CSRF only."""
