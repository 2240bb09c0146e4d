"""The partner map's drawing, byte for byte: the demo organisation and a few fixed
organisations, for a screen (inline and the standalone file) and for a phone.

The files in ``golden/`` were written by the partner-only engine before it became the
generic radial engine (resokit_web/radial.py); this test keeps the two identical. When a
change to the map is meant, rewrite them with ``RESOKIT_UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask import render_template_string
from flask_babel import force_locale

from resokit_web.demo import seed_demo
from resokit_web.extensions import db
from resokit_web.orgs.models import Organisation
from resokit_web.partners import layout as L
from resokit_web.partners.service import current_partners
from resokit_web.partners.view_helpers import map_layout
from resokit_web.partners.vocab import SECTORS

GOLDEN = Path(__file__).parent / "golden"
TEMPLATE = (
    '{% from "partners/_map_svg.html" import partner_map %}'
    "{{ partner_map(layout, title, centre, pfx=pfx, standalone=standalone, css='') }}"
)
WORDS = [
    "Buurthuis",
    "Wijkpunt",
    "Maison",
    "de",
    "quartier",
    "Kuregem",
    "Clemenceau",
    "Anderlecht",
    "Moskee",
    "Bibliotheek",
    "Jeugdhuis",
    "Atelier",
    "Samen",
    "Solidair",
    "Voedselbank",
    "Gezondheidscentrum",
    "Émile",
    "Ça-va",
    "’t",
    "Café",
]


def _fixture_org(n: int, seed: int) -> list[SimpleNamespace]:
    """``n`` partners as a shared map's rows (keys s1, s2…), the same on every run."""
    rng = random.Random(seed)
    return [
        SimpleNamespace(
            name=" ".join(rng.sample(WORDS, rng.randint(1, 5))),
            sector=rng.choice(list(SECTORS)),
            relation=rng.choice(L.RING_ORDER),
            strength=rng.choice(("light", "strong")),
            formal=rng.random() < 0.6,
        )
        for _ in range(n)
    ]


FIXTURES = {"empty": (0, 1), "one": (1, 2), "small": (12, 3), "medium": (45, 4), "crowded": (160, 5)}


def _render(partners, centre: str, lang: str) -> dict[str, str]:
    out = {}
    with force_locale(lang):
        for name, geometry, pfx, standalone in (
            ("wide", L.WIDE, "pm-", False),
            ("file", L.WIDE, "pm-", True),
            ("phone", L.COMPACT, "pm-phone-", False),
        ):
            layout = map_layout(partners, centre, geometry)
            title = f"Partner map of {centre}"
            out[name] = render_template_string(
                TEMPLATE, layout=layout, title=title, centre=centre, pfx=pfx, standalone=standalone
            )
    return out


def _compare(case: str, rendered: dict[str, str]) -> None:
    for variant, svg in rendered.items():
        path = GOLDEN / f"{case}-{variant}.svg"
        if os.environ.get("RESOKIT_UPDATE_GOLDEN"):
            path.write_text(svg, encoding="utf-8")
        assert path.exists(), f"{path.name} missing: run with RESOKIT_UPDATE_GOLDEN=1"
        assert svg == path.read_text(encoding="utf-8"), f"{path.name} differs from the golden file"


def test_the_demo_organisations_map_is_drawn_exactly_as_before(app):
    seed_demo()
    org = db.session.scalar(sa.select(Organisation).where(Organisation.slug == "demo"))
    partners = current_partners(org.id)
    # Own partners' keys carry their ids; give them fixed ones so the backend does not matter.
    keyed = [
        SimpleNamespace(name=p.name, sector=p.sector, relation=p.relation, strength=p.strength, formal=p.formal)
        for p in partners
    ]
    with app.test_request_context("/"):
        _compare("demo-nl", _render(keyed, org.name, "nl"))
        _compare("demo-en", _render(keyed, org.name, "en"))


@pytest.mark.parametrize("case", sorted(FIXTURES))
def test_fixture_organisations_maps_are_drawn_exactly_as_before(app, case):
    n, seed = FIXTURES[case]
    with app.test_request_context("/"):
        _compare(case, _render(_fixture_org(n, seed), f"Buurthuis {case.title()} vzw", "fr" if n == 12 else "en"))
