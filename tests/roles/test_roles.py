"""Roles: creating with a place or partner of the same organisation, inline editing, versions."""

from __future__ import annotations

import re

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.roles.models import SocialRole

from ..conftest import HX
from ..factories.buurtkaart import TreasureFactory
from ..factories.people import RoleFactory


def _roles(org_id):
    return list(db.session.scalars(sa.select(SocialRole).where(SocialRole.organisation_id == org_id)))


def test_creating_a_role_at_a_treasure(as_role, world):
    treasure = TreasureFactory(organisation_id=world.org_a.id, name="Buurthuis")
    db.session.commit()
    response = as_role("member").post(
        "/o/org-a/roles",
        data={
            "title": "Koffie schenken",
            "description": "Aan het onthaal",
            "tags": "koffie, onthaal",
            "treasure_id": str(treasure.id),
            "partner_id": "",
            "time": "Maandag 9-11 u",
        },
    )
    assert response.status_code == 303
    [role] = _roles(world.org_a.id)
    assert (role.title, role.tags, role.treasure_id, role.partner_id, role.status, role.version) == (
        "Koffie schenken",
        ["koffie", "onthaal"],
        treasure.id,
        None,
        "open",
        1,
    )
    page = as_role("viewer").get("/o/org-a/roles").get_data(as_text=True)
    assert "Koffie schenken" in page and "Buurthuis" in page


def test_a_partner_of_the_same_organisation_only(as_role, world):
    from resokit_web.extensions import utcnow
    from resokit_web.partners.models import Partner

    now = utcnow()
    theirs = Partner(
        organisation_id=world.org_b.id,
        name="Elders",
        sector="welfare",
        relation="active",
        created_at=now,
        updated_at=now,
        version=1,
    )
    ours = Partner(
        organisation_id=world.org_a.id,
        name="OCMW",
        sector="welfare",
        relation="active",
        created_at=now,
        updated_at=now,
        version=1,
    )
    other_treasure = TreasureFactory(organisation_id=world.org_b.id)
    db.session.add_all([theirs, ours])
    db.session.commit()
    client = as_role("member")
    base = {"title": "Boodschappen", "tags": "boodschappen", "time": "", "treasure_id": "", "partner_id": ""}
    response = client.post("/o/org-a/roles", data={**base, "partner_id": str(theirs.id)})
    assert response.status_code == 422 and 'id="partner_id-error"' in response.get_data(as_text=True)
    response = client.post("/o/org-a/roles", data={**base, "treasure_id": str(other_treasure.id)})
    assert response.status_code == 422 and 'id="treasure_id-error"' in response.get_data(as_text=True)
    mine = TreasureFactory(organisation_id=world.org_a.id)
    db.session.commit()
    response = client.post("/o/org-a/roles", data={**base, "treasure_id": str(mine.id), "partner_id": str(ours.id)})
    assert response.status_code == 422 and "not both" in response.get_data(as_text=True)
    assert _roles(world.org_a.id) == []
    assert client.post("/o/org-a/roles", data={**base, "partner_id": str(ours.id)}).status_code == 303


def test_bad_role_input(as_role, world):
    client = as_role("member")
    assert client.post("/o/org-a/roles", data={"title": ""}).status_code == 422
    response = client.post("/o/org-a/roles", data={"title": "x" * 121})
    assert response.status_code == 422 and 'id="title-error"' in response.get_data(as_text=True)
    response = client.post("/o/org-a/roles", data={"title": "Rol", "tags": ", ".join(f"t{i}" for i in range(21))})
    assert response.status_code == 422 and 'id="tags-error"' in response.get_data(as_text=True)


def test_roles_json_has_the_contract_fields(as_role, world):
    role = RoleFactory(organisation_id=world.org_a.id, title="Voorlezen", tags=["lezen"])
    db.session.commit()
    assert as_role("viewer").get("/o/org-a/roles.json").get_json() == [
        {"id": role.id, "title": "Voorlezen", "tags": ["lezen"], "status": "open", "version": 1}
    ]


def _form(role, **changes):
    return {
        "title": role.title,
        "description": role.description,
        "tags": ", ".join(role.tags),
        "treasure_id": "",
        "partner_id": "",
        "time": role.time,
        "status": role.status,
        **changes,
    }


def test_inline_editing_answers_the_row(as_role, world, role):
    client = as_role("member")
    edit = client.get(f"/o/org-a/roles/{role.id}/edit", headers=HX(f"role-{role.id}")())
    html = edit.get_data(as_text=True)
    assert edit.status_code == 200 and "<html" not in html and 'name="version" value="1"' in html
    saved = client.post(
        f"/o/org-a/roles/{role.id}",
        data={**_form(role, status="filled"), "version": 1},
        headers=HX(f"role-{role.id}")(),
    )
    html = saved.get_data(as_text=True)
    assert saved.status_code == 200 and f'id="role-{role.id}"' in html and "Filled" in html
    db.session.expire_all()
    assert role.status == "filled" and role.version == 2


def test_role_merge_and_conflict(as_role, world, role):
    url = f"/o/org-a/roles/{role.id}"
    assert as_role("member").post(url, data={**_form(role, time="Vrijdag"), "version": 1}).status_code == 303
    merged = as_role("coordinator").post(url, data={**_form(role, tags="kok, afwas, soep"), "version": 1})
    assert merged.status_code == 303
    db.session.expire_all()
    assert role.time == "Vrijdag" and "soep" in role.tags and role.version == 3
    clash = as_role("coordinator").post(
        url, data={**_form(role, time="Zaterdag"), "version": 1}, headers=HX(f"role-{role.id}")()
    )
    assert clash.status_code == 409
    html = clash.get_data(as_text=True)
    assert "Vrijdag" in html and "Zaterdag" in html and "__choice_time" in html
    assert as_role("member").post(url, data=_form(role)).status_code == 428


def test_archive_and_restore_a_role(as_role, world, role):
    client = as_role("member")
    assert client.post(f"/o/org-a/roles/{role.id}/archive").status_code == 303
    db.session.expire_all()
    assert role.status == "archived"
    assert f'id="role-{role.id}"' not in client.get("/o/org-a/roles").get_data(as_text=True)
    assert f'id="role-{role.id}"' in client.get("/o/org-a/roles?show=archived").get_data(as_text=True)
    assert client.post(f"/o/org-a/roles/{role.id}/restore").status_code == 303
    db.session.expire_all()
    assert role.status == "open" and role.version == 3
    history = client.get(f"/o/org-a/roles/{role.id}/history").get_data(as_text=True)
    assert "Archived" in history


def test_restoring_the_last_archived_role_leaves_an_empty_count(as_role, world, role):
    client = as_role("member")
    client.post(f"/o/org-a/roles/{role.id}/archive")
    archived = client.get("/o/org-a/roles?show=archived").get_data(as_text=True)
    count = re.search(r'<div id="role-count"[^>]*>', archived).group(0)
    assert 'hx-get="/o/org-a/roles?show=archived"' in count and "sse:role delay:300ms" in count
    client.post(f"/o/org-a/roles/{role.id}/restore", headers=HX(f"role-{role.id}")())
    # What the count asks when the restore's event arrives: no role left in the archive.
    fragment = client.get("/o/org-a/roles?show=archived", headers=HX("role-count")()).get_data(as_text=True)
    assert "0 roles" in fragment and "No roles here yet." in fragment
    assert 'id="role-list"' not in fragment
