"""What comes out of a session: its summary (page and Markdown) and each phone's view."""

from __future__ import annotations

from flask_babel import gettext as _

from .labels import format_label
from .models import Participant, TeamSession
from .service import (
    current_card,
    current_round,
    drawn_cards,
    entries_of,
    in_learning_step,
    notes_by_card,
    participants_of,
    partners_of,
    question_of,
    rounds_of,
)


def summary_of(sess: TeamSession) -> dict:
    names = {p.id: p.display_name for p in participants_of(sess)}
    summary: dict = {"participants": len(names)}
    if sess.format == "kletspot":
        notes = notes_by_card(sess)
        summary["cards"] = [(card, notes.get(card.key, [])) for card in drawn_cards(sess)]
    elif sess.format == "speeddate":
        summary["rounds"] = [
            {
                "number": n,
                "question": question_of(round_),
                "groups": [[names.get(pid, "?") for pid in group] for group in round_["groups"]],
            }
            for n, round_ in enumerate(rounds_of(sess), start=1)
        ]
        summary["learnings"] = [(names.get(e.participant_id, "?"), e.body) for e in entries_of(sess, "learning")]
    return summary


def summary_markdown(sess: TeamSession) -> str:
    """The summary as the first personal contribution of an opinion piece (Markdown, with
    the participants' words as plain text: nh3 sanitises it again when shown)."""
    summary = summary_of(sess)
    lines = [f"## {format_label(sess.format)}: {_escape(sess.title)}", ""]
    if sess.format == "kletspot":
        for card, notes in summary["cards"]:
            lines.append(f"- **{_escape(card.text)}**")
            lines.extend(f"  - {_escape(note.body)}" for note in notes)
    else:
        for round_ in summary.get("rounds", []):
            lines.append(f"- {_('Round %(num)d', num=round_['number'])}: {_escape(round_['question'])}")
        if summary.get("learnings"):
            lines += ["", f"### {_('What we learned')}", ""]
            lines.extend(f"- {_escape(body)}" for _name, body in summary["learnings"])
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    """One line of Markdown text: line breaks folded, Markdown's own characters escaped."""
    flat = " ".join(str(text).split())
    return "".join("\\" + ch if ch in "\\`*_{}[]<>()#+-.!|" else ch for ch in flat)


def participant_view_data(sess: TeamSession, participant: Participant) -> dict:
    """What this participant's phone shows now (also the ``you`` of state.json)."""
    data: dict = {"name": participant.display_name, "waiting": sess.step == 0}
    if sess.format == "kletspot":
        card = current_card(sess)
        if card:
            data["card"] = {"key": card.key, "theme": card.theme_label, "text": card.text}
    elif sess.format == "speeddate":
        if in_learning_step(sess):
            data["learning"] = True
            data["learned"] = [e.body for e in entries_of(sess, "learning") if e.participant_id == participant.id]
        round_ = current_round(sess)
        if round_ and not data.get("learning"):
            names = {p.id: p.display_name for p in participants_of(sess)}
            data["round"] = len(rounds_of(sess))
            data["talk_with"] = [names.get(pid, "?") for pid in partners_of(round_, participant.id)]
            data["question"] = question_of(round_)
    return data
