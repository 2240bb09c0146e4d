"""The inclusieweb's follow-ups: the person's page links the web, a suggestion becomes a
match in one POST, a gone contact is drawn in a comparison, the page script is global."""

from __future__ import annotations

import re

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.inclusieweb.drawing import layout
from resokit_web.roles.models import Match

from ..factories.people import RoleFactory
from .test_web import _add, _c, _web


def test_the_persons_page_links_the_web_with_a_summary(as_role, person):
    client = as_role("member")
    page = client.get(f"/o/org-a/people/{person.id}").get_data(as_text=True)
    assert f'href="{_web(person)}"' in page and "No contact drawn yet." in page and "no moment saved yet" in page
    _add(client, person, label="de bakker")
    _add(client, person, label="mijn zus", domain="family", circle="1")
    client.post(f"{_web(person)}/moments", data={"note": "eerste gesprek"})
    page = client.get(f"/o/org-a/people/{person.id}").get_data(as_text=True)
    assert "2 contacts" in page and "last moment on" in page
    assert client.get(f"/o/org-a/people/{person.id}").status_code == 200
    assert as_role("viewer").get(f"/o/org-a/people/{person.id}").status_code in (403, 404)


def _suggested_role(world, **kw):
    role = RoleFactory(organisation_id=world.org_a.id, title="Praten aan de toog", tags=["taalcafé"], **kw)
    db.session.commit()
    return role


def test_a_suggested_role_becomes_a_match_in_one_post(as_role, person, world):
    role = _suggested_role(world)
    client = as_role("member")
    _add(client, person, label="het taalcafé", circle="wish", domain="leisure")
    html = client.get(_web(person)).get_data(as_text=True)
    assert f'action="{_web(person)}/matches"' in html and f'name="role" value="{role.id}"' in html
    response = client.post(f"{_web(person)}/matches", data={"role": str(role.id)})
    assert response.status_code == 303
    match = db.session.scalars(sa.select(Match)).one()
    assert (match.person_id, match.role_id, match.stage, match.version) == (person.id, role.id, "idea", 1)
    assert response.headers["Location"].endswith(f"/o/org-a/matches/{match.id}")
    again = client.post(f"{_web(person)}/matches", data={"role": str(role.id)})
    assert again.status_code == 422
    assert "This person and this role are already a match." in again.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Match)) == 1


def test_a_role_that_is_not_open_or_unknown_gives_a_422_and_no_match(as_role, person, world):
    role = _suggested_role(world, status="filled")
    other = RoleFactory(organisation_id=world.org_b.id)
    db.session.commit()
    client = as_role("member")
    response = client.post(f"{_web(person)}/matches", data={"role": str(role.id)})
    assert response.status_code == 422
    assert "This role is not open any more" in response.get_data(as_text=True)
    for bad in (str(other.id), "abc", "", "99999999999999999999"):
        assert client.post(f"{_web(person)}/matches", data={"role": bad}).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Match)) == 0
    assert as_role("viewer").post(f"{_web(person)}/matches", data={"role": str(role.id)}).status_code in (403, 404)


def test_the_match_post_needs_its_csrf_token(app, as_role, person, world):
    role = _suggested_role(world)
    client = as_role("member")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(f"{_web(person)}/matches", data={"role": str(role.id)})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code in (400, 422)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Match)) == 0


def test_a_gone_contact_is_drawn_dashed_at_its_former_place_and_not_counted(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        drawn = layout([_c(1, "1", "family")], "Meneer", gone=[_c(2, "2", "friends", label="oude buurman")])
        nodes = {n.item["id"]: n for n in drawn.nodes}
        assert nodes[2].facts == ("gone",) and nodes[2].mark.ring == "2" and nodes[2].mark.wedge == "friends"
        assert not nodes[2].mark.tie and nodes[2].mark.name.startswith("oude buurman (")
        assert {w.key: w.count for w in drawn.wedges}["friends"] == 0
        assert {r.key: r.count for r in drawn.rings}["2"] == 0


def test_the_compare_page_draws_the_gone_contact_with_its_legend(as_role, person):
    client = as_role("member")
    _add(client, person, label="oude buurman", domain="friends", circle="2")
    client.post(f"{_web(person)}/moments", data={"note": "voor de verhuis"})
    (moment,) = client.get(f"{_web(person)}/moments.json").get_json()
    contact = client.get(f"{_web(person)}.json").get_json()["contacts"][0]
    client.post(f"{_web(person)}/contacts/{contact['id']}/archive", data={"version": contact["version"]})
    html = client.get(f"{_web(person)}/compare?from={moment['id']}&to=now").get_data(as_text=True)
    assert re.search(rf'<g class="node node-light node-ring-2 node-gone" data-cid="{contact["id"]}"', html)
    assert "oude buurman (gone)" in html and "legend-gone" in html and "Gone: dashed" in html
    assert "Gone: oude buurman" in html  # and still in the text


def test_the_page_script_comes_with_every_page_so_boosted_links_need_no_full_load(as_role, person):
    client = as_role("member")
    index = client.get("/o/org-a/inclusieweb").get_data(as_text=True)
    assert re.search(r'<script src="[^"]*js/inclusieweb\.js[^"]*" nonce=', index)
    web = client.get(_web(person)).get_data(as_text=True)
    assert f'<a hx-boost="false" href="{_web(person)}"' not in index
    assert web.count("js/inclusieweb.js") == 1


def test_the_presence_bar_names_the_contact_being_edited_only_for_members_on_that_web(as_role, person, world):
    from ..factories.people import PersonFactory

    client = as_role("member")
    _add(client, person, label="Zqxv de bakker")
    (contact,) = client.get(f"{_web(person)}.json").get_json()["contacts"]
    other = PersonFactory(organisation_id=world.org_a.id)
    db.session.commit()
    assert client.get(f"{_web(person)}/contacts/{contact['id']}/edit").status_code == 200
    client.post("/o/org-a/presence", data={"page": f"web-{person.id}", "item": f"contact:{contact['id']}"})
    bar = as_role("coordinator").get(f"/o/org-a/presence?page=web-{person.id}").get_data(as_text=True)
    assert "Member A" in bar and "Zqxv de bakker" in bar and f"#contact-{contact['id']}" in bar
    assert "Zqxv" not in as_role("viewer").get(f"/o/org-a/presence?page=web-{person.id}").get_data(as_text=True)
    # The same item announced on another person's web, or a page that is no web: no name.
    client.post("/o/org-a/presence", data={"page": f"web-{other.id}", "item": f"contact:{contact['id']}"})
    client.post("/o/org-a/presence", data={"page": "web-99999999999999", "item": f"contact:{contact['id']}"})
    for page in (f"web-{other.id}", "web-99999999999999", "people"):
        response = as_role("coordinator").get(f"/o/org-a/presence?page={page}")
        assert response.status_code == 200 and "Zqxv" not in response.get_data(as_text=True)
