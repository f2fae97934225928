"""Reading what a passage shares with the passages of other documents, for ``lib.related``.

One read (one snapshot) gathers: the passage's actors (as corrected by the user: the index
stores resolution's output with the corrections applied) and dates; how many passages mention
each of its actors; candidates by three routes — passages naming one of its rarer actors,
passages speaking of a date that overlaps one of its precise dates (the library says which
values overlap), and the full text's best passages (BM25) for the passage's rarer words — then
every actor and date of the best candidates. The scoring is ``reader.core.related``'s.

The words are the passage's own words as the full text's tokenizer cuts them (the same
``Analyser`` as search), the rarest ones chosen from the table's own counts (no schema change).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from reader.core.related import DAY_WEIGHT, WORD_WEIGHT, rarity
from reader.core.search_match import Analyser, tokens
from reader.index import fulltext
from reader.index.documents import CHUNK, marks

PassageKey = tuple[int, int]  # (document key, passage index)
DateRow = tuple[str, str, int, int]  # value, words, start, end
Spans = tuple[tuple[int, int], ...]

QUERY_WORDS = 10  # the passage's rarest words asked of the full text
FULL_QUERY = 6  # fewer words than this: the similarity counts for less (one word is no wording)
WORD_HITS = 60  # full-text candidates kept (BM25 order)
FOLLOWED_ACTORS = 5  # the passage's rarest actors whose passages are candidates
ROUTE_BEST = 150  # candidates kept per route (actors, dates), the best by what they share
DETAILED = 30  # candidates whose every actor and date is read (the best by the routes)


@dataclass
class PassageRows:
    """One passage as the index holds it: its actors' mention spans by id, its dates, and (for
    a candidate) its word similarity to the passage read (0..1)."""

    doc_id: str
    index: int
    actors: dict[str, str] = field(default_factory=dict)  # id -> spans ("start:end,…")
    dates: list[DateRow] = field(default_factory=list)
    words: float = 0.0
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> its name, kind here

    def spans(self, actor: str) -> Spans:
        """Return the spans of an actor's mentions (decoded only for the passages shown)."""
        out = []
        for part in filter(None, self.actors.get(actor, "").split(",")):
            start, _, end = part.partition(":")
            out.append((int(start), int(end)))
        return tuple(out)


@dataclass
class Gathered:
    """The passage read, its candidates, and the counts the rarity of actors needs."""

    source: PassageRows
    candidates: list[PassageRows]
    passages: int  # passages of the documents extracted (the N of the actors' rarity)
    frequencies: dict[str, int]  # passages per actor id, for the source's actors


# The library's answer to "which date values overlap these?" (values too wide are left out).
Overlapping = Callable[[Sequence[str], Sequence[str]], list[str]]


def gather(
    conn: sqlite3.Connection,
    doc_id: str,
    index: int,
    words: Words,
    overlapping: Overlapping,
    values: DateValues,
) -> Gathered | None:
    """Return what ``doc_id:index`` shares with other documents' passages, or ``None`` when the
    index does not know that passage."""
    row = conn.execute(
        'SELECT p.doc, substr(t.text, p.start + 1, p."end" - p.start) FROM documents d '
        "JOIN passages p ON p.doc = d.key JOIN texts t ON t.doc = d.key "
        "WHERE d.id = ? AND p.idx = ?",
        (doc_id, index),
    ).fetchone()
    if row is None:
        return None
    key, text = int(row[0]), str(row[1])
    source = _details(conn, [(key, index)])[(key, index)]
    total = _passages(conn)
    frequencies = _frequencies(conn, list(source.actors))
    ranked = _by_actors(conn, _followed(frequencies, total), key)
    here = [d[0] for d in source.dates]
    wanted = overlapping(here, values.get(conn)) if here else []
    for found, shared in _by_dates(conn, wanted, key):
        ranked[found] = ranked.get(found, 0.0) + shared * DAY_WEIGHT / 2
    similar = words.similar(conn, text, key, index, total)
    for found, similarity in similar.items():
        ranked[found] = ranked.get(found, 0.0) + WORD_WEIGHT * similarity
    best = sorted(ranked, key=lambda k: -ranked[k])[:DETAILED]
    details = _details(conn, best)
    for found in best:
        details[found].words = similar.get(found, 0.0)
    return Gathered(source, [details[k] for k in best], total, frequencies)


def _followed(frequencies: dict[str, int], total: int) -> dict[str, float]:
    """Return the actors whose passages are candidates, with their weights: the rarest few,
    each in at most one passage in fifty (every shared actor still counts in the score)."""
    cap = max(50, total // 50)
    rarest = sorted((n, a) for a, n in frequencies.items() if n <= cap)[:FOLLOWED_ACTORS]
    return {a: rarity(n, total) for n, a in rarest}


def _passages(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "SELECT coalesce(sum(d.passage_count), 0) FROM documents d "
        "JOIN extraction e ON e.doc = d.key"
    ).fetchone()
    return int(row[0])


def _frequencies(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, int]:
    """Return the passages that mention each actor id (every spelling of it counted)."""
    if not ids:
        return {}
    rows = conn.execute(
        "SELECT a.id, sum(c.passages) FROM actors a JOIN actor_counts c ON c.actor = a.key "
        f"WHERE a.id IN ({marks(len(ids))}) GROUP BY a.id",
        tuple(ids),
    )
    return {r[0]: int(r[1]) for r in rows}


def _by_actors(
    conn: sqlite3.Connection, weights: dict[str, float], key: int
) -> dict[PassageKey, float]:
    """Return the ``ROUTE_BEST`` passages of other documents that name the most (by weight)
    of the actors: summed in SQLite, not row by row here."""
    if not weights:
        return {}
    ids = list(weights)
    given = " UNION ALL ".join(["SELECT ? AS id, ? AS w"] * len(ids))
    rows = conn.execute(
        f"WITH given(id, w) AS ({given}) "
        "SELECT pa.doc, pa.idx, sum(g.w) AS s FROM given g JOIN actors a ON a.id = g.id "
        "JOIN passage_actors pa ON pa.actor = a.key WHERE pa.doc != ? "
        f"GROUP BY pa.doc, pa.idx ORDER BY s DESC LIMIT {ROUTE_BEST}",
        (*[v for i in ids for v in (i, weights[i])], key),
    )
    return {(int(r[0]), int(r[1])): float(r[2]) for r in rows}


def _by_dates(
    conn: sqlite3.Connection, values: Sequence[str], key: int
) -> list[tuple[PassageKey, int]]:
    """Return the ``ROUTE_BEST`` passages of other documents that speak most of the date
    values, with how many mentions."""
    if not values:
        return []
    wanted = list(values)[:CHUNK]  # a passage's precise dates overlap few values
    rows = conn.execute(
        f"SELECT doc, idx, count(*) AS n FROM dates "
        f"WHERE value IN ({marks(len(wanted))}) AND doc != ? "
        f"GROUP BY doc, idx ORDER BY n DESC LIMIT {ROUTE_BEST}",
        (*wanted, key),
    )
    return [((int(r[0]), int(r[1])), int(r[2])) for r in rows]


class DateValues:
    """Every date value the passages speak of, read again only when the index changed: a
    write by another connection moves SQLite's ``data_version``, one by this connection its
    ``total_changes``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[int, tuple[tuple[int, int], list[str]]] = {}  # by connection

    def get(self, conn: sqlite3.Connection) -> list[str]:
        """Return the values (the same list object while nothing changed)."""
        stamp = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
        with self._lock:
            held = self._held.get(id(conn))
        if held is not None and held[0] == stamp:
            return held[1]
        rows = conn.execute("SELECT DISTINCT value FROM dates WHERE value IS NOT NULL")
        found = [r[0] for r in rows]
        with self._lock:
            self._held[id(conn)] = (stamp, found)
        return found


class Words:
    """Word similarity through the full text: the passage's rarest words (as the table's own
    tokenizer cuts them, through the search's ``Analyser``) asked of FTS5, BM25 order.

    How many passages hold a word is counted by FTS5 itself, up to the cap that makes a word too
    common to ask (no schema change); the counts are kept until the table changes (a count
    slightly out of date only changes which words are asked)."""

    CACHE = 200_000

    def __init__(self, analyse: Analyser) -> None:
        self._analyse = analyse
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._counts: dict[str, int] = {}

    def similar(
        self, conn: sqlite3.Connection, text: str, key: int, index: int, total: int
    ) -> dict[PassageKey, float]:
        """Return the full text's best passages of other documents for the passage's rarest
        words, each with its BM25 score relative to the passage's own (0..1), counting for
        less when the passage has few such words."""
        chosen = self._query_words(conn, text, total)
        if not chosen:
            return {}
        expression = " OR ".join('"' + w.replace('"', '""') + '"' for w in chosen)
        scale = min(1.0, len(chosen) / FULL_QUERY)
        try:
            rows = conn.execute(
                f"SELECT rowid, rank FROM {fulltext.TABLE} WHERE {fulltext.TABLE} MATCH ? "
                "ORDER BY rank LIMIT ?",
                (expression, WORD_HITS),
            ).fetchall()
        except sqlite3.DatabaseError:  # a damaged full text: the actors and dates still answer
            return {}
        scores = {fulltext.split_rowid(int(r[0])): -float(r[1]) for r in rows}
        own = scores.pop((key, index), None)
        others = {k: s for k, s in scores.items() if k[0] != key}
        best = own if own else max(others.values(), default=0.0)
        if best <= 0:
            return {}
        return {k: scale * min(1.0, s / best) for k, s in others.items()}

    def _query_words(self, conn: sqlite3.Connection, text: str, total: int) -> list[str]:
        """Return the passage's ``QUERY_WORDS`` rarest words, found in two passages at least
        (a word of this passage alone matches nothing else) and in at most one in a hundred
        (a word that common says little of an event), as the tokenizer folded them."""
        words: dict[str, str] = {}  # stem -> a folded form the tokenizer stems to it
        for _start, _end, folded, stem in tokens(text, self._analyse):
            if len(stem) > 1 and not stem.isdigit():
                words.setdefault(stem, folded)
        if not words:
            return []
        common = max(2, total // 100)
        counts = self._document_counts(conn, words, common)
        usable = sorted((n, s) for s, n in counts.items() if 2 <= n <= common)
        return [words[s] for _n, s in usable[:QUERY_WORDS]]

    def _document_counts(
        self, conn: sqlite3.Connection, words: dict[str, str], cap: int
    ) -> dict[str, int]:
        """Return how many passages hold each word (by stem), counted up to ``cap + 1``: a
        count stops early, so a common word costs no more than a rare one."""
        stamp = conn.execute(
            f"SELECT (SELECT count(*) FROM search_docs), "
            f"(SELECT coalesce(max(rowid), 0) FROM {fulltext.TABLE}_data), ?",
            (cap,),
        ).fetchone()
        with self._lock:
            if self._stamp != tuple(stamp) or len(self._counts) > self.CACHE:
                self._stamp, self._counts = tuple(stamp), {}
            held = dict(self._counts)
        found: dict[str, int] = {}
        for stem, folded in words.items():
            if stem not in held:
                quoted = '"' + folded.replace('"', '""') + '"'
                found[stem] = int(
                    conn.execute(
                        f"SELECT count(*) FROM (SELECT 1 FROM {fulltext.TABLE} "
                        f"WHERE {fulltext.TABLE} MATCH ? LIMIT ?)",
                        (quoted, cap + 1),
                    ).fetchone()[0]
                )
        with self._lock:
            if self._stamp == tuple(stamp):
                self._counts.update(found)
        held.update(found)
        return {s: held[s] for s in words}


def _details(conn: sqlite3.Connection, keys: Iterable[PassageKey]) -> dict[PassageKey, PassageRows]:
    """Return every actor (mention spans by id) and date of these passages."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return {}
    docs = sorted({k[0] for k in wanted})
    ids = dict(
        conn.execute(f"SELECT key, id FROM documents WHERE key IN ({marks(len(docs))})", docs)
    )
    out = {k: PassageRows(ids[k[0]], k[1]) for k in wanted}
    for i in range(0, len(wanted), 200):
        part = wanted[i : i + 200]
        # One indexed lookup per passage (SQLite's OR optimisation), not a scan of documents.
        where = " OR ".join(["(doc = ? AND idx = ?)"] * len(part))
        pa_where = " OR ".join(["(pa.doc = ? AND pa.idx = ?)"] * len(part))
        params = [v for k in part for v in k]
        for doc, idx, actor, name, kind, spans in conn.execute(
            "SELECT pa.doc, pa.idx, a.id, a.name, a.kind, pa.spans FROM passage_actors pa "
            f"JOIN actors a ON a.key = pa.actor WHERE {pa_where} ORDER BY pa.doc, pa.idx, pa.rank",
            params,
        ):
            held = out[(doc, idx)]
            # An actor on two rows (two spellings of one id): its spans joined.
            held.actors[actor] = f"{held.actors[actor]},{spans}" if actor in held.actors else spans
            held.names.setdefault(actor, (name, kind))
        for doc, idx, value, words, start, end in conn.execute(
            f'SELECT doc, idx, value, text, start, "end" FROM dates WHERE ({where}) '
            "AND value IS NOT NULL ORDER BY doc, idx, seq",
            params,
        ):
            out[(doc, idx)].dates.append((value, words, int(start), int(end)))
    return out


@dataclass(frozen=True)
class Place:
    """Where a passage is and what it says: its document's title and date, its text."""

    doc_id: str
    title: str
    published: str | None
    start: int
    end: int
    text: str


def places(
    conn: sqlite3.Connection, keys: Sequence[tuple[str, int]]
) -> dict[tuple[str, int], Place]:
    """Return the place and text of passages given as (document id, index)."""
    out: dict[tuple[str, int], Place] = {}
    for doc_id, index in keys:
        row = conn.execute(
            'SELECT d.title, d.published, p.start, p."end", '
            'substr(t.text, p.start + 1, p."end" - p.start) FROM documents d '
            "JOIN passages p ON p.doc = d.key JOIN texts t ON t.doc = d.key "
            "WHERE d.id = ? AND p.idx = ?",
            (doc_id, index),
        ).fetchone()
        if row is not None:
            out[(doc_id, index)] = Place(doc_id, row[0], row[1], row[2], row[3], row[4])
    return out
