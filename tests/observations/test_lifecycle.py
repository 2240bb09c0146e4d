"""Observations are co-edited: edit, history, archive and restore (the declared lifecycle)."""

from __future__ import annotations

from resokit_web.extensions import db
from resokit_web.live.history import entries_for
from resokit_web.observations.models import Observation
from resokit_web.observations.service import add_observation

from ..factories.observations import make_observation


def _observation(world, **values):
    from datetime import UTC, datetime

    obs = add_observation(
        world.org_a.id,
        {
            "text": "Moeders wachten samen aan de schoolpoort",
            "kind": "meeting_place",
            "observed_at": datetime(2026, 12, 1, 13, 30, tzinfo=UTC),
            "lat": 50.8384,
            "lon": 4.321,
            "section": None,
            **values,
        },
        photo=None,
        user_id=None,
    )
    db.session.commit()
    return obs


def _edit(obs, **fields):
    return {
        "version": str(obs.version),
        "text": obs.text,
        "kind": obs.kind,
        "observed_at": "2026-12-01T14:30",
        "lat": "50.8384",
        "lon": "4.321",
        "section": obs.section or "",
        **fields,
    }


def test_a_member_edits_every_field(as_role, world):
    obs = _observation(world)
    client = as_role("member")
    page = client.get(f"/o/org-a/observations/{obs.id}/edit").get_data(as_text=True)
    assert 'value="2026-12-01T14:30"' in page and 'name="version"' in page
    response = client.post(
        f"/o/org-a/observations/{obs.id}",
        data=_edit(
            obs,
            text="Ouders wachten samen",
            kind="need",
            observed_at="2026-12-02T09:15",
            lat="50.84",
            lon="4.32",
            section="social_fabric",
        ),
    )
    assert response.status_code == 303
    db.session.expire_all()
    obs = db.session.get(Observation, obs.id)
    assert (obs.text, obs.kind, obs.lat, obs.lon, obs.section, obs.version) == (
        "Ouders wachten samen",
        "need",
        50.84,
        4.32,
        "social_fabric",
        2,
    )
    assert (obs.observed_at.day, obs.observed_at.hour, obs.observed_at.minute) == (2, 8, 15)


def test_an_edit_needs_a_version_and_valid_fields(as_role, world):
    obs = _observation(world)
    client = as_role("member")
    data = _edit(obs)
    del data["version"]
    assert client.post(f"/o/org-a/observations/{obs.id}", data=data).status_code == 428
    bad = client.post(f"/o/org-a/observations/{obs.id}", data=_edit(obs, text="", section="nope"))
    assert bad.status_code == 422
    body = bad.get_data(as_text=True)
    assert "Write in a few words what you saw or heard." in body and "Choose one of the sections" in body
    db.session.expire_all()
    assert db.session.get(Observation, obs.id).version == 1


def test_edits_merge_and_clashes_are_a_409(as_role, world):
    obs = _observation(world)
    client = as_role("member")
    stale = _edit(obs)
    assert client.post(f"/o/org-a/observations/{obs.id}", data=_edit(obs, kind="need")).status_code == 303
    # A colleague started from version 1 and changed the section only: merged.
    assert client.post(f"/o/org-a/observations/{obs.id}", data={**stale, "section": "housing"}).status_code == 303
    db.session.expire_all()
    obs = db.session.get(Observation, obs.id)
    assert (obs.kind, obs.section, obs.version) == ("need", "housing", 3)
    # Changing the kind from version 1 the other way clashes.
    clash = client.post(f"/o/org-a/observations/{obs.id}", data={**stale, "kind": "tension"})
    assert clash.status_code == 409
    db.session.expire_all()
    assert db.session.get(Observation, obs.id).kind == "need"


def test_history_and_restoring_an_old_version(as_role, world):
    obs = _observation(world)
    client = as_role("member")
    client.post(f"/o/org-a/observations/{obs.id}", data=_edit(obs, text="Veranderd", observed_at="2026-12-03T10:00"))
    page = as_role("viewer").get(f"/o/org-a/observations/{obs.id}/history").get_data(as_text=True)
    assert "Veranderd" in page
    assert client.post(f"/o/org-a/observations/{obs.id}/history/1/restore").status_code == 303
    db.session.expire_all()
    obs = db.session.get(Observation, obs.id)
    assert obs.text == "Moeders wachten samen aan de schoolpoort" and obs.version == 3
    assert (obs.observed_at.day, obs.observed_at.hour) == (1, 13)
    assert client.post(f"/o/org-a/observations/{obs.id}/history/99/restore").status_code == 404
    assert [e.version for e in entries_for(obs)][-1] in (1, 3)


def test_archive_and_restore_no_hard_delete(as_role, world):
    obs = _observation(world, section="housing")
    client = as_role("member")
    assert client.post(f"/o/org-a/observations/{obs.id}/archive").status_code == 303
    db.session.expire_all()
    assert db.session.get(Observation, obs.id).status == "archived"
    viewer = as_role("viewer")
    assert "Moeders wachten" not in viewer.get("/o/org-a/observations").get_data(as_text=True)
    assert "Moeders wachten" in viewer.get("/o/org-a/observations?show=archived").get_data(as_text=True)
    assert b"Moeders wachten" not in viewer.get("/o/org-a/observations.geojson").data
    assert f"/o/org-a/observations/{obs.id}" not in viewer.get("/o/org-a/buurtanalyse").get_data(as_text=True)
    page = viewer.get(f"/o/org-a/observations/{obs.id}").get_data(as_text=True)
    assert "This observation is archived" in page
    assert client.post(f"/o/org-a/observations/{obs.id}/restore").status_code == 303
    db.session.expire_all()
    assert db.session.get(Observation, obs.id).status == "current"
    assert "Moeders wachten" in viewer.get("/o/org-a/observations").get_data(as_text=True)


def test_access_to_the_lifecycle(as_role, world):
    obs = _observation(world)
    other = make_observation(world.org_b.id, photo=False)
    db.session.commit()
    viewer = as_role("viewer")
    assert viewer.get(f"/o/org-a/observations/{obs.id}/edit").status_code == 403
    assert viewer.post(f"/o/org-a/observations/{obs.id}/archive").status_code == 403
    assert viewer.post(f"/o/org-a/observations/{obs.id}", data=_edit(obs)).status_code == 403
    member = as_role("member")
    assert member.get(f"/o/org-a/observations/{other.id}/edit").status_code == 404
    assert member.post(f"/o/org-a/observations/{other.id}/archive").status_code == 404
    assert member.get("/o/org-a/observations/99999999999/history").status_code == 404


def test_an_edit_is_published_live(app, as_role, world):
    from resokit_web.live.events import bus

    obs = _observation(world)
    subscription = bus().subscribe(world.org_a.id)
    try:
        assert (
            as_role("member").post(f"/o/org-a/observations/{obs.id}", data=_edit(obs, text="Live")).status_code == 303
        )
        event = subscription.get(timeout=2)
    finally:
        subscription.close()
    assert event.type == "observation" and event.id == obs.id and event.extra["action"] == "updated"
