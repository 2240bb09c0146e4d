"""Readable differences between versions, for history views."""

from __future__ import annotations

import difflib
from typing import Any, Callable, Iterable


def text_diff(before: str | None, after: str | None) -> list[tuple[str, str]]:
    """Line by line: ("same" | "removed" | "added", line)."""
    out: list[tuple[str, str]] = []
    for line in difflib.ndiff((before or "").splitlines(), (after or "").splitlines()):
        code, text = line[:2], line[2:]
        if code == "  ":
            out.append(("same", text))
        elif code == "- ":
            out.append(("removed", text))
        elif code == "+ ":
            out.append(("added", text))
    return out


def changes_between(before: dict[str, Any] | None, after: dict[str, Any], *, labels: dict,
                    display: dict[str, Callable[[Any], Any]] | None = None,
                    text_fields: Iterable[str] = ()) -> list[dict]:
    display, text_fields = display or {}, set(text_fields)
    changes = []
    for field, label in labels.items():
        if field not in after:
            continue
        old = (before or {}).get(field)
        new = after.get(field)
        if before is not None and old == new:
            continue
        if before is None and new in (None, "", [], False):
            continue
        show = display.get(field, lambda v: v)
        changes.append({
            "field": field, "label": label,
            "before": show(old) if old not in (None, "") else old,
            "after": show(new) if new not in (None, "") else new,
            "diff": text_diff(old, new) if field in text_fields and before is not None else None,
        })
    return changes


def describe_history(entries: list, *, labels: dict, display: dict | None = None,
                     text_fields: Iterable[str] = ()) -> list[dict]:
    """History entries (newest first) with what each version changed compared to the one before."""
    ordered = sorted(entries, key=lambda e: e.version)
    items = []
    previous = None
    for entry in ordered:
        items.append({"entry": entry, "changes": changes_between(previous, entry.data, labels=labels,
                                                                display=display, text_fields=text_fields)})
        previous = entry.data
    return list(reversed(items))
