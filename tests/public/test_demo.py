from __future__ import annotations

import sqlalchemy as sa

from resokit_web.buurtkaart.models import Treasure
from resokit_web.demo import seed_demo
from resokit_web.extensions import db
from resokit_web.public.models import PublicPage, ResidentSubmission


def test_demo_has_a_public_page_with_places_and_proposals(app, client):
    seed_demo()
    seed_demo()  # idempotent
    org = seed_demo().demo
    assert (org.public_slug, org.public_enabled) == ("demo", True)
    page = db.session.scalars(sa.select(PublicPage)).one()
    assert page.intro_nl and page.intro_fr and page.intro_en
    submissions = list(db.session.scalars(sa.select(ResidentSubmission)))
    assert len(submissions) == 6
    waiting = [s for s in submissions if s.decision is None]
    assert len(waiting) == 3 and any(s.email for s in waiting)
    accepted = db.session.scalars(
        sa.select(Treasure).where(Treasure.source == "resident", Treasure.status == "accepted")
    ).all()
    assert len(accepted) == 3 and all(t.public for t in accepted)

    html = client.get("/buurt/demo?lang=nl").get_data(as_text=True)
    assert "Moestuin De Kolen" in html
    assert "Wasserette Clemenceau" not in html  # still waiting
