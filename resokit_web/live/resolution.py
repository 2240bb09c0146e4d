"""Reading a conflict form: each clashing field's choice (mine, theirs, combined), or for
a text chosen passage by passage, each clashing passage's choice (mine, theirs, edited)."""

from __future__ import annotations

import json

from werkzeug.datastructures import MultiDict

from .diff import compose, split_lines

_CHOICE = "__choice_"
# A text chosen passage by passage: __choice_<field> = "passages", __parts_<field> = how
# many passages, then for passage i either __part_<field>_<i> (merged lines, JSON) or
# __pick_<field>_<i> (yours, theirs or edit) with __ptheirs_/__pyours_ (JSON lines) and
# __pedit_<field>_<i> (the textarea).
PASSAGES = "passages"


def _lines(raw: str | None) -> list[str] | None:
    try:
        lines = json.loads(raw or "")
    except ValueError:
        return None
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        return None
    return lines


def by_passage(formdata: MultiDict, field: str) -> str | None:
    """The text the passage choices of ``field`` compose, or None if the form does not
    hold a whole, readable set of passages (then the editor's own text stands)."""
    count = formdata.get(f"__parts_{field}", "")
    if not count.isdigit() or not 0 < int(count) <= 10_000:
        return None
    pieces: list[list[str]] = []
    for i in range(int(count)):
        key = f"{field}_{i}"
        if f"__part_{key}" in formdata:
            lines = _lines(formdata[f"__part_{key}"])
        else:
            pick = formdata.get(f"__pick_{key}", "yours")
            if pick == "edit":
                edited = formdata.get(f"__pedit_{key}", "")
                lines = split_lines(edited) if edited.strip() else []
            else:
                lines = _lines(formdata.get(f"__ptheirs_{key}" if pick == "theirs" else f"__pyours_{key}"))
        if lines is None:
            return None
        pieces.append(lines)
    return compose(pieces)


def resolve(formdata: MultiDict) -> MultiDict:
    """The form data with every clashing field set to what the editor chose.

    Conflict forms post each field under its own name holding *yours*, plus
    ``__choice_<field>`` (yours, theirs, combined or passages), ``__theirs_<field>`` and
    ``__combined_<field>``. Ordinary edit forms pass through unchanged.
    """
    out = MultiDict()
    choices = {k[len(_CHOICE) :]: v for k, v in formdata.items() if k.startswith(_CHOICE)}
    for key in formdata.keys():
        if key.startswith("__"):
            continue
        out.setlist(key, formdata.getlist(key))
    for field, choice in choices.items():
        if choice == "theirs" and f"__theirs_{field}" in formdata:
            out[field] = formdata[f"__theirs_{field}"]
        elif choice == "combined" and f"__combined_{field}" in formdata:
            out[field] = formdata[f"__combined_{field}"]
        elif choice == PASSAGES:
            composed = by_passage(formdata, field)
            if composed is not None:
                out[field] = composed
    return out
