"""Readable differences between versions: the one diff of the code base.

:func:`line_diff` compares two texts line by line (a Markdown paragraph is usually one
line); where a line was reworded, the words that changed are marked inside it, and long
unchanged stretches are folded to a count with a few lines of context around each change
(templates/opinions/_diff.html draws it). :func:`text_diff` is the same diff as plain
(op, line) pairs, unfolded, for the history views (templates/live/_history.html);
:func:`describe_history` lists what each version changed field by field.

:func:`passages` splits a three-way text clash (where the editor started, what a colleague
saved, what the editor sends) into passages: the parts that merge cleanly, already merged,
and the passages both changed differently, each with both versions, so a conflict screen
lets the editor choose passage by passage (templates/_macros/live.html); :func:`compose`
puts the chosen passages back together.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

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


def line_diff(before: str | None, after: str | None, *, context: int | None = CONTEXT) -> LineDiff:
    """Line by line, reworded lines with their changed words; ``context=None`` folds nothing."""
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
            if context is not None and len(same) > head + tail + 1:
                out.extend(DiffLine("same", line) for line in same[:head])
                out.append(DiffLine("skipped", skipped=len(same) - head - tail))
                out.extend(DiffLine("same", line) for line in same[len(same) - tail :])
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


def text_diff(before: str | None, after: str | None) -> list[tuple[str, str]]:
    """Line by line: ("same" | "removed" | "added", line)."""
    return [(line.op, line.text) for line in line_diff(before, after, context=None).lines]


def changes_between(
    before: dict[str, Any] | None,
    after: dict[str, Any],
    *,
    labels: dict,
    display: dict[str, Callable[[Any], Any]] | None = None,
    text_fields: Iterable[str] = (),
) -> list[dict]:
    display, text_fields = display or {}, set(text_fields)
    changes = []
    for name, label in labels.items():
        if name not in after:
            continue
        old = (before or {}).get(name)
        new = after.get(name)
        if before is not None and old == new:
            continue
        if before is None and new in (None, "", [], False):
            continue
        show = display.get(name, lambda v: v)
        changes.append(
            {
                "field": name,
                "label": label,
                "before": show(old) if old not in (None, "") else old,
                "after": show(new) if new not in (None, "") else new,
                "diff": text_diff(old, new) if name in text_fields and before is not None else None,
            }
        )
    return changes


def describe_history(
    entries: list, *, labels: dict, display: dict | None = None, text_fields: Iterable[str] = ()
) -> list[dict]:
    """History entries (newest first) with what each version changed compared to the one before."""
    ordered = sorted(entries, key=lambda e: e.version)
    items = []
    previous = None
    for entry in ordered:
        items.append(
            {
                "entry": entry,
                "changes": changes_between(
                    previous, entry.data, labels=labels, display=display, text_fields=text_fields
                ),
            }
        )
        previous = entry.data
    return list(reversed(items))


@dataclass
class Passage:
    """A run of lines of a three-way merge: merged cleanly (``lines``), or a clash with
    the base's, the colleague's and the editor's lines. Lines carry no newline."""

    lines: list[str] = field(default_factory=list)
    conflict: bool = False
    base: list[str] = field(default_factory=list)
    theirs: list[str] = field(default_factory=list)
    yours: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def theirs_text(self) -> str:
        return "\n".join(self.theirs)

    @property
    def yours_text(self) -> str:
        return "\n".join(self.yours)

    @property
    def both_text(self) -> str:
        """The colleague's lines, then the editor's that differ: a start for an edit."""
        rest = list(self.yours)
        for line in self.theirs:
            if line in rest:
                rest.remove(line)
        return "\n".join(self.theirs + rest)


def split_lines(text: str | None) -> list[str]:
    """Lines as the merge sees them: n newlines make n + 1 lines (see live/merge.py)."""
    return (text or "").replace("\r\n", "\n").split("\n")


def _hunks(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    """What ``other`` changed in ``base``: (start, end, new lines) in base positions."""
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def _touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two changed ranges of the base clash when they overlap, or one is an insertion
    at a point inside (or at the edge of) the other."""
    (a1, a2), (b1, b2) = a, b
    if a1 == a2 or b1 == b2:
        return b1 <= a1 <= b2 or a1 <= b1 <= a2
    return a1 < b2 and b1 < a2


def _apply(base: list[str], lo: int, hi: int, hunks: list[tuple[int, int, list[str]]]) -> list[str]:
    out, at = [], lo
    for i1, i2, new in sorted(hunks, key=lambda h: (h[0], h[1])):
        out.extend(base[at:i1])
        out.extend(new)
        at = i2
    out.extend(base[at:hi])
    return out


def _add(out: list[Passage], passage: Passage) -> None:
    if not passage.conflict:
        if not passage.lines:
            return
        if out and not out[-1].conflict:
            out[-1].lines.extend(passage.lines)
            return
    out.append(passage)


def _clash(out: list[Passage], base: list[str], theirs: list[str], yours: list[str]) -> None:
    """A passage both sides changed: equal lines at its start and end are merged."""
    if theirs == yours:
        _add(out, Passage(list(theirs)))
        return
    head = 0
    while head < min(len(theirs), len(yours)) and theirs[head] == yours[head]:
        head += 1
    tail = 0
    while tail < min(len(theirs), len(yours)) - head and theirs[-1 - tail] == yours[-1 - tail]:
        tail += 1
    _add(out, Passage(theirs[:head]))
    end_t, end_y = len(theirs) - tail, len(yours) - tail
    _add(out, Passage(conflict=True, base=list(base), theirs=theirs[head:end_t], yours=yours[head:end_y]))
    _add(out, Passage(theirs[end_t:]))


def passages(base: str | None, theirs: str | None, yours: str | None) -> list[Passage]:
    """The three-way merge of a text in passages, in order: merged runs and clashes.

    A line only one side changed takes that side's version; where both changed the
    same lines (or right next to each other) differently, the passage is a clash. When
    no side added or removed lines, every line is merged on its own, as live/merge.py
    does: two colleagues who reword two different sentences do not clash.
    """
    b, t, y = split_lines(base), split_lines(theirs), split_lines(yours)
    out: list[Passage] = []
    if len(b) == len(t) == len(y):
        run: list[tuple[str, str, str]] = []
        for line_b, line_t, line_y in zip(b, t, y):
            if line_t != line_b and line_y != line_b and line_t != line_y:
                run.append((line_b, line_t, line_y))
                continue
            if run:
                _clash(out, *(list(side) for side in zip(*run)))
                run = []
            _add(out, Passage([line_y if line_t == line_b else line_t]))
        if run:
            _clash(out, *(list(side) for side in zip(*run)))
        return out
    changes = [(h, "theirs") for h in _hunks(b, t)] + [(h, "yours") for h in _hunks(b, y)]
    changes.sort(key=lambda c: (c[0][0], c[0][1]))
    groups: list[list] = []
    for change in changes:
        span = change[0][:2]
        if groups and any(_touch(span, other[0][:2]) for other in groups[-1]):
            groups[-1].append(change)
        else:
            groups.append([change])
    at = 0
    for group in groups:
        lo = min(h[0] for h, _ in group)
        hi = max(h[1] for h, _ in group)
        _add(out, Passage(b[at:lo]))
        mine = [h for h, side in group if side == "yours"]
        colleague = [h for h, side in group if side == "theirs"]
        their_lines = _apply(b, lo, hi, colleague)
        your_lines = _apply(b, lo, hi, mine)
        if not mine:
            _add(out, Passage(their_lines))
        elif not colleague:
            _add(out, Passage(your_lines))
        else:
            _clash(out, b[lo:hi], their_lines, your_lines)
        at = hi
    _add(out, Passage(b[at:]))
    return out


def compose(pieces: Iterable[list[str]]) -> str:
    """The text made of the chosen passages' lines, in order."""
    return "\n".join(line for piece in pieces for line in piece)
