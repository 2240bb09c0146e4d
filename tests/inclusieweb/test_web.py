"""The inclusieweb: contract URLs and fields, versions and 409, measures, compare, SVG, GDPR."""

from __future__ import annotations

import json
import re

import sqlalchemy as sa

from resokit_web.activity.models import Activity
from resokit_web.extensions import db
from resokit_web.inclusieweb.compare import compare
from resokit_web.inclusieweb.measures import measures
from resokit_web.inclusieweb.models import Contact, Moment
from resokit_web.live.history import HistoryEntry
from resokit_web.people.gdpr import erase_person, export_person
from resokit_web.people.models import Person, PersonAccess

from ..factories.buurtkaart import TreasureFactory

FIELDS = {
    "label": "de bakker",
    "domain": "neighbourhood",
    "circle": "3",
    "bond": "light",
    "support": "none",
    "frequency": "daily",
    "wish": "fine",
    "notes": "",
    "treasure_id": "",
    "partner_id": "",
}


def _web(person):
    return f"/o/org-a/people/{person.id}/inclusieweb"


def _add(client, person, **changes):
    return client.post(f"{_web(person)}/contacts", data={**FIELDS, **changes})


def test_add_a_contact_and_read_the_json(as_role, person):
    client = as_role("member")
    response = _add(client, person, label="mijn zus", domain="family", circle="1", bond="strong", support="both")
    assert response.status_code == 303
    data = client.get(f"{_web(person)}.json").get_json()
    assert data["person"] == person.id
    (contact,) = data["contacts"]
    assert set(contact) == {
        "id", "label", "domain", "circle", "bond", "support", "frequency", "wish", "treasure_id", "partner_id", "version"
    }  # fmt: skip
    assert contact["circle"] == "1" and contact["version"] == 1
    assert data["measures"]["per_circle"]["1"] == 1
    assert client.get(_web(person)).headers["Cache-Control"].startswith("no-store")


def test_bad_input_is_refused_next_to_the_field_and_nothing_is_saved(as_role, person, world):
    client = as_role("member")
    for changes, message in (
        ({"domain": "moon"}, "Choose one of the life domains."),
        ({"circle": "4"}, "Choose circle 1, 2, 3 or the wishes."),
        ({"label": ""}, "Write who it is"),
        ({"label": "Jan Peeters"}, "This looks like a full name."),
        ({"label": "bel 0470 12 34 56"}, "This looks like a phone number."),
    ):
        response = _add(client, person, **changes)
        assert response.status_code == 422, changes
        assert message in response.get_data(as_text=True)
    other = TreasureFactory(organisation_id=world.org_b.id, name="Schat van B")
    db.session.commit()
    response = _add(client, person, treasure_id=str(other.id))
    assert response.status_code == 422
    assert "Choose a place of your own neighbourhood map." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 0
    # A full name the team confirms is kept.
    assert _add(client, person, label="Jan Peeters", keep_label="y").status_code == 303


def test_versions_merge_and_conflict(as_role, person):
    client = as_role("member")
    _add(client, person)
    contact = db.session.scalars(sa.select(Contact)).one()
    url = f"{_web(person)}/contacts/{contact.id}"
    assert client.post(url, data={**FIELDS, "circle": "2", "version": 1}).status_code == 303
    # A stale save of another field merges.
    assert client.post(url, data={**FIELDS, "notes": "bakt brood", "version": 1}).status_code == 303
    db.session.refresh(contact)
    assert (contact.circle, contact.notes, contact.version) == ("2", "bakt brood", 3)
    # The same field changed both ways: 409 with the conflict view.
    response = client.post(url, data={**FIELDS, "circle": "1", "version": 1})
    assert response.status_code == 409
    assert client.post(url, data={**FIELDS}).status_code == 428
    # A move by the list's small form, and a stale move of the same field.
    move = f"{url}/move"
    assert client.post(move, data={"circle": "1", "domain": "friends", "version": 3}).status_code == 303
    assert client.post(move, data={"circle": "3", "domain": "family", "version": 3}).status_code == 409
    assert client.post(move, data={"circle": "9", "domain": "friends", "version": 4}).status_code == 422
    db.session.refresh(contact)
    assert (contact.circle, contact.domain, contact.version) == ("1", "friends", 4)


def test_archive_restore_and_history(as_role, person):
    client = as_role("member")
    _add(client, person)
    contact = db.session.scalars(sa.select(Contact)).one()
    url = f"{_web(person)}/contacts/{contact.id}"
    assert client.post(f"{url}/archive").status_code == 303
    assert client.get(f"{_web(person)}.json").get_json()["contacts"] == []
    assert client.post(f"{url}/restore").status_code == 303
    assert len(client.get(f"{_web(person)}.json").get_json()["contacts"]) == 1
    assert "Version 3" in client.get(f"{url}/history").get_data(as_text=True)


def test_a_viewer_sees_no_web_and_another_persons_contact_is_not_found(as_role, person, world):
    assert as_role("viewer").get(_web(person)).status_code == 403
    client = as_role("member")
    _add(client, person)
    contact = db.session.scalars(sa.select(Contact)).one()
    other = Person(organisation_id=world.org_a.id, pseudonym="Iemand anders", status="active")
    db.session.add(other)
    db.session.commit()
    assert client.get(f"/o/org-a/people/{other.id}/inclusieweb/contacts/{contact.id}/edit").status_code == 404


def _c(i, circle, domain="friends", bond="light", support="none", label=None):
    return {"id": i, "label": label or f"c{i}", "circle": circle, "domain": domain, "bond": bond, "support": support}


def test_measures_by_hand():
    contacts = [
        _c(1, "1", "family", "strong", "both"),
        _c(2, "1", "care", "light", "receives"),
        _c(3, "2", "care", "light", "receives"),
        _c(4, "3", "friends", "strong", "both"),
        _c(5, "wish", "leisure"),
    ]
    m = measures(contacts)
    assert m["contacts"] == 4
    assert m["per_circle"] == {"1": 2, "2": 1, "3": 1, "wish": 1}
    assert m["per_domain"]["care"] == 2 and m["per_domain"]["leisure"] == 0
    assert (m["light_share"], m["strong_share"]) == (0.5, 0.5)
    assert m["reciprocal_share"] == 0.5
    assert m["paid_close_share"] == 0.67  # 2 of the 3 in circles 1 and 2
    assert set(m["empty_domains"]) == {"neighbourhood", "daytime", "leisure", "faith", "online"}
    assert m["wishes"] == 1
    assert measures([])["light_share"] is None


def test_compare_by_hand():
    before = [_c(1, "3"), _c(2, "1"), _c(3, "2", bond="light"), _c(4, "2")]
    after = [_c(1, "2"), _c(2, "2"), _c(3, "2", bond="strong"), _c(5, "wish")]
    result = compare(before, after)
    assert [c["id"] for c in result.new] == [5]
    assert [c["id"] for c in result.gone] == [4]
    assert [a["id"] for _b, a in result.closer] == [1]
    assert [a["id"] for _b, a in result.further] == [2]
    assert [a["id"] for _b, a in result.bond_changed] == [3]
    assert result.changes_of(1) == ["closer"]


def test_svg_draws_every_contact_once_in_its_circle_and_wedge(as_role, person):
    client = as_role("member")
    rows = [("mijn zus", "family", "1"), ("de bakker", "neighbourhood", "3"), ("<b>taalcafé</b>", "leisure", "wish")]
    for label, domain, circle in rows:
        assert _add(client, person, label=label, domain=domain, circle=circle).status_code == 303
    response = client.get(f"{_web(person)}.svg")
    assert response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert "<b>" not in svg and "&lt;b&gt;taalcafé&lt;/b&gt;" in svg
    contacts = {c.id: c for c in db.session.scalars(sa.select(Contact))}
    nodes = re.findall(r'<g class="node[^"]*" data-cid="(\d+)" data-circle="([^"]+)" data-domain="([^"]+)"', svg)
    assert sorted(int(i) for i, _c, _d in nodes) == sorted(contacts)
    for i, circle, domain in nodes:
        assert (contacts[int(i)].circle, contacts[int(i)].domain) == (circle, domain)
    page = client.get(_web(person)).get_data(as_text=True)
    assert page.count('data-move-url="') == 3


def test_moments_and_compare_pages(as_role, person):
    client = as_role("member")
    _add(client, person, label="de bakker")
    assert client.post(f"{_web(person)}/moments", data={"note": "eerste gesprek"}).status_code == 303
    _add(client, person, label="het taalcafé", domain="leisure")
    (moment,) = client.get(f"{_web(person)}/moments.json").get_json()
    assert set(moment) == {"id", "taken_at", "note"} and moment["note"] == "eerste gesprek"
    page = client.get(f"{_web(person)}/compare?from={moment['id']}&to=now")
    assert page.status_code == 200
    assert "New: het taalcafé" in page.get_data(as_text=True)
    assert client.get(f"{_web(person)}/compare?from=999999&to=now").status_code == 404
    assert client.get(f"{_web(person)}/compare?from=abc&to=now").status_code == 404
    together = client.get(f"{_web(person)}/together").get_data(as_text=True)
    assert "het taalcafé" in together and "workspace-nav" not in together
    assert client.get(f"{_web(person)}/print").status_code == 200


def test_export_and_erasure_leave_no_contact_moment_or_history(app, as_role, person, world):
    client = as_role("member")
    _add(client, person, label="Zqxv de bakker")
    contact = db.session.scalars(sa.select(Contact)).one()
    client.post(f"{_web(person)}/contacts/{contact.id}", data={**FIELDS, "label": "Zqxv", "version": 1})
    client.post(f"{_web(person)}/moments", data={"note": "Zqxv moment"})
    db.session.expire_all()
    exported = export_person(db.session.get(Person, person.id))
    assert exported["inclusieweb"]["contacts"][0]["label"] == "Zqxv"
    assert exported["inclusieweb"]["moments"][0]["note"] == "Zqxv moment"
    assert any(h["object_type"] == "contact" for h in exported["history"])
    assert json.dumps(exported)
    assert db.session.scalar(
        sa.select(sa.func.count()).select_from(PersonAccess).where(PersonAccess.what == "inclusieweb")
    )
    erase_person(db.session.get(Person, person.id), user_id=world.coordinator.id)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Moment)) == 0
    assert not db.session.scalar(
        sa.select(sa.func.count()).select_from(HistoryEntry).where(HistoryEntry.object_type == "contact")
    )
    assert not db.session.scalar(
        sa.select(sa.func.count()).select_from(Activity).where(Activity.object_type == "contact")
    )


def test_the_live_fragments_render_alone(as_role, person):
    client = as_role("member")
    _add(client, person, label="de bakker")
    for path in ("", "/together"):
        response = client.get(_web(person) + path, headers={"HX-Request": "true", "HX-Target": "web-block"})
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert html.lstrip().startswith('<div id="web-block"') or 'id="web-block"' in html[:200]
        assert "de bakker" in html and "<html" not in html


def test_a_contact_is_a_treasure_or_a_partner_of_the_own_organisation(as_role, person, world):
    from ..factories.partners import PartnerFactory

    client = as_role("member")
    treasure = TreasureFactory(organisation_id=world.org_a.id, name="Repair Café")
    own, theirs = PartnerFactory(organisation_id=world.org_a.id), PartnerFactory(organisation_id=world.org_b.id)
    db.session.commit()
    assert _add(client, person, label="het repair café", treasure_id=str(treasure.id)).status_code == 303
    assert _add(client, person, label="het dienstencentrum", partner_id=str(own.id)).status_code == 303
    response = _add(client, person, label="iets anders", partner_id=str(theirs.id))
    assert response.status_code == 422 and "Choose one of your own partners." in response.get_data(as_text=True)
    both = _add(client, person, label="allebei", treasure_id=str(treasure.id), partner_id=str(own.id))
    assert both.status_code == 422 and "not both" in both.get_data(as_text=True)
    contacts = {c["label"]: c for c in client.get(f"{_web(person)}.json").get_json()["contacts"]}
    assert contacts["het repair café"]["treasure_id"] == treasure.id
    assert contacts["het dienstencentrum"]["partner_id"] == own.id
    assert "is Repair Café" in client.get(_web(person)).get_data(as_text=True)


def test_an_older_version_comes_back_as_a_new_one(as_role, person):
    client = as_role("member")
    _add(client, person, label="de bakker")
    contact = db.session.scalars(sa.select(Contact)).one()
    url = f"{_web(person)}/contacts/{contact.id}"
    client.post(url, data={**FIELDS, "label": "de bakker", "circle": "1", "version": 1})
    assert client.post(f"{url}/history/1/restore").status_code == 303
    db.session.refresh(contact)
    assert (contact.circle, contact.version) == ("3", 3)


def test_wishes_and_empty_domains_suggest_treasures_and_roles_with_a_reason(as_role, person, world):
    from ..factories.people import RoleFactory

    TreasureFactory(organisation_id=world.org_a.id, name="Taalcafé Babbel", tags=["taal", "praten"])
    TreasureFactory(organisation_id=world.org_a.id, name="Sportzaal", category="sport", tags=["sport"])
    role = RoleFactory(organisation_id=world.org_a.id, title="Praten aan de toog", tags=["taalcafé"])
    db.session.commit()
    client = as_role("member")
    _add(client, person, label="het taalcafé", circle="wish", domain="leisure")
    html = client.get(_web(person)).get_data(as_text=True)
    assert "Taalcafé Babbel" in html and "Fits the wish “het taalcafé”" in html
    assert "Sportzaal" in html and "No contact yet in “Leisure and associations”" in html
    assert f'action="/o/org-a/people/{person.id}/inclusieweb/matches"' in html
    assert f'name="role" value="{role.id}"' in html


def test_user_text_is_escaped_in_the_page_and_the_drawing(as_role, person):
    client = as_role("member")
    _add(client, person, label='<img src=x onerror="alert(1)">')
    for path in ("", ".svg", "/together", "/print"):
        html = client.get(_web(person) + path).get_data(as_text=True)
        assert "<img src=x" not in html


def test_the_retention_purge_removes_the_web(app, as_role, person, world):
    from datetime import timedelta

    from resokit_web.extensions import utcnow
    from resokit_web.people.gdpr import purge

    client = as_role("member")
    _add(client, person)
    client.post(f"{_web(person)}/moments", data={"note": ""})
    db.session.execute(sa.update(Person).values(last_active_at=utcnow() - timedelta(days=3650)))
    db.session.commit()
    purge()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Moment)) == 0
