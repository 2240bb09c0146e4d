"""A readable line diff between two versions of a text, with the changed words marked.

Lines are the unit (a Markdown paragraph is usually one line); where a line was
reworded, the words that changed are marked inside it. Long unchanged stretches are
folded to a count, keeping a few lines of context around each change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

CONTEXT = 2
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass
class DiffLine:
    op: str  # same, removed, added, skipped
    text: str = ""
    # For a reworded line: (changed?, piece of text) in order, so the changed words stand out.
    parts: list[tuple[bool, str]] = field(default_factory=list)
    skipped: int = 0  # for "skipped": how many unchanged lines are folded away


@dataclass
class LineDiff:
    lines: list[DiffLine]
    added: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def _words(before: str, after: str) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    old: list[tuple[bool, str]] = []
    new: list[tuple[bool, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            old.append((False, "".join(a[i1:i2])))
            new.append((False, "".join(b[j1:j2])))
        else:
            if i2 > i1:
                old.append((True, "".join(a[i1:i2])))
            if j2 > j1:
                new.append((True, "".join(b[j1:j2])))
    return old, new


def line_diff(before: str | None, after: str | None, *, context: int = CONTEXT) -> LineDiff:
    a = (before or "").splitlines()
    b = (after or "").splitlines()
    out: list[DiffLine] = []
    added = removed = 0
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            same = a[i1:i2]
            head = 0 if index == 0 else context
            tail = 0 if index == len(opcodes) - 1 else context
            if len(same) > head + tail + 1:
                out.extend(DiffLine("same", line) for line in same[:head])
                out.append(DiffLine("skipped", skipped=len(same) - head - tail))
                out.extend(DiffLine("same", line) for line in same[len(same) - tail:])
            else:
                out.extend(DiffLine("same", line) for line in same)
            continue
        old, new = a[i1:i2], b[j1:j2]
        removed += len(old)
        added += len(new)
        if op == "replace" and len(old) == len(new):
            for x, y in zip(old, new):
                old_parts, new_parts = _words(x, y)
                out.append(DiffLine("removed", x, old_parts))
                out.append(DiffLine("added", y, new_parts))
        else:
            out.extend(DiffLine("removed", line) for line in old)
            out.extend(DiffLine("added", line) for line in new)
    return LineDiff(out, added, removed)
