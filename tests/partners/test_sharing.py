"""Sharing the partner map: the share matrix, the receiving side's rights (read only),
professional secrecy (no notes or contacts ever leave), concurrency and the network view."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from resokit_web.activity.models import Activity
from resokit_web.extensions import db
from resokit_web.orgs.models import Role
from resokit_web.partners import sharing
from resokit_web.partners.models import Partner, Share

from ..conftest import HX, sign_in
from ..factories import MembershipFactory, OrganisationFactory, UserFactory

SECRET_NOTE = "GEHEIM-notitie-over-mevrouw-X"
SECRET_CONTACT = "GEHEIM-contact-Jan-0470"


@pytest.fixture
def source(world, make_partner):
    """Organisation B (coordinator: world.outsider) with two partners, notes and contacts."""
    make_partner(
        org=world.org_b,
        name="Buurthuis Chambéry vzw",
        sector="welfare",
        relation="active",
        strength="strong",
        notes=SECRET_NOTE,
        contact=SECRET_CONTACT,
    )
    make_partner(
        org=world.org_b,
        name="Voedselbank Zuid",
        sector="health",
        relation="wanted",
        formal=False,
        notes=SECRET_NOTE,
        contact=SECRET_CONTACT,
    )
    make_partner(org=world.org_b, name="Oud archief", status="archived", notes=SECRET_NOTE)
    return world.org_b


def _share(client, with_slug="org-a", **headers):
    """Organisation B's coordinator shares B's map."""
    return client.post("/o/org-b/shares", data={"organisation": with_slug}, headers=headers)


def _shares():
    db.session.expire_all()
    return db.session.scalars(sa.select(Share).order_by(Share.id)).all()


SHARED_GETS = [
    "/o/org-a/shared/org-b/partners/map",
    "/o/org-a/shared/org-b/partners/map.svg",
    "/o/org-a/shared/org-b/partners.json",
]


# --- The share matrix ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator"])
def test_before_sharing_the_receiving_side_sees_nothing(as_role, source, role):
    client = as_role(role)
    for url in SHARED_GETS:
        assert client.get(url).status_code == 404
    html = client.get("/o/org-a/network").get_data(as_text=True)
    assert "Wijkpunt B" not in html and "Buurthuis Chambéry" not in html


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator"])
def test_after_sharing_every_role_of_the_receiving_side_reads_the_map(as_role, source, role):
    assert _share(as_role("outsider")).status_code == 303
    client = as_role(role)
    for url in SHARED_GETS:
        assert client.get(url).status_code == 200
    html = client.get("/o/org-a/shared/org-b/partners/map").get_data(as_text=True)
    assert "Buurthuis Chambéry vzw" in html and "Voedselbank Zuid" in html and "Oud archief" not in html
    assert "Wijkpunt B" in client.get("/o/org-a/network").get_data(as_text=True)


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator"])
def test_after_revoking_it_is_gone_at_once(as_role, source, role):
    owner = as_role("outsider")
    _share(owner)
    share = _shares()[0]
    assert owner.post(f"/o/org-b/shares/{share.id}/revoke").status_code == 303
    client = as_role(role)
    for url in SHARED_GETS:
        assert client.get(url).status_code == 404
    assert "Buurthuis Chambéry" not in client.get("/o/org-a/network").get_data(as_text=True)


def test_an_open_shared_map_reloads_itself_when_revoked(as_role, source):
    owner = as_role("outsider")
    _share(owner)
    owner.post(f"/o/org-b/shares/{_shares()[0].id}/revoke")
    response = as_role("viewer").get("/o/org-a/shared/org-b/partners/map", headers=HX("partner-map-block")())
    assert response.status_code == 404 and response.headers["HX-Refresh"] == "true"


@pytest.mark.parametrize("role", ["viewer", "member"])
def test_only_coordinators_share_revoke_or_hide(as_role, source, world, role):
    client = as_role(role)
    assert client.post("/o/org-a/shares", data={"organisation": "org-b"}).status_code == 403
    assert client.get("/o/org-a/shares").status_code == 403
    assert client.get("/o/org-a/shares.json").status_code == 403
    _share(as_role("outsider"))
    assert client.post("/o/org-a/shared/org-b/hide").status_code == 403
    assert client.post("/o/org-a/shared/org-b/show").status_code == 403
    assert _shares()[0].hidden_at is None
    colleague_b = UserFactory()
    MembershipFactory(organisation=world.org_b, user=colleague_b, role=Role(role))
    db.session.commit()
    client_b = as_role("anonymous")
    sign_in(client_b, colleague_b)
    assert client_b.post(f"/o/org-b/shares/{_shares()[0].id}/revoke").status_code == 403
    assert client_b.post("/o/org-b/shares", data={"organisation": "org-a"}).status_code == 403
    assert _shares()[0].revoked_at is None


def test_every_write_from_the_receiving_side_is_refused(as_role, source, world):
    _share(as_role("outsider"))
    share = _shares()[0]
    partner = db.session.scalar(sa.select(Partner).where(Partner.organisation_id == world.org_b.id))
    client = as_role("coordinator")  # coordinator of the receiving organisation A
    refused = [
        client.post("/o/org-b/partners", data={"name": "x", "sector": "welfare", "relation": "active"}),
        client.post(f"/o/org-b/partners/{partner.id}", data={"name": "x", "version": "1"}),
        client.post(f"/o/org-a/partners/{partner.id}", data={"name": "x", "version": "1"}),
        client.post(f"/o/org-a/partners/{partner.id}/activate", data={"version": "1"}),
        client.post(f"/o/org-a/partners/{partner.id}/archive"),
        client.post(f"/o/org-a/partners/{partner.id}/history/1/restore"),
        client.post(f"/o/org-b/shares/{share.id}/revoke"),
        client.post(f"/o/org-a/shares/{share.id}/revoke"),
        client.post("/o/org-b/shares", data={"organisation": "org-a"}),
    ]
    assert [r.status_code for r in refused] == [404] * len(refused)
    for url in SHARED_GETS:
        assert client.post(url).status_code == 405
    db.session.expire_all()
    assert db.session.get(Partner, partner.id).version == 1
    assert _shares()[0].revoked_at is None


# --- Sharing itself ---------------------------------------------------------------------------------


def test_sharing_twice_gives_one_share(as_role, source):
    owner = as_role("outsider")
    assert _share(owner).status_code == 303
    response = _share(owner)
    assert response.status_code == 303
    assert len(_shares()) == 1
    follow = owner.get(response.headers["Location"]).get_data(as_text=True)
    assert "already shared" in follow
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Activity).where(Activity.action == "share.created"))
        == 1
    )


def test_sharing_again_after_revoking_makes_a_new_share(as_role, source):
    owner = as_role("outsider")
    _share(owner)
    first = _shares()[0]
    owner.post(f"/o/org-b/shares/{first.id}/revoke")
    _share(owner)
    shares = _shares()
    assert len(shares) == 2 and shares[0].revoked_at is not None and shares[1].revoked_at is None


@pytest.mark.parametrize(
    "slug,message",
    [
        ("no-such-org", "No organisation uses this short address."),
        ("org-b", "This is your own organisation."),
        ("", "Fill in the short address of the organisation."),
    ],
)
def test_sharing_with_an_unknown_organisation_or_yourself_is_refused(as_role, source, slug, message):
    response = _share(as_role("outsider"), slug)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert _shares() == []
    response = _share(as_role("outsider"), slug, **HX("sharing-main")())
    assert response.status_code == 422 and response.get_data(as_text=True).lstrip().startswith('<div id="sharing-main"')


def test_shares_json_lists_the_active_shares_with_the_contract_fields(as_role, source):
    owner = as_role("outsider")
    _share(owner)
    third = OrganisationFactory(slug="org-c")
    db.session.commit()
    _share(owner, "org-c")
    owner.post(f"/o/org-b/shares/{_shares()[1].id}/revoke")
    data = owner.get("/o/org-b/shares.json").get_json()
    assert [set(d) for d in data] == [{"id", "organisation", "created_at"}]
    assert data[0]["organisation"] == "org-a" and data[0]["id"] == _shares()[0].id
    assert third.slug == "org-c"


def test_revoking_twice_ends_it_once(as_role, source):
    owner = as_role("outsider")
    _share(owner)
    share = _shares()[0]
    assert owner.post(f"/o/org-b/shares/{share.id}/revoke").status_code == 303
    response = owner.post(f"/o/org-b/shares/{share.id}/revoke")
    assert response.status_code == 303 and "had already ended" in owner.get("/o/org-b/shares").get_data(as_text=True)
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Activity).where(Activity.action == "share.revoked"))
        == 1
    )


def test_the_receiving_side_hears_of_the_share_and_can_hide_it(app, as_role, source, world):
    with app.extensions["resokit_bus"].subscribe(world.org_a.id) as sub:
        _share(as_role("outsider"))
        events = sub.drain()
    assert [(e.type, e.extra.get("action")) for e in events] == [("share", "created")]
    coordinator = as_role("coordinator")
    html = coordinator.get("/o/org-a/shares").get_data(as_text=True)
    assert "Wijkpunt B" in html and "/o/org-a/shared/org-b/hide" in html and "sse:share" in html
    assert coordinator.post("/o/org-a/shared/org-b/hide").status_code == 303
    assert "Wijkpunt B" not in as_role("viewer").get("/o/org-a/network").get_data(as_text=True)
    # hidden, not ended: the map itself still opens, and can be shown again
    assert as_role("viewer").get("/o/org-a/shared/org-b/partners/map").status_code == 200
    assert coordinator.post("/o/org-a/shared/org-b/show").status_code == 303
    assert "Wijkpunt B" in as_role("viewer").get("/o/org-a/network").get_data(as_text=True)
    actions = db.session.scalars(
        sa.select(Activity.action).where(Activity.action.like("share.%")).order_by(Activity.id)
    ).all()
    assert actions == ["share.created", "share.received", "share.hidden", "share.shown"]


def test_share_and_revoke_appear_in_both_activity_feeds(as_role, source):
    owner = as_role("outsider")
    _share(owner)
    owner.post(f"/o/org-b/shares/{_shares()[0].id}/revoke")
    feed_b = owner.get("/o/org-b/").get_data(as_text=True)
    assert (
        "shared the partner map" in feed_b and "stopped sharing the partner map" in feed_b and "Buurthuis A" in feed_b
    )
    feed_a = as_role("viewer").get("/o/org-a/").get_data(as_text=True)
    assert "A partner map was shared with your organisation" in feed_a
    assert "is no longer shared with your organisation" in feed_a and "Wijkpunt B" in feed_a


def test_a_change_on_a_shared_map_tells_the_receiving_side(app, as_role, source, world):
    _share(as_role("outsider"))
    partner = db.session.scalar(
        sa.select(Partner).where(Partner.organisation_id == world.org_b.id, Partner.relation == "wanted")
    )
    with app.extensions["resokit_bus"].subscribe(world.org_a.id) as sub:
        as_role("outsider").post(f"/o/org-b/partners/{partner.id}/activate", data={"version": "1"})
        events = sub.drain()
    assert [(e.type, e.id) for e in events] == [("sharedmap", world.org_b.id)]
    assert not any("name" in e.extra or "notes" in e.extra for e in events)


# --- Professional secrecy ------------------------------------------------------------------------


def test_no_note_or_contact_leaks_into_any_shared_view(as_role, source):
    _share(as_role("outsider"))
    pages = {}
    for role in ("viewer", "coordinator"):
        client = as_role(role)
        for url in SHARED_GETS + ["/o/org-a/network", "/o/org-a/", "/o/org-a/partners/map"]:
            pages[(role, url)] = client.get(url)
        for target, url in (("partner-map-block", SHARED_GETS[0]), ("network-block", "/o/org-a/network")):
            pages[(role, url, target)] = client.get(url, headers=HX(target)())
    coordinator = as_role("coordinator")
    pages["shares"] = coordinator.get("/o/org-a/shares")
    pages["incoming"] = coordinator.get("/o/org-a/shares", headers=HX("incoming-list")())
    for key, response in pages.items():
        assert response.status_code == 200, key
        body = response.get_data(as_text=True)
        assert SECRET_NOTE not in body and SECRET_CONTACT not in body, key
        assert "GEHEIM" not in body, key
    data = pages[("viewer", "/o/org-a/shared/org-b/partners.json")].get_json()
    assert [set(p) for p in data["partners"]] == [{"name", "sector", "relation", "strength", "formal"}] * 2


def test_the_shared_rows_come_from_the_selected_columns_only(source):
    rows = sharing.shared_partner_rows(source.id)
    assert [r.name for r in rows] == ["Buurthuis Chambéry vzw", "Voedselbank Zuid"]
    assert all(set(vars(r)) == set(sharing.SHARED_COLUMNS) for r in rows)


# --- Concurrency -------------------------------------------------------------------------------------


def _run_together(app, funcs):
    barrier = threading.Barrier(len(funcs))
    results, errors = [None] * len(funcs), []

    def run(i, func):
        with app.app_context():
            try:
                barrier.wait(timeout=10)
                results[i] = func()
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
                db.session.rollback()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(funcs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    return results


def test_simultaneous_shares_make_one(app, source, world):
    source_id, user_id = source.id, world.outsider.id

    def share():
        org = db.session.get(type(source), source_id)
        return sharing.share_map(org, "org-a", user_id=user_id)[1]

    created = _run_together(app, [share] * 4)
    assert sorted(created) == [False, False, False, True]
    assert len(_shares()) == 1
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Activity).where(Activity.action == "share.created"))
        == 1
    )


def test_simultaneous_revokes_end_it_once(app, as_role, source, world):
    _share(as_role("outsider"))
    share_id, user_id = _shares()[0].id, world.outsider.id

    def revoke():
        return sharing.revoke(db.session.get(Share, share_id), user_id=user_id)

    ended = _run_together(app, [revoke] * 4)
    assert sorted(ended) == [False, False, False, True]
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Activity).where(Activity.action == "share.revoked"))
        == 1
    )


def test_simultaneous_share_and_revoke_apply_once_each(app, as_role, source, world):
    _share(as_role("outsider"))
    share_id, source_id, user_id = _shares()[0].id, source.id, world.outsider.id

    def revoke():
        return sharing.revoke(db.session.get(Share, share_id), user_id=user_id)

    def share():
        return sharing.share_map(db.session.get(type(source), source_id), "org-a", user_id=user_id)[1]

    _run_together(app, [revoke, share, revoke, share])
    shares = _shares()
    active = [s for s in shares if s.revoked_at is None]
    assert shares[0].revoked_at is not None and len(active) <= 1
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Activity).where(Activity.action == "share.revoked"))
        == 1
    )


# --- The network view ----------------------------------------------------------------------------


def test_network_shows_partners_in_common_and_sectors_nobody_reaches(as_role, source, make_partner):
    make_partner(name="BUURTHUIS CHAMBERY", sector="welfare", relation="occasional")
    make_partner(name="Voedselbank-Zuid a.s.b.l.", sector="health", relation="to_discover")
    make_partner(name="Jeugdhuis", sector="youth", relation="active")
    _share(as_role("outsider"))
    html = as_role("viewer").get("/o/org-a/network").get_data(as_text=True)
    common = html[html.index('id="common-title"') : html.index('id="coverage-title"')]
    assert "BUURTHUIS CHAMBERY" in common and "Buurthuis Chambéry vzw" in common
    assert "Voedselbank" in common and "Jeugdhuis" not in common
    gaps = html[html.index('id="gaps-title"') : html.index('id="common-title"')]
    # health: B wants it, A wants to discover it -> nobody reaches it
    assert "Health and care" in gaps and "Welfare" not in gaps and "Youth" not in gaps and "Other" not in gaps
    assert "sse:share" in html and "sse:sharedmap" in html
