"""Where a PDF's document offsets sit on its pages, from the character boxes kept at import.

The import keeps, per page, the runs of the fixed text drawn there (``[offset, length]``, in
the order written) and one box per character of those runs (``boxes.bin``: four little-endian
unsigned 16-bit numbers in tenths of a point; a space that joins lines has an empty box). This
module answers both ways: which page and rectangles a range of the text covers (to draw a
highlight, or annotate the original), and which offset lies at a point of a page (to select
on the page, or to know the passage at the top of the view). Pure: no PyMuPDF, no Qt.
"""

from __future__ import annotations

import bisect
import sys
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Box = tuple[float, float, float, float]
_SAME_LINE = 2.0  # points: characters whose middles differ by less stand on one line
_LINE_GAP = 3.0  # a gap wider than this many line heights starts a new rectangle (a column)


@dataclass(frozen=True)
class PageSize:
    """A page's width and height in points."""

    width: float
    height: float


class PageMap:
    """Offsets <-> page positions for one paged document with character boxes."""

    def __init__(
        self,
        sizes: Sequence[PageSize],
        runs: Sequence[Sequence[tuple[int, int]]],
        firsts: Sequence[int],
        boxes: array[int],
        unit: float = 0.1,
    ) -> None:
        self.sizes = tuple(sizes)
        self._unit = unit
        self._boxes = boxes
        # Every run of every page, sorted by offset: (offset, length, page, index of its box).
        table = []
        for page, (page_runs, first) in enumerate(zip(runs, firsts, strict=True)):
            index = first
            for offset, length in page_runs:
                table.append((offset, length, page, index))
                index += length
        table.sort()
        self._starts = [r[0] for r in table]
        self._runs = table
        self._page_runs: list[list[tuple[int, int, int, int]]] = [[] for _ in self.sizes]
        for run in table:
            self._page_runs[run[2]].append(run)

    @classmethod
    def from_stored(cls, pages: Mapping[str, Any], boxes: bytes) -> PageMap | None:
        """Return the map of a stored ``pages.json`` and ``boxes.bin``; ``None`` when the
        document has no boxes (a reflowed EPUB) or they do not add up (a damaged file)."""
        records = [p for p in pages.get("pages", []) if isinstance(p, dict)]
        if not pages.get("paged", True) or not records or not boxes or len(boxes) % 8:
            return None
        values = array("H")
        values.frombytes(boxes)
        if sys.byteorder == "big":
            values.byteswap()
        try:
            sizes = [PageSize(float(p["width"]), float(p["height"])) for p in records]
            runs = [[(int(o), int(n)) for o, n in p.get("runs", [])] for p in records]
            firsts = [int(p["boxes"][0]) for p in records]
            counts = [int(p["boxes"][1]) for p in records]
        except (KeyError, TypeError, ValueError, IndexError):
            return None
        total = len(values) // 4
        for page_runs, first, count in zip(runs, firsts, counts, strict=True):
            if sum(n for _o, n in page_runs) != count or first + count > total:
                return None
        return cls(sizes, runs, firsts, values, float(pages.get("box_unit", 0.1)))

    @property
    def page_count(self) -> int:
        return len(self.sizes)

    def _box(self, index: int) -> Box:
        b, u = self._boxes, self._unit
        i = index * 4
        return (b[i] * u, b[i + 1] * u, b[i + 2] * u, b[i + 3] * u)

    def locate(self, offset: int) -> tuple[int, Box] | None:
        """Return the page and box of the character at ``offset``; ``None`` when it is not
        drawn (a paragraph break) or has no box (a joining space)."""
        found = bisect.bisect_right(self._starts, offset) - 1
        if found < 0:
            return None
        start, length, page, index = self._runs[found]
        if offset >= start + length:
            return None
        box = self._box(index + offset - start)
        return (page, box) if box[2] > box[0] or box[3] > box[1] else None

    def page_of(self, offset: int) -> int:
        """Return the page of ``offset``, or of the nearest character drawn after it."""
        found = bisect.bisect_right(self._starts, offset) - 1
        if found >= 0 and offset < self._runs[found][0] + self._runs[found][1]:
            return self._runs[found][2]
        after = found + 1
        if after < len(self._runs):
            return self._runs[after][2]
        return self._runs[-1][2] if self._runs else 0

    def page_start(self, page: int) -> int:
        """Return the first offset drawn on ``page`` (0 for a page without text)."""
        runs = self._page_runs[page] if 0 <= page < len(self._page_runs) else []
        return min((r[0] for r in runs), default=0)

    def page_span(self, page: int) -> tuple[int, int]:
        """Return the first offset drawn on ``page`` and the end of the last one drawn."""
        runs = self._page_runs[page] if 0 <= page < len(self._page_runs) else []
        if not runs:
            return (0, 0)
        return min(r[0] for r in runs), max(r[0] + r[1] for r in runs)

    def chars(self, page: int) -> Iterator[tuple[int, Box]]:
        """Yield the offset and box of each drawn character of ``page``, in text order."""
        if not 0 <= page < len(self._page_runs):
            return
        for start, length, _page, index in self._page_runs[page]:
            for i in range(length):
                box = self._box(index + i)
                if box[2] > box[0]:
                    yield start + i, box

    def rects(self, start: int, end: int) -> dict[int, list[Box]]:
        """Return, per page, the rectangles covering the characters of ``[start, end)``: one
        per stretch of a line (spaces inside it included, the line's ends not)."""
        out: dict[int, list[Box]] = {}
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        for run_start, length, page, index in self._runs[first:]:
            if run_start >= end:
                break
            lo, hi = max(start, run_start), min(end, run_start + length)
            rects = out.setdefault(page, [])
            for offset in range(lo, hi):
                box = self._box(index + offset - run_start)
                if box[2] > box[0]:
                    _merge(rects, box)
        return {page: rects for page, rects in out.items() if rects}

    def offset_at(self, page: int, x: float, y: float) -> int | None:
        """Return the offset of the character at a point of ``page``: the one whose box holds
        it, else the nearest on the line at that height; ``None`` off every line."""
        best: tuple[float, int] | None = None
        for offset, (x0, y0, x1, y1) in self.chars(page):
            if y0 <= y <= y1:
                if x0 <= x <= x1:
                    return offset
                distance = x0 - x if x < x0 else x - x1
                if best is None or distance < best[0]:
                    best = (distance, offset)
        return best[1] if best is not None else None

    def offset_below(self, page: int, y: float) -> int | None:
        """Return the offset of the first line of ``page`` at or below height ``y`` (a line cut
        by ``y`` counts when its middle is below it): of the characters on that line (columns
        side by side share a height), the first in text order; ``None`` if there is none."""
        best: tuple[float, int] | None = None
        for offset, (_x0, y0, _x1, y1) in self.chars(page):
            middle = (y0 + y1) / 2
            if middle < y:
                continue
            if best is None or middle < best[0] - _SAME_LINE:
                best = (middle, offset)
            elif abs(middle - best[0]) <= _SAME_LINE and offset < best[1]:
                best = (min(middle, best[0]), offset)
        return best[1] if best is not None else None


def _merge(rects: list[Box], box: Box) -> None:
    """Add a character's box to a page's rectangles: it widens the last one when it goes on
    along the same line, else starts a new one."""
    if rects:
        x0, y0, x1, y1 = rects[-1]
        middle = (box[1] + box[3]) / 2
        height = max(y1 - y0, box[3] - box[1], 1.0)
        same_line = y0 <= middle <= y1 and box[0] >= x0 - 0.5
        if same_line and box[0] - x1 <= height * _LINE_GAP:
            rects[-1] = (x0, min(y0, box[1]), max(x1, box[2]), max(y1, box[3]))
            return
    rects.append(box)


@dataclass(frozen=True)
class PageImage:
    """A rendered page: RGB pixels, ``stride`` bytes a row (what the window turns into an
    image)."""

    page: int
    scale: float
    width: int
    height: int
    stride: int
    samples: bytes = b""

    @property
    def nbytes(self) -> int:
        return len(self.samples)
