"""A half-written demo notebook for Kuregem (Anderlecht): figures citing the catalogue,
a few sections written, one edition from last spring and the changes since."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..demo import DemoContext, seeder
from ..extensions import db, utcnow
from .models import NotebookEdition, NotebookFigure, NotebookSection
from .service import add_figure, add_source, freeze, save_section

# The figures are realistic orders of size for Kuregem, written for the demo, not quoted.
SPRING_FIGURES = [
    ("residents", "Inwoners in de wijk Kuregem", 22150, "inwoners", 2024, "wijkmonitoring"),
    ("residents", "Aandeel 65-plussers dat alleen woont", 38, "%", 2024, "wijkmonitoring"),
    ("housing", "Aandeel huurders", 74, "%", 2023, "ibsa"),
    ("work_income", "Werkzoekenden", 24.5, "%", 2024, "view_brussels"),
    ("work_income", "Mediaan belastbaar inkomen per aangifte", 16900, "€ per jaar", 2022, "statbel"),
]
LATER_FIGURES = [
    ("residents", "Inwoners in de wijk Kuregem", 22480, "inwoners", 2025, "wijkmonitoring"),
    ("work_income", "Werkzoekenden", 23.1, "%", 2025, "view_brussels"),
    ("facilities", "Sociale en gezondheidsdiensten binnen 500 meter", 41, "diensten", 2026, "social_brussels"),
]
SPRING_TEXTS = {
    "residents": (
        "Kuregem is jong en dicht bevolkt. Veel gezinnen wonen er pas een paar jaar.\n"
        "Oudere buren wonen vaak alleen, zeker rond het Dapperheidsplein.\n"
    ),
    "housing": "Veel kleine huurwoningen boven winkels. Vocht en lawaai komen vaak terug in gesprekken.\n",
}
LATER_TEXTS = {
    "residents": (
        "Kuregem is jong en dicht bevolkt. Veel gezinnen wonen er pas een paar jaar.\n"
        "Oudere buren wonen vaak alleen, zeker rond het Dapperheidsplein en in de Klemskerkestraat.\n"
        "Op de markt horen we Arabisch, Roemeens, Frans en Nederlands door elkaar.\n"
    ),
    "social_fabric": (
        "Het **Repair Café** en het taalcafé in de bibliotheek brengen mensen samen die elkaar anders niet "
        "zouden kennen.\n\nDe moskeevereniging en de voetbalclub zijn sleutelplekken: daar zitten de "
        "brugfiguren.\n"
    ),
}
OWN_SOURCE = {
    "name": "Buurtbarometer Kuregem (wijkcomité)",
    "publisher": "Wijkcomité Kuregem",
    "url": "https://www.example.be/buurtbarometer-kuregem",
    "level": "neighbourhood",
    "languages": ["nl", "fr"],
    "description": "Een jaarlijkse enquête van het wijkcomité bij zo'n 300 buren over hun straat.",
}


@seeder
def seed_notebook(ctx: DemoContext) -> None:
    org, user = ctx.demo, ctx.coordinator
    if db.session.scalar(sa.select(NotebookEdition.id).where(NotebookEdition.organisation_id == org.id).limit(1)):
        return  # seeded before
    for section, label, value, unit, year, source in SPRING_FIGURES:
        add_figure(
            org.id,
            {"section": section, "label": label, "value": value, "unit": unit, "year": year, "source_id": source},
            user_id=user.id,
        )
    for key, body in SPRING_TEXTS.items():
        save_section(org.id, key, body, 1, user_id=user.id)
    spring = utcnow() - timedelta(days=200)
    edition = freeze(org.id, "Na de buurtwandeling met het wijkcomité", user_id=user.id)
    edition.created_at = spring
    # What changed since: newer figures replace the spring ones, the text goes on.
    db.session.execute(
        sa.update(NotebookFigure)
        .where(NotebookFigure.organisation_id == org.id, NotebookFigure.label.in_([f[1] for f in LATER_FIGURES]))
        .values(status="archived")
    )
    for section, label, value, unit, year, source in LATER_FIGURES:
        add_figure(
            org.id,
            {"section": section, "label": label, "value": value, "unit": unit, "year": year, "source_id": source},
            user_id=user.id,
        )
    own = add_source(org.id, OWN_SOURCE, user_id=user.id)
    add_figure(
        org.id,
        {
            "section": "loneliness",
            "label": "Buren die zeggen dat ze niemand hebben om op terug te vallen",
            "value": 17,
            "unit": "%",
            "year": 2026,
            "source_id": own.source_id,
        },
        user_id=ctx.member.id,
    )
    for key, body in LATER_TEXTS.items():
        row = db.session.scalar(
            sa.select(NotebookSection).where(NotebookSection.organisation_id == org.id, NotebookSection.key == key)
        )
        save_section(org.id, key, body, row.version if row else 1, user_id=ctx.member.id)
