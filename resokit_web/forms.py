"""Shared form pieces: field limits, tag lists, coordinates."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, FloatField
from wtforms.widgets import TextInput
from wtforms.validators import ValidationError


class BaseForm(FlaskForm):
    """All our forms: CSRF on, whitespace trimmed from every text field."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", []))
            if unbound_field.field_class.__name__ in {"StringField", "TextAreaField", "EmailField",
                                                     "SearchField", "URLField"}:
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
