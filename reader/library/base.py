"""The library's state, its documents and their metadata, the window's state."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.actors import (
    DocumentActors,
)
from reader.core.model import METADATA_FIELDS, DocId, Document, DocumentMeta, is_valid_published
from reader.corpus.catalog import CatalogError, read_catalog
from reader.corpus.locate import bundled_corpus_dir
from reader.store.datadir import DataDir, resolve_data_dir
from reader.store.docfile import StoreError
from reader.store.overrides import OverrideStore
from reader.store.palette import PaletteStore
from reader.store.window_state import WindowState, WindowStateStore

if TYPE_CHECKING:
    # Extraction, dates, anchoring and the highlight store are imported where they are first
    # used, so that opening the library (and the window's first paint) does not pay for them.
    from reader.extract.actors import ActorExtractor
    from reader.store.highlights import HighlightStore

USER_GAZETTEER_FILE = "gazetteer.user.toml"

# Set to "off" to read without the spaCy model (gazetteer and rules only; fast, reduced recall).
MODEL_ENV_VAR = "READER_EXTRACT_MODEL"
USER_GAZETTEER_HEADER = (
    "Your own actors: same format as the bundled resources/gazetteer.toml; these take precedence.\n"
    "Keys: name, kind (person, state, organization, group, place), aliases, capitals, demonyms."
)


class LibraryError(ValueError):
    """A request the library refuses; the message is meant for the user."""


class NoteConflictError(LibraryError):
    """A document's notes changed elsewhere since the editor read them."""


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the library list."""

    meta: DocumentMeta
    passage_count: int | None
    char_count: int | None
    error: str | None = None


class LibraryBase:
    """The library's state and its documents; the other parts build on it."""

    def __init__(self, corpus_dir: Path | None = None, data_dir: Path | None = None) -> None:
        self.corpus_dir = (corpus_dir or bundled_corpus_dir()).resolve()
        if not self.corpus_dir.is_dir():
            raise LibraryError(f"corpus folder not found: {self.corpus_dir}")
        self.data = DataDir(resolve_data_dir(data_dir))
        self._overrides = OverrideStore(self.data.overrides, self.data.damaged)
        self._highlight_store: HighlightStore | None = None
        self._palette = PaletteStore(self.data.palette, self.data.lock, self.data.damaged)
        self._window_state = WindowStateStore(self.data.state, self.data.damaged)
        # (highlight id, document hash) pairs already tried and orphaned: not tried again.
        self._orphans_tried: set[tuple[str, str]] = set()
        self._lock = threading.RLock()
        self._documents: dict[str, Document] = {}
        self._extractor: ActorExtractor | None = None
        self._extractor_problems: list[str] = []
        self._actors: dict[str, DocumentActors] = {}
        self._extract_lock = threading.RLock()
        self._model_in_process = False
        try:
            self._catalog: dict[DocId, DocumentMeta] = {
                m.id: m for m in read_catalog(self.corpus_dir)
            }
        except CatalogError as exc:
            raise LibraryError(str(exc)) from None

    def _highlights(self) -> HighlightStore:
        """Return the highlight store, opened on first use."""
        with self._lock:
            if self._highlight_store is None:
                from reader.store.highlights import HighlightStore

                self._highlight_store = HighlightStore(self.data)
            return self._highlight_store

    # -- documents -----------------------------------------------------------------------
    def document_ids(self) -> list[DocId]:
        """Return the ids of every document of the library, in catalogue order."""
        return list(self._catalog)

    def metadata(self, doc_id: str) -> DocumentMeta:
        """Return a document's metadata with the user's corrections applied."""
        base = self._catalog.get(DocId(doc_id))
        if base is None:
            raise LibraryError(f"no document with id {doc_id!r} (see 'docs' for the list)")
        return self._overrides.apply(base)

    def document(self, doc_id: str) -> Document:
        """Return a document: its fixed text, hash, passages and current metadata."""
        meta = self.metadata(doc_id)
        with self._lock:
            cached = self._documents.get(doc_id)
            if cached is None:
                # Imported here: the window paints before any text is read (docs/ARCHITECTURE.md).
                from reader.corpus.loader import DocumentLoadError, load_document

                try:
                    cached = load_document(meta, self.corpus_dir)
                except DocumentLoadError as exc:
                    raise LibraryError(str(exc)) from None
                self._documents[doc_id] = cached
        if cached.meta != meta:
            cached = Document(meta, cached.text, cached.content_hash, cached.passages)
            with self._lock:
                self._documents[doc_id] = cached
        return cached

    def summaries(self) -> list[DocumentSummary]:
        """Return one summary per document; a document that cannot be read says why."""
        rows = []
        for doc_id in self.document_ids():
            try:
                doc = self.document(doc_id)
            except LibraryError as exc:
                rows.append(DocumentSummary(self.metadata(doc_id), None, None, str(exc)))
                continue
            rows.append(DocumentSummary(doc.meta, len(doc.passages), len(doc.text)))
        return rows

    def edit_metadata(self, doc_id: str, changes: dict[str, str | None]) -> DocumentMeta:
        """Correct a document's metadata; the correction is kept in the data folder."""
        self.metadata(doc_id)
        unknown = set(changes) - set(METADATA_FIELDS)
        if unknown:
            raise LibraryError(f"unknown metadata field(s): {', '.join(sorted(unknown))}")
        published = changes.get("published")
        if published and not is_valid_published(published):
            raise LibraryError(f"published must be YYYY, YYYY-MM or YYYY-MM-DD, not {published!r}")
        if "title" in changes and not changes["title"]:
            raise LibraryError("a document's title cannot be empty")
        self._overrides.update(doc_id, {k: (v or None) for k, v in changes.items()})
        return self.metadata(doc_id)

    # -- window state ----------------------------------------------------------------------
    def window_state(self) -> WindowState:
        """Return the window's saved layout and positions (defaults when none is saved)."""
        return self._window_state.load()

    def save_window_state(self, state: WindowState) -> None:
        """Keep the window's layout and positions for the next start."""
        self._window_state.save(state)

    def damage_reports(self) -> list[str]:
        """Return messages about damaged files moved aside since the library opened."""
        return [
            f"{d.original.name} could not be read ({d.reason}); it was moved to {d.moved_to}"
            for d in [*self._overrides.damages, *self._palette.damages, *self._window_state.damages]
        ] + self._highlight_damage_reports()

    def _highlight_damage_reports(self) -> list[str]:
        store = self._highlight_store  # not opened just to report: nothing read, nothing damaged
        return [] if store is None else [d.message() for d in store.damages] + store.skipped

    @contextlib.contextmanager
    def _refusals(self) -> Iterator[None]:
        """Turn the store's and the core's refusals into ``LibraryError``."""
        try:
            yield
        except (StoreError, ValueError) as exc:
            if isinstance(exc, LibraryError):
                raise
            raise LibraryError(str(exc)) from None
