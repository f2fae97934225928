"""Index reads for the user's actor registry: a summary of every actor (its words, passages,
documents, dates), the actors a name or alias may mean, and the documents a correction touches.

The words each actor's mentions use are kept per document in ``actor_words`` (written with the
document's actors, dropped with them), so listing every actor's aliases reads a grouped table,
not every mention of the library. The table is created, and filled once from the stored
mentions, when an index without it opens (no schema version change: an older program ignores it,
and a newer one finds it).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.actors import Actor, ActorId, DocumentActors

if TYPE_CHECKING:
    ActorKeyOf = Callable[[Actor], int]

_WORDS_DDL = (
    "CREATE TABLE actor_words (doc INTEGER NOT NULL, actor INTEGER NOT NULL, "
    "words TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (doc, actor, words)) WITHOUT ROWID"
)
# A name is looked up case-folded. SQLite's lower() folds ASCII letters only, so the words are
# found by lower() through an index, and those with other characters — a few, in an index of
# their own — are folded in Python.
_UNUSUAL = "words GLOB '*[^ -~]*'"
_WORDS_INDEXES = (
    "CREATE INDEX IF NOT EXISTS actor_words_by_lower ON actor_words (lower(words))",
    f"CREATE INDEX IF NOT EXISTS actor_words_unusual ON actor_words (words) WHERE {_UNUSUAL}",
)


@dataclass(frozen=True)
class ActorSummary:
    """One actor of the library: how it is named, where and when it appears."""

    actor: Actor
    words: tuple[str, ...]  # the words its mentions use, most frequent first
    passages: int
    documents: int
    first_date: str | None  # the earliest and latest published date of its documents
    last_date: str | None


# -- keeping the words --------------------------------------------------------------------------
def put_words(
    conn: sqlite3.Connection, key: int, result: DocumentActors, keys: ActorKeyOf
) -> None:
    """Store how often each actor of a document is named with which words."""
    counted = Counter(
        (keys(am.actor), m.text) for p in result.passages for am in p.actors for m in am.mentions
    )
    conn.executemany(
        "INSERT INTO actor_words (doc, actor, words, n) VALUES (?, ?, ?, ?)",
        [(key, actor, words, n) for (actor, words), n in counted.items()],
    )


def ensure_words(conn: sqlite3.Connection) -> None:
    """Create ``actor_words`` if the index has none, filled from the stored mentions, and the
    table of stored summaries with the triggers that mark it stale."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'actor_words'"
    ).fetchone()
    if found is None:
        conn.execute(_WORDS_DDL)
        _fill_words(conn)
    for statement in _WORDS_INDEXES:
        conn.execute(statement)
    conn.execute(_SUMMARIES_DDL)
    summaries_watched(conn, True)


# -- the stored summaries -------------------------------------------------------------------------
# Summarising every actor reads every (actor, document) pair and every worded mention (0.2 s at
# 5,000 documents), while the answer changes only when extraction writes. The answer is kept in
# ``actor_summaries``, current while the ``settings`` row below exists; any write to a table it
# is made of deletes that row (triggers, so no writer can forget to), and the next reader that
# finds it missing summarises again and stores the result.
_SUMMARIES_DDL = (
    "CREATE TABLE IF NOT EXISTS actor_summaries (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, "
    "name TEXT NOT NULL, kind TEXT NOT NULL, words TEXT NOT NULL, passages INTEGER NOT NULL, "
    "docs INTEGER NOT NULL, first TEXT, last TEXT)"
)
_CURRENT = "actor_summaries_current"
_SUMMARISED = ("passage_actors", "actor_words", "actor_counts", "actors", "documents")


def summaries_watched(conn: sqlite3.Connection, on: bool) -> None:
    """Create (or drop) the triggers that mark the stored summaries stale. Dropped while a whole
    table is emptied: SQLite empties a table at once only when it has no triggers."""
    for table in _SUMMARISED:
        for event in ("INSERT", "DELETE", "UPDATE"):
            name = f"{table}_{event.lower()}_stales_summaries"
            if not on:
                conn.execute(f"DROP TRIGGER IF EXISTS {name}")
                continue
            conn.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} BEGIN "
                f"DELETE FROM settings WHERE name = '{_CURRENT}'; END"
            )
    if not on:
        conn.execute("DELETE FROM settings WHERE name = ?", (_CURRENT,))


def stored_summaries(
    conn: sqlite3.Connection, ids: Sequence[str] | None = None
) -> list[ActorSummary] | None:
    """Return the stored summaries (of every actor, or of these ids in that order), or ``None``
    when they are stale."""
    if conn.execute("SELECT 1 FROM settings WHERE name = ?", (_CURRENT,)).fetchone() is None:
        return None
    columns = "id, name, kind, words, passages, docs, first, last"
    if ids is None:
        rows = conn.execute(f"SELECT {columns} FROM actor_summaries ORDER BY seq").fetchall()
    else:
        wanted = list(dict.fromkeys(ids))
        found = {
            r[0]: r
            for r in conn.execute(
                f"SELECT {columns} FROM actor_summaries WHERE id IN ({_marks(len(wanted))})",
                tuple(wanted),
            )
        }
        rows = [found[i] for i in wanted if i in found]
    return [
        ActorSummary(
            Actor(ActorId(r[0]), r[1], r[2]), tuple(json.loads(r[3])), r[4], r[5], r[6], r[7]
        )
        for r in rows
    ]


def summarise_all(conn: sqlite3.Connection) -> tuple[int, list[ActorSummary]]:
    """Return every actor's summary (in a read transaction, so no writer waits for it) with
    the connection's ``data_version`` from before it read anything."""
    version = int(conn.execute("PRAGMA data_version").fetchone()[0])
    return version, actor_summaries(conn)


def store_summaries(conn: sqlite3.Connection, found: list[ActorSummary], version: int) -> None:
    """Store ``summarise_all``'s result (in a write transaction on the same connection) if
    nothing was committed since it read: they are then still current."""
    if int(conn.execute("PRAGMA data_version").fetchone()[0]) != version:
        return  # another connection wrote meanwhile: the next reader summarises again
    if conn.execute("SELECT 1 FROM settings WHERE name = ?", (_CURRENT,)).fetchone():
        return
    conn.execute("DELETE FROM actor_summaries")
    conn.executemany(
        "INSERT INTO actor_summaries (seq, id, name, kind, words, passages, docs, first, last) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (n, s.actor.id, s.actor.name, s.actor.kind, json.dumps(s.words), s.passages,
             s.documents, s.first_date, s.last_date)
            for n, s in enumerate(found)
        ],
    )
    conn.execute("INSERT OR REPLACE INTO settings (name, value) VALUES (?, '1')", (_CURRENT,))


def _fill_words(conn: sqlite3.Connection) -> None:
    """Fill ``actor_words`` from the stored mentions."""
    counted: Counter[tuple[int, int, str]] = Counter()
    current, text = -1, ""
    rows = conn.execute("SELECT doc, actor, spans, texts FROM passage_actors ORDER BY doc")
    for doc, actor, spans, texts in rows.fetchall():
        if texts is not None:
            counted.update((doc, actor, w) for w in json.loads(texts))
            continue
        if doc != current:
            row = conn.execute("SELECT text FROM texts WHERE doc = ?", (doc,)).fetchone()
            current, text = doc, "" if row is None else row[0]
        for part in filter(None, spans.split(",")):
            start, _, end = part.partition(":")
            counted[(doc, actor, text[int(start) : int(end)])] += 1
    conn.executemany(
        "INSERT INTO actor_words (doc, actor, words, n) VALUES (?, ?, ?, ?)",
        [(*k, n) for k, n in counted.items()],
    )


# -- reading -----------------------------------------------------------------------------------
def _marks(count: int) -> str:
    return ", ".join("?" * count)


def _where_ids(ids: Sequence[str] | None) -> tuple[str, tuple[str, ...]]:
    if ids is None:
        return "", ()
    return f"WHERE a.id IN ({_marks(len(ids))})", tuple(ids)


def actor_summaries(
    conn: sqlite3.Connection, ids: Sequence[str] | None = None
) -> list[ActorSummary]:
    """Return every actor of the index (or those with these ids) with its words, passages,
    documents and dates."""
    # Imported here: reader.index.extraction imports this module to keep the words.
    from reader.index.documents import chunks
    from reader.index.queries import actor_counts

    counts = actor_counts(conn, None)
    wanted = list(counts) if ids is None else [i for i in dict.fromkeys(ids) if i in counts]
    spread: dict[str, tuple[int, str | None, str | None]] = {}
    words: dict[str, Counter[str]] = {}
    for part in [None] if ids is None else list(chunks(wanted)):
        where, args = _where_ids(None if part is None else list(part))
        # Every actor: each (actor, document) pair first, from the index on passage_actors
        # (a tenth of its rows), then the documents' dates: three times faster than joining
        # every row. Some actors: their rows, found through that index.
        mentioned = (
            "(SELECT DISTINCT actor, doc FROM passage_actors)"
            if part is None
            else "passage_actors"
        )
        for r in conn.execute(
            "SELECT a.id, count(DISTINCT pa.doc), min(d.published), max(d.published) "
            f"FROM {mentioned} pa JOIN actors a ON a.key = pa.actor "
            f"JOIN documents d ON d.key = pa.doc {where} GROUP BY a.id",
            args,
        ):
            spread[r[0]] = (r[1], r[2], r[3])
        # Every actor: its words counted per actor key before joining (the counts of one id's
        # keys are added below). Some actors: their rows alone.
        worded = (
            "SELECT a.id, w.words, w.n FROM (SELECT actor, words, sum(n) AS n FROM actor_words "
            "GROUP BY actor, words) w JOIN actors a ON a.key = w.actor"
            if part is None
            else "SELECT a.id, w.words, sum(w.n) FROM actor_words w "
            f"JOIN actors a ON a.key = w.actor {where} GROUP BY a.id, w.words"
        )
        for aid, w, n in conn.execute(worded, args):
            words.setdefault(aid, Counter())[w] += n
    out = []
    for aid in wanted:
        actor, passages = counts[ActorId(aid)]
        docs, first, last = spread.get(aid, (0, None, None))
        ranked = sorted(words.get(aid, Counter()).items(), key=lambda p: (-p[1], p[0]))
        out.append(ActorSummary(actor, tuple(w for w, _ in ranked), passages, docs, first, last))
    return out


def matching_ids(conn: sqlite3.Connection, query: str) -> list[str]:
    """Return the actors a query may mean: the one with this id, else those with this name or a
    mention worded so (case-folded)."""
    exact = conn.execute(
        "SELECT a.id FROM actors a JOIN actor_counts c ON c.actor = a.key WHERE a.id = ?",
        (query,),
    ).fetchone()
    if exact is not None:
        return [query]
    conn.create_function("reader_fold", 1, str.casefold, deterministic=True)
    folded = query.strip().casefold()
    named = conn.execute(
        "SELECT a.id FROM actors a JOIN actor_counts c ON c.actor = a.key "
        "WHERE reader_fold(a.name) = ?",
        (folded,),
    )
    found = {r[0] for r in named}
    found.update(r[0] for r in _worded(conn, folded, "a.id", "JOIN actors a ON a.key = w.actor"))
    return sorted(found)


def docs_mentioning(conn: sqlite3.Connection, actor_ids: Sequence[str]) -> list[str]:
    """Return the documents whose stored actors include any of the ids."""
    if not actor_ids:
        return []
    rows = conn.execute(
        "SELECT DISTINCT d.id FROM passage_actors pa JOIN actors a ON a.key = pa.actor "
        f"JOIN documents d ON d.key = pa.doc WHERE a.id IN ({_marks(len(actor_ids))})",
        tuple(actor_ids),
    )
    return [r[0] for r in rows]


def docs_worded(conn: sqlite3.Connection, words: str) -> list[str]:
    """Return the documents with a stored mention worded so (case-folded)."""
    found = _worded(conn, words.strip().casefold(), "d.id", "JOIN documents d ON d.key = w.doc")
    return list(dict.fromkeys(r[0] for r in found))


def _worded(
    conn: sqlite3.Connection, folded: str, column: str, join: str
) -> list[tuple[str]]:
    """Return ``column`` (of the table ``join`` adds) for the stored mentions whose words
    case-fold to ``folded``, through the two indexes of the words."""
    rows = conn.execute(
        f"SELECT DISTINCT {column}, w.words FROM actor_words w {join} "
        "WHERE lower(w.words) = ?",
        (folded,),
    ).fetchall()
    rows += conn.execute(
        f"SELECT DISTINCT {column}, w.words FROM actor_words w {join} WHERE w.{_UNUSUAL}"
    ).fetchall()
    return [(value,) for value, words in rows if words.casefold() == folded]


def docs_containing(conn: sqlite3.Connection, words: Sequence[str]) -> list[str]:
    """Return the documents whose text contains any of the words (ASCII case folded, as
    corrections match words case-insensitively)."""
    found: list[str] = []
    for word in dict.fromkeys(w for w in words if w):
        rows = conn.execute(
            "SELECT d.id FROM texts t JOIN documents d ON d.key = t.doc "
            "WHERE instr(lower(t.text), ?) > 0",
            (word.lower(),),
        )
        found.extend(r[0] for r in rows)
    return list(dict.fromkeys(found))
