"""Small helpers shared by the notebook tests."""

from __future__ import annotations

import re
from html import unescape

import sqlalchemy as sa

from resokit_web.buurtanalyse.models import NotebookFigure, NotebookSection
from resokit_web.extensions import db

NOTEBOOK = "/o/org-a/buurtanalyse"
SOURCES = "/o/org-a/sources"


def section_row(key: str) -> NotebookSection | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(NotebookSection).where(NotebookSection.key == key))


def figures() -> list[NotebookFigure]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(NotebookFigure).order_by(NotebookFigure.id)))


def hidden(html: str, name: str) -> str | None:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


def error_for(html: str, field_id: str) -> str | None:
    match = re.search(rf'<p class="error" id="{field_id}-error">(.*?)</p>', html, re.S)
    return unescape(match.group(1)) if match else None
