"""Align a laid-out page's characters to the document text; the boxes of a span of it.

Pure: no PyMuPDF here. The PDF writer lays the passages out, reads each page's characters back
(``get_text("rawdict")``, in the order they were drawn) and hands them over as ``Line``s; this
module gives every character the offsets of the document text it shows, so a highlight's
annotation is built from the boxes of exactly its characters. Searching the page for the quote
(``search_for``) misses quotes that run over two lines, and a word that occurs twice.

What is compared is a *key* per character: NFKC (a ligature ``ﬃ`` is ``ffi``, a shaped Arabic
presentation form its letter), without whitespace and format characters (the layout drops or
adds them), brackets folded (a right-to-left line draws ``(`` as the mirrored glyph, which
MuPDF reports as ``)``). Lines are matched in order against the document's keys; where they
differ (MuPDF reports some shaped Arabic glyphs as the wrong character, e.g. U+01C1 for a medial
lam), a diff of the line against the text around the cursor pairs the characters that differ
one for one.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

Box = tuple[float, float, float, float]

_BRACKETS = str.maketrans({")": "(", "]": "[", "}": "{", ">": "<", "»": "«", "›": "‹"})
# How far past the cursor a line may start (a line that did not match leaves the cursor behind).
_SLACK = 80
# After text that did not come back (a script without a font), a line long enough not to occur
# by chance is looked for this far ahead, to pick the thread up again.
_RESYNC_KEYS = 16
_RESYNC = 50_000


@lru_cache(maxsize=4096)
def fold(ch: str) -> str:
    """Return the key of one character: what both the text and the page agree on."""
    out = []
    for k in unicodedata.normalize("NFKC", ch):
        if k.isspace() or unicodedata.category(k) == "Cf":
            continue
        out.append(k.translate(_BRACKETS))
    return "".join(out)


@dataclass
class Line:
    """One line of a page as drawn: its characters and their boxes, in drawing order.

    ``lo``/``hi`` are filled by ``align``: the first and last document offset a character
    shows (a ligature shows several), ``None`` for spaces and characters not found.
    """

    page: int
    chars: list[str]
    boxes: list[Box]
    lo: list[int | None] = field(default_factory=list)
    hi: list[int | None] = field(default_factory=list)


def text_keys(text: str, spans: Iterable[tuple[int, int]]) -> tuple[str, list[int]]:
    """Return the keys of ``text[start:end]`` for each span, and each key's offset."""
    keys: list[str] = []
    offsets: list[int] = []
    for start, end in spans:
        for i in range(start, end):
            for k in fold(text[i]):
                keys.append(k)
                offsets.append(i)
    return "".join(keys), offsets


def _line_keys(line: Line) -> tuple[str, list[int]]:
    keys: list[str] = []
    owner: list[int] = []
    for g, ch in enumerate(line.chars):
        for k in fold(ch):
            keys.append(k)
            owner.append(g)
    return "".join(keys), owner


def _match(keys: str, text: str, cursor: int) -> dict[int, int]:
    """Return line key index -> text key index for one line, starting near ``cursor``."""
    n = len(keys)
    if text.startswith(keys, cursor):
        return {i: cursor + i for i in range(n)}
    found = text.find(keys, cursor, cursor + n + _SLACK)
    if found >= 0:
        return {i: found + i for i in range(n)}
    if n >= _RESYNC_KEYS:
        found = text.find(keys, cursor, cursor + _RESYNC)
        if found >= 0:
            return {i: found + i for i in range(n)}
    window = text[cursor : cursor + n + _SLACK]
    pairs: dict[int, int] = {}
    matcher = SequenceMatcher(None, keys, window, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        # Equal, or as many characters replaced by as many: glyphs the PDF maps wrongly.
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.update({i1 + k: cursor + j1 + k for k in range(i2 - i1)})
    return pairs if 2 * len(pairs) >= n else {}


def align(lines: Sequence[Line], text: str, offsets: Sequence[int]) -> int:
    """Fill each line's ``lo``/``hi`` from the text's keys; return how many keys matched.

    ``text``/``offsets`` come from ``text_keys`` over the passages laid out, in order.
    """
    cursor = 0
    matched = 0
    for line in lines:
        line.lo = [None] * len(line.chars)
        line.hi = [None] * len(line.chars)
        keys, owner = _line_keys(line)
        if not keys:
            continue
        pairs = _match(keys, text, cursor)
        for i, j in pairs.items():
            g, at = owner[i], offsets[j]
            lo, hi = line.lo[g], line.hi[g]
            line.lo[g] = at if lo is None else min(lo, at)
            line.hi[g] = at if hi is None else max(hi, at)
        if pairs:
            cursor = max(pairs.values()) + 1
            matched += len(pairs)
    return matched


def _inside(line: Line, start: int, end: int) -> list[bool]:
    """Return, per character, whether it shows part of ``[start, end)``.

    A space or a character not found is inside when the found characters on either side of
    it (in drawing order, on its line) are.
    """
    known: list[bool | None] = [
        None if lo is None or hi is None else (lo < end and hi >= start)
        for lo, hi in zip(line.lo, line.hi, strict=True)
    ]
    before: list[bool] = []
    last = False
    for value in known:
        before.append(last)
        if value is not None:
            last = value
    result = [False] * len(known)
    nxt = False
    for g in range(len(known) - 1, -1, -1):
        value = known[g]
        result[g] = value if value is not None else (before[g] and nxt)
        if value is not None:
            nxt = value
    return result


def line_runs(line: Line, start: int, end: int) -> list[Box]:
    """Return the boxes of the runs of characters of ``[start, end)`` on one line, left to right.

    Characters are taken in visual order (by their left edge), so a span of right-to-left text
    inside a left-to-right line (or the reverse) gets its own box.
    """
    inside = _inside(line, start, end)
    order = sorted(range(len(line.chars)), key=lambda g: line.boxes[g][0])
    runs: list[Box] = []
    current: Box | None = None
    for g in order:
        if not inside[g]:
            if current is not None:
                runs.append(current)
            current = None
            continue
        box = line.boxes[g]
        current = box if current is None else _union(current, box)
    if current is not None:
        runs.append(current)
    return runs


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


class Placement:
    """Where each offset of the text was drawn: lines found by offset, boxes of a span."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = list(lines)
        spans = []
        for n, line in enumerate(self.lines):
            found = [v for v in line.lo if v is not None]
            tops = [v for v in line.hi if v is not None]
            if found:
                spans.append((min(found), max(tops), n))
        spans.sort()
        self._starts = [s for s, _, _ in spans]
        self._spans = spans
        # The longest line's span bounds how far back a line overlapping an offset can start.
        self._reach = max((hi - lo for lo, hi, _ in spans), default=0)

    def boxes(self, start: int, end: int) -> dict[int, list[Box]]:
        """Return, per page, the boxes that show ``text[start:end]`` (empty if none is drawn)."""
        first = bisect.bisect_left(self._starts, start - self._reach)
        last = bisect.bisect_left(self._starts, end)
        found: dict[int, list[Box]] = {}
        for lo, hi, n in sorted(self._spans[first:last], key=lambda s: s[2]):
            if hi < start or lo >= end:
                continue
            line = self.lines[n]
            found.setdefault(line.page, []).extend(line_runs(line, start, end))
        return {page: boxes for page, boxes in found.items() if boxes}
