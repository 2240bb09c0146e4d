"""No input answers 5xx: every rule of the URL map, every method, every role, with
numbers out of range and malformed values in the address, the query, every form field
the app knows and JSON bodies.

The rules come from the app itself, so a route added later (by anyone) is swept too;
the field names come from every form class. A 5xx here is a bug: the value must be
refused with a clear 4xx before it reaches the database or the template.
"""

from __future__ import annotations

import itertools
import json

import pytest
import wtforms
from werkzeug.routing import IntegerConverter
from wtforms.fields.core import UnboundField

from resokit_web import create_app
from resokit_web.extensions import db
from resokit_web.forms import BaseForm, IntegerField

from ..conftest import base_config
from ..factories import PARAM_FACTORIES, load_area_factories
from ..factories.public import open_public_page

ROLES = ("anonymous", "viewer", "member", "coordinator", "outsider")

# Numbers no column holds, and text that is no number at all.
BAD_NUMBERS = [str(2**31), str(2**63), "9" * 30, "-" + "9" * 20, "1e999", "NaN", "-Infinity", "0x1F", "١٢٣", "4" * 4400]
# Text that no field expects: control characters, sheer size, markup, encodings.
BAD_TEXT = ["\x00", "\x07bel", "x" * 5000, "<script>alert(1)</script>", "%00%ff", "é" * 300, "  ", "{{7*7}}"]
BAD_VALUES = BAD_NUMBERS + BAD_TEXT
# Path parameters of the string kind: what the visitor might type or tamper with.
BAD_STRINGS = ["x" * 300, "%2e%2e%2f", "é a"]
# Query parameters the views read, besides every form field's name.
QUERY_NAMES = [
    "page", "since", "from", "to", "id", "q", "version", "next", "lang", "list", "show", "status", "part",
    "group", "new", "person", "role", "kind", "format", "languages", "sort", "filter", "category", "tag",
]  # fmt: skip
# JSON bodies for the few views that read JSON (passkeys), and for those that must not.
BAD_JSON = [[1, 2, 3], {"credential": [None]}, {"credential": {"id": "x" * 5000, "response": 7}}, "x", 1e308]
DEEP_JSON = "[" * 5000 + "]" * 5000


def _form_fields() -> list[str]:
    names: set[str] = set()
    todo = list(BaseForm.__subclasses__())
    while todo:
        form = todo.pop()
        todo.extend(form.__subclasses__())
        for klass in form.__mro__:
            names.update(name for name, value in vars(klass).items() if isinstance(value, UnboundField))
    return sorted(names)


def _routes():
    app = create_app(base_config("sqlite://"))
    routes = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append(pytest.param(rule.rule, rule.endpoint, method, id=f"{method} {rule.rule}"))
    return routes


ROUTES = _routes()  # builds the app, which imports every area's forms
FIELDS = _form_fields()
NAMES = sorted(set(FIELDS) | set(QUERY_NAMES))
load_area_factories()
# Roles that reach the views themselves; the others are turned away first (and swept less).
INSIDERS = ("viewer", "member", "coordinator")


def _good_values(app, rule, world) -> dict:
    values = {}
    for name in rule.arguments:
        if name == "slug":
            values[name] = world.org_a.slug
        elif name == "public_slug":
            values[name] = "kuregem"
        elif name in PARAM_FACTORIES:
            values[name] = PARAM_FACTORIES[name](world, world.org_a)
        elif isinstance(rule._converters[name], IntegerConverter):
            values[name] = 1
        else:
            values[name] = "x" * 32
    return values


def _paths(rule, good: dict) -> list[str]:
    """The address with good values, then with each parameter made bad in turn."""
    paths = [rule.build(good, append_unknown=False)[1]]
    for name in rule.arguments:
        numeric = isinstance(rule._converters[name], IntegerConverter)
        marker = 918273645 if numeric else "PLACEHOLDER"
        template = rule.build({**good, name: marker}, append_unknown=False)[1].replace(str(marker), "PLACEHOLDER")
        if numeric:
            paths += [template.replace("PLACEHOLDER", bad) for bad in (str(2**31), "4" * 5000)]
        else:
            paths += [template.replace("PLACEHOLDER", bad) for bad in BAD_STRINGS]
    return paths


def _bad_forms() -> list[dict]:
    """Three forms where every known field name is malformed, each time differently."""
    forms = []
    cycle = itertools.cycle(BAD_VALUES)
    for round_ in range(3):
        for _ in range(round_ * 5):
            next(cycle)
        forms.append({name: next(cycle) for name in NAMES})
    return forms


BAD_FORMS = _bad_forms()


@pytest.mark.parametrize("rule_text,endpoint,method", ROUTES)
def test_no_input_gives_a_server_error(app, world, as_role, rule_text, endpoint, method):
    open_public_page(world.org_a, public_slug="kuregem")
    db.session.commit()
    rule = next(r for r in app.url_map.iter_rules() if r.rule == rule_text and r.endpoint == endpoint)
    with app.test_request_context():
        good = _good_values(app, rule, world)
    paths = _paths(rule, good)
    failures = []

    def check(role, response, what):
        if response.status_code >= 500:
            failures.append(f"{role}: {what} → {response.status_code}")
        response.close()  # event streams are never read

    for role in ROLES:
        client = as_role(role)
        for path in paths:
            check(role, client.open(path, method=method), f"{method} {path[:120]}")
        for bad in BAD_FORMS if role in INSIDERS else BAD_FORMS[:1]:
            if method == "GET":
                check(role, client.open(paths[0], method=method, query_string=bad), f"GET {paths[0]} ?bad query")
            else:
                check(role, client.open(paths[0], method=method, data=bad), f"{method} {paths[0]} bad form")
        if method != "GET" and role in INSIDERS:
            for body in [json.dumps(b) for b in BAD_JSON] + [DEEP_JSON, "{not json"]:
                response = client.open(paths[0], method=method, data=body, content_type="application/json")
                check(role, response, f"{method} {paths[0]} json {body[:40]}")
    assert not failures, "\n".join(failures[:20])


def test_every_form_uses_the_bounded_integer_field():
    """One integer field everywhere: WTForms' own takes any size (a 500 waiting to happen)."""
    offenders = []
    todo = list(BaseForm.__subclasses__())
    while todo:
        form = todo.pop()
        todo.extend(form.__subclasses__())
        for name, value in vars(form).items():
            if not isinstance(value, UnboundField):
                continue
            kind = value.field_class
            if issubclass(kind, (wtforms.IntegerField, wtforms.DecimalField)) and not issubclass(kind, IntegerField):
                offenders.append(f"{form.__name__}.{name}")
            if value.kwargs.get("coerce") is int:
                offenders.append(f"{form.__name__}.{name} (coerce=int)")
    assert not offenders, offenders


def test_the_sweep_sees_the_whole_app():
    assert len(ROUTES) > 150 and len(FIELDS) > 60
    assert "email" in FIELDS and "retention_months" in FIELDS and "code" in FIELDS
    assert all(len(form) == len(NAMES) for form in BAD_FORMS)
