"""Coordinators switch the public page on and off and set its address, texts and choices;
a poster with a QR code invites residents."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from resokit_web.activity.models import Activity
from resokit_web.extensions import db
from resokit_web.orgs.models import Organisation
from resokit_web.public.models import PublicPage
from resokit_web.public.poster import qr_svg

from ..factories.public import open_public_page


def _details(**overrides) -> dict:
    data = {
        "public_slug": "kuregem",
        "intro_nl": "Welkom!",
        "intro_fr": "Bienvenue !",
        "intro_en": "Welcome!",
        "categories": ["green", "cafe_food", "other"],
    }
    data.update(overrides)
    return data


def _org(world) -> Organisation:
    db.session.expire_all()
    return db.session.get(Organisation, world.org_a.id)


def test_settings_page_for_coordinators(as_role):
    html = as_role("coordinator").get("/o/org-a/settings").get_data(as_text=True)
    assert 'action="/o/org-a/settings/public-page"' in html
    assert 'name="enabled" type="radio" value="y"' in html
    assert 'action="/o/org-a/settings/public-page/details"' in html
    assert as_role("member").get("/o/org-a/settings").status_code == 403


def test_switch_on_gives_an_address_and_off_answers_404(as_role, client, world):
    coordinator = as_role("coordinator")
    assert client.get("/buurt/org-a").status_code == 404
    response = coordinator.post("/o/org-a/settings/public-page", data={"enabled": "y"})
    assert response.status_code == 303
    org = _org(world)
    assert (org.public_enabled, org.public_slug) == (True, "org-a")
    assert client.get("/buurt/org-a").status_code == 200

    assert coordinator.post("/o/org-a/settings/public-page", data={"enabled": "n"}).status_code == 303
    assert _org(world).public_enabled is False
    assert client.get("/buurt/org-a").status_code == 404
    actions = list(db.session.scalars(sa.select(Activity.action).where(Activity.action.like("public_page.%"))))
    assert actions == ["public_page.enabled", "public_page.disabled"]


@pytest.mark.parametrize("value", ["", "maybe", "yes"])
def test_switch_needs_y_or_n(as_role, world, value):
    response = as_role("coordinator").post("/o/org-a/settings/public-page", data={"enabled": value})
    assert response.status_code == 422
    assert 'id="enabled-error"' in response.get_data(as_text=True)
    assert _org(world).public_enabled is False


def test_switch_keeps_a_taken_address_free(as_role, world):
    world.org_b.public_slug = "org-a"
    db.session.commit()
    as_role("coordinator").post("/o/org-a/settings/public-page", data={"enabled": "y"})
    assert _org(world).public_slug not in (None, "org-a")


def test_address_texts_and_choices(as_role, client, world):
    open_public_page(world.org_a, public_slug="oud-adres")
    db.session.commit()
    response = as_role("coordinator").post("/o/org-a/settings/public-page/details", data=_details())
    assert response.status_code == 303
    assert client.get("/buurt/oud-adres").status_code == 404
    html = client.get("/buurt/kuregem?lang=en").get_data(as_text=True)
    assert "Welcome!" in html
    assert re.findall(r'name="category" type="radio" value="([a-z_]+)"', html) == ["green", "cafe_food", "other"]
    page = db.session.scalars(sa.select(PublicPage)).one()
    assert (page.intro_nl, page.intro_fr, page.categories) == (
        "Welkom!",
        "Bienvenue !",
        ["green", "cafe_food", "other"],
    )
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(Activity).where(Activity.action == "public_page.updated")
        )
        == 1
    )


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"public_slug": ""}, "public_slug"),
        ({"public_slug": "Met Spaties"}, "public_slug"),
        ({"public_slug": "a.b"}, "public_slug"),
        ({"public_slug": "ab"}, "public_slug"),
        ({"public_slug": "taken"}, "public_slug"),
        ({"intro_nl": "x" * 601}, "intro_nl"),
        ({"categories": []}, "categories"),
        ({"categories": ["green", "casino"]}, "categories"),
    ],
)
def test_bad_settings_get_a_message_beside_the_field(as_role, world, overrides, field):
    world.org_b.public_slug = "taken"
    db.session.commit()
    response = as_role("coordinator").post("/o/org-a/settings/public-page/details", data=_details(**overrides))
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PublicPage)) == 0


def test_intro_texts_are_plain_text(as_role, client, world):
    open_public_page(world.org_a, public_slug="kuregem")
    db.session.commit()
    as_role("coordinator").post(
        "/o/org-a/settings/public-page/details", data=_details(intro_en="<b>Hallo</b> *wereld*\u202e")
    )
    html = client.get("/buurt/kuregem?lang=en").get_data(as_text=True)
    assert "&lt;b&gt;Hallo&lt;/b&gt; *wereld*" in html
    assert "<b>Hallo" not in html and "\u202e" not in html


# ---- Poster -----------------------------------------------------------------------------


def test_poster_in_the_chosen_languages(as_role, world):
    open_public_page(world.org_a, public_slug="kuregem", fr="Bienvenue dans le quartier.")
    db.session.commit()
    response = as_role("member").get("/o/org-a/poster?languages=fr&languages=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'lang="fr"' in html and 'lang="en"' in html and '<h2 class="poster-title" lang="nl"' not in html
    assert "Bienvenue dans le quartier." in html
    assert "Scan the code with your phone." in html
    assert "http://localhost/buurt/kuregem" in html
    # The QR code is inline SVG made here, for exactly that address: no external request.
    assert qr_svg("http://localhost/buurt/kuregem") in html
    assert not re.search(r'(src|href)="https?://(?!localhost)', html)
    assert 'class="poster poster-langs-2"' in html


def test_poster_defaults_to_dutch_and_french(as_role, world):
    open_public_page(world.org_a, public_slug="kuregem")
    db.session.commit()
    html = as_role("member").get("/o/org-a/poster?languages=xx").get_data(as_text=True)
    assert re.findall(r'<h2 class="poster-title" lang="(..)"', html) == ["nl", "fr"]


def test_poster_warns_when_the_page_is_off(as_role):
    html = as_role("member").get("/o/org-a/poster").get_data(as_text=True)
    assert "The public page is off." in html


def test_poster_prints_on_a4(app):
    with open(app.static_folder + "/css/app.css", encoding="utf-8") as fh:
        css = fh.read()
    assert "@page poster { size: A4 portrait;" in css
    assert ".poster { page: poster;" in css
