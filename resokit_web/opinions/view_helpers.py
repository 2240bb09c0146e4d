"""What the opinion templates need besides the pieces themselves."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import can
from ..live.diff import LineDiff, line_diff
from ..live.history import HistoryEntry, entries_for, snapshot_at
from ..live.presence import editing_names_for
from ..live.versioning import SaveResult
from .forms import ContributionForm, TeamTextForm
from .models import Contribution, Draft, OpinionPiece
from .questions import question_text
from .service import contributions_of, pending_draft

FIELD_LABELS = {"title": _l("Title"), "body": _l("Team text"), "status": _l("Status")}
CONTRIBUTION_LABELS = {"body": _l("Your contribution")}
LIST_PAGE = "opinions"


def page_name(piece: OpinionPiece) -> str:
    """The presence page of a piece: who is reading it now."""
    return f"opinion-{piece.id}"


def editing_item(piece: OpinionPiece) -> str:
    """The presence item of a piece's team text: who is writing in it now."""
    return f"opinion:{piece.id}"


@dataclass
class Editor:
    """An editor's state on the page: closed, open (maybe with a restored draft) or in conflict."""

    open: bool
    form: object
    version: int | None
    draft: Draft | None = None
    conflict: SaveResult | None = None

    @property
    def clash(self) -> LineDiff | None:
        """On a conflict: how your text differs from your colleague's, line by line."""
        if self.conflict is None:
            return None
        body = next((c for c in self.conflict.conflicts if c.field == "body"), None)
        return line_diff(body.theirs, body.yours) if body is not None else None


def team_editor(
    piece: OpinionPiece,
    *,
    open: bool = False,
    form: TeamTextForm | None = None,
    version: int | None = None,
    conflict: SaveResult | None = None,
    reopen_draft: bool = True,
) -> Editor:
    """The team text editor. A draft left behind (closed tab, lost connection) opens it
    again with that text, based on the version it started from, so a save merges it."""
    draft = pending_draft(piece, current_user.id, "team", piece.body) if can("member") else None
    if form is None:
        if draft is not None and (open or reopen_draft):
            form = TeamTextForm(formdata=None, data={"title": piece.title, "body": draft.body})
            version, open = draft.base_version or piece.version, True
        else:
            form = TeamTextForm(formdata=None, data={"title": piece.title, "body": piece.body})
            version = piece.version
    return Editor(open or conflict is not None, form, version, draft, conflict)


def contribution_editor(
    piece: OpinionPiece,
    mine: Contribution | None,
    *,
    open: bool = False,
    form: ContributionForm | None = None,
    version: int | None = None,
    conflict: SaveResult | None = None,
    reopen_draft: bool = True,
) -> Editor:
    """The member's own contribution: open to write when there is none yet or a draft waits."""
    if not can("member"):
        return Editor(False, None, None)
    draft = pending_draft(piece, current_user.id, "contribution", mine.body if mine else "")
    if form is None:
        if draft is not None and (open or reopen_draft):
            form = ContributionForm(formdata=None, data={"body": draft.body})
            version, open = draft.base_version, True
        else:
            form = ContributionForm(formdata=None, data={"body": mine.body if mine else ""})
            version = mine.version if mine else None
    return Editor(open or mine is None or conflict is not None, form, version, draft, conflict)


def piece_context(
    piece: OpinionPiece,
    *,
    team: Editor | None = None,
    contribution: Editor | None = None,
    since: int | None = None,
    reopen_drafts: bool = True,
) -> dict:
    contributions = contributions_of(piece)
    mine = next((c for c in contributions if c.author_id == current_user.id), None)
    team = team or team_editor(piece, reopen_draft=reopen_drafts)
    return {
        "piece": piece,
        "questions": [question_text(code) for code in piece.questions or []],
        "contributions": contributions,
        "mine": mine,
        "writing": writing_names(piece),
        "page": page_name(piece),
        "team": team,
        "contribution": contribution or contribution_editor(piece, mine, reopen_draft=reopen_drafts),
        "since": since or team.version or piece.version,
        "changes_since": changes_since,
        "labels": FIELD_LABELS,
        "contribution_labels": CONTRIBUTION_LABELS,
    }


def writing_names(piece: OpinionPiece) -> list[str]:
    """Colleagues writing in the team text right now (not me)."""
    return editing_names_for(g.org.id, "opinion", exclude_user=current_user.id).get(piece.id, [])


def changes_since(piece: OpinionPiece, since: int) -> LineDiff | None:
    """What changed in the team text since an editor's version (for the "newer version" notice)."""
    if since >= piece.version:
        return None
    before = snapshot_at(piece, since)
    return line_diff((before or {}).get("body"), piece.body) if before is not None else None


def saved_message(result: SaveResult, piece: OpinionPiece) -> str:
    if result.status == "merged":
        return _(
            "Saved as version %(n)d. A colleague changed the text at the same time; both changes are combined.",
            n=piece.version,
        )
    if result.status == "unchanged":
        return _("Nothing had changed, so nothing was saved.")
    return _("Saved as version %(n)d.", n=piece.version)


def contribution_message(result: SaveResult) -> str:
    if result.status == "unchanged":
        return _("Nothing had changed, so nothing was saved.")
    if result.status == "merged":
        return _("Your contribution is saved, combined with what you wrote in another window.")
    return _("Your contribution is saved. Your colleagues see it now.")


@dataclass
class Comparison:
    versions: list[HistoryEntry]
    old: HistoryEntry | None
    new: HistoryEntry | None
    diff: LineDiff | None
    title_changed: bool


def comparison(obj, old_version: int | None, new_version: int | None) -> Comparison:
    """Every version of ``obj`` (newest first) and the difference between two of them.

    By default the newest version is compared with the one before it.
    """
    versions = entries_for(obj)
    by_version = {e.version: e for e in versions}
    new = by_version.get(new_version) or (versions[0] if versions else None)
    default_old = next((e for e in versions if new and e.version < new.version), None)
    old = by_version.get(old_version) if old_version is not None else default_old
    if old is None:
        old = default_old
    if old is None or new is None:
        return Comparison(versions, old, new, None, False)
    diff = line_diff(old.data.get("body"), new.data.get("body"))
    title_changed = "title" in new.data and old.data.get("title") != new.data.get("title")
    return Comparison(versions, old, new, diff, title_changed)
