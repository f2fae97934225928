"""Documents in the index: metadata, file stamps, texts and passages (rows <-> core types)."""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

from reader.core.model import (
    DocId,
    Document,
    DocumentMeta,
    Passage,
    meta_from_values,
    passage_from_values,
)
from reader.index.extraction import drop_dates, drop_extraction

# DocumentMeta's fields in their order (a test holds them equal).
META_COLUMNS = (
    "id",
    "file",
    "title",
    "author",
    "site",
    "published",
    "source_kind",
    "url",
    "language",
    "origin",
    "imported",
)
_N = len(META_COLUMNS)
_META_SELECT = ", ".join(META_COLUMNS)
# SQLite's default limit on host parameters is far above this; smaller chunks stay fast.
CHUNK = 500


class Stamp(NamedTuple):
    """What the cheap start-up check compares: the file's size and time, the metadata's hash.

    A named tuple, not a dataclass: every start makes one per document (5,000 and more)."""

    size: int
    mtime_ns: int
    meta_hash: str


@dataclass(frozen=True)
class DocumentEntry:
    """One document to index: its text (``document``) or why it cannot be read (``error``)."""

    meta: DocumentMeta
    source: str
    stamp: Stamp
    document: Document | None = None
    error: str | None = None


@dataclass(frozen=True)
class IndexedSummary:
    """One row of the library list (``passage_count``/``char_count`` ``None`` on an error)."""

    meta: DocumentMeta
    passage_count: int | None
    char_count: int | None
    error: str | None = None


def chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """Yield ``values`` in slices small enough for one ``IN (…)``."""
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def marks(count: int) -> str:
    """Return ``?, ?, …`` for ``count`` parameters."""
    return ", ".join("?" * count)


def meta_of(row: Sequence[Any]) -> DocumentMeta:
    """Return the metadata from a row of ``META_COLUMNS`` (the dataclass's fields, in order)."""
    return meta_from_values(row)


_meta_values: Callable[[DocumentMeta], tuple[Any, ...]] = operator.attrgetter(*META_COLUMNS)


def check_of(size: int, mtime_ns: int, meta: DocumentMeta) -> tuple[Any, ...]:
    """Return what the start-up check compares for a document, as ``LibraryIndex.checks()``
    returns it: the file's size and time, then the metadata's values (compared as they are:
    hashing 5,000 documents' metadata at every start cost more than reading the columns)."""
    return (size, mtime_ns, *_meta_values(meta))


# -- writing ----------------------------------------------------------------------------------
def put_entries(
    conn: sqlite3.Connection, entries: Iterable[DocumentEntry], searchable: bool = True
) -> list[DocId]:
    """Add or replace documents (inside the caller's write transaction); return the ids whose
    text changed (new documents included). Their full text is indexed now when ``searchable``,
    else left to the background build (``fulltext.build``)."""
    next_position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM documents")
    position = int(next_position.fetchone()[0])
    changed: list[DocId] = []
    for entry in entries:
        old = conn.execute(
            "SELECT key, content_hash, published FROM documents WHERE id = ?", (entry.meta.id,)
        ).fetchone()
        new_hash = entry.document.content_hash if entry.document is not None else None
        if old is None:
            key = _insert_row(conn, entry, position)
            position += 1
        else:
            key = int(old[0])
            _update_row(conn, key, entry)
        if old is None or old[1] != new_hash:
            _replace_text(conn, key, entry.document, searchable)
            changed.append(entry.meta.id)
        elif old[2] != entry.meta.published:
            drop_dates(conn, key)  # the dates were placed from the old published date
    return changed


def _row_values(entry: DocumentEntry) -> tuple[Any, ...]:
    doc = entry.document
    return (
        *_meta_values(entry.meta),
        entry.source,
        entry.stamp.size,
        entry.stamp.mtime_ns,
        entry.stamp.meta_hash,
        doc.content_hash if doc is not None else None,
        len(doc.passages) if doc is not None else None,
        len(doc.text) if doc is not None else None,
        entry.error if doc is None else None,
    )


_ROW_COLUMNS = (
    *META_COLUMNS,
    "source",
    "size",
    "mtime_ns",
    "meta_hash",
    "content_hash",
    "passage_count",
    "char_count",
    "error",
)


def _insert_row(conn: sqlite3.Connection, entry: DocumentEntry, position: int) -> int:
    columns = ", ".join(_ROW_COLUMNS)
    cursor = conn.execute(
        f"INSERT INTO documents ({columns}, position) VALUES ({marks(len(_ROW_COLUMNS) + 1)})",
        (*_row_values(entry), position),
    )
    return int(cast(int, cursor.lastrowid))


def _update_row(conn: sqlite3.Connection, key: int, entry: DocumentEntry) -> None:
    assignments = ", ".join(f"{c} = ?" for c in _ROW_COLUMNS)
    conn.execute(f"UPDATE documents SET {assignments} WHERE key = ?", (*_row_values(entry), key))


def _replace_text(
    conn: sqlite3.Connection, key: int, doc: Document | None, searchable: bool = False
) -> None:
    from reader.index import fulltext  # here: reading the index never needs it

    fulltext.forget(conn, key)  # reads the old text: before it goes
    drop_extraction(conn, key)
    conn.execute("DELETE FROM passages WHERE doc = ?", (key,))
    conn.execute("DELETE FROM texts WHERE doc = ?", (key,))
    if doc is None:
        return
    conn.execute("INSERT INTO texts (doc, text) VALUES (?, ?)", (key, doc.text))
    conn.executemany(
        'INSERT INTO passages (doc, idx, start, "end", chrome, furniture, page, section) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                key,
                p.index,
                p.start,
                p.end,
                int(p.chrome),
                _spans_text(p.furniture),
                p.page,
                p.section,
            )
            for p in doc.passages
        ],
    )
    if searchable:
        fulltext.add(conn, key, doc)


def remove(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> list[DocId]:
    """Remove documents and everything derived from them; return the ids that were there."""
    removed: list[DocId] = []
    for doc_id in doc_ids:
        row = conn.execute("SELECT key FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            continue
        _replace_text(conn, int(row[0]), None)
        conn.execute("DELETE FROM documents WHERE key = ?", (row[0],))
        removed.append(DocId(doc_id))
    return removed


def set_order(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> None:
    """Put the documents in this order; documents not named follow, in their old order."""
    named = set(doc_ids)
    rest = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY position")]
    rest = [d for d in rest if d not in named]
    conn.executemany(
        "UPDATE documents SET position = ? WHERE id = ?",
        list(enumerate([*doc_ids, *rest])),
    )


# -- reading -----------------------------------------------------------------------------------
def summaries(conn: sqlite3.Connection) -> list[IndexedSummary]:
    """Return every document's summary, in catalogue order."""
    rows = conn.execute(
        f"SELECT {_META_SELECT}, passage_count, char_count, error FROM documents ORDER BY position"
    )
    return [IndexedSummary(meta_of(r[:_N]), *r[_N:]) for r in rows]


def keys_of(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> dict[str, int]:
    """Return the key of each document id that is in the index."""
    found: dict[str, int] = {}
    for part in chunks(doc_ids):
        rows = conn.execute(
            f"SELECT id, key FROM documents WHERE id IN ({marks(len(part))})", tuple(part)
        )
        found.update((r[0], int(r[1])) for r in rows)
    return found


def passages_of(conn: sqlite3.Connection, key: int, doc_id: DocId) -> tuple[Passage, ...]:
    """Return a document's passages, in order."""
    rows = conn.execute(
        'SELECT idx, start, "end", chrome, furniture, page, section FROM passages '
        "WHERE doc = ? ORDER BY idx",
        (key,),
    )
    return tuple(
        Passage(doc_id, r[0], r[1], r[2], bool(r[3]), _spans_of(r[4]), r[5], r[6]) for r in rows
    )


def _spans_text(spans: Iterable[tuple[int, int]]) -> str:
    """Return furniture spans as "start:end,start:end" (the index's way for spans)."""
    return ",".join(f"{a}:{b}" for a, b in spans)


def _spans_of(text: str) -> tuple[tuple[int, int], ...]:
    if not text:
        return ()  # most passages have no furniture
    pairs = (part.split(":") for part in text.split(",") if part)
    return tuple((int(a), int(b)) for a, b in pairs)


def load_documents(conn: sqlite3.Connection, keys: Iterable[int]) -> dict[int, Document]:
    """Return the documents with these keys that have a text, rebuilt from the index."""
    wanted = sorted(set(keys))
    out: dict[int, Document] = {}
    for part in chunks(wanted):
        where = f"IN ({marks(len(part))})"
        rows = conn.execute(
            f"SELECT d.key, {', '.join('d.' + c for c in META_COLUMNS)}, d.content_hash, t.text "
            f"FROM documents d JOIN texts t ON t.doc = d.key WHERE d.key {where}",
            tuple(part),
        ).fetchall()
        passages: dict[int, list[Passage]] = {}
        ids = {int(r[0]): DocId(r[1]) for r in rows}
        for r in conn.execute(
            'SELECT doc, idx, start, "end", chrome, furniture, page, section FROM passages '
            f"WHERE doc {where} ORDER BY doc, idx",
            tuple(part),
        ):
            passage = passage_from_values(
                (ids[r[0]], r[1], r[2], r[3], bool(r[4]), _spans_of(r[5]), r[6], r[7])
            )
            passages.setdefault(r[0], []).append(passage)
        for r in rows:
            key = int(r[0])
            meta, (content_hash, text) = meta_of(r[1 : _N + 1]), r[_N + 1 :]
            out[key] = Document(meta, text, content_hash, tuple(passages.get(key, ())))
    return out
