from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import g
from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..buurtkaart.models import Treasure
from ..extensions import db
from ..forms import BaseForm, no_control_characters, optional_id, parse_tags
from ..partners.models import Partner
from ..people.models import Person
from .labels import OUTCOME_LABELS, ROLE_STATUS_LABELS, STAGE_LABELS
from .models import (
    DESCRIPTION_MAX,
    NOTES_MAX,
    OUTCOMES,
    STAGES,
    STEP_MAX,
    TAG_MAX,
    TAGS_MAX,
    TIME_MAX,
    TITLE_MAX,
    Match,
    SocialRole,
)


def _tags_ok(form, field) -> None:
    raw = [t.strip() for t in (field.data or "").split(",") if t.strip()]
    if any(len(t) > TAG_MAX for t in raw):
        raise ValidationError(_l("A tag can be at most %(n)d characters long.", n=TAG_MAX))
    if len(parse_tags(field.data, max_tags=1000)) > TAGS_MAX:
        raise ValidationError(_l("Use at most %(n)d tags.", n=TAGS_MAX))


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value=str(value), label=label) for value, label in pairs]


def _id(value) -> int | None:
    try:
        return optional_id(value)
    except (TypeError, ValueError):
        return -1


class RoleForm(BaseForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Give the role a title.")), Length(max=TITLE_MAX), no_control_characters],
    )
    description = TextAreaField(
        _l("Description"),
        description=_l("What the person does, with whom, and what it gives them and others."),
        validators=[Optional(), Length(max=DESCRIPTION_MAX)],
    )
    treasure_id = SelectField(_l("Where: a place on the neighbourhood map"), validate_choice=False)
    partner_id = SelectField(_l("Or: at a partner"), validate_choice=False)
    tags = StringField(
        _l("What it asks for"),
        description=_l("Tags, separated by commas: cooking, welcoming people, Arabic"),
        validators=[Optional(), no_control_characters, _tags_ok],
    )
    time = StringField(
        _l("Time and rhythm"),
        description=_l("For example: Thursdays 14–17h, every week"),
        validators=[Optional(), Length(max=TIME_MAX), no_control_characters],
    )
    status = SelectField(
        _l("Status"), choices=lambda: [(k, v) for k, v in ROLE_STATUS_LABELS.items() if k != "archived"], default="open"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        org_id = g.org.id
        none = [("", _l("— none —"))]
        self.treasure_id.choices = _choices(
            none
            + db.session.execute(
                sa.select(Treasure.id, Treasure.name)
                .where(Treasure.organisation_id == org_id, Treasure.status != "archived")
                .order_by(sa.func.lower(Treasure.name))
            ).all()
        )
        self.partner_id.choices = _choices(
            none
            + db.session.execute(
                sa.select(Partner.id, Partner.name)
                .where(Partner.organisation_id == org_id, Partner.status != "archived")
                .order_by(sa.func.lower(Partner.name))
            ).all()
        )

    def validate_treasure_id(self, field) -> None:
        value = _id(field.data)
        if (
            value is not None
            and db.session.scalar(
                sa.select(Treasure.id).where(Treasure.id == value, Treasure.organisation_id == g.org.id)
            )
            is None
        ):
            raise ValidationError(_l("Choose a place of your own neighbourhood map."))

    def validate_partner_id(self, field) -> None:
        value = _id(field.data)
        if (
            value is not None
            and db.session.scalar(sa.select(Partner.id).where(Partner.id == value, Partner.organisation_id == g.org.id))
            is None
        ):
            raise ValidationError(_l("Choose one of your own partners."))
        if value is not None and _id(self.treasure_id.data) is not None:
            raise ValidationError(_l("Choose a place or a partner, not both."))

    def validate_status(self, field) -> None:
        if field.data not in ("open", "filled"):
            raise ValidationError(_l("Choose open or filled."))

    def values(self, *, with_status: bool = True) -> dict:
        values = {
            "title": self.title.data,
            "description": (self.description.data or "").replace("\r\n", "\n"),
            "treasure_id": _id(self.treasure_id.data),
            "partner_id": _id(self.partner_id.data),
            "tags": parse_tags(self.tags.data, max_tags=TAGS_MAX, max_length=TAG_MAX),
            "time": self.time.data or "",
        }
        if with_status:
            values["status"] = self.status.data or "open"
        return values


class NewMatchForm(BaseForm):
    """Proposing a match: a person and a role of this organisation."""

    person = SelectField(_l("Person"), validate_choice=False)
    role = SelectField(_l("Role"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.person.choices = _choices(
            [("", _l("— choose a person —"))]
            + db.session.execute(
                sa.select(Person.id, Person.pseudonym)
                .where(Person.organisation_id == g.org.id, Person.status == "active")
                .order_by(sa.func.lower(Person.pseudonym))
            ).all()
        )
        self.role.choices = _choices(
            [("", _l("— choose a role —"))]
            + db.session.execute(
                sa.select(SocialRole.id, SocialRole.title)
                .where(SocialRole.organisation_id == g.org.id, SocialRole.status == "open")
                .order_by(sa.func.lower(SocialRole.title))
            ).all()
        )

    def validate_person(self, field) -> None:
        value = _id(field.data)
        if value is None:
            raise ValidationError(_l("Choose a person."))
        if (
            db.session.scalar(
                sa.select(Person.id).where(
                    Person.id == value, Person.organisation_id == g.org.id, Person.status == "active"
                )
            )
            is None
        ):
            raise ValidationError(_l("Choose one of the people of your organisation."))

    def validate_role(self, field) -> None:
        value = _id(field.data)
        if value is None:
            raise ValidationError(_l("Choose a role."))
        if (
            db.session.scalar(
                sa.select(SocialRole.id).where(
                    SocialRole.id == value, SocialRole.organisation_id == g.org.id, SocialRole.status != "archived"
                )
            )
            is None
        ):
            raise ValidationError(_l("Choose one of the roles of your organisation."))
        person = _id(self.person.data)
        if (
            person
            and db.session.scalar(
                sa.select(Match.id).where(Match.person_id == person, Match.role_id == value, Match.stage != "ended")
            )
            is not None
        ):
            raise ValidationError(_l("This person and this role are already a match."))

    @property
    def person_id(self) -> int:
        return optional_id(self.person.data)

    @property
    def role_id(self) -> int:
        return optional_id(self.role.data)


class MoveForm(BaseForm):
    """Moving a match to a stage (and, optionally, saying what happened)."""

    stage = SelectField(_l("Stage"), choices=lambda: list(STAGE_LABELS.items()), validate_choice=False)
    outcome = SelectField(
        _l("Outcome"), choices=lambda: [("", _l("— choose —"))] + list(OUTCOME_LABELS.items()), validate_choice=False
    )
    note = TextAreaField(
        _l("What happened (optional)"),
        validators=[
            Optional(),
            Length(max=STEP_MAX, message=_l("Keep it short: at most %(max)d characters.", max=STEP_MAX)),
        ],
    )
    notes = TextAreaField(
        _l("Notes"),
        description=_l("What the team should know to follow this match."),
        validators=[Optional(), Length(max=NOTES_MAX, message=_l("At most %(max)d characters.", max=NOTES_MAX))],
    )

    def validate_stage(self, field) -> None:
        if field.data not in STAGES:
            raise ValidationError(_l("Choose one of the stages: idea, explored, trying out, active or ended."))

    def validate_outcome(self, field) -> None:
        if self.stage.data == "ended" and field.data not in OUTCOMES:
            raise ValidationError(_l("Say how the match ended."))
        if self.stage.data != "ended" and field.data and field.data not in OUTCOMES:
            raise ValidationError(_l("Choose from the list."))

    def values(self, formdata) -> dict:
        values = {"stage": self.stage.data, "outcome": self.outcome.data if self.stage.data == "ended" else None}
        if "notes" in formdata:
            values["notes"] = (self.notes.data or "").replace("\r\n", "\n")
        return values


class StepForm(BaseForm):
    happened_on = DateField(_l("Date"), default=date.today, validators=[DataRequired(_l("Give a date."))])
    text = TextAreaField(
        _l("What happened"),
        validators=[
            DataRequired(_l("Write what happened.")),
            Length(max=STEP_MAX, message=_l("Keep it short: at most %(max)d characters.", max=STEP_MAX)),
        ],
    )

    def validate_happened_on(self, field) -> None:
        if field.data and field.data > date.today():
            raise ValidationError(_l("A step cannot lie in the future."))
