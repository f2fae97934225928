"""The library's dates on a time line: one item per date mention, with the days it covers.

The library fills a ``TimelineData`` from its index (``lib.timeline``); the command line prints
it and the window draws it (``reader.core.timeline_axis`` maps time to x,
``reader.core.timeline_layout`` turns items into marks). Everything here is pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.core.dates import GRANULARITY_RANK, Granularity


@dataclass(frozen=True)
class TimelineItem:
    """A date mention of a passage: ``text[start:end]`` of document ``doc_id`` says ``value``.

    ``first``/``last`` are the first and last day the value covers (both ``None`` for a date
    without a value, which is listed but never placed); ``snippet`` is the start of the passage.
    """

    value: str | None
    first: dt.date | None
    last: dt.date | None
    granularity: Granularity
    doc_id: str
    passage_index: int
    start: int
    end: int
    text: str
    snippet: str = ""

    @property
    def passage_id(self) -> str:
        return f"{self.doc_id}:{self.passage_index}"

    @property
    def rank(self) -> int:
        """How coarse the date is (0 for a day); a range counts as its start's granularity."""
        return GRANULARITY_RANK[self.granularity]

    def to_json(self) -> dict[str, Any]:
        """Return ``{"value", "from", "to", "granularity", "doc_id", "passage_id", "start",
        "end", "text"}`` (``from``/``to`` ISO days)."""
        return {
            "value": self.value,
            "from": self.first.isoformat() if self.first else None,
            "to": self.last.isoformat() if self.last else None,
            "granularity": self.granularity,
            "doc_id": self.doc_id,
            "passage_id": self.passage_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True)
class TimelineDocument:
    """A document with dates: its lane, its title and the day it was published (if known)."""

    doc_id: str
    title: str
    published: str | None = None
    published_first: dt.date | None = None
    published_last: dt.date | None = None


@dataclass(frozen=True)
class TimelineData:
    """The dated items in time order, the undated ones in text order, and their documents."""

    documents: tuple[TimelineDocument, ...] = ()
    items: tuple[TimelineItem, ...] = ()
    undated: tuple[TimelineItem, ...] = ()

    def span(self, coarsest: int = GRANULARITY_RANK["century"]) -> tuple[dt.date, dt.date] | None:
        """Return the first and last day of the items no coarser than rank ``coarsest`` and of
        the publication dates (of every item if none is that fine), else ``None``."""
        fine = [i for i in self.items if i.rank <= coarsest] or list(self.items)
        firsts = [i.first for i in fine if i.first] + [
            d.published_first for d in self.documents if d.published_first
        ]
        lasts = [i.last for i in fine if i.last] + [
            d.published_last for d in self.documents if d.published_last
        ]
        return (min(firsts), max(lasts)) if firsts and lasts else None


def sort_key(item: TimelineItem) -> tuple[dt.date, dt.date, str, int, int]:
    """Order by first day, then last day (a day before the month that starts with it), then
    document and place in it."""
    return (item.first or dt.date.max, item.last or dt.date.max, item.doc_id, item.start, item.end)


def in_time_order(items: Iterable[TimelineItem]) -> tuple[TimelineItem, ...]:
    """Return the items with a value, ordered by the days they cover."""
    return tuple(sorted((i for i in items if i.first is not None), key=sort_key))


def passage_filter(
    items: Sequence[TimelineItem], passages: set[tuple[str, int]] | None, doc_ids: set[str] | None
) -> list[TimelineItem]:
    """Keep the items of the given passages (``(doc_id, index)``) and documents (``None``: all)."""
    return [
        i
        for i in items
        if (passages is None or (i.doc_id, i.passage_index) in passages)
        and (doc_ids is None or i.doc_id in doc_ids)
    ]


_MONTH_NAMES = {
    name: n
    for n, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day of a period a person types: "2022", "2022-01",
    "2022-01-15", "January 2022", "Jan 2022", "2010s"; else ``None``."""
    words = text.strip().lower().replace(",", " ").split()
    try:
        if len(words) == 1 and words[0].endswith("s") and words[0][:-1].isdigit():
            decade = int(words[0][:-1]) // 10 * 10
            return dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31)
        if len(words) == 2 and words[0] in _MONTH_NAMES and words[1].isdigit():
            return _month(int(words[1]), _MONTH_NAMES[words[0]])
        if len(words) == 1:
            parts = words[0].split("-")
            if len(parts) == 1 and parts[0].isdigit():
                year = int(parts[0])
                return dt.date(year, 1, 1), dt.date(year, 12, 31)
            if len(parts) == 2:
                return _month(int(parts[0]), int(parts[1]))
            if len(parts) == 3:
                day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
                return day, day
    except ValueError:
        return None
    return None


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)
