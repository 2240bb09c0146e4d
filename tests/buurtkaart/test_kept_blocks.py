"""The buurtkaart page's kept blocks (list, add form, filter form): never another session's
token, never another role's buttons, never older than the last change."""

from __future__ import annotations

import re

from resokit_web.extensions import db
from resokit_web.live import presence

from ..conftest import HX, login
from ..factories.buurtkaart import TreasureFactory
from .test_treasures import edit_form, treasure  # noqa: F401 - the fixture

PAGE = "/o/org-a/buurtkaart"


def tokens(html: str) -> set[str]:
    return set(re.findall(r'name="csrf_token" value="([^"]*)"', html))


def page_token(html: str) -> str:
    return re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)


def test_each_reader_gets_their_own_csrf_token_in_the_kept_blocks(app, world, treasure):
    app.config["WTF_CSRF_ENABLED"] = True
    first, second = app.test_client(), app.test_client()
    for client, user in ((first, world.member), (second, world.coordinator)):
        form = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
        assert login(client, user.email, csrf_token=token).status_code == 303
    one = first.get(PAGE).get_data(as_text=True)
    two = second.get(PAGE).get_data(as_text=True)  # from the kept blocks
    assert tokens(one) == {page_token(one)} and tokens(two) == {page_token(two)}
    assert page_token(one) != page_token(two)
    # And the token works: the kept archive form posts.
    response = second.post(f"/o/org-a/treasures/{treasure.id}/archive", data={"csrf_token": page_token(two)})
    assert response.status_code == 303


def test_a_viewer_never_gets_a_members_kept_blocks(world, as_role, treasure):
    member = as_role("member").get(PAGE).get_data(as_text=True)
    assert "/archive" in member and "Add a treasure" in member
    viewer = as_role("viewer").get(PAGE).get_data(as_text=True)
    assert "/archive" not in viewer and "Add a treasure" not in viewer and "Café Het Kolenhuis" in viewer


def test_the_list_follows_every_change_and_who_is_editing(world, as_role, treasure):
    member, coordinator = as_role("member"), as_role("coordinator")
    assert "Café Het Kolenhuis" in coordinator.get(PAGE).get_data(as_text=True)
    member.post(f"/o/org-a/treasures/{treasure.id}", data=edit_form(treasure, name="Nieuwe naam"))
    html = coordinator.get(PAGE).get_data(as_text=True)
    assert "Nieuwe naam" in html and "Café Het Kolenhuis" not in html
    presence.announce(world.org_a.id, world.member.id, "buurtkaart", f"treasure:{treasure.id}")
    assert "is editing this now" in coordinator.get(PAGE).get_data(as_text=True)
    presence.announce(world.org_a.id, world.member.id, "buurtkaart", f"treasure:{treasure.id}", leaving=True)
    assert "is editing this now" not in coordinator.get(PAGE).get_data(as_text=True)


def test_filters_pages_and_languages_have_their_own_kept_blocks(world, as_role, treasure):
    TreasureFactory(organisation_id=world.org_a.id, name="Een sleutelfiguur", kind="key_figure")
    db.session.commit()
    client = as_role("viewer")
    everything = client.get(PAGE).get_data(as_text=True)
    filtered = client.get(PAGE + "?kind=key_figure").get_data(as_text=True)
    assert "Café Het Kolenhuis" in everything and "Café Het Kolenhuis" not in filtered
    assert 'selected value="key_figure"' in filtered and 'selected value="key_figure"' not in everything
    fragment = client.get(PAGE + "?kind=key_figure", headers=HX("treasure-results")()).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="treasure-results"') and "Een sleutelfiguur" in fragment
    for locale, words in (
        ("nl", "Deze lijst downloaden:"),
        ("fr", "Télécharger cette liste"),
        ("en", "Download this list:"),
    ):
        world.viewer.locale = locale
        db.session.commit()
        assert words in client.get(PAGE).get_data(as_text=True)


def test_a_filter_that_does_not_fit_is_marked_as_typed(world, as_role, treasure):
    html = as_role("viewer").get(PAGE + "?kind=castle").get_data(as_text=True)
    assert "Café Het Kolenhuis" in html  # no filter applied
    assert 'id="filter-kind-error"' in html and 'aria-invalid="true"' in html
