"""Languages: which one a page speaks, the switch, and complete catalogues in step with the code."""

from __future__ import annotations

import re

import pytest
from babel.messages.mofile import read_mo

from resokit_web.extensions import db
from resokit_web.i18n_tools import LOCALES, extract, load, po_path
from resokit_web.orgs.models import Role

from ..conftest import login, speaking
from ..factories import UserFactory

SIGN_IN = {"nl": "Aanmelden", "fr": "Se connecter", "en": "Sign in"}


def page_language(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.get_data(as_text=True)).group(1)


def heading(response) -> str:
    return re.search(r"<h1>(.*?)</h1>", response.get_data(as_text=True), re.S).group(1).strip()


@pytest.mark.parametrize(
    "accept,expected",
    [
        (None, "nl"),  # Dutch by default
        ("fr-BE,fr;q=0.9,en;q=0.5", "fr"),
        ("en-GB,en;q=0.9", "en"),
        ("de-DE,de;q=0.9", "nl"),  # unsupported: the default
        ("de,fr;q=0.5,nl;q=0.4", "fr"),
    ],
)
def test_the_browser_language_is_used_when_nothing_else_is_known(client, accept, expected):
    headers = {"Accept-Language": accept} if accept else {}
    response = client.get("/login", headers=headers)
    assert page_language(response) == expected
    assert heading(response) == SIGN_IN[expected]


def test_lang_in_the_address_beats_the_browser_and_is_remembered(client):
    speaking(client, "fr")
    response = client.get("/login?lang=en")
    assert page_language(response) == "en" and heading(response) == "Sign in"
    assert page_language(client.get("/signup")) == "en"
    assert page_language(client.get("/login?lang=xx")) == "en"  # unknown: ignored


def test_the_saved_preference_beats_everything(app, client):
    UserFactory(email="claire@example.test", locale="fr")
    db.session.commit()
    login(speaking(client, "en"), "claire@example.test")
    for url in ("/orgs", "/orgs?lang=nl", "/account?lang=en"):
        assert page_language(client.get(url)) == "fr"


@pytest.mark.parametrize("lang", LOCALES)
def test_the_switch_works_for_anonymous_visitors(client, lang):
    response = client.post("/language", data={"lang": lang, "next": "/signup"})
    assert response.status_code == 303 and response.headers["Location"] == "/signup"
    assert page_language(client.get("/login", headers={"Accept-Language": "de"})) == lang
    assert heading(client.get("/login")) == SIGN_IN[lang]


def test_the_switch_saves_a_signed_in_users_preference(app, client):
    user = UserFactory(email="samir@example.test", locale="nl")
    db.session.commit()
    login(client, "samir@example.test")
    client.post("/language", data={"lang": "fr", "next": "/account"})
    db.session.refresh(user)
    assert user.locale == "fr"
    assert page_language(client.get("/account")) == "fr"
    # It follows them to another device.
    other = app.test_client()
    login(other, "samir@example.test")
    assert page_language(other.get("/orgs")) == "fr"


def test_the_switch_ignores_unknown_languages_and_foreign_next(client):
    response = client.post("/language", data={"lang": "de", "next": "https://evil.test/"})
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert page_language(client.get("/login")) == "nl"


def test_every_page_offers_the_switch(client):
    html = client.get("/login").get_data(as_text=True)
    assert 'action="/language"' in html
    for lang in LOCALES:
        assert f'name="lang" value="{lang}"' in html


# Catalogues ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def code_messages():
    return {(m.id, m.context) for m in extract() if m.id}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_catalogue_is_complete_and_correct(locale):
    catalog = load(locale)
    untranslated = [m.id for m in catalog if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, f"{locale}: untranslated: {untranslated}"
    assert not fuzzy, f"{locale}: fuzzy: {fuzzy}"
    assert not catalog.fuzzy, f"{locale}: the catalogue header is marked fuzzy"
    # A placeholder missing or misspelt in a translation would crash the page that shows it.
    errors = [(m.id, [str(e) for e in errs]) for m, errs in catalog.check()]
    assert not errors, f"{locale}: {errors}"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_catalogue_is_in_step_with_the_code(locale, code_messages):
    catalog = {(m.id, m.context) for m in load(locale) if m.id}
    missing = code_messages - catalog
    stale = catalog - code_messages
    hint = "run: flask --app resokit_web i18n update, translate nl and fr, then i18n compile"
    assert not missing, f"{locale}: not in the catalogue ({hint}): {sorted(map(str, missing))}"
    assert not stale, f"{locale}: no longer in the code ({hint}): {sorted(map(str, stale))}"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_compiled_catalogue_matches_the_po_file(locale):
    def norm(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    def context(value):  # read_mo gives a message context as bytes
        return value.decode() if isinstance(value, bytes) else value

    def entries(catalog):
        return {(norm(m.id), context(m.context)): norm(m.string) for m in catalog if m.id and m.string and not m.fuzzy}

    with open(po_path(locale).with_suffix(".mo"), "rb") as fh:
        compiled = read_mo(fh)
    assert entries(compiled) == entries(load(locale)), (
        f"{locale}: messages.mo is older than messages.po: run flask --app resokit_web i18n compile"
    )


# Dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,short,long",
    [
        ("en", "03/12/2026, 09:05", "3 December 2026"),  # British: day first, 24 hours
        ("nl", "03-12-2026, 09:05", "3 december 2026"),
        ("fr", "03/12/2026 09:05", "3 décembre 2026"),
    ],
)
def test_dates_read_day_first_in_every_language(app, lang, short, long):
    from datetime import UTC, datetime

    from flask_babel import force_locale

    from resokit_web.core.i18n import format_date, format_datetime

    moment = datetime(2026, 12, 3, 8, 5, tzinfo=UTC)  # 09:05 in Brussels
    with app.test_request_context(), force_locale(lang):
        assert format_datetime(moment, "short") == short
        assert format_date(moment, "long") == long
        rendered = app.jinja_env.from_string('{{ m|datetimeformat("short") }} {{ m|dateformat("long") }}').render(
            m=moment
        )
        assert rendered == f"{short} {long}"


def test_an_english_page_shows_its_dates_day_first(app, client):
    from datetime import UTC, datetime

    from ..factories import InvitationFactory, MembershipFactory, OrganisationFactory

    org = OrganisationFactory(slug="dates")
    user = UserFactory(email="coord@dates.test", locale="en")
    MembershipFactory(organisation=org, user=user, role=Role.coordinator)
    InvitationFactory(organisation=org, expires_at=datetime(2099, 3, 4, 8, 5, tzinfo=UTC))
    db.session.commit()
    login(client, "coord@dates.test")
    html = client.get("/o/dates/members").get_data(as_text=True)
    assert "04/03/2099, 09:05" in html  # 4 March, not 3 April; not "3/4/99, 9:05 AM"
