"""Residents in their own language: the public page, its thanks page, its embed and the
poster also speak Arabic (right to left), Turkish, Spanish, Romanian, Polish and
Portuguese; the workspace stays Dutch, French and English."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale, gettext, ngettext

from resokit_web.extensions import db
from resokit_web.i18n_tools import RESIDENT_LOCALES, load, resident_template
from resokit_web.orgs.models import Organisation
from resokit_web.public.models import PublicPage

from ..conftest import speaking
from ..factories.public import open_public_page
from .helpers import only_submission, place

RESIDENT = ("nl", "fr", "en", *RESIDENT_LOCALES)


@pytest.fixture
def page(world):
    open_public_page(world.org_a, public_slug="kuregem")
    db.session.commit()
    return world.org_a


def html_tag(html: str) -> str:
    return re.search(r"<html[^>]*>", html).group(0)


def translated(app, lang: str, message: str, **variables) -> str:
    with app.test_request_context(), force_locale(lang):
        return gettext(message, **variables)


def h1(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip()


@pytest.mark.parametrize("lang", RESIDENT)
def test_the_page_and_the_thanks_page_speak_each_residents_language(app, client, page, lang):
    html = client.get(f"/buurt/kuregem?lang={lang}").get_data(as_text=True)
    assert f'lang="{lang}"' in html_tag(html)
    assert ('dir="rtl"' in html_tag(html)) == (lang == "ar")
    place_name = page.neighbourhood_in(lang) or page.name
    assert h1(html) == str(translated(app, lang, "Which places in %(place)s matter to you?", place=place_name))
    assert translated(app, lang, "Send") in html
    # The session remembers the choice: the thanks page follows without ?lang=.
    thanks = client.get("/buurt/kuregem/thanks").get_data(as_text=True)
    assert f'lang="{lang}"' in html_tag(thanks)
    assert h1(thanks) == translated(app, lang, "Thank you!")


def test_the_translations_are_not_the_english_text(app):
    english = "Which places in %(place)s matter to you?"
    seen = {translated(app, lang, english, place="Kuregem") for lang in RESIDENT_LOCALES}
    assert len(seen) == len(RESIDENT_LOCALES)
    assert translated(app, "en", english, place="Kuregem") not in seen


def test_the_browser_language_chooses_the_residents_language(client, page):
    speaking(client, "tr-TR,tr;q=0.9,en;q=0.5")
    assert 'lang="tr"' in html_tag(client.get("/buurt/kuregem").get_data(as_text=True))
    speaking(client, "pt-PT,pt;q=0.9")
    assert 'lang="pt"' in html_tag(client.get("/buurt/kuregem").get_data(as_text=True))


def test_the_switch_offers_every_residents_language_in_its_own_name(client, page):
    html = client.get("/buurt/kuregem?lang=ar").get_data(as_text=True)
    for code in RESIDENT:
        assert f'href="/buurt/kuregem?lang={code}" lang="{code}"' in html
    assert "العربية" in html and "Türkçe" in html and "Română" in html
    assert 'aria-current="true"><abbr title="العربية">AR' in html


def test_the_workspace_stays_in_its_three_languages(client, page):
    client.get("/buurt/kuregem?lang=ar")  # remembered for the resident pages
    assert 'lang="nl"' in html_tag(client.get("/login").get_data(as_text=True))
    assert 'lang="nl"' in html_tag(client.get("/login?lang=tr").get_data(as_text=True))
    speaking(client, "ar,fr;q=0.5")
    assert 'lang="fr"' in html_tag(client.get("/login").get_data(as_text=True))


def test_a_coordinator_checks_the_arabic_page_and_keeps_their_own_workspace_language(as_role, page):
    coordinator = as_role("coordinator")
    own = html_tag(coordinator.get("/o/org-a/").get_data(as_text=True))
    assert 'dir="rtl"' in html_tag(coordinator.get("/buurt/kuregem?lang=ar").get_data(as_text=True))
    assert html_tag(coordinator.get("/o/org-a/").get_data(as_text=True)) == own


def test_a_missing_page_answers_in_a_workspace_language(client, page):
    response = client.get("/buurt/no-such-place?lang=ar")
    assert response.status_code == 404
    assert 'lang="nl"' in html_tag(response.get_data(as_text=True))


def test_bad_input_is_explained_in_the_residents_language(app, client, page):
    response = client.post("/buurt/kuregem?lang=pl", data=place(name=""))
    assert response.status_code == 422
    assert translated(app, "pl", "Write the name of the place.") in response.get_data(as_text=True)


def test_a_sent_place_keeps_its_language_and_the_team_sees_it(as_role, client, page):
    response = client.post("/buurt/kuregem?lang=ar", data=place())
    assert response.status_code == 303
    assert only_submission().language == "ar"
    queue = as_role("coordinator").get("/o/org-a/moderation").get_data(as_text=True)
    assert "العربية" in queue


def test_the_map_data_and_the_embed_follow_the_language(app, client, page):
    data = client.get("/buurt/kuregem.geojson?lang=es")
    assert data.status_code == 200
    embed = client.get("/buurt/kuregem/embed?lang=ro").get_data(as_text=True)
    assert 'lang="ro"' in html_tag(embed)
    with app.test_request_context(), force_locale("ro"):
        heading = ngettext("%(num)d place on the map", "%(num)d places on the map", 0)
    assert heading in embed
    # Only a known language is passed on to the embed's own links.
    odd = client.get('/buurt/kuregem/embed?lang="><x').get_data(as_text=True)
    assert "&#34;&gt;&lt;x" not in odd and '"><x' not in odd


# ---- The poster in the organisation's two languages ------------------------------------


def _details(**overrides) -> dict:
    data = {"public_slug": "kuregem", "categories": ["green", "other"], "poster_languages": ["ar", "tr"]}
    data.update(overrides)
    return data


def _saved() -> list[str]:
    db.session.expire_all()
    return db.session.query(PublicPage).one().poster_languages


def test_the_poster_shows_the_two_languages_the_organisation_chose(app, as_role, page):
    coordinator = as_role("coordinator")
    assert _saved() == ["nl", "fr"]
    response = coordinator.post("/o/org-a/settings/public-page/details", data=_details())
    assert response.status_code == 303
    assert _saved() == ["ar", "tr"]
    html = coordinator.get("/o/org-a/poster").get_data(as_text=True)
    place_name = page.name
    for lang in ("ar", "tr"):
        title = translated(
            app, lang, "Which places in %(place)s matter to you?", place=page.neighbourhood_in(lang) or place_name
        )
        assert f'lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">{title}</h2>' in html
    assert 'lang="nl" dir="ltr">' not in html
    assert 'id="poster-ar" checked' in html
    # The settings page shows the choice again.
    settings = coordinator.get("/o/org-a/settings").get_data(as_text=True)
    assert re.search(
        r'<input checked id="poster_languages-\d" name="poster_languages" type="checkbox" value="ar">', settings
    )


def test_one_print_may_pick_other_languages(as_role, page):
    html = as_role("member").get("/o/org-a/poster?languages=pl&languages=es").get_data(as_text=True)
    assert 'lang="pl" dir="ltr">' in html and 'lang="es" dir="ltr">' in html
    assert 'lang="fr" dir="ltr">' not in html
    assert _saved() == ["nl", "fr"]


@pytest.mark.parametrize(
    "chosen,message",
    [(["nl", "fr", "ar"], "Choose at most two"), (["nl", "xx"], "Choose from the list")],
)
def test_poster_languages_out_of_bounds_are_refused_and_nothing_is_saved(as_role, page, chosen, message):
    coordinator = as_role("coordinator")
    speaking(coordinator, "en")
    response = coordinator.post(
        "/o/org-a/settings/public-page/details", data=_details(poster_languages=chosen, public_slug="nieuw")
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert 'id="poster_languages-error"' in html
    assert _saved() == ["nl", "fr"]
    assert db.session.get(Organisation, page.id).public_slug == "kuregem"


def test_no_language_ticked_keeps_the_saved_ones(as_role, page):
    coordinator = as_role("coordinator")
    coordinator.post("/o/org-a/settings/public-page/details", data=_details(poster_languages=["es"]))
    assert _saved() == ["es"]
    response = coordinator.post("/o/org-a/settings/public-page/details", data=_details(poster_languages=[]))
    assert response.status_code == 303
    assert _saved() == ["es"]


# ---- The residents' catalogues ---------------------------------------------------------


@pytest.fixture(scope="module")
def resident_messages():
    return {(m.id, m.context) for m in resident_template() if m.id}


@pytest.mark.parametrize("locale", RESIDENT_LOCALES)
def test_the_residents_catalogue_is_complete_in_step_and_correct(locale, resident_messages):
    catalog = load(locale)
    entries = {(m.id, m.context) for m in catalog if m.id}
    hint = "run: flask --app resokit_web i18n update, translate the resident strings, then i18n compile"
    assert entries == resident_messages, hint
    untranslated = [m.id for m in catalog if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    assert not untranslated, f"{locale}: untranslated: {untranslated}"
    assert not [m.id for m in catalog if m.id and m.fuzzy]
    errors = [(m.id, [str(e) for e in errs]) for m, errs in catalog.check()]
    assert not errors, f"{locale}: {errors}"
    for message in catalog:
        if message.id and not isinstance(message.id, tuple):
            for placeholder in re.findall(r"%\(\w+\)[sd]", message.id):
                assert placeholder in message.string, (locale, message.id)
