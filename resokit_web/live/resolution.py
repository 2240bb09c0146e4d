"""Reading a conflict form: each clashing field's choice (mine, theirs, combined)."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

_CHOICE = "__choice_"


def resolve(formdata: MultiDict) -> MultiDict:
    """The form data with every clashing field set to what the editor chose.

    Conflict forms post each field under its own name holding *yours*, plus
    ``__choice_<field>`` (yours, theirs or combined), ``__theirs_<field>`` and
    ``__combined_<field>``. Ordinary edit forms pass through unchanged.
    """
    out = MultiDict()
    choices = {k[len(_CHOICE):]: v for k, v in formdata.items() if k.startswith(_CHOICE)}
    for key in formdata.keys():
        if key.startswith("__"):
            continue
        out.setlist(key, formdata.getlist(key))
    for field, choice in choices.items():
        if choice == "theirs" and f"__theirs_{field}" in formdata:
            out[field] = formdata[f"__theirs_{field}"]
        elif choice == "combined" and f"__combined_{field}" in formdata:
            out[field] = formdata[f"__combined_{field}"]
    return out
