"""A piece with its contributions as one Markdown file."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _

from ..core.i18n import format_datetime
from ..markdown import headings_under
from .models import Contribution, OpinionPiece
from .questions import question_text


def filename_for(piece: OpinionPiece) -> str:
    """A plain ASCII file name from the title ("Wie bereiken wij niet?" → wie-bereiken-wij-niet.md)."""
    ascii_title = unicodedata.normalize("NFKD", piece.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60] or f"opinion-{piece.id}"
    return f"{slug}.md"


def as_markdown(piece: OpinionPiece, contributions: list[Contribution], *, org_name: str) -> str:
    lines = [
        f"# {piece.title}",
        "",
        f"_{org_name} · "
        + _("Version %(n)d", n=piece.version)
        + " · "
        + format_datetime(piece.updated_at, "medium")
        + "_",
        "",
        "## " + _("Team text"),
        "",
        headings_under((piece.body or "").strip(), 3) or "_" + _("The team text is still empty.") + "_",
        "",
        "## " + _("Personal contributions"),
        "",
    ]
    if not contributions:
        lines += ["_" + _("Nobody has written a contribution yet.") + "_", ""]
    for contribution in contributions:
        name = contribution.author.display_name if contribution.author else _("A former colleague")
        lines += [f"### {name}", "", headings_under(contribution.body.strip(), 4), ""]
    if piece.questions:
        lines += ["## " + _("Guiding questions"), ""]
        lines += [f"{n}. {question_text(code)}" for n, code in enumerate(piece.questions, start=1)]
        lines.append("")
    return "\n".join(lines)
