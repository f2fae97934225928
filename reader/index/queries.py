"""Reading extraction results back as the core types the library returns.

Each answer equals what the in-memory functions (``reader.extract.index``,
``reader.extract.dates_index``, ``reader.core.cooccurrence``) return over every extracted
document in catalogue order — the tests compare them — but reads only the rows it needs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from reader.core.actors import (
    Actor,
    ActorId,
    ActorKind,
    ActorMentions,
    ActorOccurrence,
    ActorPassage,
    DocumentActors,
    PassageActors,
)
from reader.core.cooccurrence import PassageMatch
from reader.core.dates import DateMention, Granularity, Mod
from reader.core.model import Document
from reader.index.documents import CHUNK, chunks, load_documents, marks
from reader.index.extraction import decode_mentions

if TYPE_CHECKING:
    from reader.extract.dates_index import DateOccurrence

# A passage of the index: (document key, passage index).
PassageKey = tuple[int, int]
# One actor's row in one passage (id, name, kind, spans, texts): its mentions are read once its
# document's text is loaded.
Ref = tuple[PassageKey, tuple[Any, ...]]

# Dated documents first, by date (YYYY < YYYY-MM < YYYY-MM-DD as strings), then catalogue order,
# as reader.extract.index orders them.
_DOCUMENT_DATE_ORDER = "coalesce(d.published, '') = '', coalesce(d.published, ''), d.position"


def _actor(row: Sequence[Any]) -> Actor:
    return Actor(ActorId(row[0]), row[1], cast(ActorKind, row[2]))


def _mentions(
    row: Sequence[Any], text: str, actors: dict[tuple[Any, ...], Actor] | None = None
) -> ActorMentions:
    """Return the actor mentions of a row ending ``(actor id, name, kind, spans, texts)``;
    with ``actors``, each actor is made once (one actor's thousands of passages)."""
    if actors is None:
        actor = _actor(row[-5:-2])
    else:
        named = tuple(row[-5:-2])  # a row's slice is a tuple already: no copy
        actor = actors.get(named) or actors.setdefault(named, _actor(named))
    return ActorMentions(actor, decode_mentions(row[-2], row[-1], actor.id, text))


_MENTIONS = "JOIN actors a ON a.key = pa.actor"
_MENTION_COLUMNS = "a.id, a.name, a.kind, pa.spans, pa.texts"


def document_actors(conn: sqlite3.Connection, key: int, doc: Document) -> DocumentActors | None:
    """Return the actors of each passage of ``doc``, or ``None`` when they are not (or no
    longer) in the index for this text."""
    row = conn.execute("SELECT content_hash FROM extraction WHERE doc = ?", (key,)).fetchone()
    if row is None or row[0] != doc.content_hash:
        return None
    rows = conn.execute(
        f"SELECT pa.idx, {_MENTION_COLUMNS} FROM passage_actors pa {_MENTIONS} "
        "WHERE pa.doc = ? ORDER BY pa.idx, pa.rank",
        (key,),
    )
    by_passage: dict[int, list[ActorMentions]] = {}
    for row in rows:
        by_passage.setdefault(row[0], []).append(_mentions(row, doc.text))
    return DocumentActors(
        doc,
        tuple(
            PassageActors(p.doc_id, p.index, tuple(by_passage.get(p.index, ())))
            for p in doc.passages
        ),
    )


def passage_dates(conn: sqlite3.Connection, key: int, count: int) -> list[list[DateMention]]:
    """Return the dates of each of a document's ``count`` passages."""
    rows = conn.execute(
        'SELECT doc, idx, start, "end", text, value, granularity, mod FROM dates '
        "WHERE doc = ? ORDER BY idx, seq",
        (key,),
    )
    return _dates_by_passage(rows, {key: count})[key]


def _dates_by_passage(
    rows: Iterable[Sequence[Any]], counts: dict[int, int]
) -> dict[int, list[list[DateMention]]]:
    """Distribute date rows ``(doc, idx, start, end, text, value, granularity, mod)`` over the
    passages of each document (``counts``: its number of passages)."""
    out: dict[int, list[list[DateMention]]] = {k: [[] for _ in range(n)] for k, n in counts.items()}
    for r in rows:
        found = out.get(r[0])
        if found is not None and 0 <= r[1] < len(found):
            # String casts: evaluating ``Mod | None`` on every row costs more than the row.
            granularity, mod = cast("Granularity", r[6]), cast("Mod | None", r[7])
            found[r[1]].append(DateMention(r[2], r[3], r[4], r[5], granularity, mod))
    return out


# -- actors across the library -------------------------------------------------------------------
def _seen(conn: sqlite3.Connection, actor_id: str, last: bool) -> Actor | None:
    """Return the actor with this id as the first (or last) passage in catalogue order has it."""
    direction = "DESC" if last else "ASC"
    row = conn.execute(
        "SELECT a.id, a.name, a.kind FROM passage_actors pa JOIN actors a ON a.key = pa.actor "
        "JOIN documents d ON d.key = pa.doc WHERE a.id = ? "
        f"ORDER BY d.position {direction}, pa.idx {direction}, pa.rank {direction} LIMIT 1",
        (actor_id,),
    ).fetchone()
    return None if row is None else _actor(row)


def _ambiguous(conn: sqlite3.Connection) -> set[str]:
    """Return the ids written with more than one (name, kind) in the library."""
    rows = conn.execute(
        "SELECT a.id FROM actors a JOIN actor_counts c ON c.actor = a.key "
        "GROUP BY a.id HAVING count(*) > 1"
    )
    return {r[0] for r in rows}


def same_actor_ids(conn: sqlite3.Connection, actor_id: str) -> set[str]:
    """Return the id and the ids of the same person spelled otherwise in other documents (as
    ``reader.extract.index``: each id read as the last passage in catalogue order has it)."""
    ambiguous = _ambiguous(conn)
    if actor_id in ambiguous:
        target = _seen(conn, actor_id, last=True)
    else:
        row = conn.execute(
            "SELECT a.id, a.name, a.kind FROM actors a JOIN actor_counts c ON c.actor = a.key "
            "WHERE a.id = ?",
            (actor_id,),
        ).fetchone()
        target = None if row is None else _actor(row)
    if target is None or target.kind != "person":
        return {actor_id}
    # Imported here: name matching brings rapidfuzz, which no listing needs at start-up.
    from reader.extract.names import is_variant

    words = target.name.split()
    rows = conn.execute(
        "SELECT DISTINCT a.id, a.name FROM actors a JOIN actor_counts c ON c.actor = a.key "
        "WHERE a.kind = 'person'"
    ).fetchall()
    found = {i for i, name in rows if is_variant(name.split(), words)}
    for candidate in found & ambiguous:
        last = _seen(conn, candidate, last=True)
        if last is None or last.kind != "person" or not is_variant(last.name.split(), words):
            found.discard(candidate)
    return found | {actor_id}


def _occurrence_rows(conn: sqlite3.Connection, actor_id: str, columns: str) -> list[Any]:
    """Return ``columns`` then the mention columns of every passage that mentions the actor
    (or a spelling variant of a person), in document-date order."""
    # A handful of ids (spelling variants): one query keeps one order.
    ids = sorted(same_actor_ids(conn, actor_id))
    return conn.execute(
        f"SELECT {columns}, {_MENTION_COLUMNS} FROM passage_actors pa {_MENTIONS} "
        f"JOIN documents d ON d.key = pa.doc WHERE a.id IN ({marks(len(ids))}) "
        f"ORDER BY {_DOCUMENT_DATE_ORDER}, pa.idx, pa.rank",
        tuple(ids),
    ).fetchall()


def occurrence_refs(conn: sqlite3.Connection, actor_id: str) -> list[Ref]:
    """Return every passage that mentions the actor (or a spelling variant of a person), in
    document-date order, with its mentions; documents are not loaded."""
    rows = _occurrence_rows(conn, actor_id, "d.key, pa.idx")
    return [((r[0], r[1]), tuple(r[2:])) for r in rows]


def actor_occurrences(conn: sqlite3.Connection, actor_id: str) -> list[ActorOccurrence]:
    """Return every passage of the index that mentions an actor, in document-date order."""
    refs = occurrence_refs(conn, actor_id)
    docs = load_documents(conn, {k[0] for k, _ in refs})
    actors: dict[tuple[Any, ...], Actor] = {}
    return [
        ActorOccurrence(docs[d], docs[d].passages[i], _mentions(row, docs[d].text, actors))
        for (d, i), row in refs
    ]


def actor_passages(conn: sqlite3.Connection, actor_id: str) -> list[ActorPassage]:
    """Return what ``actor_occurrences`` returns without the documents: each passage's document
    id and date, and the mentions (their words read from the texts, each text once: a text is
    read whole, and a document has several passages that name one actor)."""
    rows = _occurrence_rows(conn, actor_id, "d.key, d.id, d.published, pa.idx")
    texts: dict[int, str] = {}
    for part in chunks(sorted({r[0] for r in rows if r[-1] is None})):  # words not stored
        texts.update(
            conn.execute(f"SELECT doc, text FROM texts WHERE doc IN ({marks(len(part))})", part)
        )
    actors: dict[tuple[Any, ...], Actor] = {}
    return [
        ActorPassage(r[1], r[2], r[3], _mentions(r, texts.get(r[0], ""), actors)) for r in rows
    ]


def passages_mentioning(conn: sqlite3.Connection, actor_ids: Sequence[str]) -> list[PassageMatch]:
    """Return the passages that mention every actor, in the order of the first actor's
    occurrences, with the mentions of each (as ``passages_with_all``)."""
    if not actor_ids:
        return []
    per_actor = [occurrence_refs(conn, a) for a in actor_ids]
    keyed = [dict(refs) for refs in per_actor]
    matches: list[tuple[PassageKey, list[tuple[Any, ...]]]] = []
    for key, _ in per_actor[0]:
        found = [k.get(key) for k in keyed]
        if all(f is not None for f in found):
            matches.append((key, [f for f in found if f is not None]))
    docs = load_documents(conn, {key[0] for key, _ in matches})
    return [
        PassageMatch(
            docs[d], docs[d].passages[i], tuple(_mentions(r, docs[d].text) for r in rows)
        )
        for (d, i), rows in matches
    ]


def actor_counts(
    conn: sqlite3.Connection, keys: Sequence[int] | None
) -> dict[ActorId, tuple[Actor, int]]:
    """Return every actor with the number of passages that mention it, over the whole index
    (``keys=None``) or some documents; the actor as the first passage has it."""
    if keys is None:
        rows = conn.execute(
            "SELECT a.id, a.name, a.kind, c.passages FROM actor_counts c "
            "JOIN actors a ON a.key = c.actor"
        ).fetchall()
    else:
        rows = []
        for part in chunks(keys):
            rows.extend(
                conn.execute(
                    "SELECT a.id, a.name, a.kind, count(*) FROM passage_actors pa "
                    f"JOIN actors a ON a.key = pa.actor WHERE pa.doc IN ({marks(len(part))}) "
                    "GROUP BY pa.actor",
                    tuple(part),
                )
            )
    found: dict[ActorId, tuple[Actor, int]] = {}
    twice: set[ActorId] = set()
    for row in rows:
        actor = _actor(row)
        if actor.id in found:
            twice.add(actor.id)
            found[actor.id] = (found[actor.id][0], found[actor.id][1] + row[3])
        else:
            found[actor.id] = (actor, row[3])
    for actor_id in twice:
        first = _first_in(conn, actor_id, keys)
        found[actor_id] = (first or found[actor_id][0], found[actor_id][1])
    return found


def _first_in(conn: sqlite3.Connection, actor_id: str, keys: Sequence[int] | None) -> Actor | None:
    if keys is None:
        return _seen(conn, actor_id, last=False)
    order = {key: n for n, key in enumerate(keys)}
    rows = conn.execute(
        "SELECT pa.doc, pa.idx, pa.rank, a.id, a.name, a.kind FROM passage_actors pa "
        "JOIN actors a ON a.key = pa.actor WHERE a.id = ?",
        (actor_id,),
    ).fetchall()
    rows = [r for r in rows if r[0] in order]
    if not rows:
        return None
    return _actor(min(rows, key=lambda r: (order[r[0]], r[1], r[2]))[3:])


# -- dates across the library ---------------------------------------------------------------------
def date_occurrences(conn: sqlite3.Connection) -> dict[str, list[DateOccurrence]]:
    """Return, for each date value in time order, every passage that speaks of it."""
    from reader.extract.dates_index import date_occurrences as in_order

    counts = {
        int(r[0]): int(r[1])
        for r in conn.execute(
            "SELECT d.key, d.passage_count FROM documents d WHERE EXISTS (SELECT 1 FROM dates t "
            "WHERE t.doc = d.key AND t.value IS NOT NULL) ORDER BY d.position"
        )
    }
    docs = load_documents(conn, counts)
    rows = conn.execute(
        'SELECT doc, idx, start, "end", text, value, granularity, mod FROM dates '
        "ORDER BY doc, idx, seq"
    )
    dates = _dates_by_passage(rows, counts)
    results = [(docs[k], dates[k]) for k in counts]
    # The ordering of values (by the interval each covers) is the extractor's own.
    return in_order(results)


def date_passages(conn: sqlite3.Connection, value: str) -> list[DateOccurrence]:
    """Return every passage that speaks of one date value (``date_occurrences()[value]``),
    reading only the documents that do."""
    from reader.extract.dates_index import date_occurrences as in_order

    rows = conn.execute(
        'SELECT t.doc, t.idx, t.start, t."end", t.text, t.value, t.granularity, t.mod '
        "FROM dates t WHERE t.value = ? ORDER BY t.doc, t.idx, t.seq",
        (value,),
    ).fetchall()
    counts = {
        int(r[0]): int(r[1])
        for r in conn.execute(
            "SELECT key, passage_count FROM documents "
            f"WHERE key IN ({marks(len({r[0] for r in rows}))}) ORDER BY position",
            tuple(sorted({r[0] for r in rows})),
        )
    }
    docs = load_documents(conn, counts)
    dates = _dates_by_passage(rows, counts)
    return in_order([(docs[k], dates[k]) for k in counts]).get(value, [])


def date_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Return, for each date value, how many passages speak of it."""
    rows = conn.execute(
        "SELECT value, count(*) FROM (SELECT DISTINCT value, doc, idx FROM dates "
        "WHERE value IS NOT NULL) GROUP BY value"
    )
    return {r[0]: int(r[1]) for r in rows}


def passage_facts(
    conn: sqlite3.Connection, key: int, count: int
) -> tuple[list[tuple[str, ...]], list[tuple[tuple[str, str | None], ...]]]:
    """Return, per passage, the names of its actors and its dates as (text, value)."""
    return passage_facts_many(conn, {key: count})[key]


def passage_facts_many(
    conn: sqlite3.Connection, counts: dict[int, int], only: dict[int, set[int]] | None = None
) -> dict[int, tuple[list[tuple[str, ...]], list[tuple[tuple[str, str | None], ...]]]]:
    """Return ``passage_facts`` of the documents with these keys (``counts``: their number of
    passages); with ``only``, of those passages of each document alone (the others empty:
    an export needs the passages its highlights cover, not all)."""
    # Sparse while reading (an export asks for a few passages of each document).
    names: dict[tuple[int, int], list[str]] = {}
    dates: dict[tuple[int, int], list[tuple[str, str | None]]] = {}
    # Two forms of the join: an OR in it would keep SQLite from seeking each passage.
    match = "" if only is None else " AND {0}.idx = w.idx"
    for source, params in _passage_sets(counts, only):
        for doc, idx, name in conn.execute(
            f"{source} SELECT pa.doc, pa.idx, a.name FROM w JOIN passage_actors pa "
            f"ON pa.doc = w.doc{match.format('pa')} "
            "JOIN actors a ON a.key = pa.actor ORDER BY pa.doc, pa.idx, pa.rank",
            params,
        ):
            names.setdefault((doc, idx), []).append(name)
        for doc, idx, text, value in conn.execute(
            f"{source} SELECT t.doc, t.idx, t.text, t.value FROM w JOIN dates t "
            f"ON t.doc = w.doc{match.format('t')} ORDER BY t.doc, t.idx, t.seq",
            params,
        ):
            dates.setdefault((doc, idx), []).append((text, value))
    out = {}
    for key, count in counts.items():
        actors: list[tuple[str, ...]] = [()] * count
        found: list[tuple[tuple[str, str | None], ...]] = [()] * count
        out[key] = (actors, found)
    for (doc, idx), listed in names.items():
        if 0 <= idx < counts[doc]:
            out[doc][0][idx] = tuple(listed)
    for (doc, idx), said in dates.items():
        if 0 <= idx < counts[doc]:
            out[doc][1][idx] = tuple(said)
    return out


def _passage_sets(
    counts: dict[int, int], only: dict[int, set[int]] | None
) -> Iterator[tuple[str, tuple[int | None, ...]]]:
    """Yield ``WITH w(doc, idx) AS (VALUES …)`` clauses naming the passages to read, a few
    hundred at a time (``idx`` NULL, unused: every passage of the document)."""
    pairs: list[tuple[int, int | None]] = (
        [(k, None) for k in counts]
        if only is None
        else [(k, i) for k in counts for i in sorted(only.get(k, ()))]
    )
    for start in range(0, len(pairs), CHUNK // 2):
        part = pairs[start : start + CHUNK // 2]
        values = ", ".join(["(?, ?)"] * len(part))
        yield (
            f"WITH w(doc, idx) AS (VALUES {values})",
            tuple(v for pair in part for v in pair),
        )
