"""Moderation: the queue, who sees what, and the three decisions."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from resokit_web.activity.models import Activity
from resokit_web.buurtkaart.models import Treasure
from resokit_web.extensions import db
from resokit_web.live.history import HistoryEntry
from resokit_web.public.models import ResidentSubmission

from ..conftest import HX
from ..factories.buurtkaart import TreasureFactory
from ..factories.public import make_proposal, open_public_page


@pytest.fixture
def proposal(world):
    open_public_page(world.org_a, public_slug="kuregem")
    treasure = make_proposal(world.org_a, name="Wasserette", email="fatima@example.org")
    db.session.commit()
    return treasure


def _submission(treasure_id: int) -> ResidentSubmission:
    db.session.expire_all()
    return db.session.scalars(sa.select(ResidentSubmission).where(ResidentSubmission.treasure_id == treasure_id)).one()


def _actions() -> list[str]:
    return list(db.session.scalars(sa.select(Activity.action).order_by(Activity.id)))


def _history(treasure_id: int) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(HistoryEntry.action)
            .where(HistoryEntry.object_type == "treasure", HistoryEntry.object_id == treasure_id)
            .order_by(HistoryEntry.version)
        )
    )


# ---- Who sees what -------------------------------------------------------------------


@pytest.mark.parametrize(
    "role,sees_email,can_decide", [("coordinator", True, True), ("member", False, True), ("viewer", False, False)]
)
def test_queue_by_role(as_role, proposal, role, sees_email, can_decide):
    client = as_role(role)
    pages = [
        client.get("/o/org-a/moderation"),
        client.get(f"/o/org-a/moderation/{proposal.id}"),
        client.get(f"/o/org-a/moderation/{proposal.id}?part=card", headers=HX(f"proposal-{proposal.id}")()),
    ]
    for response in pages:
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Wasserette" in html
        assert ("fatima@example.org" in html) is sees_email
        assert (f'action="/o/org-a/moderation/{proposal.id}/accept"' in html) is can_decide


def test_the_e_mail_never_leaves_the_moderation_pages(client, as_role, proposal):
    coordinator = as_role("coordinator")
    coordinator.post(f"/o/org-a/moderation/{proposal.id}/accept", data={"version": 1})
    for html in (
        client.get("/buurt/kuregem").get_data(as_text=True),
        client.get("/buurt/kuregem.geojson").get_data(as_text=True),
        coordinator.get("/o/org-a/buurtkaart").get_data(as_text=True),
        coordinator.get(f"/o/org-a/treasures/{proposal.id}").get_data(as_text=True),
        coordinator.get(f"/o/org-a/treasures/{proposal.id}/history").get_data(as_text=True),
        coordinator.get("/o/org-a/").get_data(as_text=True),
    ):
        assert "fatima@example.org" not in html


def test_the_navigation_counts_waiting_proposals(as_role, world, proposal):
    make_proposal(world.org_a, name="Tweede")
    db.session.commit()
    html = as_role("viewer").get("/o/org-a/").get_data(as_text=True)
    badge = re.search(r'<span id="moderation-badge" class="badge-slot"([^>]*)>(.*?)</span></span>', html)
    assert badge and '<span class="badge">2' in badge.group(2)
    assert 'hx-trigger="sse:proposal, live:resync from:body"' in badge.group(1)
    assert 'hx-get="/o/org-a/moderation"' in badge.group(1)


def test_the_badge_refreshes_itself_as_a_small_fragment(as_role, world, proposal):
    client = as_role("member")
    response = client.get("/o/org-a/moderation", headers=HX("moderation-badge")())
    assert response.status_code == 200
    assert response.get_data(as_text=True).strip() == '<span class="badge">1</span>'
    client.post(f"/o/org-a/moderation/{proposal.id}/accept", data={"version": 1})
    assert client.get("/o/org-a/moderation", headers=HX("moderation-badge")()).get_data(as_text=True).strip() == ""


def test_the_decided_list_refreshes_itself(as_role, proposal):
    client = as_role("viewer")
    html = client.get("/o/org-a/moderation", headers=HX("decided-list")()).get_data(as_text=True)
    assert html.lstrip().startswith('<div id="decided-list"') and "Nothing decided yet." in html
    as_role("member").post(f"/o/org-a/moderation/{proposal.id}/accept", data={"version": 1})
    html = client.get("/o/org-a/moderation", headers=HX("decided-list")()).get_data(as_text=True)
    assert "Wasserette" in html and "<html" not in html


def test_other_organisations_do_not_see_the_queue(as_role, proposal):
    html = as_role("outsider").get("/o/org-b/moderation").get_data(as_text=True)
    assert "Wasserette" not in html


# ---- Accept -----------------------------------------------------------------------------


def test_accept_as_it_is(as_role, world, proposal, client):
    response = as_role("member").post(f"/o/org-a/moderation/{proposal.id}/accept", data={"version": 1})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/o/org-a/moderation")
    db.session.expire_all()
    treasure = db.session.get(Treasure, proposal.id)
    assert (treasure.status, treasure.public, treasure.source, treasure.version) == ("accepted", True, "resident", 2)
    assert treasure.updated_by_id == world.member.id
    submission = _submission(proposal.id)
    assert (submission.decision, submission.decided_by_id) == ("accepted", world.member.id)
    assert _history(proposal.id) == ["proposed", "accepted"]
    assert _actions()[-1] == "treasure.accepted"
    # It is on the team's map and on the public page now.
    assert "Wasserette" in as_role("viewer").get("/o/org-a/buurtkaart").get_data(as_text=True)
    assert "Wasserette" in client.get("/buurt/kuregem").get_data(as_text=True)
    assert "Wasserette" in client.get("/buurt/kuregem.geojson").get_data(as_text=True)


def test_accept_without_consent_stays_team_only(as_role, world, proposal, client):
    other = make_proposal(world.org_a, name="Stil plekje", consent=False)
    db.session.commit()
    as_role("member").post(f"/o/org-a/moderation/{other.id}/accept", data={"version": 1})
    db.session.expire_all()
    assert db.session.get(Treasure, other.id).public is False
    assert "Stil plekje" not in client.get("/buurt/kuregem").get_data(as_text=True)


def _edited(treasure_id: int, **overrides) -> dict:
    p = f"p{treasure_id}-"
    data = {
        "version": 1,
        p + "name": "Wasserette Clemenceau",
        p + "kind": "initiative",
        p + "category": "solidarity",
        p + "description": "Samen wassen en praten.",
        p + "address": "Clemenceaulaan 12",
        p + "lat": "50.8370",
        p + "lon": "4.3190",
    }
    data.update({(p + k if k != "version" else k): v for k, v in overrides.items()})
    return data


def test_accept_after_an_edit(as_role, proposal, client):
    response = as_role("coordinator").post(f"/o/org-a/moderation/{proposal.id}/accept", data=_edited(proposal.id))
    assert response.status_code == 303
    db.session.expire_all()
    t = db.session.get(Treasure, proposal.id)
    assert (t.name, t.kind, t.category, t.description, t.address, t.lat, t.lon) == (
        "Wasserette Clemenceau",
        "initiative",
        "solidarity",
        "Samen wassen en praten.",
        "Clemenceaulaan 12",
        50.837,
        4.319,
    )
    # The public box was left unticked: the moderator chose to keep it for the team.
    assert t.status == "accepted" and t.public is False
    assert "Wasserette" not in client.get("/buurt/kuregem").get_data(as_text=True)


def test_accept_after_an_edit_public_when_ticked(as_role, proposal):
    as_role("coordinator").post(f"/o/org-a/moderation/{proposal.id}/accept", data=_edited(proposal.id, public="y"))
    db.session.expire_all()
    assert db.session.get(Treasure, proposal.id).public is True


def test_no_consent_means_never_public_whatever_the_form_says(as_role, world):
    other = make_proposal(world.org_a, name="Stil plekje", consent=False)
    db.session.commit()
    html = as_role("member").get(f"/o/org-a/moderation/{other.id}").get_data(as_text=True)
    assert re.search(rf'name="p{other.id}-public"[^>]*disabled', html) or re.search(
        rf'disabled[^>]*name="p{other.id}-public"', html
    )
    as_role("member").post(f"/o/org-a/moderation/{other.id}/accept", data=_edited(other.id, public="y"))
    db.session.expire_all()
    assert db.session.get(Treasure, other.id).public is False


def test_bad_edit_is_refused_beside_the_field_and_nothing_is_decided(as_role, proposal):
    response = as_role("member").post(
        f"/o/org-a/moderation/{proposal.id}/accept", data=_edited(proposal.id, name="", lat="95")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="p{proposal.id}-name-error"' in html and f'id="p{proposal.id}-lat-error"' in html
    assert _submission(proposal.id).decision is None
    assert db.session.get(Treasure, proposal.id).status == "proposed"


def test_a_decision_sent_back_keeps_what_was_typed_in_the_other_forms(as_role, proposal):
    """The page sends the whole card with each decision (hx-include): a turn-down
    without a reason comes back with its message, and the accept form still holds the
    moderator's edits, the merge form their choice."""
    pid = proposal.id
    card = {
        **_edited(pid, name="Buurtwinkel Aïcha en zoon", description="Kruidenier, kent iedereen."),
        f"p{pid}-note": "Nog even nakijken",
    }
    html = (
        as_role("member")
        .post(
            f"/o/org-a/moderation/{pid}/reject",
            data=card,
            headers={"HX-Request": "true", "HX-Target": f"proposal-{pid}"},
        )
        .get_data(as_text=True)
    )
    assert f'id="p{pid}-reason-error"' in html
    assert 'value="Buurtwinkel Aïcha en zoon"' in html and "Kruidenier, kent iedereen." in html
    assert "Nog even nakijken" in html
    assert f'id="p{pid}-name-error"' not in html  # the accept form was not judged
    assert _submission(pid).decision is None
    # Without the other forms' fields (a browser without JavaScript sends one form), the
    # accept form shows the proposal as it is stored.
    html = as_role("member").post(f"/o/org-a/moderation/{pid}/reject", data={}).get_data(as_text=True)
    assert "Buurtwinkel Aïcha en zoon" not in html and f'value="{proposal.name}"' in html


def test_accept_needs_the_version(as_role, proposal):
    assert as_role("member").post(f"/o/org-a/moderation/{proposal.id}/accept", data={}).status_code == 428
    assert _submission(proposal.id).decision is None


def test_accept_with_htmx_answers_the_decided_card(as_role, proposal):
    response = as_role("member").post(
        f"/o/org-a/moderation/{proposal.id}/accept", data={"version": 1}, headers=HX(f"proposal-{proposal.id}")()
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<li id="proposal-{proposal.id}" class="proposal is-decided"')
    assert 'id="status" hx-swap-oob="innerHTML"' in html
    assert "is on the map and on the public page" in html


def test_a_second_decision_gets_409_and_who_decided(as_role, world, proposal):
    assert (
        as_role("coordinator").post(f"/o/org-a/moderation/{proposal.id}/accept", data={"version": 1}).status_code == 303
    )
    for url, data in (
        (f"/o/org-a/moderation/{proposal.id}/accept", {"version": 1}),
        (f"/o/org-a/moderation/{proposal.id}/reject", {f"p{proposal.id}-reason": "spam"}),
    ):
        response = as_role("member").post(url, data=data)
        assert response.status_code == 409
        assert "Already decided by Coordinator A: accepted." in response.get_data(as_text=True)
        htmx = as_role("member").post(url, data=data, headers=HX(f"proposal-{proposal.id}")())
        assert htmx.status_code == 409
        assert "Already decided by Coordinator A" in htmx.get_data(as_text=True)
    assert _history(proposal.id) == ["proposed", "accepted"]
    assert _actions().count("treasure.accepted") == 1
    assert _submission(proposal.id).decided_by_id == world.coordinator.id


# ---- Merge ------------------------------------------------------------------------------


@pytest.fixture
def existing(world):
    treasure = TreasureFactory(
        organisation_id=world.org_a.id,
        name="Wasserette Clémenceau",
        description="Wasserette met een bank.",
        lat=50.83672,
        lon=4.31862,
        address="",
    )
    db.session.commit()
    return treasure


def test_likely_duplicates_are_suggested_by_name_and_distance(as_role, world, proposal, existing):
    TreasureFactory(organisation_id=world.org_a.id, name="Bibliotheek", lat=50.90, lon=4.40)
    db.session.commit()
    queue = as_role("member").get("/o/org-a/moderation").get_data(as_text=True)
    assert "Maybe already on the map:" in queue and "Wasserette Clémenceau" in queue
    review = as_role("member").get(f"/o/org-a/moderation/{proposal.id}").get_data(as_text=True)
    assert f'value="{existing.id}"' in review
    assert "likely the same" in review
    assert "Bibliotheek" not in review


def test_merge_keeps_the_existing_treasure_and_adds_the_residents_words(as_role, world, proposal, existing):
    response = as_role("member").post(
        f"/o/org-a/moderation/{proposal.id}/merge", data={f"p{proposal.id}-into": existing.id}
    )
    assert response.status_code == 303
    db.session.expire_all()
    kept = db.session.get(Treasure, existing.id)
    assert kept.status == "accepted" and kept.version == 2
    assert kept.description.startswith("Wasserette met een bank.\n\n")
    assert "We praten er met elkaar." in kept.description
    assert kept.address == "Naast de bakker"  # it had none; the resident's words fill it
    archived = db.session.get(Treasure, proposal.id)
    assert archived.status == "archived"
    submission = _submission(proposal.id)
    assert (submission.decision, submission.merged_into_id) == ("merged", existing.id)
    assert _history(existing.id)[-1] == "resident_added"
    assert _history(proposal.id)[-1] == "duplicate"
    assert {"treasure.resident_added", "treasure.duplicate"} <= set(_actions())
    # The decided list links the proposal to the place it went into.
    html = as_role("viewer").get("/o/org-a/moderation").get_data(as_text=True)
    assert f'href="/o/org-a/treasures/{existing.id}"' in html


@pytest.mark.parametrize("target", ["self", "other_org", "archived", "missing", "nonsense"])
def test_merge_only_into_a_place_on_this_map(as_role, world, proposal, target):
    other = {
        "self": lambda: proposal.id,
        "other_org": lambda: TreasureFactory(organisation_id=world.org_b.id).id,
        "archived": lambda: TreasureFactory(organisation_id=world.org_a.id, status="archived").id,
        "missing": lambda: "",
        "nonsense": lambda: "abc",
    }[target]()
    db.session.commit()
    response = as_role("member").post(f"/o/org-a/moderation/{proposal.id}/merge", data={f"p{proposal.id}-into": other})
    assert response.status_code == 422
    assert _submission(proposal.id).decision is None


def test_merge_refuses_a_description_that_would_become_too_long(as_role, world, proposal):
    full = TreasureFactory(organisation_id=world.org_a.id, name="Wasserette", description="x" * 3990)
    db.session.commit()
    response = as_role("member").post(
        f"/o/org-a/moderation/{proposal.id}/merge", data={f"p{proposal.id}-into": full.id}
    )
    assert response.status_code == 422
    assert "would become too long" in response.get_data(as_text=True)
    assert _submission(proposal.id).decision is None


# ---- Reject -----------------------------------------------------------------------------


def test_reject_with_an_internal_reason(as_role, world, proposal, client):
    response = as_role("member").post(
        f"/o/org-a/moderation/{proposal.id}/reject",
        data={f"p{proposal.id}-reason": "other", f"p{proposal.id}-note": "Privéwoning"},
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Treasure, proposal.id).status == "archived"
    submission = _submission(proposal.id)
    assert (submission.decision, submission.reject_reason, submission.reject_note) == (
        "rejected",
        "other",
        "Privéwoning",
    )
    assert _history(proposal.id) == ["proposed", "rejected"]
    assert _actions()[-1] == "treasure.rejected"
    assert "Privéwoning" in as_role("viewer").get("/o/org-a/moderation").get_data(as_text=True)
    for html in (
        client.get("/buurt/kuregem").get_data(as_text=True),
        client.get("/buurt/kuregem.geojson").get_data(as_text=True),
    ):
        assert "Privéwoning" not in html and "Wasserette" not in html


@pytest.mark.parametrize(
    "data,field",
    [
        ({}, "reason"),
        ({"reason": "maybe"}, "reason"),
        ({"reason": "other"}, "note"),
        ({"reason": "spam", "note": "x" * 501}, "note"),
    ],
)
def test_reject_needs_a_reason(as_role, proposal, data, field):
    response = as_role("member").post(
        f"/o/org-a/moderation/{proposal.id}/reject", data={f"p{proposal.id}-{k}": v for k, v in data.items()}
    )
    assert response.status_code == 422
    assert f'id="p{proposal.id}-{field}-error"' in response.get_data(as_text=True)
    assert _submission(proposal.id).decision is None


# ---- Live -------------------------------------------------------------------------------


def test_events_announce_arrival_and_decisions(app, client, as_role, world, proposal):
    subscription = app.extensions["resokit_bus"].subscribe(world.org_a.id)
    try:
        client.post("/buurt/kuregem", data={"name": "Nieuw", "category": "other", "location_text": "Hier"})
        arrived = [e for e in subscription.drain() if e.type == "proposal"]
        assert [e.extra["action"] for e in arrived] == ["created"]
        as_role("member").post(f"/o/org-a/moderation/{proposal.id}/accept", data={"version": 1})
        events = subscription.drain()
        assert ("proposal", proposal.id, "accepted") in [(e.type, e.id, e.extra.get("action")) for e in events]
        # The team's map lists pick the accepted place up like a new treasure.
        assert ("treasure", proposal.id, "created") in [(e.type, e.id, e.extra.get("action")) for e in events]
    finally:
        subscription.close()


def test_a_new_proposal_card_for_the_live_list(as_role, proposal):
    response = as_role("viewer").get(f"/o/org-a/moderation/{proposal.id}?part=card", headers=HX("proposal-list")())
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith(f'<li id="proposal-{proposal.id}"')
    assert f'hx-trigger="sse:proposal-{proposal.id}, live:resync from:body"' in html
    assert "<html" not in html


def test_the_waiting_list_is_a_fragment_of_its_own(world, as_role, proposal):
    """A refresh of the queue (after a reconnect, or from the benchmark) gets just the list."""
    response = as_role("member").get("/o/org-a/moderation", headers=HX("proposal-list")())
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.lstrip().startswith('<ul id="proposal-list"') and "<html" not in body
    assert "Wasserette" in body


def test_the_badge_in_the_phone_menu_refreshes_as_the_same_small_fragment(as_role, world, proposal):
    html = as_role("viewer").get("/o/org-a/").get_data(as_text=True)
    assert '<span id="moderation-badge-menu" class="badge-slot"' in html
    response = as_role("viewer").get("/o/org-a/moderation", headers=HX("moderation-badge-menu")())
    assert response.get_data(as_text=True).strip() == '<span class="badge">1</span>'
