"""Error pages: friendly, in the visitor's language, and revealing nothing of the inside."""

from __future__ import annotations

import pytest

from ..conftest import HX, make_app

TITLES = {
    404: {"nl": "Pagina niet gevonden", "fr": "Page introuvable", "en": "Page not found"},
    500: {"nl": "Er ging bij ons iets mis", "fr": "Un problème est survenu de notre côté",
          "en": "Something went wrong on our side"},
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
    response = client.post("/login", data={"email": "x" * (9 * 1024 * 1024)},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 413
    assert "larger than we accept" in response.get_data(as_text=True)
