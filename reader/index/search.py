"""Running a parsed query on the index: FTS5 finds and ranks (BM25), filters narrow by rowid,
the passages of documents not yet in the full text are scanned, and the top passages get their
match offsets in code points (``reader.core.search_match``).

The FTS5 expression quotes every term, so nothing a user types is FTS5 syntax but ``OR``,
``-`` (NOT), ``"…"`` and ``*`` as the query language means them; FTS5's own tokenizer then cuts
"U.S." into the phrase "u s", as ``search_match`` does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.model import DocId
from reader.core.search_match import Analyser, CompiledQuery, Span, merge, tokens
from reader.core.search_query import Query, Term
from reader.index import fulltext
from reader.index.database import is_damage
from reader.index.documents import keys_of, marks

RID = "((p.doc << 20) | p.idx)"
_K1, _B = 1.2, 0.75  # FTS5's bm25() constants, for passages scanned while the index builds


class FullTextDamaged(Exception):
    """The full-text table failed a read as damaged (the caller repairs it and asks again)."""


@dataclass(frozen=True)
class Filters:
    """The filters of a query, resolved: ``docs`` (any of them); per ``actor:`` filter the ids
    it stands for (a passage must mention one); per ``date:`` filter the date values it
    overlaps (a passage must speak of one)."""

    docs: tuple[str, ...] = ()
    actors: tuple[tuple[str, ...], ...] = ()
    dates: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class FoundPassage:
    """A passage that matches: where it is, its text, its score (lower is better: BM25 as
    FTS5 gives it) and the spans to emphasise, in document offsets."""

    doc_id: DocId
    title: str
    index: int
    start: int
    end: int
    text: str
    score: float
    matches: tuple[Span, ...]


def fts_term(term: Term) -> str:
    """Return a term as an FTS5 string (quoted, so nothing in it is syntax)."""
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + "*" if term.kind == "prefix" else quoted


def fts_expression(query: Query) -> str | None:
    """Return the FTS5 expression of the query's words (``None`` for filters alone)."""
    if not query.groups:
        return None
    positive = " AND ".join("(" + " OR ".join(map(fts_term, g)) + ")" for g in query.groups)
    if not query.excluded:
        return positive
    return f"({positive}) NOT ({' OR '.join(map(fts_term, query.excluded))})"


@dataclass(frozen=True)
class Conditions:
    """The filters as SQL, each a set built once: ``on_passages`` tests the passages ``p``,
    ``on_rows`` the full text's rows; both take ``params``."""

    on_passages: tuple[str, ...]
    on_rows: tuple[str, ...]
    params: tuple[object, ...]


def _filter_sql(conditions: Conditions) -> tuple[str, list[object]]:
    """Return the filters' conditions on the passages ``p`` (the text and its parameters)."""
    return " AND ".join(["p.chrome = 0", *conditions.on_passages]), list(conditions.params)


def _filter_sets(conn: sqlite3.Connection, filters: Filters) -> Conditions | None:
    """Return the filters as conditions; ``None`` when a filter can match nothing (an actor or
    a document the index does not know)."""
    passages: list[str] = []
    rows: list[str] = []
    params: list[object] = []

    def by_passage(table: str, column: str, values: Sequence[object]) -> None:
        listed = f"{column} IN ({marks(len(values))})"
        passages.append(f"{RID} IN (SELECT (doc << {fulltext.SHIFT}) | idx FROM {table} "
                        f"WHERE {listed})")
        # "+rowid": as a constraint FTS5 would run the MATCH once per rowid of the set.
        rows.append(f"+rowid IN (SELECT (doc << {fulltext.SHIFT}) | idx FROM {table} "
                    f"WHERE {listed})")
        params.extend(values)

    if filters.docs:
        keys = sorted(set(keys_of(conn, filters.docs).values()))
        if not keys:
            return None
        passages.append(f"p.doc IN ({marks(len(keys))})")
        rows.append(f"(rowid >> {fulltext.SHIFT}) IN ({marks(len(keys))})")
        params += keys
    for ids in filters.actors:
        keys = [r[0] for r in conn.execute(
            f"SELECT key FROM actors WHERE id IN ({marks(len(ids))})", ids
        )] if ids else []
        if not keys:
            return None
        by_passage("passage_actors", "actor", keys)
    for values in filters.dates:
        if not values:
            return None
        by_passage("dates", "value", values)
    return Conditions(tuple(passages), tuple(rows), tuple(params))


def search(
    conn: sqlite3.Connection, query: Query, filters: Filters, limit: int, analyse: Analyser
) -> list[FoundPassage]:
    """Return the best ``limit`` passages for ``query`` (BM25 order; filters alone: catalogue
    order), with their match offsets."""
    narrow = _filter_sets(conn, filters)
    if narrow is None:  # an actor or a document the index does not know
        return []
    compiled = CompiledQuery.of(query, analyse)
    pending = fulltext.pending_keys(conn)
    found = _indexed(conn, query, narrow, limit, bool(pending))
    if pending and (query.groups or query.excluded):
        found += _scanned(conn, compiled, *_filter_sql(narrow), pending, analyse)
    found.sort(key=lambda hit: hit[0])  # stable: equal scores keep the order they came in
    return _passages(conn, found[:limit], query, compiled, filters, analyse)


def _indexed(
    conn: sqlite3.Connection,
    query: Query,
    narrow: Conditions,
    limit: int,
    pending: bool,
) -> list[tuple[float, int]]:
    """Return (score, rowid) of the passages the full text (or the filters alone) find."""
    condition, params = _filter_sql(narrow)
    expression = fts_expression(query)
    try:
        if expression is not None:
            # Chrome is never in the table. bm25() in the result, not "ORDER BY rank": FTS5
            # computes the rank of every row it finds (~5 µs each), bm25() only of the rows
            # the filters let through.
            extra = "".join(f"AND {c} " for c in narrow.on_rows)
            rows = conn.execute(
                f"SELECT rowid, bm25({fulltext.TABLE}) AS score FROM {fulltext.TABLE} "
                f"WHERE {fulltext.TABLE} MATCH ? {extra}ORDER BY score LIMIT ?",
                [expression, *narrow.params, limit],
            ).fetchall()
            return [(float(r[1]), int(r[0])) for r in rows]
        extra, extra_params = "", []
        if query.excluded:
            excluded = " OR ".join(map(fts_term, query.excluded))
            extra = (f" AND {RID} NOT IN (SELECT rowid FROM {fulltext.TABLE} "
                     f"WHERE {fulltext.TABLE} MATCH ?)")
            extra_params = [excluded]
            if pending:  # the others are scanned: the table cannot say what they exclude
                extra += " AND p.doc IN (SELECT doc FROM search_docs)"
        rows = conn.execute(
            f"SELECT {RID} FROM passages p JOIN documents d ON d.key = p.doc "
            f"WHERE {condition}{extra} ORDER BY d.position, p.idx LIMIT ?",
            [*params, *extra_params, limit],
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise FullTextDamaged(str(exc)) from exc
        raise
    # Filters alone: catalogue order, every score equal (the sort is stable).
    return [(0.0, int(r[0])) for r in rows]


def _scanned(
    conn: sqlite3.Connection,
    compiled: CompiledQuery,
    condition: str,
    params: list[object],
    pending: Sequence[int],
    analyse: Analyser,
) -> list[tuple[float, int]]:
    """Return (score, rowid) of the matching passages of documents not yet in the full text,
    scored with BM25's term-frequency part (no document frequencies to hand while building)."""
    rows = conn.execute(
        f"SELECT p.doc, p.idx, substr(t.text, p.start + 1, p.\"end\" - p.start) "
        f"FROM passages p JOIN texts t ON t.doc = p.doc "
        f"WHERE p.doc IN ({marks(len(pending))}) AND {condition}",
        [*pending, *params],
    ).fetchall()
    scored: list[tuple[float, int, int]] = []
    for doc, idx, text in rows:
        found = tokens(text, analyse)
        spans = compiled.match(found)
        if spans is not None:
            scored.append((float(len(spans)), len(found), fulltext.rowid(doc, idx)))
    if not scored:
        return []
    average = sum(n for _, n, _ in scored) / len(scored) or 1.0
    return [
        (-(tf * (_K1 + 1)) / (tf + _K1 * (1 - _B + _B * n / average)) if tf else 0.0, rid)
        for tf, n, rid in scored
    ]


def _passages(
    conn: sqlite3.Connection,
    found: Sequence[tuple[float, int]],
    query: Query,
    compiled: CompiledQuery,
    filters: Filters,
    analyse: Analyser,
) -> list[FoundPassage]:
    """Return the passages found, with their texts and matches (a few reads for all)."""
    wanted = [fulltext.split_rowid(rid) for _score, rid in found]
    keys = sorted({key for key, _idx in wanted})
    if not keys:
        return []
    where = f"IN ({marks(len(keys))})"
    documents = {
        r[0]: (r[1], r[2])
        for r in conn.execute(f"SELECT key, id, title FROM documents WHERE key {where}", keys)
    }
    # Only the passages' own text: a document's whole text may be megabytes.
    places = {
        (r[0], r[1]): (r[2], r[3], r[4])
        for r in conn.execute(
            f'SELECT p.doc, p.idx, p.start, p."end", substr(t.text, p.start + 1, '
            f'p."end" - p.start) FROM passages p JOIN texts t ON t.doc = p.doc '
            f"WHERE p.doc {where} AND {RID} IN ({marks(len(found))})",
            [*keys, *(rid for _score, rid in found)],
        )
    }
    marked = _filter_spans(conn, wanted, filters)
    out = []
    for (score, _rid), (key, idx) in zip(found, wanted, strict=True):
        doc_id, title = documents[key]
        start, end, text = places[(key, idx)]
        spans = list(marked.get((key, idx), ()))
        if query.groups:
            local = compiled.match_text(text, analyse) or []
            spans += [(start + s, start + e) for s, e in local]
        out.append(
            FoundPassage(DocId(doc_id), title, idx, start, end, text, score, tuple(merge(spans)))
        )
    return out


def _filter_spans(
    conn: sqlite3.Connection, wanted: Sequence[tuple[int, int]], filters: Filters
) -> dict[tuple[int, int], list[Span]]:
    """Return, by passage (document key, index), the spans of the mentions the actor and date
    filters asked for (a few rows read by key per passage: a date filter may name hundreds of
    values, each in thousands of passages)."""
    spans: dict[tuple[int, int], list[Span]] = {}
    ids = {i for group in filters.actors for i in group}
    values = {v for group in filters.dates for v in group}
    for place in dict.fromkeys(wanted) if ids or values else ():
        found = spans.setdefault(place, [])
        if ids:
            for encoded, actor in conn.execute(
                "SELECT pa.spans, a.id FROM passage_actors pa JOIN actors a ON a.key = pa.actor "
                "WHERE pa.doc = ? AND pa.idx = ?",
                place,
            ):
                if actor in ids:
                    found += [_span(part) for part in encoded.split(",") if part]
        if values:
            found += [
                (start, end)
                for start, end, value in conn.execute(
                    'SELECT start, "end", value FROM dates WHERE doc = ? AND idx = ?', place
                )
                if value in values
            ]
    return spans


def _span(encoded: str) -> Span:
    start, _, end = encoded.partition(":")
    return int(start), int(end)
