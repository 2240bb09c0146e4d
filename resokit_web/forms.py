"""Shared form pieces: field limits, tag lists, coordinates, integers."""

from __future__ import annotations

import math
import re

import wtforms
from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto
from werkzeug.datastructures import ImmutableMultiDict
from wtforms import Field, FloatField
from wtforms.validators import ValidationError
from wtforms.widgets import TextInput

from .core.bounded import INT_MAX, INT_MIN, to_int


class BaseForm(FlaskForm):
    """All our forms: CSRF on, whitespace trimmed from every text field."""

    class Meta:
        def wrap_formdata(self, form, formdata):
            # Our forms are posted as forms. Flask-WTF would take a JSON body instead, and a
            # JSON list there is a TypeError: a JSON body is simply no form data.
            if formdata is _Auto and request.is_json:
                return ImmutableMultiDict()
            return super().wrap_formdata(form, formdata)

        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", []))
            if unbound_field.field_class.__name__ in {
                "StringField",
                "TextAreaField",
                "EmailField",
                "SearchField",
                "URLField",
            }:
                filters.append(_strip)
            return unbound_field.bind(form=form, filters=filters, **options)


class CoordinateField(FloatField):
    """A latitude or longitude in a text box with a decimal keypad. A decimal comma
    (50,8366, as French and Dutch keyboards write it) counts as a point: a number box
    in such a browser may silently drop the comma and send 508366 instead."""

    widget = TextInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        if valuelist and isinstance(valuelist[0], str):
            valuelist = [valuelist[0].strip().replace(",", ".")]
        super().process_formdata(valuelist)
        if self.data is not None and not math.isfinite(self.data):
            # float() reads "nan" and "1e999"; neither is a place on a map.
            self.data = None
            raise ValueError(_l("Not a valid number."))


class IntegerField(wtforms.IntegerField):
    """The integer field of every form: a whole number within a database integer.

    WTForms' own accepts any size, and 2**63 in a query is a 500 on SQLite. Out of range
    it answers like text that is no number; the form's NumberRange gives the nicer bounds.
    """

    def process_formdata(self, valuelist):
        if not valuelist or valuelist[0] in ("", None):
            self.data = None
            return
        try:
            self.data = to_int(valuelist[0])
        except (TypeError, ValueError):
            self.data = None
            raise ValueError(_l("Fill in a whole number.")) from None


def optional_id(value) -> int | None:
    """``coerce`` of a select or radio field that chooses an object by id: empty is None,
    anything but an id in range raises ValueError (WTForms then marks the field)."""
    if value in (None, "", "None"):
        return None
    return to_int(value, minimum=0, maximum=INT_MAX)


def whole_number(value, default=None, *, minimum: int = INT_MIN, maximum: int = INT_MAX):
    """``value`` as an int in range, or ``default`` (hidden fields such as a version)."""
    try:
        return to_int(value, minimum=minimum, maximum=maximum)
    except (TypeError, ValueError):
        return default


def _strip(value):
    return value.strip() if isinstance(value, str) else value


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(form, field: Field) -> None:
    if isinstance(field.data, str) and _CONTROL.search(field.data):
        raise ValidationError(_l("This text contains invisible control characters; please remove them."))


def parse_tags(text: str | None, *, max_tags: int = 30, max_length: int = 40) -> list[str]:
    """Comma-separated tags → a clean, de-duplicated list (first spelling wins)."""
    seen: dict[str, str] = {}
    for raw in (text or "").split(","):
        tag = " ".join(raw.split())[:max_length]
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return list(seen.values())[:max_tags]
