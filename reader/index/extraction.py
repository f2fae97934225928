"""Extraction results in the index: actors, mentions, dates, and the passage counts per actor.

Every function runs inside the caller's write transaction. An actor row is one distinct
(id, name, kind): the same id can be spelled or typed otherwise in another document (accents,
a person in one and a place in another), and the library's answers keep each passage's own.
``actor_counts`` holds, per actor row, how many passages mention it, kept as documents arrive
and leave so that counting the library's actors reads a few thousand rows, not every mention.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from reader.core.actors import Actor, ActorId, DocumentActors, Mention, mentions_from_values
from reader.core.dates import DateMention
from reader.index.registry import put_words, summaries_watched
from reader.index.schema import EXTRACTION_TABLES, SECONDARY_INDEXES

BULK_MINIMUM = 200


class ActorKeys:
    """The keys of actor rows, looked up once per write transaction (a batch of documents
    names the same actors again and again). Looked up by id first: a string caches its hash,
    a dataclass computes it on every lookup."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._by_id: dict[str, list[tuple[str, str, int]]] = {}

    def __call__(self, actor: Actor) -> int:
        for name, kind, key in self._by_id.get(actor.id, ()):
            if name == actor.name and kind == actor.kind:
                return key
        row = self._conn.execute(
            "INSERT INTO actors (id, name, kind) VALUES (?, ?, ?) "
            "ON CONFLICT (id, name, kind) DO UPDATE SET kind = excluded.kind RETURNING key",
            (actor.id, actor.name, actor.kind),
        ).fetchone()
        key = int(row[0])
        self._by_id.setdefault(actor.id, []).append((actor.name, actor.kind, key))
        return key

    def forget(self, keys: Iterable[int]) -> None:
        """Forget keys whose rows were deleted (no passage mentions them any more)."""
        gone = set(keys)
        if gone:
            for found in self._by_id.values():
                found[:] = [entry for entry in found if entry[2] not in gone]


def drop_extraction(conn: sqlite3.Connection, key: int) -> list[int]:
    """Forget what extraction found in one document (its text changed, or it is re-extracted);
    return the keys of the actors no passage mentions any more (their rows are deleted)."""
    found = conn.execute(
        "SELECT actor, count(*) FROM passage_actors WHERE doc = ? GROUP BY actor", (key,)
    ).fetchall()
    conn.executemany(
        "UPDATE actor_counts SET passages = passages - ? WHERE actor = ?",
        [(n, actor) for actor, n in found],
    )
    gone = [
        (actor,)
        for actor, _ in found
        if conn.execute("SELECT passages FROM actor_counts WHERE actor = ?", (actor,)).fetchone()[0]
        <= 0
    ]
    conn.executemany("DELETE FROM actor_counts WHERE actor = ?", gone)
    conn.executemany("DELETE FROM actors WHERE key = ?", gone)
    for table in ("passage_actors", "dates", "extraction", "actor_words"):
        conn.execute(f"DELETE FROM {table} WHERE doc = ?", (key,))
    return [actor for (actor,) in gone]


def drop_dates(conn: sqlite3.Connection, key: int) -> None:
    """Forget a document's dates (its published date changed; its actors stay valid)."""
    conn.execute("DELETE FROM dates WHERE doc = ?", (key,))
    conn.execute(
        "UPDATE extraction SET has_dates = 0, dates_published = NULL WHERE doc = ?", (key,)
    )


@contextlib.contextmanager
def bulk(conn: sqlite3.Connection, documents: int) -> Iterator[None]:
    """Write the results of many documents: when they outnumber those already stored, the
    secondary indexes are dropped and built again once at the end (same transaction)."""
    stored = conn.execute("SELECT count(*) FROM extraction").fetchone()[0]
    if documents < max(BULK_MINIMUM, stored):
        yield
        return
    for name in SECONDARY_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    yield
    for statement in SECONDARY_INDEXES.values():
        conn.execute(statement)


def drop_all(conn: sqlite3.Connection) -> None:
    """Forget every extraction result (the extractor's version changed)."""
    summaries_watched(conn, False)
    for table in EXTRACTION_TABLES:
        conn.execute(f"DELETE FROM {table}")
    summaries_watched(conn, True)


def put_actors(
    conn: sqlite3.Connection, key: int, result: DocumentActors, keys: ActorKeys
) -> None:
    """Replace a document's actors and mentions with ``result`` (its dates are dropped too)."""
    keys.forget(drop_extraction(conn, key))
    conn.execute(
        "INSERT INTO extraction (doc, content_hash, has_dates) VALUES (?, ?, 0)",
        (key, result.document.content_hash),
    )
    text = result.document.text
    links = [
        (key, pa.passage_index, rank, keys(am.actor), *encode_mentions(am.mentions, text))
        for pa in result.passages
        for rank, am in enumerate(pa.actors)
    ]
    conn.executemany(
        "INSERT INTO passage_actors (doc, idx, rank, actor, spans, texts) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        links,
    )
    conn.executemany(
        "INSERT INTO actor_counts (actor, passages) VALUES (?, ?) "
        "ON CONFLICT (actor) DO UPDATE SET passages = passages + excluded.passages",
        list(Counter(link[3] for link in links).items()),
    )
    put_words(conn, key, result, keys)


def encode_mentions(mentions: Sequence[Mention], text: str) -> tuple[str, str | None]:
    """Return mentions as ``("start:end,…", None)``, or with their words as a JSON list when
    any is not ``text[start:end]`` (their actor is the row's)."""
    spans = []
    derived = True
    for m in mentions:
        spans.append(f"{m.start}:{m.end}")
        derived = derived and m.text == text[m.start : m.end]
    if derived:
        return ",".join(spans), None
    return ",".join(spans), json.dumps([m.text for m in mentions])


def decode_mentions(
    spans: str, texts: str | None, actor_id: ActorId, text: str
) -> tuple[Mention, ...]:
    """Return the mentions that :func:`encode_mentions` wrote, in the document ``text``."""
    if not spans:
        return ()
    # "s:e,s:e" read as one list of numbers: a listing decodes thousands of rows.
    numbers = list(map(int, spans.replace(":", ",").split(",")))
    starts, ends = numbers[0::2], numbers[1::2]
    if len(starts) != len(ends) or spans.count(":") != len(starts):
        raise ValueError(f"not spans: {spans!r:.60}")
    pairs = zip(starts, ends, strict=True)
    words = json.loads(texts) if texts is not None else [text[s:e] for s, e in pairs]
    return mentions_from_values(starts, ends, words, actor_id)


def put_dates(
    conn: sqlite3.Connection,
    key: int,
    published: str | None,
    dates: Sequence[Sequence[DateMention]],
) -> None:
    """Replace a document's dates, placed from ``published`` (its extraction row must exist)."""
    conn.execute("DELETE FROM dates WHERE doc = ?", (key,))
    conn.executemany(
        'INSERT INTO dates (doc, idx, seq, start, "end", text, value, granularity, mod) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (key, idx, seq, d.start, d.end, d.text, d.value, d.granularity, d.mod)
            for idx, found in enumerate(dates)
            for seq, d in enumerate(found)
        ],
    )
    conn.execute(
        "UPDATE extraction SET has_dates = 1, dates_published = ? WHERE doc = ?", (published, key)
    )
