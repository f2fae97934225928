"""The index's full text: an SQLite FTS5 table of passages, kept in step with the texts.

One row per passage that is not page chrome; its rowid is ``doc << 20 | idx`` so that a
document's rows are one rowid range and a result names its passage without a join. The table is
contentless (``content=''``): a passage's text is a slice of its document's row in ``texts``,
so storing it again (a content table) would double the text for nothing, and an external
content table would need a view that slices the text on every read. The price is that a row is
deleted by giving FTS5 its old text, which ``forget()`` reads from ``texts`` before the text is
replaced: the only place a text changes (``documents._replace_text``).

``search_docs`` lists the documents whose passages are in the table. A large batch (the first
index of a library) leaves its documents out of it, to be added in the background by
``build()``, a few documents per transaction; a search scans the passages of documents not yet
listed, so its results are complete meanwhile. Damage to the table (FTS5's shadow tables) is
repaired by emptying it and listing no document: the background build fills it again.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from reader.core.model import Document
from reader.core.search_match import ChunkWord, chunk_words
from reader.index.database import is_damage
from reader.index.schema import FULLTEXT_DDL, FULLTEXT_TOKENIZER

T = TypeVar("T")
SHIFT = 20  # rowid = doc << SHIFT | passage index (a document has fewer than a million)
TOKENIZER = FULLTEXT_TOKENIZER
TABLE = "passage_search"
INLINE_DOCUMENTS = 20  # a batch up to this size is searchable when its transaction commits


def rowid(key: int, index: int) -> int:
    """Return the full-text rowid of a passage."""
    return (key << SHIFT) | index


def split_rowid(value: int) -> tuple[int, int]:
    """Return the (document key, passage index) of a full-text rowid."""
    return value >> SHIFT, value & ((1 << SHIFT) - 1)


def _rows(key: int, text: str, spans: Sequence[tuple[int, int, int]]) -> list[tuple[int, str]]:
    return [(rowid(key, idx), text[start:end]) for idx, start, end in spans]


def _passage_spans(conn: sqlite3.Connection, key: int) -> list[tuple[int, int, int]]:
    return conn.execute(
        'SELECT idx, start, "end" FROM passages WHERE doc = ? AND chrome = 0 ORDER BY idx', (key,)
    ).fetchall()


def _guarded(conn: sqlite3.Connection, work: Callable[[], T], default: T) -> T:
    """Run a statement on the full-text table; if the table is damaged, empty it (the
    background build fills it again) instead of failing the caller's transaction."""
    try:
        conn.execute("SAVEPOINT fulltext")
        result = work()
        conn.execute("RELEASE fulltext")
        return result
    except sqlite3.DatabaseError as exc:
        conn.execute("ROLLBACK TO fulltext")
        conn.execute("RELEASE fulltext")
        if not is_damage(exc):
            raise
        repair(conn)
        return default


def forget(conn: sqlite3.Connection, key: int) -> None:
    """Take a document's passages out of the table (inside the caller's write transaction,
    before its text or passages change)."""
    if conn.execute("SELECT 1 FROM search_docs WHERE doc = ?", (key,)).fetchone() is None:
        return
    row = conn.execute("SELECT text FROM texts WHERE doc = ?", (key,)).fetchone()
    old = _rows(key, row[0], _passage_spans(conn, key)) if row is not None else []

    def work() -> None:
        conn.executemany(
            f"INSERT INTO {TABLE} ({TABLE}, rowid, text) VALUES ('delete', ?, ?)", old
        )

    _guarded(conn, work, None)
    conn.execute("DELETE FROM search_docs WHERE doc = ?", (key,))


def add(conn: sqlite3.Connection, key: int, doc: Document) -> None:
    """Put a document's passages (not its chrome) into the table."""
    spans = [(p.index, p.start, p.end) for p in doc.passages if not p.chrome]
    new = _rows(key, doc.text, spans)

    def work() -> bool:
        conn.executemany(f"INSERT INTO {TABLE} (rowid, text) VALUES (?, ?)", new)
        return True

    if _guarded(conn, work, False):
        conn.execute("INSERT OR IGNORE INTO search_docs (doc) VALUES (?)", (key,))


def repair(conn: sqlite3.Connection) -> None:
    """Empty a damaged table (or make it again) and list no document as searchable."""
    try:
        conn.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('delete-all')")
    except sqlite3.DatabaseError:
        conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
        conn.execute(FULLTEXT_DDL[0])
    conn.execute("DELETE FROM search_docs")


def pending_keys(conn: sqlite3.Connection, limit: int | None = None) -> list[int]:
    """Return the keys of readable documents whose passages are not in the table yet."""
    sql = (
        "SELECT key FROM documents WHERE content_hash IS NOT NULL "
        "AND key NOT IN (SELECT doc FROM search_docs) ORDER BY position"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [int(r[0]) for r in conn.execute(sql)]


def build(conn: sqlite3.Connection, documents: int) -> int:
    """Add up to ``documents`` pending documents; return how many are still pending."""
    for key in pending_keys(conn, documents):
        row = conn.execute("SELECT text FROM texts WHERE doc = ?", (key,)).fetchone()
        new = _rows(key, row[0], _passage_spans(conn, key)) if row is not None else []

        def work(rows: list[tuple[int, str]] = new) -> bool:
            conn.executemany(f"INSERT INTO {TABLE} (rowid, text) VALUES (?, ?)", rows)
            return True

        if not _guarded(conn, work, False):
            break
        conn.execute("INSERT INTO search_docs (doc) VALUES (?)", (key,))
    return len(pending_keys(conn))


class Analyser:
    """The table's own tokenizer, asked through small in-memory FTS5 tables: turns chunks of
    text into their words, folded (``unicode61 remove_diacritics 2``) and stemmed (``porter``).
    A Python stemmer could disagree with SQLite's on a rare word, and then a result would show
    no match where the index found one. Answers are cached; one connection per thread."""

    CACHE = 200_000

    def __init__(self) -> None:
        self._local = threading.local()
        self._cache: dict[str, tuple[ChunkWord, ...]] = {}

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            for name, tokenizer in (("stems", TOKENIZER), ("folds", TOKENIZER.split(" ", 1)[1])):
                conn.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(w, tokenize='{tokenizer}')")
                conn.execute(f"CREATE VIRTUAL TABLE {name}_v USING fts5vocab({name}, 'instance')")
            self._local.conn = conn
        return conn

    def __call__(self, chunks: Sequence[str]) -> Mapping[str, tuple[ChunkWord, ...]]:
        cache = self._cache
        missing = [c for c in set(chunks) if c not in cache]
        if missing:
            if len(cache) + len(missing) > self.CACHE:
                self._cache = cache = {}  # a new dict: another thread may be reading the old
            cache.update(self._analyse(missing))
        return cache

    def _analyse(self, chunks: list[str]) -> dict[str, tuple[ChunkWord, ...]]:
        conn = self._connection()
        numbered = list(enumerate(chunks))
        words: dict[str, dict[int, list[str]]] = {}
        for name in ("stems", "folds"):
            conn.execute("BEGIN")
            conn.executemany(f"INSERT INTO {name} (rowid, w) VALUES (?, ?)", numbered)
            found: dict[int, list[str]] = {}
            for doc, term in conn.execute(f"SELECT doc, term FROM {name}_v ORDER BY doc, offset"):
                found.setdefault(doc, []).append(term)
            conn.execute(f"DELETE FROM {name}")
            conn.execute("COMMIT")
            words[name] = found
        out: dict[str, tuple[ChunkWord, ...]] = {}
        for i, chunk in numbered:
            folds, stems = words["folds"].get(i, []), words["stems"].get(i, [])
            out[chunk] = chunk_words(chunk, list(zip(folds, stems, strict=False)))
        return out
