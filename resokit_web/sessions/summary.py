"""What comes out of a session: its summary (page and Markdown) and each phone's view."""

from __future__ import annotations

from flask_babel import gettext as _

from .content import CASE_QUESTION, CASES, ENCOUNTER_PHASES, PERSPECTIVES, POSITIONS, SIDES, WALK, WALK_QUESTIONS
from .labels import format_label
from .models import Participant, TeamSession
from .service import (
    current_card,
    current_round,
    drawn_cards,
    entries_of,
    in_learning_step,
    latest_positions,
    notes_by_card,
    participants_of,
    partners_of,
    perspective_of,
    question_of,
    rounds_of,
    step_kind,
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
    elif sess.format == "wandeling":
        summary["walk"] = [(key, seconds, str(text)) for key, seconds, text in WALK]
        answers: dict[str, list[str]] = {key: [] for key in WALK_QUESTIONS}
        for entry in entries_of(sess, "reflection"):
            answers.setdefault(entry.ref, []).append(entry.body)
        # Without names: the debrief is about frames, not about who thought what.
        summary["answers"] = [(str(WALK_QUESTIONS[key]), answers.get(key, [])) for key in WALK_QUESTIONS]
    elif sess.format == "ontmoeting":
        summary["phases"] = [
            (key, str(label), [str(p) for p in prompts]) for key, (label, prompts) in ENCOUNTER_PHASES.items()
        ]
        summary["reflections"] = [(names.get(e.participant_id, "?"), e.body) for e in entries_of(sess, "reflection")]
    elif sess.format == "inclusietafels":
        summary.update(_tables(sess, names))
    return summary


def _tables(sess: TeamSession, names: dict[int, str]) -> dict:
    people = participants_of(sess)
    perspective = {p.id: str(PERSPECTIVES[perspective_of(sess, p)]) for p in people}
    before, after = latest_positions(sess, "position_before"), latest_positions(sess, "position_after")
    arguments = {side: [] for side in SIDES}
    for entry in entries_of(sess, "argument"):
        arguments.setdefault(entry.ref, []).append((perspective.get(entry.participant_id, ""), entry.body))
    return {
        "case": str(CASES.get((sess.state or {}).get("case", ""), "")),
        "case_question": str(CASE_QUESTION),
        "perspectives": [(p.display_name, perspective[p.id]) for p in people],
        "arguments": [(str(label), arguments.get(side, [])) for side, label in SIDES.items()],
        "positions": [
            (
                str(label),
                sum(1 for v in before.values() if v == key),
                sum(1 for v in after.values() if v == key),
            )
            for key, label in POSITIONS.items()
        ],
        "changed": sum(1 for pid, v in after.items() if pid in before and before[pid] != v),
        "both": sum(1 for pid in after if pid in before),
    }


def summary_markdown(sess: TeamSession) -> str:
    """The summary as the first personal contribution of an opinion piece (Markdown, with
    the participants' words as plain text: nh3 sanitises it again when shown)."""
    summary = summary_of(sess)
    lines = [f"## {format_label(sess.format)}: {_escape(sess.title)}", ""]
    if sess.format == "kletspot":
        for card, notes in summary["cards"]:
            lines.append(f"- **{_escape(card.text)}**")
            lines.extend(f"  - {_escape(note.body)}" for note in notes)
    elif sess.format == "wandeling":
        for question, answers in summary["answers"]:
            lines.append(f"- **{_escape(question)}**")
            lines.extend(f"  - {_escape(answer)}" for answer in answers)
    elif sess.format == "ontmoeting":
        lines.extend(f"- {_escape(body)}" for _name, body in summary["reflections"])
    elif sess.format == "inclusietafels":
        lines += [_escape(summary["case"]), ""]
        for side, arguments in summary["arguments"]:
            lines.append(f"- **{_escape(side)}**")
            lines.extend(f"  - {_escape(body)} ({_escape(who)})" for who, body in arguments)
        lines.append("")
        lines.extend(f"- {_escape(label)}: {before} → {after}" for label, before, after in summary["positions"])
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
    kind = step_kind(sess)
    if kind:
        data["step_kind"] = kind
    if sess.format == "inclusietafels":
        data["perspective"] = str(PERSPECTIVES[perspective_of(sess, participant)])
        if kind in ("position_before", "position_after"):
            data["position"] = latest_positions(sess, kind).get(participant.id)
    if sess.format in ("wandeling", "ontmoeting") and kind == "reflect":
        data["answered"] = any(e.participant_id == participant.id for e in entries_of(sess, "reflection"))
    return data
