"""The set of documents: from the sources, with the user's metadata corrections applied."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.changes import Changes
from reader.core.model import METADATA_FIELDS, DocId, Document, DocumentMeta, is_valid_published
from reader.index import DocumentEntry, LibraryIndex, Stamp
from reader.index.documents import check_of
from reader.library.changes import ChangeFeed
from reader.library.errors import LibraryError
from reader.library.indexing import IndexHandle
from reader.library.sources import DocumentSource
from reader.store.overrides import OverrideStore

if TYPE_CHECKING:
    from reader.core.page_map import PageMap

# Texts kept in memory besides the index (the window's open documents and recent ones).
TEXT_CACHE_SIZE = 24
PAGE_MAP_CACHE_SIZE = 4  # a 1,000-page PDF's boxes take a few tens of MB
# A file this big is built only where the index is written (``_read``): seconds of CPU.
BIG_FILE_BYTES = 4_000_000
INDEX_BATCH = 200  # documents per transaction while indexing: no write holds the file long


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the library list."""

    meta: DocumentMeta
    passage_count: int | None
    char_count: int | None
    error: str | None = None


class Documents:
    """Every document of the library: ids, metadata (held in memory), texts on demand."""

    def __init__(
        self,
        sources: list[DocumentSource],
        overrides: OverrideStore,
        changes: ChangeFeed,
        index: IndexHandle,
    ) -> None:
        self._overrides = overrides
        self._changes = changes
        self._index = index
        self._indexed = False  # the index is known to hold every document's current text
        self._index_lock = threading.Lock()
        self._index_elsewhere: Callable[[], Sequence[str]] | None = None
        self._lock = threading.RLock()
        self._sources = sources
        self._base: dict[DocId, DocumentMeta] = {}
        self._source_of: dict[DocId, DocumentSource] = {}
        self._read_sources()
        self._meta: dict[DocId, DocumentMeta] = {}
        self._texts: OrderedDict[DocId, Document] = OrderedDict()
        self._maps: OrderedDict[DocId, PageMap | None] = OrderedDict()
        changes.subscribe(self._on_others_changes, others_only=True)

    def _read_sources(self) -> None:
        base: dict[DocId, DocumentMeta] = {}
        source_of: dict[DocId, DocumentSource] = {}
        for source in self._sources:
            for meta in source.metadata():
                base.setdefault(meta.id, meta)  # a corpus document wins over a clash
                source_of.setdefault(meta.id, source)
        with self._lock:
            self._base, self._source_of = base, source_of

    def refresh(self, changed: Iterable[str] = ()) -> Changes:
        """Read the sources' lists again (documents were imported or removed, or ``changed``
        were replaced); publish and return what changed."""
        before = dict(self._base)
        self._read_sources()
        added = [d for d in self._base if d not in before]
        removed = [d for d in before if d not in self._base]
        replaced = [d for d in changed if d in self._base and d not in added]
        self._indexed = False
        with self._lock:
            for doc_id in [*removed, *replaced, *added]:
                self._texts.pop(DocId(doc_id), None)
                self._meta.pop(DocId(doc_id), None)
                self._maps.pop(DocId(doc_id), None)
        return self._changes.publish(
            Changes.of(documents_added=added, documents_removed=removed, documents_changed=replaced)
        )

    def origin(self, doc_id: str) -> str:
        """Return the name of the source a document comes from ("corpus", "imported")."""
        self.metadata(doc_id)
        return self._source_of[DocId(doc_id)].name

    def ids(self) -> list[DocId]:
        """Return the ids of every document, in the sources' order."""
        return list(self._base)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._base

    def metadata(self, doc_id: str) -> DocumentMeta:
        """Return a document's metadata with the user's corrections applied."""
        with self._lock:
            meta = self._meta.get(DocId(doc_id))
            if meta is None:
                base = self._base.get(DocId(doc_id))
                if base is None:
                    raise LibraryError(f"no document with id {doc_id!r} (see 'docs' for the list)")
                meta = self._meta[base.id] = self._overrides.apply(base)
            return meta

    def all_metadata(self) -> list[DocumentMeta]:
        """Return every document's metadata with the user's corrections, in the sources'
        order (the corrections folder is listed once, not tried per document)."""
        with self._lock:
            missing = [b for d, b in self._base.items() if d not in self._meta]
        if missing:
            corrected = self._overrides.corrected()
            applied = {b.id: self._overrides.apply(b, corrected) for b in missing}
            with self._lock:
                for doc_id, meta in applied.items():
                    self._meta.setdefault(doc_id, meta)
        with self._lock:
            return [self._meta.get(d) or self.metadata(d) for d in self._base]

    def get(self, doc_id: str) -> Document:
        """Return a document: its fixed text, hash, passages and current metadata."""
        meta = self.metadata(doc_id)
        with self._lock:
            cached = self._texts.get(meta.id)
            if cached is not None:
                self._texts.move_to_end(meta.id)
        if cached is None:
            # Read outside the lock: a long text must not hold up metadata for the window.
            cached = self._read(meta)
            with self._lock:
                self._texts[meta.id] = cached
                while len(self._texts) > TEXT_CACHE_SIZE:
                    self._texts.popitem(last=False)
        if cached.meta != meta:
            cached = Document(meta, cached.text, cached.content_hash, cached.passages)
            with self._lock:
                self._texts[meta.id] = cached
        return cached

    def get_many(self, doc_ids: Iterable[str]) -> dict[DocId, Document]:
        """Return those of these documents that can be read (as ``get``), from the index in a
        few queries once it is current; the text cache is left as it was."""
        wanted = [DocId(d) for d in dict.fromkeys(doc_ids) if d in self._base]
        found: dict[DocId, Document] = {}
        if self._indexed:
            for doc in self._index.get().documents(wanted).values():
                meta = self.metadata(doc.id)
                if doc.meta != meta:
                    doc = Document(meta, doc.text, doc.content_hash, doc.passages)
                found[doc.id] = doc
        for doc_id in wanted:
            if doc_id not in found:
                try:
                    found[doc_id] = self.get(doc_id)
                except LibraryError:
                    continue
        return {d: found[d] for d in wanted if d in found}

    def _read(self, meta: DocumentMeta) -> Document:
        # The index's copy is read (passages and chrome already found) once the index is
        # current, or when it holds this document as its file and metadata are now (the
        # start-up check for one document: a command that reads one does not check them
        # all); else the source's file, so that opening a document never waits for indexing.
        source = self._source_of[meta.id]
        stamp = _stamp(source, meta)
        if stamp.size >= BIG_FILE_BYTES and self._index_elsewhere is not None:
            # Except a big one when another process indexes (the window's child): it is built
            # there and read back, never built in this process too (20 MB: ~20 s of CPU in a
            # thread of the window, sharing its GIL, while the child built the same text).
            self.sync_index()
        if self._indexed or self._index.get().stamp(meta.id) == stamp:
            found = self._index.get().document(meta.id)
            if found is not None:
                return found
        return source.load(meta)

    # -- pages of a PDF ----------------------------------------------------------------------
    def page_map(self, doc_id: str) -> PageMap | None:
        """Return where a PDF's characters sit on its pages; ``None`` for a document that did
        not come from a PDF (or whose boxes are missing)."""
        meta = self.metadata(doc_id)
        with self._lock:
            if meta.id in self._maps:
                self._maps.move_to_end(meta.id)
                return self._maps[meta.id]
        reader = getattr(self._source_of[meta.id], "page_map", None)
        found: PageMap | None = reader(meta.id) if reader is not None else None
        with self._lock:
            self._maps[meta.id] = found
            while len(self._maps) > PAGE_MAP_CACHE_SIZE:
                self._maps.popitem(last=False)
        return found

    def original_pdf(self, doc_id: str) -> Path | None:
        """Return the PDF a document was imported from; ``None`` for any other document."""
        meta = self.metadata(doc_id)
        reader = getattr(self._source_of[meta.id], "original", None)
        found: Path | None = reader(meta.id) if reader is not None else None
        return found if found is not None and found.suffix.lower() == ".pdf" else None

    def content_hash(self, doc_id: str) -> str:
        """Return the hash of a document's text (from the index once it is current)."""
        if self._indexed:
            found = self._index.get().content_hash(doc_id)
            if found is not None:
                return found
        return self.get(doc_id).content_hash

    def content_hashes(self, doc_ids: Iterable[str]) -> dict[DocId, str]:
        """Return the hashes of these documents' texts (in one query once the index is
        current); an unreadable document is left out."""
        wanted = [DocId(d) for d in doc_ids]
        found: dict[DocId, str] = {}
        if self._indexed:
            every = self._index.get().content_hashes()
            found = {d: every[d] for d in wanted if d in every}
        for doc_id in wanted:
            if doc_id not in found:
                try:
                    found[doc_id] = self.content_hash(doc_id)
                except LibraryError:
                    continue
        return found

    # -- the index ---------------------------------------------------------------------------
    @property
    def indexed(self) -> bool:
        """Whether the index is known to hold every document's current text and metadata."""
        return self._indexed

    def sync_index(self) -> Changes:
        """Bring the index up to date with the sources: only documents whose file (size, time)
        or metadata changed are read again. Cheap when nothing changed; publish what did."""
        with self._index_lock:
            if self._indexed:
                return Changes()
            elsewhere = self._index_elsewhere
            known = self._update_index() if elsewhere is None else [DocId(d) for d in elsewhere()]
            self._indexed = True
        known = [d for d in known if d in self._base]
        self._forget_texts(known)
        return self._changes.publish(Changes.of(documents_changed=known))

    def index_elsewhere(self, reindex: Callable[[], Sequence[str]]) -> None:
        """Let ``reindex`` bring the index up to date from now on, in place of this process; it
        returns the documents whose indexed text or metadata it changed, of those the index
        held (``reindex()`` of another process's library). The window passes its child
        process's: reading and segmenting a first start's thousands of documents in a thread of
        the window held the GIL for seconds, and the event loop with it."""
        self._index_elsewhere = reindex

    def reindex(self) -> list[DocId]:
        """Read the sources' lists and the user's corrections again, bring the index up to date
        with them and return the documents whose indexed text or metadata changed, of those it
        held; nothing is published (the process that asked publishes: ``index_elsewhere``)."""
        self._read_sources()
        self._forget_metadata(None)
        with self._index_lock:
            known = self._update_index()
            self._indexed = True
        self._forget_texts(known)
        return known

    def _update_index(self) -> list[DocId]:
        index = self._index.get()
        stamps = index.checks()
        changed = self._reindex(index, stamps)
        gone = [d for d in stamps if d not in self._base]
        if gone:
            index.remove_documents(gone)
        # The stamps come in the index's order: read it again only if it may have changed.
        order = index.ids() if changed or gone else list(stamps)
        if order != self.ids():
            index.set_order(self.ids())
        return [d for d in changed if d in stamps]

    def _forget_texts(self, doc_ids: Sequence[DocId]) -> None:
        if doc_ids:
            with self._lock:
                for doc_id in doc_ids:
                    self._texts.pop(doc_id, None)
                    self._maps.pop(doc_id, None)

    def _reindex(
        self, index: LibraryIndex, stamps: dict[DocId, tuple[object, ...]]
    ) -> list[DocId]:
        changed: list[DocId] = []
        batch: list[DocumentEntry] = []
        metas = self.all_metadata()
        files = self._stat_many(metas)
        # What the index holds against what the sources say, compared in one pass (most
        # starts find nothing changed), then the documents that differ.
        found = stamps.get
        for meta in metas:
            size, mtime_ns = files[meta.id]
            if found(meta.id) == check_of(size, mtime_ns, meta):
                continue
            source = self._source_of[meta.id]
            stamp = Stamp(size, mtime_ns, _meta_hash(meta))
            try:
                batch.append(DocumentEntry(meta, source.name, stamp, source.load(meta)))
            except LibraryError as exc:
                batch.append(DocumentEntry(meta, source.name, stamp, error=str(exc)))
            if len(batch) >= INDEX_BATCH:
                changed += index.put_documents(batch)
                batch = []
        return changed + index.put_documents(batch)

    def _stat_many(self, metas: list[DocumentMeta]) -> dict[DocId, tuple[int, int]]:
        """Return each document's file stamp, asked of each source for all its documents."""
        by_source: dict[str, tuple[DocumentSource, list[DocumentMeta]]] = {}
        source_of = self._source_of
        for meta in metas:
            source = source_of[meta.id]
            if source.name not in by_source:
                by_source[source.name] = (source, [])
            by_source[source.name][1].append(meta)
        found: dict[DocId, tuple[int, int]] = {}
        for source, some in by_source.values():
            found.update(zip((m.id for m in some), source.stat_many(some), strict=True))
        return found

    def summaries(self) -> list[DocumentSummary]:
        """Return one summary per document (from the index); one that cannot be read says why."""
        self.sync_index()
        rows = self._index.get().counts()
        out = []
        for meta in self.all_metadata():
            row = rows.get(meta.id)
            if row is None:
                out.append(DocumentSummary(meta, None, None, "not indexed"))
            else:
                out.append(DocumentSummary(meta, *row))
        return out

    def by_hash(self) -> dict[str, DocId]:
        """Return the id of the (first) document with each text's hash."""
        self.sync_index()
        hashes = self.content_hashes(self.ids())  # one query, not one per document
        found: dict[str, DocId] = {}
        for doc_id in self.ids():
            if doc_id in hashes:
                found.setdefault(hashes[doc_id], doc_id)
        return found

    def edit_metadata(self, doc_id: str, changes: dict[str, str | None]) -> DocumentMeta:
        """Correct a document's metadata; the correction is kept in the data folder."""
        self.metadata(doc_id)
        unknown = set(changes) - set(METADATA_FIELDS)
        if unknown:
            noun = "field" if len(unknown) == 1 else "fields"
            raise LibraryError(f"unknown metadata {noun}: {', '.join(sorted(unknown))}")
        published = changes.get("published")
        if published and not is_valid_published(published):
            raise LibraryError(f"published must be YYYY, YYYY-MM or YYYY-MM-DD, not {published!r}")
        if "title" in changes and not changes["title"]:
            raise LibraryError("a document's title cannot be empty")
        self._overrides.update(doc_id, {k: (v or None) for k, v in changes.items()})
        self._forget_metadata([doc_id])
        self._indexed = False  # the index holds the metadata too: its next use re-checks
        self._changes.publish(Changes.of(metadata=[doc_id]))
        return self.metadata(doc_id)

    def _forget_metadata(self, doc_ids: Iterable[str] | None) -> None:
        with self._lock:
            if doc_ids is None:
                self._meta.clear()
                return
            for doc_id in doc_ids:
                self._meta.pop(DocId(doc_id), None)

    def _on_others_changes(self, changes: Changes) -> None:
        # Corrections and imports made by another process (the command line) reach this one
        # here: metadata is read again, the sources' lists too, and the index re-checked.
        if changes.everything:
            self._forget_metadata(None)
        elif changes.metadata:
            self._forget_metadata(changes.metadata)
        outside = changes.documents_added | changes.documents_removed | changes.documents_changed
        if changes.everything or outside:
            self._read_sources()
            with self._lock:
                for doc_id in outside:
                    self._texts.pop(DocId(doc_id), None)
                    self._meta.pop(DocId(doc_id), None)
                    self._maps.pop(DocId(doc_id), None)
        if changes.everything or changes.metadata or outside:
            self._indexed = False


def _stamp(source: DocumentSource, meta: DocumentMeta) -> Stamp:
    """Return what the index's cheap check compares for a document: its file's size and
    time, its metadata's hash."""
    return Stamp(*source.stat(meta), _meta_hash(meta))


def _meta_hash(meta: DocumentMeta) -> str:
    """Return a hash of a document's metadata (a correction re-indexes the document)."""
    import hashlib  # here: computed only for documents whose file or metadata changed

    return hashlib.sha256(repr(meta).encode("utf-8")).hexdigest()[:16]
