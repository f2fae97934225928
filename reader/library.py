"""The facade that the command line and the window both call.

It joins the corpus folder (read-only) and the user's data folder (overrides, later highlights,
extraction cache, state) and answers in core types. Nothing above it reaches into TinyDB, spaCy
or the files directly.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reader.core.model import METADATA_FIELDS, DocId, Document, DocumentMeta, is_valid_published
from reader.corpus.catalog import CatalogError, read_catalog
from reader.corpus.loader import DocumentLoadError, load_document
from reader.corpus.locate import bundled_corpus_dir
from reader.store.datadir import DataDir, resolve_data_dir
from reader.store.overrides import OverrideStore


class LibraryError(ValueError):
    """A request the library refuses; the message is meant for the user."""


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the library list."""

    meta: DocumentMeta
    passage_count: int | None
    char_count: int | None
    error: str | None = None


class Library:
    """The corpus folder plus the documents a user imports, and the user's data about them."""

    def __init__(self, corpus_dir: Path | None = None, data_dir: Path | None = None) -> None:
        self.corpus_dir = (corpus_dir or bundled_corpus_dir()).resolve()
        if not self.corpus_dir.is_dir():
            raise LibraryError(f"corpus folder not found: {self.corpus_dir}")
        self.data = DataDir(resolve_data_dir(data_dir))
        self._overrides = OverrideStore(self.data.overrides, self.data.damaged)
        self._lock = threading.RLock()
        self._documents: dict[str, Document] = {}
        try:
            self._catalog: dict[DocId, DocumentMeta] = {
                m.id: m for m in read_catalog(self.corpus_dir)
            }
        except CatalogError as exc:
            raise LibraryError(str(exc)) from None

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

    def damage_reports(self) -> list[str]:
        """Return messages about damaged files moved aside since the library opened."""
        return [
            f"{d.original.name} could not be read ({d.reason}); it was moved to {d.moved_to}"
            for d in self._overrides.damages
        ]
