"""The rows of the timeline: every date mention of the index with its passage's first words.

Only documents whose dates are current (placed on their text and published date) are read; the
passage's snippet is cut by SQLite (``substr`` counts characters, as Python offsets do), so no
document text is loaded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from reader.index.documents import chunks, marks

SNIPPET_CHARS = 280


@dataclass(frozen=True)
class DateRow:
    """A date mention (``value`` ``None`` when it could not be placed) and its passage."""

    doc_id: str
    idx: int
    start: int
    end: int
    text: str
    value: str | None
    granularity: str
    snippet: str


@dataclass(frozen=True)
class DatedDocument:
    """A document that has dates: its id, title and published date, in catalogue order."""

    doc_id: str
    title: str
    published: str | None


_CURRENT = (
    "JOIN extraction e ON e.doc = d.key AND e.content_hash = d.content_hash "
    "AND e.has_dates = 1 AND e.dates_published IS d.published"
)


def dated_documents(conn: sqlite3.Connection, doc_ids: Sequence[str] | None) -> list[DatedDocument]:
    """Return the documents (all, or those named) whose dates are current, in catalogue order."""
    query = f"SELECT d.id, d.title, d.published FROM documents d {_CURRENT}"
    if doc_ids is None:
        rows = conn.execute(query + " ORDER BY d.position").fetchall()
    else:
        rows = []
        for part in chunks(list(doc_ids)):
            rows += conn.execute(f"{query} WHERE d.id IN ({marks(len(part))})", tuple(part))
        order = {d: n for n, d in enumerate(doc_ids)}
        rows.sort(key=lambda r: order[r[0]])
    return [DatedDocument(r[0], r[1], r[2]) for r in rows]


def date_rows(conn: sqlite3.Connection, doc_ids: Sequence[str] | None) -> list[DateRow]:
    """Return every date mention of the documents (all, or those named) whose dates are
    current, with its passage's snippet, in document and text order."""
    query = (
        f'SELECT d.id, t.idx, t.start, t."end", t.text, t.value, t.granularity, '
        f"substr(x.text, p.start + 1, min(p.\"end\" - p.start, {SNIPPET_CHARS})) "
        f"FROM dates t JOIN documents d ON d.key = t.doc {_CURRENT} "
        "JOIN passages p ON p.doc = t.doc AND p.idx = t.idx JOIN texts x ON x.doc = t.doc"
    )
    order = " ORDER BY d.position, t.idx, t.seq"
    if doc_ids is None:
        found = conn.execute(query + order).fetchall()
    else:
        found = []
        for part in chunks(list(doc_ids)):
            found += conn.execute(
                f"{query} WHERE d.id IN ({marks(len(part))}){order}", tuple(part)
            ).fetchall()
    return [DateRow(*row) for row in found]


def passages_naming_all(conn: sqlite3.Connection, actor_ids: Sequence[str]) -> set[tuple[str, int]]:
    """Return ``(doc_id, passage index)`` of every passage that mentions all the actors (a
    person under any of their spellings, as ``actors ACTOR`` counts them)."""
    from reader.index.queries import occurrence_refs

    found: set[tuple[int, int]] | None = None
    for actor_id in actor_ids:
        keys = {key for key, _ in occurrence_refs(conn, actor_id)}
        found = keys if found is None else found & keys
    if not found:
        return set()
    ids = dict(conn.execute("SELECT key, id FROM documents").fetchall())
    return {(ids[doc], idx) for doc, idx in found}
