"""The highlight repository: highlights and document notes, one TinyDB file per document.

The only TinyDB user. Records are plain dicts keyed by the highlight's UUID (``id``); TinyDB's
integer ids are never used, because each ``Table`` caches its next id per process. Every change
is one read-modify-write under the document's inter-process lock, on a TinyDB opened afresh inside
the lock, so two windows and the command line never overwrite each other's changes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from tinydb import Query, TinyDB
from tinydb.queries import QueryLike
from tinydb.table import Table

from reader.core.highlight import (
    STATUSES,
    DocumentNote,
    Highlight,
    HighlightId,
    Status,
    is_newer,
    now_iso,
)
from reader.core.model import DocId, is_valid_doc_id
from reader.store.atomic import private_dir
from reader.store.datadir import DataDir
from reader.store.docfile import (
    AtomicStorage,
    DamageReport,
    DocumentFile,
    read_sound_tables,
)
from reader.store.errors import StoreError

Revision = tuple[int, int, int]

_FIELDS = ("id", "doc_id", "start", "end", "quote", "prefix", "suffix", "content_hash")
_REQUIRED = frozenset(_FIELDS)
_HIGHLIGHT_FIELDS = tuple(Highlight.__dataclass_fields__)


def highlight_to_record(h: Highlight) -> dict[str, Any]:
    """Return the stored form of a highlight."""
    return {
        "id": h.id,
        "doc_id": h.doc_id,
        "start": h.start,
        "end": h.end,
        "quote": h.quote,
        "prefix": h.prefix,
        "suffix": h.suffix,
        "content_hash": h.content_hash,
        "color": h.color,
        "note": h.note,
        "tags": list(h.tags),
        "created": h.created,
        "modified": h.modified,
        "status": h.status,
    }


def record_to_highlight(rec: Mapping[str, Any]) -> Highlight:
    """Return the highlight of a stored record; raise ``ValueError`` if it is not one."""
    # Written for speed (positional, one set difference for the required keys): listing or
    # exporting a library converts ten thousand records and more.
    missing = _REQUIRED.difference(rec)
    if missing:
        raise ValueError(f"missing {next(k for k in _FIELDS if k in missing)!r}")
    start, end = rec["start"], rec["end"]
    if not isinstance(start, int) or not isinstance(end, int):
        raise ValueError("offsets are not integers")
    status = rec.get("status", "anchored")
    tags = rec.get("tags") or []
    # Built as core.model's metadata is (meta_from_values): without the frozen __init__'s
    # per-field object.__setattr__, every field given (a test holds the order).
    found = object.__new__(Highlight)
    found.__dict__.update(
        zip(
            _HIGHLIGHT_FIELDS,
            (
                HighlightId(str(rec["id"])),
                DocId(str(rec["doc_id"])),
                start,
                end,
                str(rec["quote"]),
                str(rec["prefix"]),
                str(rec["suffix"]),
                str(rec["content_hash"]),
                str(rec.get("color") or "yellow"),
                str(rec.get("note") or ""),
                tuple(map(str, tags)) if isinstance(tags, list) else (),
                str(rec.get("created") or ""),
                str(rec.get("modified") or ""),
                cast(Status, status) if status in STATUSES else "anchored",
            ),
            strict=True,
        )
    )
    return found


def _note_record(note: DocumentNote) -> dict[str, Any]:
    return {
        "doc_id": note.doc_id,
        "text": note.text,
        "created": note.created,
        "modified": note.modified,
    }


def _note_of(doc_id: str, rec: Mapping[str, Any]) -> DocumentNote:
    return DocumentNote(
        DocId(doc_id),
        str(rec.get("text") or ""),
        str(rec.get("created") or ""),
        str(rec.get("modified") or ""),
    )


@dataclass(frozen=True)
class DocumentRecords:
    """What one document's file holds: its highlights in text order and its notes."""

    highlights: list[Highlight]
    note: DocumentNote | None


class NoteConflict(StoreError):
    """The notes changed on disk since the editor read them."""


def _with_id(highlight_id: str) -> QueryLike:
    """Return a TinyDB condition as a plain function (far cheaper per record than ``Query``)."""
    return cast(QueryLike, lambda rec: rec.get("id") == highlight_id)


def _upsert(table: Table, highlights: Sequence[Highlight]) -> None:
    """Replace the records with these ids and insert the others."""
    by_id: dict[str, Highlight] = {h.id: h for h in highlights}
    present = {str(rec.get("id")) for rec in table.all()} & set(by_id)

    def mutate(rec: MutableMapping[str, Any]) -> None:
        new = by_id.get(str(rec.get("id")))
        if new is not None:
            rec.clear()
            rec.update(highlight_to_record(new))

    if present:
        table.update(mutate, cast(QueryLike, lambda rec: str(rec.get("id")) in present))
    fresh = [highlight_to_record(h) for i, h in by_id.items() if i not in present]
    if fresh:
        table.insert_multiple(fresh)


def _with_ids(ids: set[str]) -> QueryLike:
    return cast(QueryLike, lambda rec: rec.get("id") in ids)


class HighlightStore:
    """Highlights and notes of every document, in ``highlights/<doc_id>.json``."""

    def __init__(self, data: DataDir) -> None:
        self._folder = data.highlights
        self._backups = data.backups / "highlights"
        self._damaged = data.damaged
        self.damages: list[DamageReport] = []
        self.skipped: list[str] = []
        self.warnings: list[str] = []
        self._where: dict[str, DocId] = {}
        self._swept: set[str] = set()

    # -- plumbing ----------------------------------------------------------------------------
    def _file(self, doc_id: str, write: bool = False) -> DocumentFile:
        if not is_valid_doc_id(doc_id):
            raise StoreError(f"not a document id: {doc_id!r}")
        # Leftovers of killed writers are swept once per document and store, not on every write.
        sweep = write and doc_id not in self._swept
        if write:
            self._swept.add(doc_id)
        return DocumentFile(
            self._folder,
            self._backups,
            self._damaged,
            doc_id,
            self.damages.append,
            sweep,
            self.warnings.append,
        )

    @contextlib.contextmanager
    def _tables(self, doc_id: str, write: bool) -> Iterator[tuple[Table, Table]]:
        """Open the document's TinyDB afresh (inside its lock when writing)."""
        file = self._file(doc_id, write)
        with file.locked() if write else contextlib.nullcontext(), self._open(file) as tables:
            yield tables

    @contextlib.contextmanager
    def _open(self, file: DocumentFile) -> Iterator[tuple[Table, Table]]:
        """Open a document's TinyDB afresh (the caller holds the lock when it writes)."""
        db = TinyDB(file, storage=AtomicStorage)
        try:
            yield db.table("highlights", cache_size=0), db.table("notes", cache_size=0)
        finally:
            db.close()

    def _convert(self, records: Sequence[Mapping[str, Any]]) -> list[Highlight]:
        out = []
        for rec in records:
            try:
                out.append(record_to_highlight(rec))
            except (ValueError, TypeError) as exc:
                # Kept in the file untouched; reported so the user can look.
                message = f"a highlight record could not be read ({exc}): {rec!r:.120}"
                if message not in self.skipped:
                    self.skipped.append(message)
        return out

    # -- reading -----------------------------------------------------------------------------
    def doc_ids(self) -> list[DocId]:
        """Return the ids of the documents that have a highlight file, sorted."""
        try:
            # Names, not paths: pathlib's globbing costs more than the listing, 5,000 times.
            names = os.listdir(self._folder)
        except (FileNotFoundError, NotADirectoryError):
            return []
        stems = (n[:-5] for n in names if n.endswith(".json"))
        return sorted(DocId(s) for s in stems if is_valid_doc_id(s))

    def highlights(self, doc_id: str) -> list[Highlight]:
        """Return a document's highlights in text order."""
        with self._tables(doc_id, write=False) as (table, _notes):
            found = self._convert(table.all())
        for h in found:
            self._where[h.id] = h.doc_id
        return sorted(found, key=lambda h: (h.start, h.end, h.created))

    def all_highlights(self) -> list[Highlight]:
        """Return every highlight of every document (each file read once, without opening a
        TinyDB per document: the export dialog's tags of a library of thousands)."""
        found = self.read_documents(self.doc_ids())
        return [h for records in found.values() for h in records.highlights]

    def read_documents(self, doc_ids: Iterable[str]) -> dict[DocId, DocumentRecords]:
        """Return each document's highlights (text order) and notes, reading each file once.

        The cheap path for reading many documents (a library of thousands): the file's JSON
        is parsed as TinyDB would parse it (a damaged file is repaired the same way), but no
        TinyDB is opened and nothing is written. A document without a file has no records.
        """
        out: dict[DocId, DocumentRecords] = {}
        folder = str(self._folder)  # a string path: pathlib's joining costs more than a read
        for doc_id in doc_ids:
            if not is_valid_doc_id(doc_id):
                raise StoreError(f"not a document id: {doc_id!r}")
            tables = read_sound_tables(os.path.join(folder, f"{doc_id}.json"), doc_id)
            if tables is None:
                tables = self._file(doc_id).read_tables()
            found = self._convert(list(tables.get("highlights", {}).values()))
            for h in found:
                self._where[h.id] = h.doc_id
            found.sort(key=lambda h: (h.start, h.end, h.created))
            notes = [r for r in tables.get("notes", {}).values() if r.get("doc_id") == doc_id]
            note = _note_of(doc_id, notes[0]) if notes else None
            out[DocId(doc_id)] = DocumentRecords(found, note)
        return out

    def find_document(self, highlight_id: str) -> DocId | None:
        """Return the document holding a highlight, or ``None``."""
        cached = self._where.get(highlight_id)
        if cached is not None:
            return cached
        needle = f'"{highlight_id}"'.encode()
        for doc_id in self.doc_ids():
            try:
                raw = (self._folder / f"{doc_id}.json").read_bytes()
            except OSError:
                continue
            # A cheap scan of the raw bytes; confirmed by reading the records.
            if needle in raw and any(h.id == highlight_id for h in self.highlights(doc_id)):
                return doc_id
        return None

    def get(self, highlight_id: str) -> Highlight | None:
        """Return a highlight by id, or ``None``."""
        for _ in range(2):  # a second time when another process moved it since we looked
            doc_id = self.find_document(highlight_id)
            if doc_id is None:
                return None
            for h in self.highlights(doc_id):
                if h.id == highlight_id:
                    return h
            self._where.pop(highlight_id, None)
        return None

    # -- writing -----------------------------------------------------------------------------
    def add(self, highlight: Highlight) -> Highlight:
        """Store a new highlight (with a fresh id); return it as stored."""
        with self._tables(highlight.doc_id, write=True) as (table, _notes):
            # A fresh UUID4 (restoring a known id is ``put``): no scan for duplicates.
            table.insert(highlight_to_record(highlight))
        self._where[highlight.id] = highlight.doc_id
        return highlight

    def put(self, highlight: Highlight) -> Highlight:
        """Store a highlight as it is, replacing one with the same id (restore, import)."""
        old_doc = self.find_document(highlight.id)
        with self._tables(highlight.doc_id, write=True) as (table, _notes):
            table.upsert(highlight_to_record(highlight), _with_id(highlight.id))
        # Written in its new document before leaving the old: a crash in between leaves a
        # duplicate, never a loss.
        if old_doc is not None and old_doc != highlight.doc_id:
            self._remove_ids(old_doc, {highlight.id})
        self._where[highlight.id] = highlight.doc_id
        return highlight

    def put_all(self, highlights: Sequence[Highlight]) -> None:
        """Store many highlights as they are, merging by id across documents (import)."""
        where = {h.id: h.doc_id for h in self.all_highlights()}
        by_doc: dict[str, list[Highlight]] = {}
        leaving: dict[str, set[str]] = {}
        for h in highlights:
            by_doc.setdefault(h.doc_id, []).append(h)
            old = where.get(h.id)
            if old is not None and old != h.doc_id:
                leaving.setdefault(old, set()).add(h.id)
        for doc_id, group in by_doc.items():
            self.put_many(DocId(doc_id), group)
        for doc_id, ids in leaving.items():
            self._remove_ids(doc_id, ids)

    def _remove_ids(self, doc_id: str, ids: set[str]) -> None:
        with self._tables(doc_id, write=True) as (table, _notes):
            table.remove(_with_ids(ids))

    def put_many(self, doc_id: str, highlights: Sequence[Highlight]) -> None:
        """Store many highlights of one document as they are (merging by id), in one lock.

        Replacing existing ones and inserting new ones are two atomic writes: a crash between
        them leaves a consistent file with part of the batch.
        """
        if any(h.doc_id != doc_id for h in highlights):
            raise StoreError(f"every highlight of the batch must belong to {doc_id}")
        with self._tables(doc_id, write=True) as (table, _notes):
            _upsert(table, highlights)
        for h in highlights:
            self._where[h.id] = h.doc_id

    def merge(self, highlights: Sequence[Highlight]) -> list[Highlight]:
        """Store each highlight unless the copy here was changed after it (import); return
        those stored.

        Newer or older is decided per document inside the locks of that document and of every
        document an incoming highlight leaves, on what is on disk then: an edit saved while an
        import runs is never overwritten by an older copy.
        """
        where: dict[str, str] = {h.id: h.doc_id for h in self.all_highlights()}
        by_doc: dict[str, list[Highlight]] = {}
        for h in highlights:
            by_doc.setdefault(h.doc_id, []).append(h)
        stored: list[Highlight] = []
        for doc_id, group in by_doc.items():
            stored += self._merge_document(doc_id, group, where)
        for h in stored:
            self._where[h.id] = h.doc_id
        return stored

    def _merge_document(
        self, doc_id: str, group: Sequence[Highlight], where: Mapping[str, str]
    ) -> list[Highlight]:
        ids = {h.id for h in group}
        leaving = sorted({where[i] for i in ids if where.get(i, doc_id) != doc_id})
        # Locks are always taken in document-id order, so two merges never deadlock.
        files = {d: self._file(d, write=True) for d in sorted({doc_id, *leaving})}
        with contextlib.ExitStack() as stack:
            for file in files.values():
                stack.enter_context(file.locked())
            local: dict[str, Highlight] = {}
            for d in [*leaving, doc_id]:  # the target's own copy is the one compared last
                with self._open(files[d]) as (table, _notes):
                    local.update((h.id, h) for h in self._convert(table.all()) if h.id in ids)
            accepted = [h for h in group if not is_newer(local.get(h.id), h)]
            if accepted:
                with self._open(files[doc_id]) as (table, _notes):
                    _upsert(table, accepted)
            for d in leaving:  # written in the new document before leaving the old
                gone: set[str] = {h.id for h in accepted if where.get(h.id) == d}
                if gone:
                    with self._open(files[d]) as (table, _notes):
                        table.remove(_with_ids(gone))
        return accepted

    def update(self, highlight_id: str, change: Callable[[Highlight], Highlight]) -> Highlight:
        """Apply ``change`` to a highlight inside one locked read-modify-write; return it.

        ``change`` sees the highlight as it is on disk now and may raise to refuse.
        """
        result: list[Highlight] = []

        def mutate(rec: MutableMapping[str, Any]) -> None:
            new = change(record_to_highlight(rec))
            rec.clear()
            rec.update(highlight_to_record(new))
            result.append(new)

        def attempt(table: Table) -> bool:
            table.update(mutate, _with_id(highlight_id))
            return bool(result)

        self._in_document_of(highlight_id, attempt)
        return result[0]

    def remove(self, highlight_id: str) -> Highlight:
        """Delete a highlight; return what it was."""
        removed: list[Highlight] = []

        def attempt(table: Table) -> bool:
            rec = table.get(_with_id(highlight_id))
            if not isinstance(rec, Mapping):
                return False
            removed.append(record_to_highlight(rec))
            table.remove(_with_id(highlight_id))
            return True

        self._in_document_of(highlight_id, attempt)
        self._where.pop(highlight_id, None)
        return removed[0]

    def _in_document_of(self, highlight_id: str, attempt: Callable[[Table], bool]) -> None:
        """Run ``attempt`` under the lock of the document holding the highlight."""
        for _ in range(2):  # a second time when another process moved it since we looked
            doc_id = self.find_document(highlight_id)
            if doc_id is None:
                break
            with self._tables(doc_id, write=True) as (table, _notes):
                if attempt(table):
                    return
            self._where.pop(highlight_id, None)
        raise StoreError(f"no highlight with id {highlight_id}")

    def update_document(
        self, doc_id: str, change: Callable[[Highlight], Highlight]
    ) -> list[Highlight]:
        """Apply ``change`` to every highlight of a document in one write (re-anchoring)."""
        with self._tables(doc_id, write=True) as (table, _notes):
            new_by_id: dict[str, Highlight] = {}
            for old in self._convert(table.all()):
                new = change(old)
                if new != old:
                    new_by_id[old.id] = new

            def mutate(rec: MutableMapping[str, Any]) -> None:
                new = new_by_id.get(str(rec.get("id")))
                if new is not None:
                    rec.clear()
                    rec.update(highlight_to_record(new))

            if new_by_id:
                table.update(mutate)
        return self.highlights(doc_id)

    # -- document notes ----------------------------------------------------------------------
    def note(self, doc_id: str) -> DocumentNote | None:
        """Return a document's notes, or ``None`` when it has none."""
        with self._tables(doc_id, write=False) as (_table, notes):
            rec = notes.get(Query().doc_id == doc_id)
        if not isinstance(rec, Mapping):
            return None
        return _note_of(doc_id, rec)

    def set_note(self, doc_id: str, text: str, base: str | None = None) -> DocumentNote:
        """Replace a document's notes with ``text``.

        ``base`` is the ``modified`` stamp of the notes the editor started from (``""`` = none
        yet): if the stored notes changed since, nothing is written and ``NoteConflict`` is
        raised, so that an editor never overwrites text another process saved meanwhile.
        """
        now = now_iso()
        with self._tables(doc_id, write=True) as (_table, notes):
            old = notes.get(Query().doc_id == doc_id)
            stored = str(old.get("modified") or "") if isinstance(old, Mapping) else ""
            if base is not None and base != stored:
                raise NoteConflict(f"the notes of {doc_id} were changed elsewhere meanwhile")
            created = str(old.get("created") or now) if isinstance(old, Mapping) else now
            rec = {"doc_id": doc_id, "text": text, "created": created, "modified": now}
            notes.upsert(rec, Query().doc_id == doc_id)
        return DocumentNote(DocId(doc_id), text, created, now)

    def merge_note(self, note: DocumentNote) -> bool:
        """Store imported notes unless those here are the same or were changed after them;
        decided inside the document's lock. Tell whether they were stored."""
        with self._tables(note.doc_id, write=True) as (_table, notes):
            old = notes.get(Query().doc_id == note.doc_id)
            if isinstance(old, Mapping):
                here = DocumentNote(
                    note.doc_id, str(old.get("text") or ""), "", str(old.get("modified") or "")
                )
                if here.text == note.text or is_newer(here, note):
                    return False
            notes.upsert(_note_record(note), Query().doc_id == note.doc_id)
        return True

    def put_note(self, note: DocumentNote) -> DocumentNote:
        """Store a document's notes as given, with their own times (import)."""
        with self._tables(note.doc_id, write=True) as (_table, notes):
            notes.upsert(_note_record(note), Query().doc_id == note.doc_id)
        return note

    # -- change signal -----------------------------------------------------------------------
    def revision(self, doc_id: str) -> Revision | None:
        """Return a stamp of a document's file that changes with every write (``None``: none)."""
        return self._file(doc_id).revision()

    def revisions(self) -> dict[DocId, Revision]:
        """Return the stamp of every document's file (poll it to see others' changes)."""
        out = {}
        for doc_id in self.doc_ids():
            stamp = self.revision(doc_id)
            if stamp is not None:
                out[doc_id] = stamp
        return out

    @property
    def folder(self) -> Path:
        """The folder of the highlight files (for a file watcher), created if missing."""
        private_dir(self._folder)
        return self._folder
