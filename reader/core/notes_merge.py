"""Merge two versions of a document's notes edited from one common version (three-way, by line).

The notes editor saves as the user types; when another process changed the notes meanwhile, the
editor has three texts: the one it started from (``base``), the user's (``mine``) and the stored
one (``theirs``). Changes to different lines are combined; when both changed the same lines,
both versions are kept, the other one after a marked separator, so nothing typed is ever lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

SEPARATOR = "——— Changed elsewhere meanwhile (both versions kept) ———"


@dataclass(frozen=True)
class NotesMerge:
    """The merged text; ``clean`` is false when both versions had to be kept."""

    text: str
    clean: bool


_Edit = tuple[int, int, list[str]]  # base lines [i1, i2) become these lines


def _edits(base: list[str], other: list[str]) -> list[_Edit]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def _clash(a: _Edit, b: _Edit) -> bool:
    if a == b:
        return False
    if max(a[0], b[0]) < min(a[1], b[1]):
        return True
    # An insertion at the edge of (or at the same place as) another change: order unknown.
    inserts = a[0] == a[1] or b[0] == b[1]
    return inserts and a[0] <= b[1] and b[0] <= a[1]


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"  # so that a last line edited on one side compares as a whole line
    return lines


def merge_notes(base: str, mine: str, theirs: str) -> NotesMerge:
    """Return ``mine`` and ``theirs`` merged relative to ``base``."""
    if theirs in (base, mine):
        return NotesMerge(mine, True)
    if mine == base:
        return NotesMerge(theirs, True)
    base_lines = _lines(base)
    ours, others = _edits(base_lines, _lines(mine)), _edits(base_lines, _lines(theirs))
    if any(_clash(a, b) for a in ours for b in others):
        return NotesMerge(f"{mine.rstrip()}\n\n{SEPARATOR}\n{theirs.strip()}\n", False)
    merged = list(base_lines)
    unique = {(e[0], e[1], tuple(e[2])): e for e in [*ours, *others]}
    # Apply from the end so earlier indexes stay valid; at one index an insertion goes first.
    for i1, i2, lines in sorted(unique.values(), key=lambda e: (e[0], e[1]), reverse=True):
        merged[i1:i2] = lines
    text = "".join(merged)
    if not (mine.endswith("\n") or theirs.endswith("\n")) and text.endswith("\n"):
        text = text[:-1]
    return NotesMerge(text, True)
