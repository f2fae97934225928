"""Build a paged document's fixed text page by page, with where every page and character is.

Each paragraph becomes one line of the text, paragraphs separated by a blank line (so each is a
passage). A paragraph cut by a column or page break is joined again; the running heads and feet
met meanwhile follow it. Beside the text: each page's start offset and label, each paragraph's
page and chrome flag, the sections of the table of contents, and every character's box on its
page (four unsigned 16-bit numbers in tenths of a point; a joining space has an empty box).
"""

from __future__ import annotations

import bisect
import math
import re
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.corpus.page_text import (
    Block,
    Box,
    Char,
    clean_chars,
    hyphenated,
    is_page_number,
    joins,
    margin_candidates,
    paragraphs,
)

SEPARATOR = "\n\n"
_NUMBER = re.compile(r"\d+")
_EMPTY: Box = (0.0, 0.0, 0.0, 0.0)


@dataclass
class _Paragraph:
    page: int
    y: float
    candidate: bool = False
    size: float = 0.0  # a margin line's height (running heads are not set large)
    chars: list[str] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.chars)

    def extend(self, chars: Sequence[Char], page: int) -> None:
        if chars:
            letters, boxes = zip(*chars, strict=True)
            self.chars.extend(letters)
            self.boxes.extend(boxes)
            self.pages.extend([page] * len(letters))

    def drop_last(self) -> None:
        self.chars.pop()
        self.boxes.pop()
        self.pages.pop()

    def append(self, chars: Sequence[Char], page: int) -> None:
        """Go on with the next line or block: a hyphen at a break goes, else a space joins."""
        if not chars:
            return
        while self.chars and self.chars[-1] == " ":
            self.drop_last()
        tail = "".join(self.chars[-3:])
        if self.chars and hyphenated(tail, "".join(c for c, _ in chars[:3])):
            self.drop_last()
        elif self.chars:  # the joining space stays with the page before: a page starts on text
            self.extend([(" ", _EMPTY)], self.pages[-1])
        self.extend(chars, page)


@dataclass(frozen=True)
class Built:
    """The text and what is kept beside it (``pages.json`` and ``boxes.bin``)."""

    text: str
    layout: dict[str, Any]
    boxes: bytes


class TextBuilder:
    """Receives pages in order; ``finish()`` returns the text and its layout."""

    def __init__(self, paged: bool = True) -> None:
        self.paged = paged
        self._parts: list[str] = []
        self._offset = 0
        self._open: _Paragraph | None = None
        self._pending: list[_Paragraph] = []
        self._records: list[tuple[int, int, bool, str, float]] = []
        self._sizes: dict[int, float] = {}
        self._body_sizes: Counter[int] = Counter()
        self._runs: dict[int, list[list[int]]] = {}
        self._boxes: dict[int, array[int]] = {}
        self.pages = 0

    def add_page(self, blocks: Sequence[Block], height: float) -> None:
        """Add the next page's blocks (in reading order)."""
        page = self.pages
        self.pages += 1
        # Reflowed chapters have no running heads: only real pages are searched for them.
        candidates = margin_candidates(blocks, height) if self.paged else set()
        for i, block in enumerate(blocks):
            sizes = [box[3] - box[1] for box in block.line_boxes]
            if i in candidates:
                self._add(page, block.bbox[1], block.lines, True, max(sizes, default=0.0))
                continue
            self._body_sizes.update(round(size) for size in sizes)
            for lines in paragraphs(block):
                self._add(page, block.bbox[1], lines, False)

    def _add(
        self, page: int, y: float, lines: list[list[Char]], candidate: bool, size: float = 0.0
    ) -> None:
        fragment = _Paragraph(page, y, candidate, size)
        for line in lines:
            fragment.append(clean_chars(line), page)
        while fragment.chars and fragment.chars[-1] == " ":
            fragment.drop_last()
        if not "".join(fragment.chars).strip():
            return
        if candidate:
            if self._open is None:
                self._write(fragment)
            else:
                self._pending.append(fragment)
            return
        current = self._open
        if current is not None and joins(current.text()[-40:], fragment.text()[:10]):
            current.append(list(zip(fragment.chars, fragment.boxes, strict=True)), page)
            return
        self._close()
        self._open = fragment

    def _close(self) -> None:
        if self._open is not None:
            self._write(self._open)
            self._open = None
        for waiting in self._pending:
            self._write(waiting)
        self._pending = []

    def _write(self, paragraph: _Paragraph) -> None:
        while paragraph.chars and paragraph.chars[0] == " ":
            paragraph.chars.pop(0)
            paragraph.boxes.pop(0)
            paragraph.pages.pop(0)
        if self._parts:
            self._parts.append(SEPARATOR)
            self._offset += len(SEPARATOR)
        start = self._offset
        text = paragraph.text()
        self._parts.append(text)
        self._offset += len(text)
        # Margin lines are compared by their text; the body's is not needed.
        kept = " ".join(text.lower().split()) if paragraph.candidate else ""
        self._records.append((start, paragraph.page, paragraph.candidate, kept, paragraph.y))
        if paragraph.candidate:
            self._sizes[start] = paragraph.size
        run_start = 0
        for i in range(1, len(text) + 1):
            if i == len(text) or paragraph.pages[i] != paragraph.pages[run_start]:
                self._keep_boxes(paragraph, start, run_start, i)
                run_start = i

    def _keep_boxes(self, paragraph: _Paragraph, start: int, lo: int, hi: int) -> None:
        page = paragraph.pages[lo]
        self._runs.setdefault(page, []).append([start + lo, hi - lo])
        if not self.paged:
            return  # a reflowed chapter's boxes are only where this reader laid it out
        flat = [v for box in paragraph.boxes[lo:hi] for v in box]
        if flat and (min(flat) < 0 or max(flat) > 6553.4):  # off the page, or a vast page
            flat = [min(6553.5, max(0.0, v)) for v in flat]
        self._boxes.setdefault(page, array("H")).extend([int(v * 10 + 0.5) for v in flat])

    def finish(
        self,
        labels: Sequence[str] = (),
        toc: Sequence[tuple[int, float, str]] = (),
        sizes: Sequence[tuple[float, float]] = (),
    ) -> Built:
        """Return the text, its layout and the character boxes; ``toc`` holds (page index, y,
        title) of each table-of-contents entry, ``sizes`` each page's width and height."""
        self._close()
        text = "".join(self._parts) + "\n" if self._parts else ""
        chrome = self._chrome()
        paragraphs_json = [[s, p, s in chrome] for s, p, _c, _k, _y in self._records]
        pages, boxes = self._pages(labels, sizes, len(text))
        layout = {
            "paged": self.paged,
            "pages": pages,
            "paragraphs": paragraphs_json,
            "sections": self._sections(toc),
            "box_unit": 0.1,
        }
        return Built(text, layout, boxes)

    def _chrome(self) -> set[int]:
        """Return the starts of running heads and feet: margin lines whose text repeats on a
        quarter of the pages, page numbers alone, and margin lines ending in a number that
        goes with the page number as most margin numbers do ("Chapter 2: Setup 14")."""
        needed = max(2, math.ceil(self.pages * 0.25))
        exact: Counter[str] = Counter()
        offsets: Counter[int] = Counter()
        for _s, page, candidate, text, _y in self._records:
            if candidate:
                exact[text] += 1
                number = _last_number(text)
                if number is not None:
                    offsets[number - page] += 1
        paging = [o for o, n in offsets.most_common(1) if n >= needed]
        body = max(self._body_sizes, key=self._body_sizes.__getitem__, default=10_000)

        def follows_page(start: int, page: int, text: str) -> bool:
            # A chapter heading whose number happens to match is set larger than the body.
            small = self._sizes.get(start, 0.0) <= body * 1.25
            return bool(paging) and small and _last_number(text) == page + paging[0]

        return {
            s
            for s, page, candidate, text, _y in self._records
            if candidate
            and (
                exact[text] >= needed
                or is_page_number(text)
                or follows_page(s, page, text)
            )
        }

    def _pages(
        self, labels: Sequence[str], sizes: Sequence[tuple[float, float]], end: int
    ) -> tuple[list[dict[str, Any]], bytes]:
        pages: list[dict[str, Any]] = []
        out = array("H")
        next_start = end
        starts = [min((r[0] for r in self._runs.get(p, [])), default=-1) for p in range(self.pages)]
        for p in reversed(range(self.pages)):  # a page without text starts where the next does
            starts[p] = next_start = starts[p] if starts[p] >= 0 else next_start
        for p in range(self.pages):
            boxes = self._boxes.get(p, array("H"))
            width, height = sizes[p] if p < len(sizes) else (0.0, 0.0)
            pages.append(
                {
                    "label": labels[p] if p < len(labels) else "",
                    "start": starts[p],
                    "width": round(width, 2),
                    "height": round(height, 2),
                    "runs": self._runs.get(p, []),
                    "boxes": [len(out) // 4, len(boxes) // 4],
                }
            )
            out.extend(boxes)
        if out.itemsize == 2 and array("H", [1]).tobytes() != b"\x01\x00":
            out.byteswap()  # stored little-endian whatever the machine
        return pages, out.tobytes()

    def _sections(self, toc: Sequence[tuple[int, float, str]]) -> list[list[Any]]:
        """Return ``[offset, title]`` of each entry: the first paragraph at or below its place."""
        on_page: dict[int, list[tuple[float, int]]] = {}
        for start, page, _c, _k, y in self._records:
            on_page.setdefault(page, []).append((y, start))
        first_pages = sorted(on_page)
        found: dict[int, str] = {}
        for page, y, title in toc:
            below = [s for top, s in on_page.get(page, []) if top >= y - 2]
            if not below:
                later = bisect.bisect_right(first_pages, page)
                below = [on_page[first_pages[later]][0][1]] if later < len(first_pages) else []
            if below and title.strip():
                found[min(below)] = " ".join(title.split())
        return [[s, found[s]] for s in sorted(found)]


def _last_number(text: str) -> int | None:
    numbers = _NUMBER.findall(text)
    return int(numbers[-1][-6:]) if numbers else None
