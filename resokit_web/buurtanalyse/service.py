"""The notebook's work: sections, figures, editions, comparisons and the sources."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import joinedload

from ..activity.service import record
from ..extensions import db, utcnow
from ..live import versioning
from ..live.bus import Event
from ..live.diff import LineDiff, line_diff
from ..live.events import publish_after_commit
from ..live.revisions import changed as organisation_changed
from ..live.versioning import SaveResult
from .catalogue import BY_ID, CATALOGUE, LEVELS, CatalogueSource
from .models import NotebookEdition, NotebookFigure, NotebookSection, OwnSource
from .sections import SECTIONS, Section

# SSE names: "a figure of the notebook changed", "the editions changed", "the sources changed".
FIGURE_EVENT = "notebook_figure"
EDITION_EVENT = "notebook_edition"
SOURCE_EVENT = "notebook_source"


# Sources


@dataclass(frozen=True)
class SourceRow:
    """A source as pages and sources.json show it, shipped or the team's own."""

    id: str
    name: str
    publisher: str
    description: str
    level: str
    url: str
    languages: list[str]
    own: bool
    pk: int | None = None  # the team's own source: its row id
    archived: bool = False

    @property
    def level_label(self) -> str:
        return str(LEVELS.get(self.level, self.level))


def _shipped(source: CatalogueSource) -> SourceRow:
    return SourceRow(
        source.id,
        str(source.name),
        str(source.publisher),
        str(source.description),
        source.level,
        source.url,
        list(source.languages),
        False,
    )


def _own(source: OwnSource) -> SourceRow:
    return SourceRow(
        source.source_id,
        source.name,
        source.publisher,
        source.description,
        source.level,
        source.url,
        list(source.languages or []),
        True,
        source.id,
        source.status == "archived",
    )


def own_sources(org_id: int, *, show: str = "") -> list[OwnSource]:
    """The team's own sources: current ones, the archived ones (``show="archived"``) or all."""
    query = sa.select(OwnSource).where(OwnSource.organisation_id == org_id)
    if show == "archived":
        query = query.where(OwnSource.status == "archived")
    elif show != "all":
        query = query.where(OwnSource.status != "archived")
    return list(db.session.scalars(query.order_by(OwnSource.id)))


def all_sources(org_id: int) -> list[SourceRow]:
    """The shipped catalogue, then the team's own current sources."""
    return [_shipped(s) for s in CATALOGUE] + [_own(s) for s in own_sources(org_id)]


def archived_sources(org_id: int) -> list[SourceRow]:
    return [_own(s) for s in own_sources(org_id, show="archived")]


def sources_by_id(org_id: int) -> dict[str, SourceRow]:
    """Every source a figure may cite or have cited (archived own ones too)."""
    rows = [_shipped(s) for s in CATALOGUE] + [_own(s) for s in own_sources(org_id, show="all")]
    return {row.id: row for row in rows}


def source_choices(org_id: int) -> list[tuple[str, str]]:
    return [(row.id, row.name) for row in all_sources(org_id)]


def add_source(org_id: int, values: dict, *, user_id: int | None) -> OwnSource:
    """A new source of the team's own at version 1 (history, log line, live event)."""
    now = utcnow()
    source = OwnSource(
        organisation_id=org_id,
        status="current",
        created_by_id=user_id,
        created_at=now,
        updated_at=now,
        updated_by_id=user_id,
        **values,
    )
    return versioning.create(source, user_id=user_id)


def save_source(source: OwnSource, values: dict, base_version: int | None, *, user_id: int | None, action="updated"):
    return versioning.save(
        source, values, base_version, user_id=user_id, action=action, extra_values={"updated_by_id": user_id}
    )


def set_source_status(source: OwnSource, status: str, *, user_id: int | None, action: str):
    return save_source(source, {"status": status}, source.version, user_id=user_id, action=action)


def sources_figure(org) -> str:
    count = len(CATALOGUE) + (
        db.session.scalar(sa.select(sa.func.count(OwnSource.id)).where(OwnSource.organisation_id == org.id)) or 0
    )
    return ngettext("%(num)d data source", "%(num)d data sources", count)


# Sections and figures


@dataclass
class SectionView:
    """A section of the notebook as the page shows it: its text (maybe not written yet) and figures."""

    section: Section
    row: NotebookSection | None
    figures: list[NotebookFigure] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def body(self) -> str:
        return self.row.body if self.row else ""

    @property
    def version(self) -> int:
        # A section nobody wrote in yet is version 1 of an empty text: its first save makes that row.
        return self.row.version if self.row else 1


def section_rows(org_id: int) -> dict[str, NotebookSection]:
    rows = db.session.scalars(
        sa.select(NotebookSection)
        .where(NotebookSection.organisation_id == org_id)
        .options(joinedload(NotebookSection.updated_by))
    )
    return {row.key: row for row in rows}


def current_figures(org_id: int) -> list[NotebookFigure]:
    return list(
        db.session.scalars(
            sa.select(NotebookFigure)
            .where(NotebookFigure.organisation_id == org_id, NotebookFigure.status == "current")
            .order_by(NotebookFigure.id)
        )
    )


def archived_figures(org_id: int) -> list[NotebookFigure]:
    return list(
        db.session.scalars(
            sa.select(NotebookFigure)
            .where(NotebookFigure.organisation_id == org_id, NotebookFigure.status == "archived")
            .order_by(NotebookFigure.id)
        )
    )


def notebook(org_id: int) -> list[SectionView]:
    """Every section in the notebook's order, with its text and current figures: two queries."""
    rows = section_rows(org_id)
    views = {s.key: SectionView(s, rows.get(s.key)) for s in SECTIONS}
    for figure in current_figures(org_id):
        if figure.section in views:
            views[figure.section].figures.append(figure)
    return list(views.values())


def section_view(org_id: int, section: Section) -> SectionView:
    return next(v for v in notebook(org_id) if v.key == section.key)


def _section_row(org_id: int, key: str, *, user_id: int | None) -> NotebookSection:
    """The section's row, made (empty, version 1) the first time someone saves in it."""
    row = db.session.scalar(
        sa.select(NotebookSection).where(NotebookSection.organisation_id == org_id, NotebookSection.key == key)
    )
    if row is not None:
        return row
    try:
        row = NotebookSection(organisation_id=org_id, key=key, body="", updated_at=utcnow())
        versioning.create(row, user_id=user_id)
    except sa.exc.IntegrityError:
        # A colleague's first save made it a moment ago: save on top of theirs. (Nothing else
        # is pending in this transaction: a section save is all its request does.)
        db.session.rollback()
        row = db.session.scalar(
            sa.select(NotebookSection).where(NotebookSection.organisation_id == org_id, NotebookSection.key == key)
        )
    return row


def save_section(org_id: int, key: str, body: str, base_version: int, *, user_id: int) -> SaveResult:
    """Save a section's team text that an editor started at ``base_version`` (merge, or conflict)."""
    row = _section_row(org_id, key, user_id=user_id)
    return versioning.save(row, {"body": body}, base_version, user_id=user_id, extra_values={"updated_by_id": user_id})


def add_figure(org_id: int, values: dict, *, user_id: int | None) -> NotebookFigure:
    """A new figure at version 1 (history, log line, live event)."""
    now = utcnow()
    figure = NotebookFigure(
        organisation_id=org_id,
        status="current",
        created_by_id=user_id,
        created_at=now,
        updated_at=now,
        updated_by_id=user_id,
        **values,
    )
    return versioning.create(figure, user_id=user_id)


def save_figure(
    figure: NotebookFigure, values: dict, base_version: int | None, *, user_id: int | None, action="updated"
):
    """A colleague's edit of a figure: merged with what others saved meanwhile, or a conflict."""
    return versioning.save(
        figure, values, base_version, user_id=user_id, action=action, extra_values={"updated_by_id": user_id}
    )


def set_figure_status(figure: NotebookFigure, status: str, *, user_id: int | None) -> None:
    action = "archived" if status == "archived" else "restored"
    save_figure(figure, {"status": status}, figure.version, user_id=user_id, action=action)


def written_sections(org_id: int) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count(NotebookSection.id)).where(
                NotebookSection.organisation_id == org_id, NotebookSection.body != ""
            )
        )
        or 0
    )


def notebook_figure(org) -> list[str]:
    """The notebook's card on the Neighbourhood page."""
    written = written_sections(org.id)
    editions = db.session.scalar(
        sa.select(sa.func.count(NotebookEdition.id)).where(NotebookEdition.organisation_id == org.id)
    )
    return [
        _("%(written)d of %(total)d sections written", written=written, total=len(SECTIONS)),
        ngettext("%(num)d edition", "%(num)d editions", editions or 0),
    ]


# Editions


def snapshot(org_id: int) -> dict:
    """The notebook now, as an edition keeps it."""
    views = notebook(org_id)
    return {
        "sections": {v.key: v.body for v in views},
        "figures": [
            {
                "section": f.section,
                "label": f.label,
                "value": f.value,
                "unit": f.unit,
                "year": f.year,
                "source_id": f.source_id,
            }
            for v in views
            for f in v.figures
        ],
    }


@dataclass
class FrozenSection:
    """A section as an edition kept it (for printing an edition)."""

    section: Section
    body: str
    figures: list[dict]

    @property
    def key(self) -> str:
        return self.section.key


def edition_sections(edition: NotebookEdition) -> list[FrozenSection]:
    data = edition.data or {}
    return [
        FrozenSection(
            section,
            (data.get("sections") or {}).get(section.key, ""),
            [f for f in data.get("figures", []) if f.get("section") == section.key],
        )
        for section in SECTIONS
    ]


def freeze(org_id: int, note: str, *, user_id: int | None) -> NotebookEdition:
    edition = NotebookEdition(
        organisation_id=org_id, note=note, data=snapshot(org_id), created_at=utcnow(), created_by_id=user_id
    )
    db.session.add(edition)
    db.session.flush()
    organisation_changed(org_id)
    record(f"{EDITION_EVENT}.created", org_id=org_id, user_id=user_id, object_type=EDITION_EVENT, object_id=edition.id)
    publish_after_commit(Event(org_id=org_id, type=EDITION_EVENT, id=edition.id, by=user_id))
    return edition


def editions(org_id: int) -> list[NotebookEdition]:
    """Newest first."""
    return list(
        db.session.scalars(
            sa.select(NotebookEdition)
            .where(NotebookEdition.organisation_id == org_id)
            .options(joinedload(NotebookEdition.created_by))
            .order_by(NotebookEdition.created_at.desc(), NotebookEdition.id.desc())
        )
    )


@dataclass
class FigureChange:
    section: str
    label: str
    unit: str
    old: dict | None
    new: dict | None

    @property
    def change(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return self.new["value"] - self.old["value"]

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        same = self.old["value"] == self.new["value"] and self.old["year"] == self.new["year"]
        return "same" if same else "changed"


@dataclass
class SectionChange:
    section: Section
    diff: LineDiff
    figures: list[FigureChange]

    @property
    def changed(self) -> bool:
        return self.diff.changed or any(f.kind != "same" for f in self.figures)


def compare(old: dict, new: dict) -> list[SectionChange]:
    """Two editions (or an edition and now) section by section: text diff and figures side by side.

    Figures are matched by section, label and unit (the same question asked again)."""
    out = []
    for section in SECTIONS:
        olds = {(f["label"], f["unit"]): f for f in old.get("figures", []) if f["section"] == section.key}
        news = {(f["label"], f["unit"]): f for f in new.get("figures", []) if f["section"] == section.key}
        keys = list(olds) + [k for k in news if k not in olds]
        figures = [
            FigureChange(section.key, label, unit, olds.get((label, unit)), news.get((label, unit)))
            for label, unit in keys
        ]
        diff = line_diff(old.get("sections", {}).get(section.key, ""), new.get("sections", {}).get(section.key, ""))
        out.append(SectionChange(section, diff, figures))
    return out


def source_name(sources: dict[str, SourceRow], source_id: str) -> str:
    row = sources.get(source_id)
    if row is not None:
        return row.name
    shipped = BY_ID.get(source_id)
    return str(shipped.name) if shipped else _("an unknown source")
