"""Corpus-wide dates: for each date value, every passage that speaks of it; filtering by time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.dates import GRANULARITY_RANK, DateMention
from reader.core.model import Document, Passage
from reader.extract.dates_calendar import ref_from_value
from reader.extract.dates_resolve import ref_end

# One document and its dates, passage by passage (as ``dates_by_passage`` returns them).
DocumentDates = tuple[Document, Sequence[Sequence[DateMention]]]


@dataclass(frozen=True)
class DateOccurrence:
    """One passage that speaks of a date value, with the mentions that do."""

    document: Document
    passage: Passage
    mentions: tuple[DateMention, ...]


def value_interval(value: str) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day a TIMEX3 value (or range ``a/b``) covers, else ``None``."""
    first = ref_from_value(value)
    last = ref_from_value(value.split("/")[-1])
    if first is None or last is None:
        return None
    return first.day, ref_end(last)


def _value_key(value: str) -> tuple[dt.date, int, str]:
    interval = value_interval(value)
    first = ref_from_value(value)
    rank = GRANULARITY_RANK[first.granularity] if first else 99
    return (interval[0] if interval else dt.date.max, -rank, value)


def date_occurrences(results: Sequence[DocumentDates]) -> dict[str, list[DateOccurrence]]:
    """Return, for each date value in time order, every passage that speaks of it.

    Passages keep the order of ``results`` and of the text; mentions without a value are left out.
    """
    found: dict[str, list[DateOccurrence]] = {}
    for document, passages in results:
        for passage, mentions in zip(document.passages, passages, strict=True):
            by_value: dict[str, list[DateMention]] = {}
            for mention in mentions:
                if mention.value is not None:
                    by_value.setdefault(mention.value, []).append(mention)
            for value, same in by_value.items():
                found.setdefault(value, []).append(DateOccurrence(document, passage, tuple(same)))
    return {value: found[value] for value in sorted(found, key=_value_key)}


def passages_in_period(
    results: Sequence[DocumentDates], start: dt.date, end: dt.date
) -> list[DateOccurrence]:
    """Return every passage that speaks of a date overlapping ``start``..``end`` (inclusive)."""
    hits: list[DateOccurrence] = []
    for document, passages in results:
        for passage, mentions in zip(document.passages, passages, strict=True):
            inside = tuple(m for m in mentions if m.value and _overlaps(m.value, start, end))
            if inside:
                hits.append(DateOccurrence(document, passage, inside))
    return hits


def _overlaps(value: str, start: dt.date, end: dt.date) -> bool:
    interval = value_interval(value)
    return interval is not None and interval[0] <= end and start <= interval[1]
