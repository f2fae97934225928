"""The same event in other documents: for a passage, the passages of other documents that most
likely tell it, best first, with the reasons (``lib.related``).

The index gathers the candidates and what they share (``reader.index.related``: actors as the
user corrected them, dates, the full text's BM25 for the passage's rarer words); the scoring is
pure (``reader.core.related``); this part turns date values into the days they cover, keeps
only the dates precise enough to look candidates up by, and makes the snippets.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reader.core import related as scoring
from reader.core.model import DocId, PassageId, passage_id
from reader.core.snippets import Segment, snippet
from reader.index.related import Gathered, PassageRows, Place
from reader.library.documents import Documents
from reader.library.errors import LibraryError
from reader.library.indexing import IndexHandle

DEFAULT_LIMIT = 10
SNIPPET_WIDTH = 200
LOOKUP_DAYS = 92  # dates up to a quarter wide find candidates; wider ones only score them


@dataclass(frozen=True)
class SharedDate:
    """A date both passages speak of: the value and words here, the value and words there."""

    value: str
    text: str
    other_value: str
    other_text: str


@dataclass(frozen=True)
class RelatedPassage:
    """A passage of another document that most likely tells the same event, and why: the
    actors (ids, rarest first, with their names and kinds there) and dates it shares; the
    spans to mark in it (``marks``) and in the passage read (``source_marks``), in document
    offsets."""

    doc_id: DocId
    title: str
    published: str | None
    passage_index: int
    start: int
    end: int
    score: float
    shared_actors: tuple[str, ...]
    actor_names: tuple[str, ...]
    actor_kinds: tuple[str, ...]
    shared_dates: tuple[SharedDate, ...]
    snippet: tuple[Segment, ...]
    marks: tuple[tuple[int, int], ...]
    source_marks: tuple[tuple[int, int], ...]

    @property
    def passage_id(self) -> PassageId:
        return passage_id(self.doc_id, self.passage_index)

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _ in self.snippet)


class Related:
    """``of(passage_id)``: the passages of other documents about the same event."""

    def __init__(
        self,
        documents: Documents,
        index: IndexHandle,
        ensure_extracted: Callable[[], object],
        build_fulltext: Callable[[], object],
    ) -> None:
        self._documents = documents
        self._index = index
        self._ensure_extracted = ensure_extracted
        self._build_fulltext = build_fulltext
        self._lock = threading.Lock()
        self._sorted: tuple[Sequence[str], list[tuple[dt.date, dt.date, str]]] | None = None

    def of(
        self, passage: str, limit: int = DEFAULT_LIMIT, extract: bool = True
    ) -> list[RelatedPassage]:
        """Return the best ``limit`` passages of other documents (one per document) for the
        passage ``"<doc_id>:<index>"``; raise ``LibraryError`` for a passage that does not
        exist. With ``extract`` every document's actors and the full text are made complete
        first (the command line); the window, which does both in the background, answers from
        what the index holds now."""
        doc_id, index = self._parse(passage)
        if limit <= 0:
            return []
        self._documents.sync_index()
        if extract:
            self._ensure_extracted()
            self._build_fulltext()
        gathered = self._index.get().related(doc_id, index, self._overlapping)
        if gathered is None:
            raise LibraryError(f"{doc_id} has no passage {index} (¶{index + 1})")
        return self._answer(gathered, limit)

    def _parse(self, passage: str) -> tuple[str, int]:
        doc_id, sep, number = passage.rpartition(":")
        if not sep or not number.isdigit():
            raise LibraryError(f"not a passage id: {passage!r} (expected DOC_ID:INDEX)")
        if doc_id not in self._documents:
            raise LibraryError(f"no document with id {doc_id!r} (see 'docs' for the list)")
        return doc_id, int(number)

    def _answer(self, gathered: Gathered, limit: int) -> list[RelatedPassage]:
        source = _evidence(gathered.source)
        weights = {
            a: scoring.rarity(gathered.frequencies.get(a, 0), gathered.passages)
            for a in gathered.source.actors
        }
        candidates = {(c.doc_id, c.index): c for c in gathered.candidates}
        ranked = scoring.rank(source, map(_evidence, candidates.values()), weights, limit)
        places = self._index.get().related_places([(r.doc_id, r.index) for r in ranked])
        out = []
        for found in ranked:
            place = places.get((found.doc_id, found.index))
            if place is not None:
                rows = candidates[(found.doc_id, found.index)]
                out.append(_passage(found, place, rows, gathered.source))
        return out

    # -- dates --------------------------------------------------------------------------------
    def _overlapping(self, here: Sequence[str], values: Sequence[str]) -> list[str]:
        """Return the values (of ``values``, at most ``LOOKUP_DAYS`` wide) whose days overlap
        one of ``here`` that is itself that precise."""
        by_first = self._by_first(values)
        firsts = [v[0] for v in by_first]
        found: set[str] = set()
        for value in here:
            mine = _interval(value)
            if mine is None or (mine[1] - mine[0]).days >= LOOKUP_DAYS:
                continue
            low = bisect.bisect_left(firsts, mine[0] - dt.timedelta(days=LOOKUP_DAYS))
            high = bisect.bisect_right(firsts, mine[1])
            found.update(v for first, last, v in by_first[low:high] if last >= mine[0])
        return sorted(found)

    def _by_first(self, values: Sequence[str]) -> list[tuple[dt.date, dt.date, str]]:
        """Return the narrow values with their days, by first day (kept while the index gives
        the same list)."""
        with self._lock:
            if self._sorted is not None and self._sorted[0] is values:
                return self._sorted[1]
        found = []
        for value in values:
            days = _interval(value)
            if days is not None and (days[1] - days[0]).days < LOOKUP_DAYS:
                found.append((days[0], days[1], value))
        found.sort()
        with self._lock:
            self._sorted = (values, found)
        return found


@lru_cache(maxsize=65536)
def _interval(value: str) -> tuple[dt.date, dt.date] | None:
    from reader.extract.dates_index import value_interval

    return value_interval(value)


def _evidence(rows: PassageRows) -> scoring.PassageEvidence:
    dates = []
    for value, _words, start, end in rows.dates:
        days = _interval(value)
        if days is not None:
            dates.append(scoring.DateValue(value, days[0], days[1], start, end))
    return scoring.PassageEvidence(rows.doc_id, rows.index, rows.actors, tuple(dates), rows.words)


def _passage(
    found: scoring.Related, place: Place, rows: PassageRows, source: PassageRows
) -> RelatedPassage:
    words = {(s, e): w for _v, w, s, e in [*rows.dates, *source.dates]}
    dates = tuple(
        SharedDate(
            d.here.value, words.get((d.here.start, d.here.end), d.here.value),
            d.there.value, words.get((d.there.start, d.there.end), d.there.value),
        )
        for d in found.shared_dates
    )
    marks = _marks(rows, found.shared_actors, {d.there.value for d in found.shared_dates})
    source_marks = _marks(source, found.shared_actors, {d.here.value for d in found.shared_dates})
    local = [(s - place.start, e - place.start) for s, e in marks]
    focus = local[0] if local else None
    return RelatedPassage(
        doc_id=DocId(place.doc_id),
        title=place.title,
        published=place.published,
        passage_index=found.index,
        start=place.start,
        end=place.end,
        score=round(found.score, 3),
        shared_actors=found.shared_actors,
        actor_names=tuple(rows.names.get(a, (a, ""))[0] for a in found.shared_actors),
        actor_kinds=tuple(rows.names.get(a, (a, ""))[1] for a in found.shared_actors),
        shared_dates=dates,
        snippet=tuple(snippet(place.text, local, SNIPPET_WIDTH, focus)),
        marks=marks,
        source_marks=source_marks,
    )


def _marks(
    rows: PassageRows, actors: Sequence[str], values: set[str]
) -> tuple[tuple[int, int], ...]:
    """Return the spans of the shared actors' mentions and the shared dates in a passage."""
    spans = [s for a in actors for s in rows.spans(a)]
    spans += [(s, e) for v, _w, s, e in rows.dates if v in values]
    return tuple(sorted(set(spans)))
