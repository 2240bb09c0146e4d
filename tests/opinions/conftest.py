"""Each test-client request in a context of its own, as in production.

The tests hold an app context for the factories; without this, every request would
reuse it, with its ``g`` (Flask-Login's current user) and its database session, so a
second client in one test would act as the first one's user. (The same fix is on its
way to tests/conftest.py for everyone; until then the opinion tests bring their own.)
"""

from __future__ import annotations

import contextvars

import pytest
from flask import has_app_context
from flask.testing import FlaskClient

from resokit_web.extensions import db


class IsolatedClient(FlaskClient):
    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context() and not (db.session.new or db.session.dirty or db.session.deleted):
            db.session.expire_all()
        return response


@pytest.fixture(autouse=True)
def _isolated_clients(request):
    if "app" in request.fixturenames:  # pure unit tests need no app at all
        request.getfixturevalue("app").test_client_class = IsolatedClient
