"""Highlights and document notes: the user's own work (logic in reader/core, reader/store)."""

from __future__ import annotations

import builtins
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core import highlight as hl
from reader.core.changes import Changes
from reader.core.highlight import DocumentNote, Highlight
from reader.core.model import DocId
from reader.core.words import count
from reader.library.changes import ChangeFeed
from reader.library.documents import Documents
from reader.library.errors import LibraryError, NoteConflictError, refusals
from reader.store.datadir import DataDir
from reader.store.errors import StoreError

if TYPE_CHECKING:
    # Anchoring and the highlight store are imported where they are first used, so that
    # opening the library (and the window's first paint) does not pay for them.
    from reader.store.highlights import DocumentRecords, HighlightStore, Revision


def _reanchor(highlight: Highlight, text: str, content_hash: str) -> Highlight:
    from reader.core.anchoring import reanchor

    return reanchor(highlight, text, content_hash)


class Highlights:
    """Highlights and notes, one store file per document; reads never write."""

    def __init__(self, data: DataDir, documents: Documents, changes: ChangeFeed) -> None:
        self._data = data
        self._documents = documents
        self._changes = changes
        self._store: HighlightStore | None = None
        self._lock = threading.Lock()
        # (highlight id, document hash) pairs already tried and orphaned: not tried again.
        self._orphans_tried: set[tuple[str, str]] = set()

    def _opened(self) -> HighlightStore:
        """Return the highlight store, opened on first use."""
        with self._lock:
            if self._store is None:
                from reader.store.highlights import HighlightStore

                self._store = HighlightStore(self._data)
            return self._store

    def _published(self, doc_ids: Iterable[str], notes: Iterable[str] = ()) -> None:
        self._changes.publish(Changes.of(highlights=doc_ids, notes=notes))

    # -- reading ---------------------------------------------------------------------------
    def get(self, highlight_id: str) -> Highlight:
        """Return one highlight by id."""
        with refusals():
            found = self._opened().get(highlight_id.lower())
        if found is None:
            raise LibraryError(f"no highlight with id {highlight_id}")
        return found

    def list(self, doc_id: str | None = None) -> builtins.list[Highlight]:
        """Return a document's highlights (or all) as stored; ``sync`` places them first."""
        with refusals():
            store = self._opened()
            return store.highlights(doc_id) if doc_id is not None else store.all_highlights()

    def doc_ids(self) -> builtins.list[DocId]:
        """Return the ids of the documents that have highlights or notes (present or not)."""
        with refusals():
            return self._opened().doc_ids()

    def note(self, doc_id: str) -> DocumentNote | None:
        """Return a document's notes, or ``None`` when it has none."""
        with refusals():
            return self._opened().note(doc_id)

    def find_quote(self, doc_id: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
        """Return the span of a quote in a document (``occurrence`` is 1-based)."""
        from reader.core.quotes import find_quote

        spans = find_quote(self._documents.get(doc_id).text, quote)
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
                f"occurrence {index} does not exist: the quote occurs {count(len(spans), 'time')}"
            )
        return spans[index - 1]

    # -- changing --------------------------------------------------------------------------
    def add(
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
        doc = self._documents.get(doc_id)
        with refusals():
            new = hl.make_highlight(
                doc.id,
                doc.text,
                doc.content_hash,
                (start, end),
                color=color,
                note=note,
                tags=list(tags),
            )
            added = self._opened().add(new)
        self._published([added.doc_id])
        return added

    def edit(
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
        doc = self._documents.get(self.get(highlight_id).doc_id) if span is not None else None

        def change(h: Highlight) -> Highlight:
            h = hl.edit_highlight(
                h, note=note, color=color, add_tags=list(add_tags), remove_tags=list(remove_tags)
            )
            return (
                h if doc is None or span is None else hl.place(h, doc.text, doc.content_hash, span)
            )

        with refusals():
            edited = self._opened().update(highlight_id.lower(), change)
        self._published([edited.doc_id])
        return edited

    def remove(self, highlight_id: str) -> Highlight:
        """Delete a highlight; return it (so that it can be restored)."""
        with refusals():
            removed = self._opened().remove(highlight_id.lower())
        self._published([removed.doc_id])
        return removed

    def restore(self, highlight: Highlight) -> Highlight:
        """Store a highlight exactly as given, replacing any with its id (undo, import)."""
        with refusals():
            stored = self._opened().put(highlight)
        self._published([stored.doc_id])
        return stored

    def restore_all(self, highlights: Sequence[Highlight]) -> int:
        """Store many highlights as given (merging by id, one write per document); count them.

        The documents need not be in the library: their highlights wait, orphaned in effect,
        until a document with that id arrives.
        """
        with refusals():
            self._opened().put_all(highlights)
        self._published({h.doc_id for h in highlights})
        return len(highlights)

    def merge(self, highlights: Sequence[Highlight]) -> builtins.list[Highlight]:
        """Store each highlight unless the copy here was changed after it (import); return
        those stored. Newer or older is decided inside each document's lock."""
        with refusals():
            stored = self._opened().merge(highlights)
        self._published({h.doc_id for h in stored})
        return stored

    def merge_note(self, note: DocumentNote) -> bool:
        """Store imported notes unless those here are the same or newer; tell if stored."""
        with refusals():
            stored = self._opened().merge_note(note)
        if stored:
            self._published([], notes=[note.doc_id])
        return stored

    def set_note(self, doc_id: str, text: str, base: str | None = None) -> DocumentNote:
        """Replace a document's notes.

        With ``base`` (the ``modified`` of the notes being edited, ``""`` when there were none),
        refuse with ``NoteConflictError`` if they changed elsewhere meanwhile.
        """
        from reader.store.highlights import NoteConflict

        self._documents.metadata(doc_id)
        try:
            saved = self._opened().set_note(doc_id, text, base)
        except NoteConflict as exc:
            raise NoteConflictError(str(exc)) from None
        except StoreError as exc:
            raise LibraryError(str(exc)) from None
        self._published([], notes=[doc_id])
        return saved

    def put_note(self, note: DocumentNote) -> None:
        """Store a document's notes exactly as given (import), whether or not it is here."""
        with refusals():
            self._opened().put_note(note)
        self._published([], notes=[note.doc_id])

    # -- placing in the current texts ------------------------------------------------------
    def sync(self, doc_ids: Iterable[str] | None = None) -> Changes:
        """Bring highlights up to date with the documents' current texts; return what changed.

        Highlights waiting for a missing document join a document with their text's hash;
        those anchored in an older text are placed in the current one (once per text). With
        no ``doc_ids``, every document that has highlights. Call it when texts may have
        changed (opening the library, a document changed); listing never does it.
        """
        return self._synced(doc_ids)[0]

    def current(self, doc_ids: Iterable[str] | None = None) -> dict[DocId, DocumentRecords]:
        """Place the highlights in the current texts (as ``sync``), then return each document's
        highlights and notes (default: of every document with highlights or notes), reading
        each file once: what listing or exporting all of them needs."""
        return self._synced(doc_ids)[1]

    def _synced(
        self, doc_ids: Iterable[str] | None
    ) -> tuple[Changes, dict[DocId, DocumentRecords]]:
        self._documents.sync_index()  # the texts' hashes, from the index (no text is read)
        adopted = self.adopt_waiting() if doc_ids is None else set()
        ids = self.doc_ids() if doc_ids is None else [DocId(d) for d in doc_ids]
        with refusals():
            records = self._opened().read_documents(ids)
        hashes = self._documents.content_hashes([d for d in ids if d in self._documents])
        moved = set()
        for doc_id in ids:
            if doc_id not in self._documents:
                continue
            stored = records[doc_id].highlights
            placed = self._reanchor(doc_id, stored, hashes.get(doc_id))
            if placed is not None:
                records[doc_id] = replace(records[doc_id], highlights=placed)
                if placed != stored:
                    moved.add(doc_id)
        return self._changes.publish(Changes.of(highlights=moved | adopted)), records

    def _reanchor(
        self, doc_id: str, stored: builtins.list[Highlight], current: str | None
    ) -> builtins.list[Highlight] | None:
        """Place a document's highlights in its current text and save what moved; return
        them as stored then (``None``: nothing to place)."""
        try:
            current = current or self._documents.content_hash(doc_id)
            if all(h.content_hash == current and h.status != "orphaned" for h in stored):
                return None  # the common case: nothing to place, and no text read
            doc = self._documents.get(doc_id)
        except LibraryError:
            return None  # the document cannot be read: its highlights wait as they are
        stale = [
            h
            for h in stored
            if (h.content_hash != doc.content_hash or h.status == "orphaned")
            and (h.id, doc.content_hash) not in self._orphans_tried
        ]
        if not stale:
            return None
        with refusals():
            placed = self._opened().update_document(
                doc_id, lambda h: _reanchor(h, doc.text, doc.content_hash)
            )
        self._orphans_tried.update(
            (h.id, doc.content_hash) for h in placed if h.status == "orphaned"
        )
        return placed

    def adopt_waiting(self) -> set[str]:
        """Give highlights waiting for a missing document to a document with their text's hash;
        return the documents they joined."""
        waiting = [d for d in self.doc_ids() if d not in self._documents]
        if not waiting:
            return set()
        hashes = self._documents.by_hash()
        moved = [
            replace(h, doc_id=hashes[h.content_hash], status="orphaned")  # placed by sync
            for d in waiting
            for h in self._opened().highlights(d)
            if h.content_hash in hashes
        ]
        if moved:
            self.restore_all(moved)
        return {h.doc_id for h in moved}

    def mark_waiting(self, doc_id: str) -> Changes:
        """Mark a removed document's highlights orphaned: they wait in the store for its text,
        and ``sync`` places them again when a document with that text arrives."""
        if doc_id not in self.doc_ids():
            return Changes()
        with refusals():
            self._opened().update_document(doc_id, lambda h: replace(h, status="orphaned"))
        self._orphans_tried = {t for t in self._orphans_tried if t[0] not in self._ids(doc_id)}
        return self._changes.publish(Changes.of(highlights=[doc_id]))

    def _ids(self, doc_id: str) -> set[str]:
        return {h.id for h in self.list(doc_id)}

    # -- watching --------------------------------------------------------------------------
    def revision(self, doc_id: str) -> Revision | None:
        """Return a stamp of a document's highlight file; it changes with every write."""
        with refusals():
            return self._opened().revision(doc_id)

    def revisions(self) -> dict[DocId, Revision]:
        """Return the stamp of every highlight file."""
        return self._opened().revisions()

    @property
    def folder(self) -> Path:
        """The folder of the highlight files."""
        return self._opened().folder

    def damage_reports(self) -> builtins.list[str]:
        """Messages about this part's damaged files (not opened just to report)."""
        store = self._store
        if store is None:
            return []
        return [d.message() for d in store.damages] + store.skipped + store.warnings
