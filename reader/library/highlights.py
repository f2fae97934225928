"""Highlights, colour labels and document notes (logic in reader/core and reader/store)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core import highlight as hl
from reader.core.highlight import ColorLabel, DocumentNote, Highlight
from reader.core.model import DocId
from reader.library.base import LibraryBase, LibraryError, NoteConflictError
from reader.store.docfile import StoreError

if TYPE_CHECKING:
    # Extraction, dates, anchoring and the highlight store are imported where they are first
    # used, so that opening the library (and the window's first paint) does not pay for them.
    from reader.store.highlights import Revision


def _reanchor(highlight: Highlight, text: str, content_hash: str) -> Highlight:
    from reader.core.anchoring import reanchor

    return reanchor(highlight, text, content_hash)


def _note_conflict() -> type[Exception]:
    from reader.store.highlights import NoteConflict

    return NoteConflict


class HighlightsPart(LibraryBase):
    """Highlights and document notes: the user's own work."""

    # -- highlights and document notes ----------------------------------------------------
    def palette(self) -> list[ColorLabel]:
        """Return the highlight colours in order, each with the user's label."""
        return self._palette.colors()

    def set_color_label(self, color: str, label: str | None) -> list[ColorLabel]:
        """Label a colour with what it means (blank removes the label); return the palette."""
        with self._refusals():
            self._palette.set_label(hl.check_color(color), label)
        return self.palette()

    def color_label(self, color: str) -> str | None:
        """Return the user's label of a colour, or ``None``."""
        return self._palette.label(color)

    def find_quote(self, doc_id: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
        """Return the span of a quote in a document (``occurrence`` is 1-based)."""
        from reader.core.quotes import find_quote

        spans = find_quote(self.document(doc_id).text, quote)
        if not spans:
            raise LibraryError(f"the quote is not in {doc_id}: {quote!r:.80}")
        if occurrence is None and len(spans) > 1:
            raise LibraryError(
                f"the quote occurs {len(spans)} times in {doc_id}; "
                f"choose one with --occurrence 1..{len(spans)}"
            )
        index = 1 if occurrence is None else occurrence
        if not 1 <= index <= len(spans):
            raise LibraryError(
                f"occurrence {index} does not exist: the quote occurs {len(spans)} time(s)"
            )
        return spans[index - 1]

    def add_highlight(
        self,
        doc_id: str,
        start: int,
        end: int,
        *,
        color: str = hl.DEFAULT_COLOR,
        note: str = "",
        tags: Sequence[str] = (),
    ) -> Highlight:
        """Highlight ``text[start:end]`` of a document; return the stored highlight."""
        doc = self.document(doc_id)
        with self._refusals():
            new = hl.make_highlight(
                doc.id,
                doc.text,
                doc.content_hash,
                (start, end),
                color=color,
                note=note,
                tags=list(tags),
            )
            return self._highlights().add(new)

    def edit_highlight(
        self,
        highlight_id: str,
        *,
        note: str | None = None,
        color: str | None = None,
        add_tags: Sequence[str] = (),
        remove_tags: Sequence[str] = (),
        span: tuple[int, int] | None = None,
    ) -> Highlight:
        """Change a highlight's note, colour, tags or (re-placing it) its span; return it."""
        doc = None
        if span is not None:
            found = self.highlight(highlight_id)
            doc = self.document(found.doc_id)

        def change(h: Highlight) -> Highlight:
            h = hl.edit_highlight(
                h, note=note, color=color, add_tags=list(add_tags), remove_tags=list(remove_tags)
            )
            return (
                h if doc is None or span is None else hl.place(h, doc.text, doc.content_hash, span)
            )

        with self._refusals():
            return self._highlights().update(highlight_id.lower(), change)

    def remove_highlight(self, highlight_id: str) -> Highlight:
        """Delete a highlight; return it (so that it can be restored)."""
        with self._refusals():
            return self._highlights().remove(highlight_id.lower())

    def restore_highlight(self, highlight: Highlight) -> Highlight:
        """Store a highlight exactly as given, replacing any with its id (undo, import)."""
        with self._refusals():
            return self._highlights().put(highlight)

    def restore_highlights(self, highlights: Sequence[Highlight]) -> int:
        """Store many highlights as given (merging by id, one write per document); count them.

        The documents need not be in the library: their highlights wait, orphaned in effect,
        until a document with that id arrives.
        """
        with self._refusals():
            self._highlights().put_all(highlights)
        return len(highlights)

    def highlight(self, highlight_id: str) -> Highlight:
        """Return one highlight by id."""
        with self._refusals():
            found = self._highlights().get(highlight_id.lower())
        if found is None:
            raise LibraryError(f"no highlight with id {highlight_id}")
        return found

    def highlights(self, doc_id: str | None = None) -> list[Highlight]:
        """Return a document's highlights (or all), re-anchored against the current text."""
        if doc_id is None:
            self.adopt_waiting_highlights()
        with self._refusals():
            ids = [DocId(doc_id)] if doc_id is not None else self._highlights().doc_ids()
            return [h for d in ids for h in self.reanchor_highlights(d)]

    def reanchor_highlights(self, doc_id: str) -> list[Highlight]:
        """Place a document's highlights in its current text and save what moved."""
        with self._refusals():
            stored = self._highlights().highlights(doc_id)
        try:
            doc = self.document(doc_id)
        except LibraryError:
            return stored  # the document is gone: its highlights wait as they are
        stale = [
            h
            for h in stored
            if (h.content_hash != doc.content_hash or h.status == "orphaned")
            and (h.id, doc.content_hash) not in self._orphans_tried
        ]
        if not stale:
            return stored
        with self._refusals():
            placed = self._highlights().update_document(
                doc_id, lambda h: _reanchor(h, doc.text, doc.content_hash)
            )
        self._orphans_tried.update(
            (h.id, doc.content_hash) for h in placed if h.status == "orphaned"
        )
        return placed

    def document_note(self, doc_id: str) -> DocumentNote | None:
        """Return a document's notes, or ``None`` when it has none."""
        with self._refusals():
            return self._highlights().note(doc_id)

    def set_document_note(self, doc_id: str, text: str, base: str | None = None) -> DocumentNote:
        """Replace a document's notes.

        With ``base`` (the ``modified`` of the notes being edited, ``""`` when there were none),
        refuse with ``NoteConflictError`` if they changed elsewhere meanwhile.
        """
        self.metadata(doc_id)
        try:
            return self._highlights().set_note(doc_id, text, base)
        except _note_conflict() as exc:
            raise NoteConflictError(str(exc)) from None
        except StoreError as exc:
            raise LibraryError(str(exc)) from None

    def highlights_revision(self, doc_id: str) -> Revision | None:
        """Return a stamp of a document's highlight file; it changes with every write."""
        with self._refusals():
            return self._highlights().revision(doc_id)

    def highlight_revisions(self) -> dict[DocId, Revision]:
        """Return the stamp of every highlight file (poll it, or watch ``highlights_folder``)."""
        return self._highlights().revisions()

    @property
    def highlights_folder(self) -> Path:
        """The folder of the highlight files, for a file-system watcher."""
        return self._highlights().folder

    def adopt_waiting_highlights(self) -> int:
        """Give highlights waiting for a missing document to a document with their text's hash.

        Returns how many moved. Call it when documents arrive; export and import call it.
        """
        waiting = [d for d in self._highlights().doc_ids() if d not in self._catalog]
        if not waiting:
            return 0
        hashes = self._documents_by_hash()
        moved = [
            replace(h, doc_id=hashes[h.content_hash], status="anchored")
            for d in waiting
            for h in self._highlights().highlights(d)
            if h.content_hash in hashes
        ]
        if moved:
            self.restore_highlights(moved)
        return len(moved)

    def _documents_by_hash(self) -> dict[str, DocId]:
        found: dict[str, DocId] = {}
        for doc_id in self.document_ids():
            try:
                found.setdefault(self.document(doc_id).content_hash, doc_id)
            except LibraryError:
                continue
        return found
