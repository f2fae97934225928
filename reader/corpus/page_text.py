"""Turn the text blocks of laid-out pages into a document's text: paragraphs in reading order.

Pure functions over plain data (PyMuPDF is read in ``reader.corpus.paged``): blocks are read
column by column, a block's lines are joined into paragraphs across line breaks and hyphenation,
a paragraph cut by a column or a page break is joined again, and running headers, footers and
page numbers are told apart (page furniture, "chrome") so the reader can fold them away.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]
Char = tuple[str, Box]

MARGIN = 0.15  # running heads and feet sit in the top or bottom 15% of a page
_ENDS_SENTENCE = re.compile(r"[.!?:;…\"”’)\]]$")
_CONTINUES = re.compile(r"[\w,(\-–]$")
_PAGE_NUMBER = re.compile(
    r"^(page|p\.|seite|pág\.?)?\s*[#ivxlcdm]+(\s*(of|/|von|de)\s*#)?$|^[-–—]\s*#\s*[-–—]$"
)


@dataclass
class Block:
    """A block of text lines on a page, as the layout engine grouped them."""

    bbox: Box
    lines: list[list[Char]]
    line_boxes: list[Box]

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    def text(self) -> str:
        return " ".join("".join(c for c, _ in line).strip() for line in self.lines).strip()


# -- reading order -----------------------------------------------------------------------------
def reading_order(blocks: Sequence[Block], height: float) -> list[Block]:
    """Return a page's blocks in reading order: heads first, then the body column by column
    (a block spanning the columns closes a band), then the feet."""
    if len(blocks) < 2:
        return list(blocks)
    head = [b for b in blocks if b.bbox[3] <= height * MARGIN * 0.6]
    foot = [b for b in blocks if b.bbox[1] >= height * (1 - MARGIN * 0.6) and b not in head]
    body = [b for b in blocks if b not in head and b not in foot]
    by_x = lambda b: (b.bbox[0], b.bbox[1])  # noqa: E731
    return sorted(head, key=by_x) + _columns(body) + sorted(foot, key=by_x)


def _columns(blocks: Sequence[Block]) -> list[Block]:
    if not blocks:
        return []
    left = min(b.bbox[0] for b in blocks)
    right = max(b.bbox[2] for b in blocks)
    span = max(right - left, 1.0)
    narrow = [b for b in blocks if b.width <= span * 0.6 and b.width >= span * 0.08]
    ranges = _union([(b.bbox[0], b.bbox[2]) for b in narrow])
    if len(ranges) < 2:
        return sorted(blocks, key=lambda b: (b.bbox[1], b.bbox[0]))
    out: list[Block] = []
    band: list[Block] = []
    for block in sorted(blocks, key=lambda b: (b.bbox[1], b.bbox[0])):
        if sum(_overlaps(block.bbox, r) for r in ranges) >= 2:  # spans columns: closes a band
            out += _band(band, ranges)
            out.append(block)
            band = []
        else:
            band.append(block)
    return out + _band(band, ranges)


def _band(blocks: list[Block], ranges: list[tuple[float, float]]) -> list[Block]:
    def column(b: Block) -> int:
        middle = (b.bbox[0] + b.bbox[2]) / 2
        return min(range(len(ranges)), key=lambda i: _distance(middle, ranges[i]))

    return sorted(blocks, key=lambda b: (column(b), b.bbox[1], b.bbox[0]))


def _union(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for lo, hi in sorted(intervals):
        if merged and lo <= merged[-1][1] + 2:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _overlaps(box: Box, column: tuple[float, float]) -> bool:
    width = column[1] - column[0]
    return min(box[2], column[1]) - max(box[0], column[0]) > width * 0.2


def _distance(x: float, column: tuple[float, float]) -> float:
    return 0.0 if column[0] <= x <= column[1] else min(abs(x - column[0]), abs(x - column[1]))


# -- paragraphs within a block -----------------------------------------------------------------
def paragraphs(block: Block) -> list[list[list[Char]]]:
    """Split a block's lines into paragraphs: a short line ending a sentence, followed by an
    indented line or a wider gap, ends one (the block is otherwise one paragraph)."""
    groups: list[list[list[Char]]] = [[]]
    x0, x1 = block.bbox[0], block.bbox[2]
    for i, line in enumerate(block.lines):
        groups[-1].append(line)
        if i + 1 == len(block.lines):
            break
        box, after = block.line_boxes[i], block.line_boxes[i + 1]
        text = "".join(c for c, _ in line).rstrip()
        short = box[2] < x1 - (x1 - x0) * 0.15
        indented = after[0] > x0 + 4
        gap = after[1] - box[3] > (box[3] - box[1]) * 0.8
        if short and (indented or gap) and _ENDS_SENTENCE.search(text):
            groups.append([])
    return [g for g in groups if g]


def chrome_key(text: str) -> str:
    """Return what running heads of different pages share: digits and case set aside."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def is_page_number(text: str) -> bool:
    """Tell whether a line is only a page number ("12", "xiv", "Page 3 of 40", "– 7 –")."""
    return bool(_PAGE_NUMBER.match(chrome_key(text)))


def margin_candidates(blocks: Sequence[Block], height: float) -> set[int]:
    """Return the indexes (in ``blocks``, in reading order) of what may be a running head or
    foot: among the first or last blocks of the page, in its margins, one or two short lines
    not starting in lower case."""
    found: set[int] = set()
    for i, block in enumerate(blocks):
        if len(block.lines) > 2:
            continue
        text = block.text()
        if len(text) > 150 or text[:1].islower():
            continue  # a body line going on from the page before starts in lower case
        top = block.bbox[3] <= height * MARGIN and i < 2
        bottom = block.bbox[1] >= height * (1 - MARGIN) and i >= len(blocks) - 3
        if top or bottom:
            found.add(i)
    return found


# -- characters --------------------------------------------------------------------------------
def clean_chars(line: Sequence[Char]) -> list[Char]:
    """Return a line's characters with whitespace as single spaces and control characters
    dropped (a fixed text has no line breaks inside a paragraph)."""
    text = "".join(c for c, _ in line)
    if text.isprintable() and "  " not in text and not text.startswith(" "):
        return list(line)  # the common case, at C speed
    out: list[Char] = []
    for char, box in line:
        if char.isspace():
            char = " "
        elif char != "\xad" and unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
            continue
        if char == " " and (not out or out[-1][0] == " "):
            continue
        out.append((char, box))
    return out


def joins(before: str, after: str) -> bool:
    """Tell whether a paragraph cut by a column or page break goes on in the next block."""
    before, after = before.rstrip(), after.lstrip()
    if not before or not after or _ENDS_SENTENCE.search(before):
        return False
    return bool(_CONTINUES.search(before)) and after[0].islower()


def hyphenated(before: str, after: str) -> bool:
    """Tell whether a line break falls inside a hyphenated word ("inter-" + "national")."""
    before = before.rstrip()
    if before.endswith("\xad"):
        return True
    return (
        len(before) >= 2
        and before[-1] in "-\u2010"
        and before[-2].isalpha()
        and bool(after.lstrip())
        and after.lstrip()[0].islower()
    )
