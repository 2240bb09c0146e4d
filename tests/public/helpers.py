"""Shared bits of the public page and moderation tests."""

from __future__ import annotations

import sqlalchemy as sa
from flask.testing import FlaskClient

from resokit_web.buurtkaart.models import Treasure
from resokit_web.extensions import db
from resokit_web.public.models import ResidentSubmission

# Strings from the street that must change nothing: shown as text, wherever they appear.
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "js_url": "javascript:alert(1)",
    "template": "{{7*7}}",
    "formula": '=HYPERLINK("http://evil.test","klik")',
    "rtl": "Café \u202egnp.exe",
    "long_word": "Kwaak" + "a" * 115,
}


def place(**overrides) -> dict:
    """A valid resident submission (the public form's fields)."""
    data = {
        "name": "Wasserette Clemenceau",
        "description": "Terwijl de was draait, praten we.",
        "category": "meeting_place",
        "lat": "50.8366",
        "lon": "4.3185",
        "location_text": "Naast de bakker",
        "email": "",
        "consent": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def counts() -> tuple[int, int]:
    """(treasures, submissions) stored, to check that nothing was stored."""
    return (
        db.session.scalar(sa.select(sa.func.count()).select_from(Treasure)),
        db.session.scalar(sa.select(sa.func.count()).select_from(ResidentSubmission)),
    )


def only_submission() -> ResidentSubmission:
    return db.session.scalars(sa.select(ResidentSubmission)).one()


def assert_no_live_markup(html: str) -> None:
    """None of the hostile strings reaches the page as markup or hidden control."""
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html.lower()
    assert "\u202e" not in html


class OwnContextClient(FlaskClient):
    """A test client whose every request runs in an app context of its own, as in
    production. The shared ``app`` fixture keeps one app context open for the whole
    test, and requests would otherwise share its ``g``: the signed-in user Flask-Login
    caches there and the language Flask-Babel caches there would leak from one client's
    request into another's."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)
