"""The buurtanalyse notebook: its sections' team texts, their figures, frozen editions,
and the sources a team adds to the shipped catalogue (Brussel op het net)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned

# Field limits, shared by forms and the database.
BODY_MAX = 50_000
LABEL_MAX = 200
UNIT_MAX = 40
NOTE_MAX = 500
NAME_MAX = 200
URL_MAX = 500
DESCRIPTION_MAX = 1000
SOURCE_ID_MAX = 40


class NotebookSection(Versioned, db.Model):
    """The team text of one section of the notebook (Markdown), written together.

    One row per organisation and section key, made on the first save."""

    __tablename__ = "notebook_sections"
    __table_args__ = (sa.UniqueConstraint("organisation_id", "key"),)
    __object_type__ = "notebook_section"
    __versioned_fields__ = ("body",)
    __text_fields__ = ("body",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(40))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    def __repr__(self) -> str:
        return f"<NotebookSection {self.key} v{self.version}>"


class NotebookFigure(Versioned, db.Model):
    """A figure in a section: a number with its unit and year, citing a source (versioned)."""

    __tablename__ = "notebook_figures"
    __table_args__ = (sa.Index("ix_notebook_figures_org_status", "organisation_id", "status"),)
    __object_type__ = "notebook_figure"
    __versioned_fields__ = ("section", "label", "value", "unit", "year", "source_id", "status")

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    section: Mapped[str] = mapped_column(sa.String(40))
    label: Mapped[str] = mapped_column(sa.String(LABEL_MAX))
    value: Mapped[float] = mapped_column(sa.Float)
    unit: Mapped[str] = mapped_column(sa.String(UNIT_MAX), default="")
    year: Mapped[int] = mapped_column()
    # A catalogue id ("ibsa") or a team's own source ("own-3").
    source_id: Mapped[str] = mapped_column(sa.String(SOURCE_ID_MAX))
    # current or archived (a figure taken out of the notebook stays in its editions)
    status: Mapped[str] = mapped_column(sa.String(20), default="current")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    def __repr__(self) -> str:
        return f"<NotebookFigure {self.id} {self.section}>"


class NotebookEdition(db.Model):
    """The whole notebook frozen on a day, with a note: texts and figures as they were."""

    __tablename__ = "notebook_editions"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(sa.String(NOTE_MAX), default="")
    # {"sections": {key: body}, "figures": [{section, label, value, unit, year, source_id}]}
    data: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    def __repr__(self) -> str:
        return f"<NotebookEdition {self.id}>"


class OwnSource(Versioned, db.Model):
    """A data source the team adds to the shipped catalogue (versioned, archived not deleted)."""

    __tablename__ = "own_sources"
    __object_type__ = "notebook_source"
    __versioned_fields__ = ("name", "publisher", "level", "url", "languages", "description", "status")
    __text_fields__ = ("description",)
    __list_fields__ = ("languages",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    publisher: Mapped[str] = mapped_column(sa.String(NAME_MAX), default="")
    level: Mapped[str] = mapped_column(sa.String(30))
    url: Mapped[str] = mapped_column(sa.String(URL_MAX))
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # current or archived (figures that cite an archived source still name it)
    status: Mapped[str] = mapped_column(sa.String(20), default="current")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    @property
    def source_id(self) -> str:
        return f"own-{self.id}"

    def __repr__(self) -> str:
        return f"<OwnSource {self.id}>"
