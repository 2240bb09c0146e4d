"""Error pages: friendly, in the visitor's language, and revealing nothing of the inside."""

from __future__ import annotations

import re

import pytest

from ..conftest import HX, make_app

TITLES = {
    404: {"nl": "Pagina niet gevonden", "fr": "Page introuvable", "en": "Page not found"},
    500: {
        "nl": "Er ging bij ons iets mis",
        "fr": "Un problème est survenu de notre côté",
        "en": "Something went wrong on our side",
    },
}
SECRET = "database password is hunter2"


@pytest.fixture(params=["development", "production"])
def failing_app(request, app, database_url):
    """An app with a view that crashes, as an unexpected bug would."""
    failing = make_app(database_url, empty=False, RESOKIT_ENV=request.param, PROPAGATE_EXCEPTIONS=False)

    def crash():
        raise RuntimeError(SECRET)

    crash.resokit_access = "public"
    failing.add_url_rule("/crash", "crash", crash)
    return failing


def assert_reveals_nothing(html: str) -> None:
    # Signed CSRF tokens are random and may hold ".py" by chance: leave them out.
    html = re.sub(r"[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}", "", html)
    for leak in ("Traceback", "RuntimeError", SECRET, "site-packages", "werkzeug", ".py"):
        assert leak not in html


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_not_found_is_friendly_in_every_language(client, lang):
    response = client.get("/nergens", headers={"Accept-Language": lang})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html and TITLES[404][lang] in html
    assert 'href="/"' in html  # a way back
    assert_reveals_nothing(html)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_crash_shows_a_friendly_page_and_no_traceback(failing_app, lang):
    response = failing_app.test_client().get("/crash", headers={"Accept-Language": lang})
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert TITLES[500][lang] in html
    assert_reveals_nothing(html)


def test_a_crash_during_an_htmx_request_answers_a_status_message(failing_app):
    response = failing_app.test_client().get("/crash", headers=HX("main")(**{"Accept-Language": "en"}))
    assert response.status_code == 500
    assert response.headers["HX-Retarget"] == "#status"
    html = response.get_data(as_text=True)
    assert "<html" not in html and TITLES[500]["en"] in html
    assert_reveals_nothing(html)


def test_wrong_method_is_friendly(client):
    response = client.get("/logout", headers={"Accept-Language": "en"})
    assert response.status_code == 405
    assert "does not accept this kind of request" in response.get_data(as_text=True)


def test_a_too_large_upload_is_refused_politely(client):
    response = client.post("/login", data={"email": "x" * (9 * 1024 * 1024)}, headers={"Accept-Language": "en"})
    assert response.status_code == 413
    assert "larger than we accept" in response.get_data(as_text=True)


def test_a_signed_in_visitor_gets_a_friendly_page_when_the_database_is_down(app, world, tmp_path):
    """The full error page needs the user and their organisations; with the database gone
    a bare page in the visitor's language still answers, and reveals nothing."""
    from resokit_web import create_app

    from ..conftest import base_config, sign_in

    client = app.test_client()
    sign_in(client, world.member)
    broken = create_app(base_config(f"sqlite:///{tmp_path}/no/such/dir/db.sqlite3", PROPAGATE_EXCEPTIONS=False))
    cookie = client.get_cookie("resokit_session")
    down = broken.test_client()
    down.set_cookie("resokit_session", cookie.value)
    response = down.get("/o/org-a/", headers={"Accept-Language": "fr"})
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert 'lang="fr"' in body and "Un problème est survenu de notre côté" in body
    assert "Traceback" not in body and "sqlite" not in body.lower()
