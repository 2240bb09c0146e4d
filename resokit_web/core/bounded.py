"""Input that could reach the database out of range is refused before it does, for every
route at once: a 500 is never the answer to a number typed or guessed by a visitor.

* ``<int:...>`` in every URL is :class:`BoundedIntConverter`: at most ten digits and
  within a PostgreSQL ``integer`` (SQLite and psycopg would otherwise raise on
  2**63 or on a value past the column's type, and Python itself on 5,000 digits).
  A number out of range is simply a page that does not exist: 404.
* ``request.args.get(..., type=int)`` and ``request.form.get(..., type=int)`` go
  through :class:`BoundedRequest`'s parameter storage: out of range counts as not a
  number, so the view gets its default.
* A NUL character anywhere in the path, the query or a form field is refused with
  400 (PostgreSQL refuses NUL in text and would answer with an error; nothing a
  person types contains one).

Form fields use :class:`resokit_web.forms.IntegerField` and
:func:`resokit_web.forms.optional_id` (same bounds); ``tests/core/test_sweep.py``
walks every rule of the URL map and fails on any 5xx.
"""

from __future__ import annotations

import builtins

from flask import Flask, Request, abort, current_app, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter, ValidationError

# A PostgreSQL ``integer``: every id, version and count column of the app fits in it.
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1
# Digits an integer may have at most, sign not counted (2**31 has ten).
_MAX_DIGITS = 10


def to_int(value, *, minimum: int = INT_MIN, maximum: int = INT_MAX) -> int:
    """``value`` as an int within ``[minimum, maximum]``, else ValueError (or TypeError)."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        digits = text[1:] if text[:1] in "+-" else text
        if not digits.isdigit() or not digits.isascii() or len(digits) > _MAX_DIGITS:
            raise ValueError(value)
        number = int(text)
    if not minimum <= number <= maximum:
        raise ValueError(value)
    return number


class BoundedIntConverter(IntegerConverter):
    """Werkzeug's ``int`` converter within a database integer (registered as ``int``)."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None, signed=False):  # noqa: A002 - werkzeug's names
        low = 0 if min is None else builtins.max(min, INT_MIN)
        high = INT_MAX if max is None else builtins.min(max, INT_MAX)
        super().__init__(map, fixed_digits, min=low, max=high, signed=signed)

    def to_python(self, value: str) -> int:
        if len(value.lstrip("-")) > _MAX_DIGITS:
            raise ValidationError()
        return super().to_python(value)


def _bounded(type_):
    return to_int if type_ is int else type_


class BoundedArgs(ImmutableMultiDict):
    """Query and form parameters whose ``type=int`` stays within a database integer."""

    def get(self, key, default=None, type=None):  # noqa: A002 - MultiDict's names
        return super().get(key, default, _bounded(type))

    def getlist(self, key, type=None):  # noqa: A002
        return super().getlist(key, _bounded(type))


class BoundedRequest(Request):
    parameter_storage_class = BoundedArgs

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True):
        """JSON too deeply nested counts as no JSON (silent) or a bad request: Python's
        parser would otherwise raise RecursionError, which is not a ValueError."""
        try:
            return super().get_json(force=force, silent=silent, cache=cache)
        except RecursionError:
            if silent:
                return None
            abort(400)


def checks_its_own_text(app: Flask, *endpoints: str) -> None:
    """Let these views see form values with NUL: their forms refuse control characters
    with a message next to the field (``forms.no_control_characters``), which says more
    than the bare 400 every other view gives."""
    app.extensions.setdefault("resokit_own_text_checks", set()).update(endpoints)


def _refuse_nul() -> None:
    if "\x00" in request.path or any("\x00" in k or "\x00" in v for k, v in request.args.items(multi=True)):
        abort(400)
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        own_check = request.endpoint in current_app.extensions.get("resokit_own_text_checks", ())
        for key, value in request.form.items(multi=True):
            if "\x00" in key or ("\x00" in value and not own_check):
                abort(400)


def init_app(app: Flask) -> None:
    """Call before any blueprint is registered: rules take their converter when added."""
    app.request_class = BoundedRequest
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(_refuse_nul)
