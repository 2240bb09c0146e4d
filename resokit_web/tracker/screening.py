"""The screening's work: the organisation's items, saving them, dated editions."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from ..extensions import db
from ..live import versioning
from .models import ScreeningEdition, ScreeningItem
from .screening_content import QUESTION_ORDER, QUESTIONS, SCREENING_STATUSES, THEMES


def ensure_screening(org_id: int) -> None:
    """Give the organisation a row for every question it does not have yet (once)."""
    have = set(db.session.scalars(sa.select(ScreeningItem.code).where(ScreeningItem.organisation_id == org_id)))
    missing = [code for code in QUESTION_ORDER if code not in have]
    if not missing:
        return
    try:
        with db.session.begin_nested():
            versioning.create_many(
                ScreeningItem,
                [{"code": code, "status": "", "notes": ""} for code in missing],
                org_id=org_id,
                user_id=None,
                publish=False,
            )
    except sa.exc.IntegrityError:
        pass  # a colleague's request added them at the same moment
    # Kept at once, also from a page view: the ids the page shows must exist afterwards.
    db.session.commit()


def items_of(org_id: int) -> dict[str, ScreeningItem]:
    rows = db.session.scalars(
        sa.select(ScreeningItem)
        .where(ScreeningItem.organisation_id == org_id)
        .options(sa.orm.joinedload(ScreeningItem.updated_by))
    )
    return {item.code: item for item in rows if item.code in QUESTIONS}


@dataclass
class ThemeRows:
    theme: object
    items: list[ScreeningItem]


def by_theme(items: dict[str, ScreeningItem]) -> list[ThemeRows]:
    return [ThemeRows(theme, [items[code] for code, _text in theme.questions if code in items]) for theme in THEMES]


def save_item(item: ScreeningItem, values: dict, base_version: int | None, *, user_id: int | None, action="updated"):
    return versioning.save(
        item, values, base_version, user_id=user_id, action=action, extra_values={"updated_by_id": user_id}
    )


def create_edition(org_id: int, title: str, *, user_id: int) -> ScreeningEdition:
    items = items_of(org_id)
    edition = ScreeningEdition(
        organisation_id=org_id,
        title=title,
        data={code: {"status": item.status, "notes": item.notes} for code, item in items.items()},
        created_by_id=user_id,
    )
    db.session.add(edition)
    db.session.flush()
    return edition


def editions_of(org_id: int) -> list[ScreeningEdition]:
    return list(
        db.session.scalars(
            sa.select(ScreeningEdition)
            .where(ScreeningEdition.organisation_id == org_id)
            .order_by(ScreeningEdition.created_at.desc(), ScreeningEdition.id.desc())
        )
    )


@dataclass
class ComparedRow:
    theme: object
    question: object
    before: str
    after: str
    notes_before: str
    notes_after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after or self.notes_before != self.notes_after


def compare(before: dict, after: dict) -> list[ComparedRow]:
    """Question by question, two states of the screening (an edition's data, or now)."""
    rows = []
    for code in QUESTION_ORDER:
        theme, question = QUESTIONS[code]
        a, b = before.get(code, {}), after.get(code, {})
        rows.append(
            ComparedRow(
                theme.title,
                question,
                a.get("status", ""),
                b.get("status", ""),
                a.get("notes", ""),
                b.get("notes", ""),
            )
        )
    return rows


def current_data(org_id: int) -> dict:
    return {code: {"status": i.status, "notes": i.notes} for code, i in items_of(org_id).items()}


def status_label(status: str) -> str:
    return str(SCREENING_STATUSES.get(status, status))


def screening_figure(org) -> str | None:
    discussed = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(ScreeningItem)
        .where(ScreeningItem.organisation_id == org.id, ScreeningItem.status != "")
    )
    if not discussed:
        return None
    return _("%(done)d of %(total)d questions discussed", done=discussed, total=len(QUESTION_ORDER))
