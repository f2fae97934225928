"""Put an export together from core types: pure functions the facade calls."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from reader.core.highlight import DocumentNote, Highlight
from reader.core.model import DocId, Document, DocumentMeta, Passage
from reader.export.model import (
    DateRef,
    Export,
    ExportDocument,
    ExportFormat,
    ExportHighlight,
    PassageContext,
)

T = TypeVar("T")


def _unique(items: Sequence[Sequence[T]]) -> tuple[T, ...]:
    """Return the items of every group, each once, in first-seen order."""
    if len(items) == 1:  # the usual case: a highlight inside one passage
        return tuple(dict.fromkeys(items[0]))
    return tuple(dict.fromkeys(itertools.chain.from_iterable(items)))


class PassageFinder:
    """A document's passages found by offset; made once per document, not per highlight (an
    export of thousands of highlights would otherwise list every passage's start each time)."""

    def __init__(self, doc: Document) -> None:
        self.passages = doc.passages
        self._starts = [p.start for p in doc.passages]

    def covering(self, start: int, end: int) -> list[Passage]:
        """Return the passages a span overlaps; else the passage before it (or the first)."""
        passages = self.passages
        if not passages:
            return []
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        found = []
        for p in passages[first:]:
            if p.start >= end:
                break
            if p.end > start:
                found.append(p)
        return found or [passages[first]]


def passages_of(doc: Document, start: int, end: int) -> list[Passage]:
    """Return the passages a span overlaps; else the passage before it (or the first)."""
    return PassageFinder(doc).covering(start, end)


def passage_context(
    doc: Document | PassageFinder,
    h: Highlight,
    actors: Sequence[Sequence[str]],
    dates: Sequence[Sequence[DateRef]],
) -> PassageContext:
    """Return where a highlight sits and the actors and dates of the passages it covers.

    ``actors`` and ``dates`` are aligned with the document's passages (shorter lists mean
    none). Give a ``PassageFinder`` for a document with many highlights.
    """
    finder = doc if isinstance(doc, PassageFinder) else PassageFinder(doc)
    covered = finder.covering(h.start, h.end)
    if not covered:
        return PassageContext()
    return PassageContext(
        number=covered[0].number,
        page=covered[0].page,  # a paged document's passages know their page; text has none
        actors=_unique([actors[p.index] for p in covered if p.index < len(actors)]),
        dates=_unique([dates[p.index] for p in covered if p.index < len(dates)]),
    )


def export_document(
    doc_id: DocId,
    meta: DocumentMeta | None,
    highlights: Sequence[ExportHighlight],
    note: DocumentNote | None,
    source: Document | None = None,
) -> ExportDocument:
    """Return a document of an export, its highlights in text order."""
    ordered = sorted(
        highlights,
        key=lambda i: (i.highlight.start, i.highlight.end, i.highlight.created),
    )
    return ExportDocument(doc_id, meta, tuple(ordered), note, source)


def plan_files(
    export: Export, fmt: ExportFormat, out: Path, per_document: bool
) -> list[tuple[Path, Export]]:
    """Return the files to write: ``out`` itself, or ``out/<doc_id>.<ext>`` per document."""
    if not per_document:
        return [(out, export)]
    return [(out / f"{part.documents[0].doc_id}.{fmt}", part) for part in export.per_document()]
