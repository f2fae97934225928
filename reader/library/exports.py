"""Export, import and reader links (logic in reader/export)."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.core import highlight as hl
from reader.core.highlight import DocumentNote, Highlight
from reader.core.links import LinkError, LinkTarget, parse_link
from reader.core.model import DocId, Document, DocumentMeta
from reader.core.page_map import PageMap
from reader.index import PassageFacts
from reader.library.actors import Actors
from reader.library.documents import Documents
from reader.library.errors import LibraryError
from reader.library.highlights import Highlights
from reader.library.state import State
from reader.store.atomic import write_through

if TYPE_CHECKING:
    # The writers are imported where they are first used, so that opening the library (and
    # the window's first paint) does not pay for them.
    from reader.export.model import (
        DateRef,
        Export,
        ExportDocument,
        ExportReport,
        ImportReport,
        OriginalPdf,
    )
    from reader.store.highlights import DocumentRecords


T = TypeVar("T")
# Per passage of a document: its actors' names and its dates (what an export prints).
Facts = tuple[list[tuple[str, ...]], list[tuple["DateRef", ...]]]


class Exports:
    """Highlights and notes out to files and back in; links into the reader."""

    def __init__(
        self, documents: Documents, highlights: Highlights, actors: Actors, state: State
    ) -> None:
        self._documents = documents
        self._highlights = highlights
        self._actors = actors
        self._state = state

    def export(
        self,
        fmt: str,
        out: Path,
        *,
        doc_ids: Sequence[str] | None = None,
        tag: str | None = None,
        per_document: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> ExportReport:
        """Write highlights and notes as Markdown, CSV, JSON or PDF; each file atomically.

        ``out`` is one file, or with ``per_document`` a folder of ``<doc_id>.<ext>``. A PDF
        holds one document: a PDF export of more than one is always a folder.
        ``progress(done, total)`` is called as documents are gathered and files written; it
        ends at ``done == total``.
        """
        from reader.export import render
        from reader.export.gather import plan_files
        from reader.export.model import ExportReport, check_format

        form = _exporting(lambda: check_format(fmt))
        folder_of_pdfs = form == "pdf" and len(set(doc_ids or ())) != 1
        per_document = per_document or folder_of_pdfs
        if not per_document and out.is_dir():
            raise LibraryError(f"{out} is a folder: give a file name, or use --per-document")
        if per_document and out.exists() and not out.is_dir():
            need = "a PDF export of several documents" if folder_of_pdfs else "--per-document"
            raise LibraryError(f"{out} is a file: {need} needs a folder")
        # Progress counts one step per document gathered, then the files as one more step
        # (per document: as many steps as documents), so that it only ever moves forward.
        steps = [0]

        def gathered(done: int, count: int) -> None:
            steps[0] = count
            if progress is not None:
                progress(done, count * (2 if per_document else 1) + 1)

        # The PDF shows the document itself, not its passages' actors and dates: skip them.
        export = self.gather(doc_ids, tag, gathered, facts=form != "pdf")
        plan = plan_files(export, form, out, per_document)
        total = steps[0] * (2 if per_document else 1) + 1
        for written, (path, part) in enumerate(plan, 1):
            try:
                write_through(path, render(part, form))
            except OSError as exc:
                raise LibraryError(f"cannot write {path}: {exc.strerror or exc}") from None
            if progress is not None:
                progress(steps[0] + (total - steps[0]) * written // len(plan), total)
        if progress is not None and not plan:
            progress(total, total)
        return ExportReport(
            tuple(str(p) for p, _ in plan), len(export.documents), export.highlight_count
        )

    def gather(
        self,
        doc_ids: Sequence[str] | None = None,
        tag: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        *,
        facts: bool = True,
    ) -> Export:
        """Return the documents, highlights (only ``tag``'s, if given) and notes to export.

        ``facts=False`` leaves out the actors and dates of the highlights' passages.
        """
        from reader.export.model import Export, ExportScope

        # Each highlight file is read once, for placing and for the export; the documents
        # and their passages' facts in a few queries (a library of thousands).
        stored = self._highlights.current()
        known = self._documents
        for d in doc_ids or ():
            if d not in known and d not in stored:
                known.metadata(d)  # raises: no such document
        ids = (
            list(dict.fromkeys(doc_ids))
            if doc_ids
            else [*known.ids(), *sorted(d for d in stored if d not in known)]
        )
        labels = {c.color: c.label for c in self._state.palette()}
        chosen = {d: self._chosen(stored.get(DocId(d)), tag) for d in ids}
        # Only a document with something to export is read.
        docs = known.get_many(
            d for d, (found, note) in chosen.items() if found or (note and note.text) or not facts
        )
        wanted = [d for d in docs if facts and chosen[d][0]]
        contexts = {
            d: _aligned(docs[d], f)
            for d, f in self._facts({d: (docs[d], chosen[d][0]) for d in wanted}).items()
        }
        documents = []
        for done, doc_id in enumerate(ids, 1):
            highlights, note = chosen[doc_id]
            part = self._export_document(
                DocId(doc_id), labels, highlights, note, docs.get(DocId(doc_id)), contexts
            )
            # The PDF of a document that came from a PDF is a copy of that PDF, annotated.
            original = self._original(DocId(doc_id)) if part.source and not facts else None
            part = replace(part, original=original) if original is not None else part
            if doc_ids or part.highlights or (tag is None and part.note and part.note.text):
                documents.append(part)
            if progress is not None:
                progress(done, len(ids))
        scope = ExportScope(tuple(DocId(d) for d in ids) if doc_ids else None, tag)
        return Export(tuple(documents), scope, hl.now_iso())

    @staticmethod
    def _chosen(
        records: DocumentRecords | None, tag: str | None
    ) -> tuple[list[Highlight], DocumentNote | None]:
        """Return a document's highlights (``tag``'s only, if given) and its notes if any."""
        if records is None:
            return [], None
        return [h for h in records.highlights if tag is None or tag in h.tags], records.note

    def _facts(
        self, wanted: dict[DocId, tuple[Document, list[Highlight]]]
    ) -> dict[DocId, PassageFacts]:
        """Return the facts of the passages the highlights cover (only those are printed)."""
        from reader.export.gather import PassageFinder

        covered = {}
        for d, (doc, highlights) in wanted.items():
            finder = PassageFinder(doc)
            covered[d] = {p.index for h in highlights for p in finder.covering(h.start, h.end)}
        return self._actors.passage_facts_many(list(wanted), covered) if wanted else {}

    def _export_document(
        self,
        doc_id: DocId,
        labels: dict[str, str | None],
        highlights: list[Highlight],
        note: DocumentNote | None,
        doc: Document | None,
        contexts: dict[DocId, Facts],
    ) -> ExportDocument:
        from reader.export.gather import PassageFinder, export_document, passage_context
        from reader.export.model import ExportHighlight

        found = contexts.get(doc_id, ([], []))
        finder = PassageFinder(doc) if doc is not None else None
        items = [
            ExportHighlight(h, labels.get(h.color), passage_context(finder, h, *found))
            if finder is not None
            else ExportHighlight(h, labels.get(h.color))
            for h in highlights
        ]
        meta = doc.meta if doc is not None else self._catalog_meta(doc_id)
        return export_document(doc_id, meta, items, note, doc)

    def _original(self, doc_id: DocId) -> OriginalPdf | None:
        from reader.export.model import OriginalPdf

        path = self._documents.original_pdf(doc_id)
        if path is None or self._documents.page_map(doc_id) is None:
            return None
        documents = self._documents

        def read() -> tuple[bytes, PageMap]:
            pages = documents.page_map(doc_id)
            if pages is None:
                raise LibraryError(f"{doc_id}: its character boxes can no longer be read")
            try:
                return path.read_bytes(), pages
            except OSError as exc:
                raise LibraryError(f"cannot read {path}: {exc.strerror or exc}") from None

        return OriginalPdf(read)

    def _catalog_meta(self, doc_id: str) -> DocumentMeta | None:
        try:
            return self._documents.metadata(doc_id)
        except LibraryError:
            return None

    def passage_facts(
        self, doc: Document
    ) -> tuple[list[tuple[str, ...]], list[tuple[DateRef, ...]]]:
        """Return, per passage, the names of its actors and its dates (text and TIMEX3 value)."""

        return _aligned(doc, self._actors.passage_facts(doc.id))

    def import_highlights(self, path: Path) -> ImportReport:
        """Merge a Web Annotation JSON file's highlights and notes in, by id; newer wins.

        A highlight whose document is missing goes to a document with its text's hash, else it
        waits, orphaned, until such a document arrives.
        """
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise LibraryError(f"cannot read {path}: {exc.strerror or exc}") from None
        from reader.export.importing import place_imports, read_annotations
        from reader.export.model import ImportReport

        found = _exporting(lambda: read_annotations(data), f"{path}: ")
        known = self._documents
        hashes = known.by_hash() if any(h.doc_id not in known for h in found.highlights) else {}
        placed = place_imports(found.highlights, known, hashes, known.get)
        fresh = self._highlights.merge(placed)
        notes = [n for n in found.notes if self._highlights.merge_note(n)]
        for color, label in found.labels.items():
            if self._state.color_label(color) is None:
                self._state.set_color_label(color, label)
        return ImportReport(
            len(fresh),
            len(notes),
            sum(h.status == "orphaned" and h.doc_id not in known for h in fresh),
            len(placed) - len(fresh),
            found.skipped,
        )

    def resolve_link(self, text: str) -> LinkTarget:
        """Return where a reader link points; ``LibraryError`` if it points nowhere."""
        try:
            link = parse_link(text)
        except LinkError as exc:
            raise LibraryError(str(exc)) from None
        doc = self._documents.get(link.doc_id)
        start, end = link.start, link.end if link.end is not None else link.start
        found: Highlight | None = None
        if link.highlight_id:
            with contextlib.suppress(LibraryError):
                found = self._highlights.get(link.highlight_id)
            if found is not None and found.doc_id == doc.id and found.status != "orphaned":
                start, end = found.start, found.end  # re-anchored: wins over stale offsets
        if not 0 <= start <= end <= len(doc.text):
            raise LibraryError(
                f"the link points past the end of {doc.id} ({start}:{end}, 0:{len(doc.text)})"
            )
        passage = doc.passage_at(start)
        return LinkTarget(link, doc.meta, start, end, found, passage.number if passage else None)


def _aligned(doc: Document, facts: PassageFacts) -> Facts:
    """Return the facts of each passage of ``doc`` (none where the index has fewer)."""
    actors: list[tuple[str, ...]] = [() for _ in doc.passages]
    dates: list[tuple[DateRef, ...]] = [() for _ in doc.passages]
    for i, names in enumerate(facts.actors[: len(actors)]):
        actors[i] = names
    for i, found in enumerate(facts.dates[: len(dates)]):
        if found:
            dates[i] = tuple(_date_ref(text, value) for text, value in found)
    return actors, dates


@functools.lru_cache(maxsize=4096)
def _date_ref(text: str, value: str | None) -> DateRef:
    """Return a date's reference, made once for its words and value: an export of thousands
    of highlights meets the same dates again and again."""
    from reader.export.model import DateRef

    return DateRef(text, value)


def _exporting(call: Callable[[], T], prefix: str = "") -> T:
    """Run a writer's call, its refusals becoming ``LibraryError``."""
    from reader.export.model import ExportError

    try:
        return call()
    except ExportError as exc:
        raise LibraryError(f"{prefix}{exc}") from None
