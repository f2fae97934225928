"""Extraction results in the index: actors, mentions, dates, and the passage counts per actor.

Every function runs inside the caller's write transaction. An actor row is one distinct
(id, name, kind): the same id can be spelled or typed otherwise in another document (accents,
a person in one and a place in another), and the library's answers keep each passage's own.
``actor_counts`` holds, per actor row, how many passages mention it, kept as documents arrive
and leave so that counting the library's actors reads a few thousand rows, not every mention.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence

from reader.core.actors import Actor, DocumentActors
from reader.core.dates import DateMention
from reader.index.schema import EXTRACTION_TABLES


def drop_extraction(conn: sqlite3.Connection, key: int) -> None:
    """Forget what extraction found in one document (its text changed, or it is re-extracted)."""
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
    for table in ("passage_actors", "mentions", "dates", "extraction"):
        conn.execute(f"DELETE FROM {table} WHERE doc = ?", (key,))


def drop_dates(conn: sqlite3.Connection, key: int) -> None:
    """Forget a document's dates (its published date changed; its actors stay valid)."""
    conn.execute("DELETE FROM dates WHERE doc = ?", (key,))
    conn.execute(
        "UPDATE extraction SET has_dates = 0, dates_published = NULL WHERE doc = ?", (key,)
    )


def drop_all(conn: sqlite3.Connection) -> None:
    """Forget every extraction result (the extractor's version changed)."""
    for table in EXTRACTION_TABLES:
        conn.execute(f"DELETE FROM {table}")


def put_actors(conn: sqlite3.Connection, key: int, result: DocumentActors) -> None:
    """Replace a document's actors and mentions with ``result`` (its dates are dropped too)."""
    drop_extraction(conn, key)
    conn.execute(
        "INSERT INTO extraction (doc, content_hash, has_dates) VALUES (?, ?, 0)",
        (key, result.document.content_hash),
    )
    keys: dict[Actor, int] = {}
    links: list[tuple[int, int, int, int]] = []
    mentions: list[tuple[int, int, int, int, int, int, str]] = []
    for pa in result.passages:
        for rank, am in enumerate(pa.actors):
            actor_key = keys.get(am.actor)
            if actor_key is None:
                actor_key = keys[am.actor] = _actor_key(conn, am.actor)
            links.append((key, pa.passage_index, rank, actor_key))
            mentions.extend(
                (key, pa.passage_index, rank, seq, m.start, m.end, m.text)
                for seq, m in enumerate(am.mentions)
            )
    conn.executemany(
        "INSERT INTO passage_actors (doc, idx, rank, actor) VALUES (?, ?, ?, ?)", links
    )
    conn.executemany(
        'INSERT INTO mentions (doc, idx, rank, seq, start, "end", text) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        mentions,
    )
    conn.executemany(
        "INSERT INTO actor_counts (actor, passages) VALUES (?, ?) "
        "ON CONFLICT (actor) DO UPDATE SET passages = passages + excluded.passages",
        list(Counter(link[3] for link in links).items()),
    )


def _actor_key(conn: sqlite3.Connection, actor: Actor) -> int:
    row = conn.execute(
        "INSERT INTO actors (id, name, kind) VALUES (?, ?, ?) "
        "ON CONFLICT (id, name, kind) DO UPDATE SET kind = excluded.kind RETURNING key",
        (actor.id, actor.name, actor.kind),
    ).fetchone()
    return int(row[0])


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
