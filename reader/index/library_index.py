"""The library index: what every listing, count and passage list reads (SQLite, WAL).

A cache of what the documents' sources and the extractor produce: deleting the file loses only
the time to rebuild it. The library puts documents in when their file stamp or metadata changed
(``stamps()`` is the cheap start-up check), asks ``needs_extraction()`` what to extract, and puts
the results back; every read answers from the rows it needs, never from every document's text.
Safe to call from several threads (one connection each) and several processes at once.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.core.actors import Actor, ActorId, ActorOccurrence, ActorPassage, DocumentActors
from reader.core.cooccurrence import PassageMatch
from reader.core.dates import DateMention
from reader.core.model import DocId, Document, DocumentMeta, Passage
from reader.index import documents as rows
from reader.index import extraction, queries, registry
from reader.index.database import Database, IndexDamage, is_damage
from reader.index.documents import DocumentEntry, IndexedSummary, Stamp
from reader.index.registry import ActorSummary

if TYPE_CHECKING:
    # The full text, the timeline and related passages are imported where they are first
    # used: a command that lists actors pays nothing for them.
    from reader.core.search_query import Query
    from reader.extract.dates_index import DateOccurrence
    from reader.index import fulltext, timeline
    from reader.index import related as related_rows
    from reader.index.search import Filters, FoundPassage

T = TypeVar("T")
DateFact = tuple[str, str | None]  # a date's words and its TIMEX3 value


@dataclass(frozen=True)
class PassageFacts:
    """Per passage of one document: its actors' names and its dates (words, value)."""

    actors: list[tuple[str, ...]]
    dates: list[tuple[DateFact, ...]]


class LibraryIndex:
    """Documents, passages, actors and dates of the library, in one SQLite file."""

    def __init__(
        self, path: Path, damaged_dir: Path, extractor_version: str, quick_check: bool = False
    ) -> None:
        self._db = Database(path, damaged_dir, quick_check)
        self._version = extractor_version
        self._analyser: fulltext.Analyser | None = None
        self._related: tuple[related_rows.Words, related_rows.DateValues] | None = None
        self._date_values: tuple[object, list[str]] | None = None
        self._run(self._adopt_version, write=True)

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def analyser(self) -> fulltext.Analyser:
        """The full text's tokenizer, as SQLite's FTS5 cuts words (made when first needed)."""
        if self._analyser is None:
            from reader.index import fulltext

            self._analyser = fulltext.Analyser()
        return self._analyser

    def _related_parts(self) -> tuple[related_rows.Words, related_rows.DateValues]:
        if self._related is None:
            from reader.index import related as related_rows

            self._related = (related_rows.Words(self.analyser), related_rows.DateValues())
        return self._related

    @property
    def damages(self) -> list[IndexDamage]:
        """Index files found damaged (or of another schema) and moved aside, with why."""
        return list(self._db.damages)

    @property
    def extractor_version(self) -> str:
        return self._version

    def set_extractor_version(self, version: str) -> bool:
        """Use another extractor from now on; return whether the stored results were dropped."""
        self._version = version
        return self._run(self._adopt_version, write=True)

    def _adopt_version(self, conn: sqlite3.Connection) -> bool:
        registry.ensure_words(conn)
        row = conn.execute("SELECT value FROM settings WHERE name = 'extractor_version'").fetchone()
        if row is not None and row[0] == self._version:
            return False
        extraction.drop_all(conn)
        conn.execute(
            "INSERT OR REPLACE INTO settings (name, value) VALUES ('extractor_version', ?)",
            (self._version,),
        )
        return row is not None

    def close(self) -> None:
        """Close every thread's connection."""
        self._db.close()

    def check(self) -> bool:
        """Read every page (SQLite's quick check: slow on a large index, so call it from a
        worker); a damaged file is moved aside and an empty index started. Return whether the
        file was sound."""
        try:
            problem = self._db.quick_check()
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            problem = str(exc)
        if problem is None:
            return True
        self._db.reset(f"failed the quick check: {problem}")
        self._run(self._adopt_version, write=True)
        return False

    # -- running ---------------------------------------------------------------------------------
    def _run(self, work: Callable[[sqlite3.Connection], T], write: bool = False) -> T:
        """Run ``work`` in one transaction; a file found damaged meanwhile is moved aside and
        the work runs again on an empty index (which the library then fills)."""
        for attempt in (1, 2):
            try:
                with self._db.write() if write else self._db.read() as conn:
                    return work(conn)
            except sqlite3.DatabaseError as exc:
                if attempt == 2 or not is_damage(exc):
                    raise
                self._db.reset(f"damaged: {exc}")
                with self._db.write() as conn:
                    self._adopt_version(conn)
        raise AssertionError("unreachable")

    def _key(self, conn: sqlite3.Connection, doc_id: str) -> tuple[int, int] | None:
        row = conn.execute(
            "SELECT key, passage_count FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return None if row is None else (int(row[0]), int(row[1] or 0))

    # -- documents -------------------------------------------------------------------------------
    def stamps(self) -> dict[DocId, Stamp]:
        """Return every indexed document's file stamp and metadata hash (the start-up check),
        in catalogue order."""
        found = self._run(
            lambda c: c.execute(
                "SELECT id, size, mtime_ns, meta_hash FROM documents ORDER BY position"
            ).fetchall()
        )
        return {DocId(r[0]): Stamp(r[1], r[2], r[3]) for r in found}

    def checks(self) -> dict[DocId, tuple[object, ...]]:
        """Return, for every indexed document in catalogue order, what the start-up check
        compares (``reader.index.documents.check_of``)."""
        columns = ", ".join(rows.META_COLUMNS)
        found = self._run(
            lambda c: c.execute(
                f"SELECT id, size, mtime_ns, {columns} FROM documents ORDER BY position"
            ).fetchall()
        )
        return {DocId(r[0]): r[1:] for r in found}

    def stamp(self, doc_id: str) -> Stamp | None:
        """Return one document's file stamp and metadata hash, or ``None`` if not indexed."""
        row = self._run(
            lambda c: c.execute(
                "SELECT size, mtime_ns, meta_hash FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
        )
        return None if row is None else Stamp(*row)

    def ids(self) -> list[DocId]:
        """Return the indexed documents' ids, in catalogue order."""
        found = self._run(
            lambda c: c.execute("SELECT id FROM documents ORDER BY position").fetchall()
        )
        return [DocId(r[0]) for r in found]

    def put_documents(self, entries: Iterable[DocumentEntry]) -> list[DocId]:
        """Add or replace documents in one transaction (new ones go last in the order); return
        the ids whose text changed: their extraction results are dropped."""
        batch = list(entries)
        if not batch:  # the start-up check found nothing changed
            return []
        from reader.index import fulltext

        searchable = len(batch) <= fulltext.INLINE_DOCUMENTS  # a large batch: in the background
        return self._run(lambda c: rows.put_entries(c, batch, searchable), write=True)

    def put_document(self, doc: Document, source: str, stamp: Stamp) -> bool:
        """Add or replace one document; return whether its text changed."""
        return bool(self.put_documents([DocumentEntry(doc.meta, source, stamp, doc)]))

    def put_error(self, meta: DocumentMeta, source: str, stamp: Stamp, error: str) -> None:
        """Record a document that cannot be read, with why (it lists, with no passages)."""
        self.put_documents([DocumentEntry(meta, source, stamp, None, error)])

    def remove_documents(self, doc_ids: Sequence[str]) -> list[DocId]:
        """Remove documents and all derived from them; return those that were indexed."""
        return self._run(lambda c: rows.remove(c, doc_ids), write=True)

    def set_order(self, doc_ids: Sequence[str]) -> None:
        """Put the documents in this (catalogue) order; others follow in their old order."""
        self._run(lambda c: rows.set_order(c, doc_ids), write=True)

    def summaries(self) -> list[IndexedSummary]:
        """Return the rows of the library list, in catalogue order."""
        return self._run(rows.summaries)

    def counts(self) -> dict[DocId, tuple[int | None, int | None, str | None]]:
        """Return each document's passage and character counts and error (the library list's
        numbers, without the metadata the library holds already)."""
        found = self._run(
            lambda c: c.execute(
                "SELECT id, passage_count, char_count, error FROM documents"
            ).fetchall()
        )
        return {DocId(r[0]): (r[1], r[2], r[3]) for r in found}

    def meta(self, doc_id: str) -> DocumentMeta | None:
        """Return a document's metadata as indexed, or ``None``."""

        def work(conn: sqlite3.Connection) -> DocumentMeta | None:
            row = conn.execute(
                f"SELECT {', '.join(rows.META_COLUMNS)} FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            return None if row is None else rows.meta_of(row)

        return self._run(work)

    def content_hash(self, doc_id: str) -> str | None:
        """Return the hash of a document's text, or ``None`` (not indexed, or unreadable)."""
        row = self._run(
            lambda c: c.execute(
                "SELECT content_hash FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
        )
        return None if row is None else row[0]

    def content_hashes(self) -> dict[DocId, str]:
        """Return the hash of every readable indexed document's text (one query)."""
        found = self._run(
            lambda c: c.execute(
                "SELECT id, content_hash FROM documents WHERE content_hash IS NOT NULL"
            ).fetchall()
        )
        return {DocId(r[0]): r[1] for r in found}

    def documents(self, doc_ids: Sequence[str]) -> dict[DocId, Document]:
        """Return the documents with these ids that have a text, rebuilt from the index in a
        few queries (what a listing of many documents reads)."""

        def work(conn: sqlite3.Connection) -> dict[DocId, Document]:
            keys = rows.keys_of(conn, doc_ids)
            return {d.id: d for d in rows.load_documents(conn, keys.values()).values()}

        return self._run(work)

    def passages(self, doc_id: str) -> tuple[Passage, ...] | None:
        """Return a document's passages (offsets, chrome), or ``None`` when not indexed."""

        def work(conn: sqlite3.Connection) -> tuple[Passage, ...] | None:
            found = self._key(conn, doc_id)
            return None if found is None else rows.passages_of(conn, found[0], DocId(doc_id))

        return self._run(work)

    def document(self, doc_id: str) -> Document | None:
        """Return a document rebuilt from the index (text, passages, metadata), or ``None``."""

        def work(conn: sqlite3.Connection) -> Document | None:
            found = self._key(conn, doc_id)
            return None if found is None else rows.load_documents(conn, [found[0]]).get(found[0])

        return self._run(work)

    # -- extraction ------------------------------------------------------------------------------
    def needs_extraction(self) -> list[DocId]:
        """Return, in catalogue order, the readable documents whose actors are missing or were
        found in another text."""
        found = self._run(
            lambda c: c.execute(
                "SELECT d.id FROM documents d LEFT JOIN extraction e ON e.doc = d.key "
                "WHERE d.content_hash IS NOT NULL "
                "AND (e.doc IS NULL OR e.content_hash != d.content_hash) ORDER BY d.position"
            ).fetchall()
        )
        return [DocId(r[0]) for r in found]

    def needs_dates(self) -> list[DocId]:
        """Return the documents whose actors are current but whose dates are missing or were
        placed from another published date (``put_dates`` refreshes them)."""
        found = self._run(
            lambda c: c.execute(
                "SELECT d.id FROM documents d JOIN extraction e ON e.doc = d.key "
                "WHERE e.content_hash = d.content_hash AND (e.has_dates = 0 "
                "OR e.dates_published IS NOT d.published) ORDER BY d.position"
            ).fetchall()
        )
        return [DocId(r[0]) for r in found]

    def put_extractions(
        self, results: Iterable[tuple[DocumentActors, Sequence[Sequence[DateMention]]]]
    ) -> list[DocId]:
        """Store the actors and dates of documents in one transaction; return the ids stored.

        A result is refused when its document's text is no longer the indexed one, or when the
        index now holds another extractor version's results (another process moved on).
        """
        batch = list(results)

        def work(conn: sqlite3.Connection) -> list[DocId]:
            if not self._version_is_current(conn):
                return []
            stored: list[DocId] = []
            actor_keys = extraction.ActorKeys(conn)
            with extraction.bulk(conn, len(batch)):
                for actors, dates in batch:
                    key = self._current_key(conn, actors.document)
                    if key is None:
                        continue
                    extraction.put_actors(conn, key, actors, actor_keys)
                    extraction.put_dates(conn, key, actors.document.meta.published, dates)
                    stored.append(actors.document.id)
            return stored

        return self._run(work, write=True)

    def put_extraction(
        self, actors: DocumentActors, dates: Sequence[Sequence[DateMention]]
    ) -> bool:
        """Store one document's actors and dates; return whether they were stored."""
        return bool(self.put_extractions([(actors, dates)]))

    def put_dates(self, doc: Document, dates: Sequence[Sequence[DateMention]]) -> bool:
        """Store a document's dates (placed from ``doc.meta.published``) over current actors."""

        def work(conn: sqlite3.Connection) -> bool:
            key = self._current_key(conn, doc)
            if key is None or not self._version_is_current(conn):
                return False
            has = conn.execute("SELECT 1 FROM extraction WHERE doc = ?", (key,)).fetchone()
            if has is None:
                return False
            extraction.put_dates(conn, key, doc.meta.published, dates)
            return True

        return self._run(work, write=True)

    def _version_is_current(self, conn: sqlite3.Connection) -> bool:
        row = conn.execute("SELECT value FROM settings WHERE name = 'extractor_version'").fetchone()
        return row is not None and row[0] == self._version

    def _current_key(self, conn: sqlite3.Connection, doc: Document) -> int | None:
        row = conn.execute(
            "SELECT key, content_hash FROM documents WHERE id = ?", (doc.id,)
        ).fetchone()
        return None if row is None or row[1] != doc.content_hash else int(row[0])

    # -- reading extraction results ------------------------------------------------------------
    def document_actors(self, doc: Document) -> DocumentActors | None:
        """Return the actors of each passage of ``doc``, or ``None`` while not extracted."""

        def work(conn: sqlite3.Connection) -> DocumentActors | None:
            key = self._current_key(conn, doc)
            return None if key is None else queries.document_actors(conn, key, doc)

        return self._run(work)

    def passage_dates(self, doc_id: str) -> list[list[DateMention]] | None:
        """Return the dates of each passage of a document, or ``None`` while not current."""

        def work(conn: sqlite3.Connection) -> list[list[DateMention]] | None:
            row = conn.execute(
                "SELECT d.key, d.passage_count FROM documents d JOIN extraction e "
                "ON e.doc = d.key WHERE d.id = ? AND e.content_hash = d.content_hash "
                "AND e.has_dates = 1 AND e.dates_published IS d.published",
                (doc_id,),
            ).fetchone()
            return None if row is None else queries.passage_dates(conn, row[0], row[1])

        return self._run(work)

    def actor_counts(
        self, doc_ids: Sequence[str] | None = None
    ) -> dict[ActorId, tuple[Actor, int]]:
        """Return every actor of the library (or of some documents) with the number of passages
        that mention it, as ``reader.extract.index.all_actors``."""

        def work(conn: sqlite3.Connection) -> dict[ActorId, tuple[Actor, int]]:
            if doc_ids is None:
                return queries.actor_counts(conn, None)
            keys = rows.keys_of(conn, doc_ids)
            return queries.actor_counts(conn, [keys[d] for d in doc_ids if d in keys])

        return self._run(work)

    def actor_occurrences(self, actor_id: str) -> list[ActorOccurrence]:
        """Return every passage that mentions an actor, in document-date order."""
        return self._run(lambda c: queries.actor_occurrences(c, actor_id))

    def actor_passages(self, actor_id: str) -> list[ActorPassage]:
        """Return the same passages as ``actor_occurrences``, without their documents."""
        return self._run(lambda c: queries.actor_passages(c, actor_id))

    def passages_mentioning(self, actor_ids: Sequence[str]) -> list[PassageMatch]:
        """Return every passage that mentions all the actors, with the mentions of each."""
        return self._run(lambda c: queries.passages_mentioning(c, actor_ids))

    def date_occurrences(self) -> dict[str, list[DateOccurrence]]:
        """Return, for each date value in time order, every passage that speaks of it."""
        return self._run(queries.date_occurrences)

    def date_passages(self, value: str) -> list[DateOccurrence]:
        """Return every passage that speaks of one date value, as ``date_occurrences()``
        lists it, loading only those documents."""
        return self._run(lambda c: queries.date_passages(c, value))

    def timeline(
        self, doc_ids: Sequence[str] | None = None, actor_ids: Sequence[str] = ()
    ) -> tuple[list[timeline.DatedDocument], list[timeline.DateRow]]:
        """Return the documents with current dates and every date mention of theirs (of the
        passages naming all ``actor_ids``, if given), read on one snapshot."""
        from reader.index import timeline

        def work(
            conn: sqlite3.Connection,
        ) -> tuple[list[timeline.DatedDocument], list[timeline.DateRow]]:
            found = timeline.date_rows(conn, doc_ids)
            if actor_ids:
                keep = timeline.passages_naming_all(conn, actor_ids)
                found = [r for r in found if (r.doc_id, r.idx) in keep]
            return timeline.dated_documents(conn, doc_ids), found

        return self._run(work)

    def date_counts(self) -> dict[str, int]:
        """Return, for each date value, the number of passages that speak of it."""
        return self._run(queries.date_counts)

    def passage_facts(self, doc_id: str) -> PassageFacts | None:
        """Return per passage its actors' names and its dates (as export writes them)."""

        def work(conn: sqlite3.Connection) -> PassageFacts | None:
            found = self._key(conn, doc_id)
            if found is None:
                return None
            actors, dates = queries.passage_facts(conn, *found)
            return PassageFacts(actors, dates)

        return self._run(work)

    # -- the actor registry (reader/index/registry.py) ------------------------------------------
    def actor_summaries(self, actor_ids: Sequence[str] | None = None) -> list[ActorSummary]:
        """Return every actor (or those with these ids) with its words, passages, documents and
        first and last dates: as stored while no write changed them since, else summarised
        (every actor's summary is then stored for the next reader)."""
        stored = self._run(lambda c: registry.stored_summaries(c, actor_ids))
        if stored is not None:
            return stored
        if actor_ids is not None:
            return self._run(lambda c: registry.actor_summaries(c, actor_ids))
        version, found = self._run(registry.summarise_all)
        # Busy for long, or a read-only file: a later reader stores them.
        with contextlib.suppress(sqlite3.OperationalError):
            self._run(lambda c: registry.store_summaries(c, found, version), write=True)
        return found

    def matching_actor_ids(self, query: str) -> list[str]:
        """Return the id itself, else the ids of actors with this name or mention words."""
        return self._run(lambda c: registry.matching_ids(c, query))

    def docs_mentioning(self, actor_ids: Sequence[str]) -> list[DocId]:
        """Return the documents whose stored actors include any of the ids."""
        return [DocId(d) for d in self._run(lambda c: registry.docs_mentioning(c, actor_ids))]

    def docs_worded(self, words: str) -> list[DocId]:
        """Return the documents with a stored mention worded so (case-folded)."""
        return [DocId(d) for d in self._run(lambda c: registry.docs_worded(c, words))]

    def docs_containing(self, words: Sequence[str]) -> list[DocId]:
        """Return the documents whose text contains any of the words."""
        return [DocId(d) for d in self._run(lambda c: registry.docs_containing(c, words))]

    def passage_facts_many(
        self, doc_ids: Sequence[str], only: Mapping[DocId, Collection[int]] | None = None
    ) -> dict[DocId, PassageFacts]:
        """Return ``passage_facts`` of many documents in a few queries (an export of all);
        with ``only``, the facts of those passages of each document (the others empty). A
        document not in the index is left out."""

        def work(conn: sqlite3.Connection) -> dict[DocId, PassageFacts]:
            found: dict[int, tuple[DocId, int]] = {}
            for part in rows.chunks(list(doc_ids)):
                found.update(
                    (int(r[0]), (DocId(r[1]), int(r[2] or 0)))
                    for r in conn.execute(
                        "SELECT key, id, passage_count FROM documents "
                        f"WHERE id IN ({rows.marks(len(part))})",
                        tuple(part),
                    )
                )
            wanted = None
            if only is not None:
                wanted = {k: set(only.get(d, ())) for k, (d, _n) in found.items()}
            counts = {k: n for k, (_d, n) in found.items()}
            facts = queries.passage_facts_many(conn, counts, wanted)
            return {found[k][0]: PassageFacts(*pair) for k, pair in facts.items()}

        return self._run(work)

    # -- related passages (reader/index/related.py) ---------------------------------------------
    def related(
        self, doc_id: str, index: int, overlapping: related_rows.Overlapping
    ) -> related_rows.Gathered | None:
        """Return what a passage shares with other documents' passages (its candidates, the
        counts of its actors), or ``None`` when the index does not hold that passage."""
        from reader.index import related as related_rows

        words, values = self._related_parts()
        return self._run(
            lambda c: related_rows.gather(c, doc_id, index, words, overlapping, values)
        )

    def related_places(
        self, keys: Sequence[tuple[str, int]]
    ) -> dict[tuple[str, int], related_rows.Place]:
        """Return the title, date and text of passages given as (document id, index)."""
        from reader.index import related as related_rows

        return self._run(lambda c: related_rows.places(c, keys))

    # -- the full text ---------------------------------------------------------------------------
    def search(self, query: Query, filters: Filters, limit: int) -> list[FoundPassage]:
        """Return the best ``limit`` passages for a parsed query with its filters resolved; a
        damaged full-text table is emptied (the background build fills it again) and the
        query answered by scanning meanwhile."""
        from reader.index import fulltext, search

        try:
            return self._run(lambda c: search.search(c, query, filters, limit, self.analyser))
        except search.FullTextDamaged:
            self._run(fulltext.repair, write=True)
            return self._run(lambda c: search.search(c, query, filters, limit, self.analyser))

    def build_search(self, documents: int = 20) -> int:
        """Put up to ``documents`` more documents into the full text (one short write
        transaction); return how many are still to do."""
        from reader.index import fulltext

        return self._run(lambda c: fulltext.build(c, documents), write=True)

    def search_pending(self) -> int:
        """Return how many readable documents are not in the full text yet (they are scanned)."""
        from reader.index import fulltext

        return self._run(lambda c: len(fulltext.pending_keys(c)))

    def actor_names(self) -> list[tuple[str, str]]:
        """Return every (id, name) the index's actors go by."""
        found = self._run(lambda c: c.execute("SELECT DISTINCT id, name FROM actors").fetchall())
        return [(r[0], r[1]) for r in found]

    def actors_stamp(self) -> tuple[int, int]:
        """Return what changes when actor rows come or go (their count and highest key)."""
        row = self._run(lambda c: c.execute("SELECT count(*), max(key) FROM actors").fetchone())
        return int(row[0]), int(row[1] or 0)

    def date_values(self) -> list[str]:
        """Return every date value the passages speak of (kept until extraction results
        change: reading them all takes a while in a large library)."""

        def work(conn: sqlite3.Connection) -> list[str]:
            stamp = conn.execute(
                "SELECT count(*), group_concat(doc || ':' || content_hash || ':' || has_dates "
                "|| ':' || coalesce(dates_published, '')) FROM extraction"
            ).fetchone()
            held = self._date_values
            if held is not None and held[0] == stamp:
                return held[1]
            found = conn.execute("SELECT DISTINCT value FROM dates WHERE value IS NOT NULL")
            values = [r[0] for r in found]
            self._date_values = (stamp, values)
            return values

        return list(self._run(work))
