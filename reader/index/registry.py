"""Index reads for the user's actor registry: a summary of every actor, and the documents a
correction touches (those that name its actors, or contain their words)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.actors import Actor
from reader.index.documents import marks
from reader.index.queries import actor_counts


@dataclass(frozen=True)
class ActorSummary:
    """One actor of the library: how it is named, where and when it appears."""

    actor: Actor
    words: tuple[str, ...]  # the words its mentions use, most frequent first
    passages: int
    documents: int
    first_date: str | None  # the earliest and latest published date of its documents
    last_date: str | None


def docs_mentioning(conn: sqlite3.Connection, actor_ids: Sequence[str]) -> list[str]:
    """Return the documents whose stored actors include any of the ids."""
    if not actor_ids:
        return []
    rows = conn.execute(
        "SELECT DISTINCT d.id FROM passage_actors pa JOIN actors a ON a.key = pa.actor "
        f"JOIN documents d ON d.key = pa.doc WHERE a.id IN ({marks(len(actor_ids))})",
        tuple(actor_ids),
    )
    return [r[0] for r in rows]


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


def _words(conn: sqlite3.Connection) -> dict[str, Counter[str]]:
    """Return, per actor id, how often each wording names it (each text read once)."""
    out: dict[str, Counter[str]] = {}
    rows = conn.execute(
        "SELECT pa.doc, a.id, pa.spans, pa.texts FROM passage_actors pa "
        "JOIN actors a ON a.key = pa.actor ORDER BY pa.doc"
    )
    current, text = -1, ""
    for doc, aid, spans, texts in rows:
        counter = out.setdefault(aid, Counter())
        if texts is not None:
            counter.update(json.loads(texts))
            continue
        if doc != current:
            found = conn.execute("SELECT text FROM texts WHERE doc = ?", (doc,)).fetchone()
            current, text = doc, "" if found is None else found[0]
        for part in spans.split(","):
            start, _, end = part.partition(":")
            if end:
                counter[text[int(start) : int(end)]] += 1
    return out


def actor_summaries(conn: sqlite3.Connection) -> list[ActorSummary]:
    """Return every actor of the index with its words, passages, documents and dates."""
    counts = actor_counts(conn, None)
    spread = {
        r[0]: (r[1], r[2], r[3])
        for r in conn.execute(
            "SELECT a.id, count(DISTINCT pa.doc), min(d.published), max(d.published) "
            "FROM passage_actors pa JOIN actors a ON a.key = pa.actor "
            "JOIN documents d ON d.key = pa.doc GROUP BY a.id"
        )
    }
    words = _words(conn)
    out = []
    for aid, (actor, passages) in counts.items():
        docs, first, last = spread.get(aid, (0, None, None))
        ranked = sorted(words.get(aid, Counter()).items(), key=lambda p: (-p[1], p[0]))
        out.append(
            ActorSummary(actor, tuple(w for w, _ in ranked), passages, docs, first, last)
        )
    return out
