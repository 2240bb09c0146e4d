from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms import BaseForm, IntegerField, no_control_characters, parse_tags
from .domains import DOMAINS
from .models import CONSENT_SCOPES, DEFAULT_SCOPES, NOTE_MAX, PSEUDONYM_MAX, STEP_FIELDS, TAG_MAX, TAGS_MAX
from .pseudonyms import problems

SCOPE_LABELS = {
    "talentenkaart": _l("Mapping their interests, strengths and talents with the team"),
    "matching": _l("Looking for roles and following a match"),
    "team": _l("Talking about it in the whole team, not only with their own worker"),
}


def tags_ok(form, field) -> None:
    raw = [t.strip() for t in (field.data or "").split(",") if t.strip()]
    if any(len(t) > TAG_MAX for t in raw):
        raise ValidationError(_l("A tag can be at most %(n)d characters long.", n=TAG_MAX))
    if len(parse_tags(field.data, max_tags=1000)) > TAGS_MAX:
        raise ValidationError(_l("Use at most %(n)d tags.", n=TAGS_MAX))


def tags_field(label, description=None):
    return StringField(
        label,
        description=description or _l("Separated by commas"),
        validators=[Optional(), no_control_characters, tags_ok],
    )


def clean_tags(text: str | None) -> list[str]:
    return parse_tags(text, max_tags=TAGS_MAX, max_length=TAG_MAX)


def pseudonym_ok(form, field) -> None:
    found = problems(field.data or "")
    if found:
        raise ValidationError(found[0])


def note_field(label, description=None):
    return TextAreaField(
        label,
        description=description,
        validators=[
            Optional(),
            Length(max=NOTE_MAX, message=_l("Keep it short: at most %(max)d characters.", max=NOTE_MAX)),
        ],
    )


class CheckboxesField(SelectMultipleField):
    """Checkboxes; the form also sends an empty value, so "none ticked" can be told apart
    from "the field was not in the form at all" (then ``default_when_absent`` applies)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args, default_when_absent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_when_absent = default_when_absent
        self.was_sent = False

    def process_formdata(self, valuelist):
        self.was_sent = bool(valuelist)
        self.data = [v for v in valuelist if v]
        if not self.was_sent and self.default_when_absent is not None:
            self.data = list(self.default_when_absent)


pseudonym_field = lambda: StringField(  # noqa: E731
    _l("Pseudonym"),
    description=_l("A name the person recognises, never their real name: “Mevrouw R.”, “The man with the bike”."),
    validators=[
        DataRequired(_l("Give a pseudonym.")),
        Length(max=PSEUDONYM_MAX, message=_l("At most %(max)d characters.", max=PSEUDONYM_MAX)),
        no_control_characters,
        pseudonym_ok,
    ],
)


class ConsentFields(BaseForm):
    consent_date = DateField(
        _l("Date of consent"), default=date.today, validators=[DataRequired(_l("Give the date the person agreed."))]
    )
    consent_scope = CheckboxesField(
        _l("The person agreed to"),
        choices=lambda: list(SCOPE_LABELS.items()),
        default=list(DEFAULT_SCOPES),
        default_when_absent=DEFAULT_SCOPES,
    )

    def validate_consent_date(self, field) -> None:
        if field.data and field.data > date.today():
            raise ValidationError(_l("Consent cannot be dated in the future."))

    def validate_consent_scope(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Tick at least one thing the person agreed to."))
        if any(v not in CONSENT_SCOPES for v in field.data):
            raise ValidationError(_l("Choose from the list."))


class PersonForm(ConsentFields):
    """Adding a person: a pseudonym, first tags, and the consent record (required)."""

    pseudonym = pseudonym_field()
    talents = tags_field(_l("Talents"), _l("What they are good at, separated by commas: cooking, repairing bikes"))
    interests = tags_field(_l("Interests"), _l("What they like, separated by commas: gardening, music"))
    strengths = tags_field(_l("Strengths"), _l("Qualities, separated by commas: patient, punctual, speaks Arabic"))
    consent = BooleanField(
        _l("The person agreed that the team keeps this profile"),
        validators=[DataRequired(_l("A person can only be added with their consent. Ask first, then tick this box."))],
    )

    def values(self) -> dict:
        return {
            "pseudonym": self.pseudonym.data,
            "talents": clean_tags(self.talents.data),
            "interests": clean_tags(self.interests.data),
            "strengths": clean_tags(self.strengths.data),
        }


class PersonEditForm(BaseForm):
    pseudonym = pseudonym_field()
    talents = tags_field(_l("Talents"))
    interests = tags_field(_l("Interests"))
    strengths = tags_field(_l("Strengths"))

    def values(self) -> dict:
        return {
            "pseudonym": self.pseudonym.data,
            "talents": clean_tags(self.talents.data),
            "interests": clean_tags(self.interests.data),
            "strengths": clean_tags(self.strengths.data),
        }


class ConsentForm(ConsentFields):
    """Recording a new consent for a person whose consent was withdrawn."""


class DomainsField(CheckboxesField):
    """Life domains; a conflict form sends them back as one comma-separated value."""

    def process_formdata(self, valuelist):
        super().process_formdata([part.strip() for v in valuelist for part in v.split(",")])

    def pre_validate(self, form) -> None:
        if any(v not in DOMAINS for v in self.data or []):
            raise ValidationError(_l("Choose from the list."))


class StepForm(BaseForm):
    """One step of the talentenkaart. Its fields carry the person's own field names
    (``interests``, ``interests_note``…), so a conflict form posts straight back to it."""

    step: str = ""

    def values(self) -> dict:
        tags, note = STEP_FIELDS[self.step]
        raw = self[tags].data
        return {
            tags: raw if self.step == "domains" else clean_tags(raw),
            note: (self[note].data or "").replace("\r\n", "\n"),
        }


def _step_form(step: str, tags, note) -> type[StepForm]:
    tags_name, note_name = STEP_FIELDS[step]
    return type(f"{step.title()}StepForm", (StepForm,), {"step": step, tags_name: tags, note_name: note})


STEP_FORMS = {
    "interests": _step_form(
        "interests",
        tags_field(_l("Interests"), _l("Keywords, separated by commas: music, gardening, football")),
        note_field(_l("What do they enjoy, what makes them curious?")),
    ),
    "strengths": _step_form(
        "strengths",
        tags_field(_l("Strengths"), _l("Keywords, separated by commas: patient, punctual, good listener")),
        note_field(_l("What do others appreciate in them?")),
    ),
    "talents": _step_form(
        "talents",
        tags_field(_l("Talents"), _l("Keywords, separated by commas: cooking, sewing, speaks Arabic")),
        note_field(_l("What can they do well, what did they do before?")),
    ),
    "domains": _step_form(
        "domains",
        DomainsField(_l("Life domains"), choices=lambda: list(DOMAINS.items())),
        note_field(_l("Where and how could they use this? Which places, which people?")),
    ),
}


class EraseForm(BaseForm):
    confirm = BooleanField(
        _l("I understand that this erases the person, their matches, steps and history for good"),
        validators=[DataRequired(_l("Tick the box to confirm the erasure."))],
    )


class RetentionForm(BaseForm):
    retention_months = IntegerField(
        _l("Keep people's data for (months)"),
        description=_l("People with whom nothing happened for longer than this are erased automatically."),
        validators=[
            DataRequired(_l("Fill in a number of months.")),
            NumberRange(1, 120, _l("Between 1 and 120 months.")),
        ],
    )
