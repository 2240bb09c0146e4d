"""Every route under /o/<slug>/ × anonymous / viewer / member / coordinator / outsider.

The routes come from the app's URL map, so a new route is covered the moment it exists;
its URL parameters are filled by the ``param_factory`` functions in tests/factories/.
The rule: anonymous → sign-in page; a member of another organisation → 404; a role
below the view's need → 403; otherwise the view answers (never 401/403/404, never 5xx).
Routes with an extra rule of their own (author-only, say) list it in OVERRIDES.
"""

from __future__ import annotations

import pytest
from flask import url_for

from resokit_web import create_app
from resokit_web.extensions import db
from resokit_web.orgs.models import Role

from .conftest import base_config
from .factories import PARAM_FACTORIES, load_area_factories
from .factories.buurtkaart import TreasureFactory

ROLES = ("anonymous", "viewer", "member", "coordinator", "outsider")

# (endpoint, method) -> {role: expected status} where a view has a stricter rule of its own.
OVERRIDES: dict[tuple[str, str], dict[str, int]] = {
    # A personal contribution is written by its author only (the factory's author is the member).
    ("opinions.save_contribution_view", "POST"): {"coordinator": 403},
    ("opinions.restore_contribution", "POST"): {"coordinator": 403},
}


def _org_routes():
    app = create_app(base_config("sqlite://"))
    routes = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/o/<slug>"):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append(
                pytest.param(
                    rule.endpoint, method, tuple(sorted(rule.arguments - {"slug"})), id=f"{method} {rule.rule}"
                )
            )
    return routes


ROUTES = _org_routes()
load_area_factories()


def _url(world, endpoint, params, org):
    values = {p: PARAM_FACTORIES[p](world, org) for p in params}
    return url_for(endpoint, slug=world.org_a.slug, **values)


def _open(client, method, url):
    response = client.open(url, method=method, data={}, headers={"Accept": "text/html"})
    status, location, ctype = response.status_code, response.headers.get("Location", ""), response.mimetype
    response.close()  # event streams are never read to the end
    return status, location, ctype


def test_every_route_parameter_has_a_factory():
    missing = {p for r in ROUTES for p in r.values[2] if p not in PARAM_FACTORIES}
    assert not missing, f"add @param_factory for: {sorted(missing)}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint,method,params", ROUTES)
def test_route_by_role(app, world, as_role, endpoint, method, params, role):
    need = app.view_functions[endpoint].resokit_access
    assert isinstance(need, Role), f"{endpoint} is not wrapped by org_view()"
    with app.test_request_context():
        url = _url(world, endpoint, params, world.org_a)
    status, location, _ = _open(as_role(role), method, url)

    expected = OVERRIDES.get((endpoint, method), {}).get(role)
    if expected is not None:
        assert status == expected
    elif role == "anonymous":
        assert status == 302 and "/login" in location
    elif role == "outsider":
        assert status == 404
    elif not Role(role).allows(need):
        assert status == 403
    else:
        assert status not in (401, 403, 404) and status < 500, f"{role} got {status}"


OBJECT_ROUTES = [r for r in ROUTES if r.values[2]]


@pytest.mark.parametrize("endpoint,method,params", OBJECT_ROUTES)
def test_objects_of_another_organisation_are_not_found(app, world, as_role, endpoint, method, params):
    """Organisation A's coordinator, with B's object ids in A's address: 404, always."""
    with app.test_request_context():
        url = _url(world, endpoint, params, world.org_b)
    status, _, _ = _open(as_role("coordinator"), method, url)
    assert status == 404


# Pages that gather a whole list (print, export) and must hold organisation A's objects only:
# (endpoint, its path under /o/<slug>/).
LIST_PAGES = (("buurtkaart.print_map", "buurtkaart/print"),)


@pytest.mark.parametrize("endpoint,path", LIST_PAGES)
def test_list_pages_show_the_organisations_own_objects_only(world, as_role, endpoint, path):
    assert any(r.values[0] == endpoint for r in ROUTES)  # also in the matrix above
    TreasureFactory(organisation_id=world.org_a.id, name="Eigen schat A")
    TreasureFactory(organisation_id=world.org_b.id, name="Schat van B")
    db.session.commit()
    html = as_role("viewer").get(f"/o/{world.org_a.slug}/{path}").get_data(as_text=True)
    assert "Eigen schat A" in html and "Schat van B" not in html
