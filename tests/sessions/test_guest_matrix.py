"""The route matrix extended with a guest: a session's guest opens nothing under /o/<slug>/.

Every route of the organisation (from the app's URL map, so new routes are covered by
themselves), with the parameters the access matrix's factories make, asked by a client
that holds a guest seat in a session of that organisation: the sign-in page, always."""

from __future__ import annotations

import pytest
from flask import url_for

from resokit_web.extensions import db
from resokit_web.sessions.service import create_session

from ..factories import PARAM_FACTORIES
from ..test_access_matrix import ROUTES, _open


@pytest.mark.parametrize("endpoint,method,params", ROUTES)
def test_a_guest_opens_nothing_of_the_organisation(app, world, endpoint, method, params):
    sess = create_session(world.org_a.id, "kletspot", "Open sessie", guests=True, user_id=world.member.id)
    db.session.commit()
    guest = app.test_client()
    assert guest.post(f"/s/{sess.code}/join", data={"name": "Gast"}).status_code == 303
    with app.test_request_context():
        values = {p: PARAM_FACTORIES[p](world, world.org_a) for p in params}
        url = url_for(endpoint, slug=world.org_a.slug, **values)
    status, location, _ = _open(guest, method, url)
    assert status == 302 and "/login" in location, f"{method} {url}: {status}"
