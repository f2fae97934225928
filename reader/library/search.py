"""Searching the library: the query language (``reader.core.search_query``) run on the index's
full text, with the filters resolved at query time — ``actor:`` through the names, ids and
aliases actors go by, ``date:`` through the date values the passages speak of.

The full text of a library indexed in one go is built in the background (``build()``, called by
the window's lane in steps, or at once by ``build_all()``); until then a search scans the
passages not yet in it, so its results are complete.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reader.core.actors import actor_id
from reader.core.find import fold
from reader.core.model import DocId, PassageId, passage_id
from reader.core.search_query import DateRange, Query, QueryError, parse_query
from reader.core.snippets import Segment, snippet
from reader.index import Filters, FoundPassage
from reader.library.documents import Documents
from reader.library.indexing import IndexHandle

__all__ = ["QueryError", "Search", "SearchHit"]

DEFAULT_LIMIT = 50
SNIPPET_WIDTH = 200


@dataclass(frozen=True)
class SearchHit:
    """One passage found: where it is, its score (lower is better: BM25 as SQLite gives it),
    a snippet with the matching words emphasised, and the matches in document offsets."""

    doc_id: DocId
    title: str
    passage_index: int
    start: int
    end: int
    score: float
    snippet: tuple[Segment, ...]
    matches: tuple[tuple[int, int], ...]

    @property
    def passage_id(self) -> PassageId:
        return passage_id(self.doc_id, self.passage_index)

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _ in self.snippet)


class Search:
    """The library search: ``run()`` a query, ``build()`` the full text in the background."""

    def __init__(
        self,
        documents: Documents,
        index: IndexHandle,
        gazetteers: Sequence[Path],
        ensure_extracted: Callable[[], object],
    ) -> None:
        self._documents = documents
        self._ensure_extracted = ensure_extracted
        self._index = index
        self._gazetteers = list(gazetteers)
        self._lock = threading.Lock()
        self._aliases: tuple[tuple[float, ...], dict[str, set[str]]] | None = None
        self._names: tuple[tuple[int, int], dict[str, set[str]]] | None = None

    def parse(self, text: str) -> Query:
        """Return the parsed query; raise ``QueryError`` with why it does not parse."""
        return parse_query(text)

    def run(self, text: str, limit: int = DEFAULT_LIMIT, extract: bool = True) -> list[SearchHit]:
        """Return the best ``limit`` passages for the query ``text`` (BM25 order; a query of
        filters alone lists passages in catalogue order); raise ``QueryError`` when it does not
        parse. ``actor:`` and ``date:`` read the actors and dates found: with ``extract`` the
        documents not extracted yet are extracted first, else (the window, which extracts in
        the background) they are left out."""
        query = parse_query(text)
        if limit <= 0:
            return []
        self._documents.sync_index()
        if extract and (query.actors or query.dates):
            self._ensure_extracted()
        filters = Filters(
            docs=query.docs,
            actors=tuple(self.actor_ids(name) for name in query.actors),
            dates=tuple(self._date_values(r) for r in query.dates),
        )
        found = self._index.get().search(query, filters, limit)
        return [_hit(f) for f in found]

    # -- building --------------------------------------------------------------------------------
    def pending(self) -> int:
        """Return how many documents are not in the full text yet (searches scan them)."""
        self._documents.sync_index()
        return self._index.get().search_pending()

    def build(self, documents: int = 20) -> int:
        """Add a few more documents to the full text; return how many are still to do."""
        self._documents.sync_index()
        return self._index.get().build_search(documents)

    def build_all(self) -> None:
        """Add every document still missing from the full text."""
        while self.build(200):
            pass

    # -- filters ---------------------------------------------------------------------------------
    def actor_ids(self, name: str) -> tuple[str, ...]:
        """Return the ids of the actors ``name`` may stand for: an id, a name the index's actors
        go by or words a mention of them was written with, or a name or alias the gazetteers
        give (accents and case folded)."""
        wanted = fold(name.strip()).casefold()
        ids = {actor_id(name), *self._gazetteer_aliases().get(wanted, set())}
        ids |= self._index_names().get(wanted, set())
        # The registry's answer: an id, a name or the words of a mention, after corrections.
        ids.update(self._index.get().matching_actor_ids(name.strip()))
        return tuple(sorted(ids))

    def _index_names(self) -> dict[str, set[str]]:
        """Return, by folded name and by id, the ids of the index's actors (read again when
        the index's actors change)."""
        index = self._index.get()
        stamp = index.actors_stamp()
        with self._lock:
            if self._names is not None and self._names[0] == stamp:
                return self._names[1]
        names: dict[str, set[str]] = {}
        for known_id, known_name in index.actor_names():
            names.setdefault(known_id, set()).add(known_id)
            names.setdefault(fold(known_name).casefold(), set()).add(known_id)
        with self._lock:
            self._names = (stamp, names)
        return names

    def _gazetteer_aliases(self) -> dict[str, set[str]]:
        """Return, by folded name or alias, the ids of the gazetteer's actors (read again when
        a gazetteer file changes)."""
        stamps = tuple(_mtime(p) for p in self._gazetteers)
        with self._lock:
            if self._aliases is not None and self._aliases[0] == stamps:
                return self._aliases[1]
        from reader.extract.gazetteer import load_gazetteer

        user = self._gazetteers[1] if len(self._gazetteers) > 1 else None
        gazetteer, _ = load_gazetteer(self._gazetteers[0], user)
        aliases: dict[str, set[str]] = {}
        for entry in gazetteer.entries:
            for form in (entry.name, *entry.aliases):
                aliases.setdefault(fold(form).casefold(), set()).add(entry.actor.id)
        with self._lock:
            self._aliases = (stamps, aliases)
        return aliases

    def _date_values(self, period: DateRange) -> tuple[str, ...]:
        """Return the date values the passages speak of that overlap ``period``."""
        low = _interval(period.start)[0] if period.start else dt.date.min
        high = _interval(period.end)[1] if period.end else dt.date.max
        values = []
        for value in self._index.get().date_values():
            found = _interval(value)
            if found[0] <= high and low <= found[1]:
                values.append(value)
        return tuple(sorted(values))


_NEVER = (dt.date.max, dt.date.min)  # an interval nothing overlaps


@lru_cache(maxsize=65536)
def _interval(value: str) -> tuple[dt.date, dt.date]:
    from reader.extract.dates_index import value_interval

    found = value_interval(value)
    return found if found is not None else _NEVER


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def _focus(text: str, spans: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """Return the span whose snippet window shows the most different matching words."""
    folded = fold(text)  # same length as the text
    words = [(s, e, folded[s:e].casefold()) for s, e in spans]
    best, shown = None, 0
    for start, end, _word in words:
        low, high = start - SNIPPET_WIDTH // 3, start + SNIPPET_WIDTH * 2 // 3
        seen = {w for s, e, w in words if low <= s and e <= high}
        if len(seen) > shown:
            best, shown = (start, end), len(seen)
    return best


def _hit(found: FoundPassage) -> SearchHit:
    local = [(s - found.start, e - found.start) for s, e in found.matches]
    focus = _focus(found.text, local)
    return SearchHit(
        doc_id=found.doc_id,
        title=found.title,
        passage_index=found.index,
        start=found.start,
        end=found.end,
        score=found.score,
        snippet=tuple(snippet(found.text, local, SNIPPET_WIDTH, focus)),
        matches=found.matches,
    )
