"""An observation linked to a section of the buurtanalyse notebook."""

from __future__ import annotations

import io

from resokit_web.extensions import db
from resokit_web.observations.models import Observation

from ..factories.observations import make_observation


def _post(client, **fields):
    data = {
        "text": "Jongeren wachten aan het station",
        "kind": "need",
        "observed_at": "2026-12-01T14:30",
        "lat": "",
        "lon": "",
        "photo": (io.BytesIO(b""), ""),
        **fields,
    }
    return client.post("/o/org-a/observations", data=data, content_type="multipart/form-data")


def test_the_form_offers_the_nine_sections_or_none(as_role, world):
    page = as_role("member").get("/o/org-a/observations/new").get_data(as_text=True)
    assert 'name="section"' in page
    assert 'value="loneliness"' in page and 'value="our_work"' in page and "No section" in page


def test_a_new_observation_is_linked_to_a_section(as_role, world):
    response = _post(as_role("member"), section="loneliness")
    assert response.status_code == 303
    obs = db.session.scalar(db.select(Observation))
    assert obs.section == "loneliness"
    page = as_role("viewer").get(f"/o/org-a/observations/{obs.id}").get_data(as_text=True)
    assert "Risks of loneliness" in page and "/o/org-a/buurtanalyse#section-loneliness" in page


def test_no_section_is_fine(as_role, world):
    assert _post(as_role("member"), section="").status_code == 303
    assert db.session.scalar(db.select(Observation)).section is None


def test_an_unknown_section_is_a_422_and_nothing_is_saved(as_role, world):
    response = _post(as_role("member"), section="nonsense")
    assert response.status_code == 422
    assert "Choose one of the sections in the list, or none." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Observation)) == 0


def test_the_page_of_an_observation_links_it_later(as_role, world):
    obs = make_observation(world.org_a.id, photo=False)
    db.session.commit()
    client = as_role("member")
    url = f"/o/org-a/observations/{obs.id}/section"
    bad = client.post(url, data={"section": "<script>"})
    assert bad.status_code == 422 and "Choose one of the sections" in bad.get_data(as_text=True)
    assert client.post(url, data={"section": "housing"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Observation, obs.id).section == "housing"
    assert client.post(url, data={"section": ""}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Observation, obs.id).section is None


def test_viewers_cannot_link_and_other_organisations_get_404(as_role, world):
    obs = make_observation(world.org_a.id, photo=False)
    other = make_observation(world.org_b.id, photo=False)
    db.session.commit()
    assert (
        as_role("viewer").post(f"/o/org-a/observations/{obs.id}/section", data={"section": "housing"}).status_code
        == 403
    )
    assert (
        as_role("member").post(f"/o/org-a/observations/{other.id}/section", data={"section": "housing"}).status_code
        == 404
    )
    assert (
        as_role("member").post("/o/org-a/observations/99999999999/section", data={"section": "housing"}).status_code
        == 404
    )


def test_the_list_filters_by_section(as_role, world):
    make_observation(world.org_a.id, text="Over wonen", section="housing", photo=False)
    make_observation(world.org_a.id, text="Zonder sectie", photo=False)
    db.session.commit()
    client = as_role("viewer")
    page = client.get("/o/org-a/observations?section=housing").get_data(as_text=True)
    assert "Over wonen" in page and "Zonder sectie" not in page
    page = client.get("/o/org-a/observations?section=none").get_data(as_text=True)
    assert "Zonder sectie" in page and "Over wonen" not in page
    page = client.get("/o/org-a/observations?section=bogus").get_data(as_text=True)
    assert "Zonder sectie" in page and "Over wonen" in page


def test_the_notebook_section_lists_its_observations(as_role, world):
    obs = make_observation(world.org_a.id, text="Bankje <b>bij</b> de kerk", section="public_space", photo=False)
    make_observation(world.org_b.id, text="Van organisatie B", section="public_space", photo=False)
    db.session.commit()
    page = as_role("viewer").get("/o/org-a/buurtanalyse").get_data(as_text=True)
    assert f"/o/org-a/observations/{obs.id}" in page
    assert "Bankje &lt;b&gt;bij&lt;/b&gt; de kerk" in page
    assert "Van organisatie B" not in page
    assert "/o/org-a/observations?section=public_space" in page


def _observations_block(client, section: str) -> str:
    response = client.get(
        "/o/org-a/buurtanalyse", headers={"HX-Request": "true", "HX-Target": f"section-{section}-observations"}
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_notebooks_linked_observations_refresh_live(as_role, world):
    from resokit_web.live.events import bus

    viewer = as_role("viewer")
    page = viewer.get("/o/org-a/buurtanalyse").get_data(as_text=True)
    # Each section's list listens to the observations' events, even while it is empty.
    block = page.split('id="section-housing-observations"', 1)[1].split(">", 1)[0]
    assert 'hx-trigger="sse:observation delay:300ms, live:resync from:body"' in block
    assert 'hx-get="/o/org-a/buurtanalyse"' in block and 'hx-target="this"' in block
    assert "Observations from the street" not in _observations_block(viewer, "housing")

    subscription = bus().subscribe(world.org_a.id)
    try:
        assert _post(as_role("member"), text="Lege winkel aan de Wayenberg", section="housing").status_code == 303
        event = subscription.get(timeout=2)
    finally:
        subscription.close()
    assert event is not None and event.type == "observation"
    fragment = _observations_block(viewer, "housing")
    assert fragment.lstrip().startswith('<div id="section-housing-observations"')
    assert "Lege winkel aan de Wayenberg" in fragment and "<h1" not in fragment
    assert 'aria-labelledby="section-housing-observations-title"' in fragment

    obs = db.session.scalar(db.select(Observation))
    assert as_role("member").post(f"/o/org-a/observations/{obs.id}/archive").status_code == 303
    assert "Lege winkel aan de Wayenberg" not in _observations_block(viewer, "housing")
