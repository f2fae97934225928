"""What the writers take in: the documents of an export, their highlights and passages' context.

The facade fills these from the store, the corpus and extraction; the writers only format them.
The actors and dates of a highlight's passage travel as plain names and values, so that an export
does not depend on how extraction represents them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.core.highlight import DocumentNote, Highlight
from reader.core.links import ReaderLink, format_link
from reader.core.model import DocId, Document, DocumentMeta
from reader.core.page_map import PageMap
from reader.export import FORMATS as FORMATS
from reader.export import ExportFormat as ExportFormat


class ExportError(ValueError):
    """An export or import the writers refuse; the message is meant for the user."""


def check_format(value: str) -> ExportFormat:
    """Return ``value`` as a format; raise ``ExportError`` naming the formats."""
    for known in FORMATS:
        if value == known:
            return known
    raise ExportError(f"unknown export format {value!r}; choose one of {', '.join(FORMATS)}")


@dataclass(frozen=True)
class DateRef:
    """A date the passage mentions: its words and, when it could be placed, a TIMEX3 value."""

    text: str
    value: str | None = None


@dataclass(frozen=True)
class PassageContext:
    """Where a highlight sits and what its passage says about who and when.

    ``number`` is the passage number people see (1-based), ``page`` the page for PDFs (its
    label, such as ``"xiv"``, when the PDF gives one); both
    ``None`` when unknown. A highlight spanning several passages gets the actors and dates of
    them all.
    """

    number: int | None = None
    page: int | str | None = None
    actors: tuple[str, ...] = ()
    dates: tuple[DateRef, ...] = ()

    @property
    def location(self) -> int | str | None:
        """The one number a highlight service sorts by: the page for PDFs, else the passage."""
        return self.page if self.page is not None else self.number


@dataclass(frozen=True)
class ExportHighlight:
    """One highlight with what an export says around it."""

    highlight: Highlight
    label: str | None = None
    context: PassageContext = field(default_factory=PassageContext)

    @property
    def link(self) -> str:
        """The reader link to the exact place of the highlight."""
        h = self.highlight
        return format_link(ReaderLink(h.doc_id, h.start, h.end, h.id))


@dataclass(frozen=True)
class OriginalPdf:
    """The PDF a document was imported from: ``read()`` returns its bytes and where each of
    the document's characters is drawn on its pages (read when its file is written, so that an
    export of many documents holds one at a time). The annotated PDF is then a copy of it."""

    read: Callable[[], tuple[bytes, PageMap]]


@dataclass(frozen=True)
class ExportDocument:
    """A document of an export: its metadata (``None`` when it is not in the library).

    ``source`` is its text and passages, for the writers that lay the document out (the
    annotated PDF); ``None`` when the document is not in the library. ``original`` is the PDF
    it came from, when it came from one and the export is a PDF (annotated as it is).
    """

    doc_id: DocId
    meta: DocumentMeta | None
    highlights: tuple[ExportHighlight, ...] = ()
    note: DocumentNote | None = None
    source: Document | None = field(default=None, compare=False, repr=False)
    original: OriginalPdf | None = field(default=None, compare=False, repr=False)

    @property
    def title(self) -> str:
        return self.meta.title if self.meta is not None else self.doc_id

    @property
    def link(self) -> str:
        """The reader link to the document's start."""
        return format_link(ReaderLink(self.doc_id))

    @property
    def url(self) -> str | None:
        return self.meta.url if self.meta is not None else None

    def tags(self) -> list[str]:
        """Return the tags of its highlights, in first-seen order."""
        seen: dict[str, None] = {}
        for item in self.highlights:
            for tag in item.highlight.tags:
                seen.setdefault(tag, None)
        return list(seen)


@dataclass(frozen=True)
class ExportScope:
    """What an export holds: some documents (``None`` = all) and perhaps only one tag."""

    doc_ids: tuple[DocId, ...] | None = None
    tag: str | None = None

    @property
    def single_document(self) -> bool:
        return self.doc_ids is not None and len(self.doc_ids) == 1

    def describe(self) -> str:
        """Return the scope in words, for a file's front matter and title."""
        if self.doc_ids is None:
            what = "all documents"
        elif len(self.doc_ids) == 1:
            what = f"document {self.doc_ids[0]}"
        else:
            what = "documents " + ", ".join(self.doc_ids)
        return what if self.tag is None else f"{what}, tag {self.tag}"


@dataclass(frozen=True)
class Export:
    """Everything one export file holds, with the time it was made (ISO-8601 UTC)."""

    documents: tuple[ExportDocument, ...]
    scope: ExportScope
    exported: str

    @property
    def highlight_count(self) -> int:
        return sum(len(d.highlights) for d in self.documents)

    def tags(self) -> list[str]:
        """Return the tags of all its highlights, in first-seen order."""
        seen: dict[str, None] = {}
        for doc in self.documents:
            for tag in doc.tags():
                seen.setdefault(tag, None)
        return list(seen)

    def per_document(self) -> list[Export]:
        """Return one export per document, each scoped to that document."""
        return [
            Export((doc,), ExportScope((doc.doc_id,), self.scope.tag), self.exported)
            for doc in self.documents
        ]


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    files: tuple[str, ...]
    documents: int
    highlights: int


@dataclass(frozen=True)
class ImportReport:
    """What an import did: stored, waiting for their document, kept as newer, skipped."""

    highlights: int
    notes: int
    waiting: int
    kept_newer: int
    skipped: tuple[str, ...]
