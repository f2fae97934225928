"""Which passages of other documents most likely tell the same event as the passage read.

Pure scoring over what a passage shares with each candidate (the library gathers both from its
index, ``lib.related``):

- actors, each weighted by its rarity across the library (inverse passage frequency,
  ``ln(N / df)``): a shared "Afghanistan" says little in a library about Afghanistan, a shared
  envoy's name a lot;
- dates, weighted by precision: two dates whose days overlap count by the coarser of the two
  (a shared day more than a shared month, a month more than a year, a decade nearly nothing);
- word similarity: the candidate's BM25 score for the passage's rarer words, as the full-text
  index computes it, relative to the passage's own score for them (0..1).

A candidate is kept only when what it shares is worth ``MIN_SCORE``: about one rare actor, or a
shared day with something else, or near-identical wording. Common actors and common words alone
never reach it, so a passage with nothing real in common is absent: an empty list is an answer.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

DAY_WEIGHT = 3.0  # a shared day: worth an actor found in one passage of twenty
DECADE_DAYS = 3653  # a date this wide (or wider) says nothing of an event
MAX_DATE_SCORE = 2 * DAY_WEIGHT  # a list of shared dates counts no more than two days
WORD_WEIGHT = 4.0  # the candidate scores as well as the passage itself on its rarer words
MIN_SCORE = 3.0


@dataclass(frozen=True)
class DateValue:
    """A date a passage speaks of: its TIMEX3 value, the first and last day it covers, and the
    span of its words in the document."""

    value: str
    first: dt.date
    last: dt.date
    start: int = 0
    end: int = 0

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class PassageEvidence:
    """What is known of one passage for comparing: its actors' ids, its dates, and (for a
    candidate) its word similarity to the passage read, 0..1."""

    doc_id: str
    index: int
    actors: Collection[str]
    dates: tuple[DateValue, ...] = ()
    words: float = 0.0


@dataclass(frozen=True)
class SharedDate:
    """A date of the passage read and a date of the candidate whose days overlap."""

    here: DateValue
    there: DateValue
    weight: float


@dataclass(frozen=True)
class Related:
    """A candidate passage with its score and the reasons: the actors and dates it shares (the
    actors rarest first)."""

    doc_id: str
    index: int
    score: float
    shared_actors: tuple[str, ...]
    shared_dates: tuple[SharedDate, ...]
    words: float


def rarity(passages_with_actor: int, passages: int) -> float:
    """Return an actor's weight: ``ln(N / df)``, 0 for an actor in every passage."""
    if passages_with_actor <= 0 or passages <= 0:
        return 0.0
    return max(0.0, math.log(passages / passages_with_actor))


def precision(days: int) -> float:
    """Return the weight of a shared date that covers ``days`` days: ``DAY_WEIGHT`` for a day,
    falling with the logarithm of the width to 0 at a decade (a month ≈ 1.7, a year ≈ 0.8)."""
    if days <= 1:
        return DAY_WEIGHT
    return max(0.0, DAY_WEIGHT * (1 - math.log(days) / math.log(DECADE_DAYS)))


def shared_dates(here: Sequence[DateValue], there: Sequence[DateValue]) -> list[SharedDate]:
    """Return, for each date of the passage read, its best overlapping date of the candidate
    (weighted by the coarser of the two); dates that overlap nothing are left out."""
    out: list[SharedDate] = []
    for mine in here:
        best: SharedDate | None = None
        for theirs in there:
            if theirs.first > mine.last or mine.first > theirs.last:
                continue
            weight = precision(max(mine.days, theirs.days))
            if weight > 0 and (best is None or weight > best.weight):
                best = SharedDate(mine, theirs, weight)
        if best is not None:
            out.append(best)
    return out


def score(
    source: PassageEvidence, candidate: PassageEvidence, weights: Mapping[str, float]
) -> Related:
    """Return what ``candidate`` shares with ``source`` and its score (``weights``: each actor
    id's rarity)."""
    actors = sorted(
        (a for a in source.actors if a in candidate.actors),
        key=lambda a: (-weights.get(a, 0.0), a),
    )
    dates = shared_dates(_distinct(source.dates), _distinct(candidate.dates))
    total = sum(weights.get(a, 0.0) for a in actors)
    total += min(MAX_DATE_SCORE, sum(d.weight for d in dates))
    total += WORD_WEIGHT * max(0.0, min(1.0, candidate.words))
    return Related(
        candidate.doc_id, candidate.index, total, tuple(actors), tuple(dates), candidate.words
    )


def rank(
    source: PassageEvidence,
    candidates: Iterable[PassageEvidence],
    weights: Mapping[str, float],
    limit: int,
    per_document: int = 1,
) -> list[Related]:
    """Return the best ``limit`` candidates of other documents that reach ``MIN_SCORE``, best
    first, at most ``per_document`` of each document (the reader wants other sources)."""
    scored = [
        score(source, c, weights) for c in candidates if c.doc_id != source.doc_id
    ]
    scored.sort(key=lambda r: (-r.score, r.doc_id, r.index))
    out: list[Related] = []
    taken: dict[str, int] = {}
    for found in scored:
        if found.score < MIN_SCORE or len(out) >= limit:
            break
        if taken.get(found.doc_id, 0) < per_document:
            taken[found.doc_id] = taken.get(found.doc_id, 0) + 1
            out.append(found)
    return out


def _distinct(dates: Sequence[DateValue]) -> list[DateValue]:
    """Return one date per value (a passage that says "12 March" twice shares it once)."""
    seen: dict[str, DateValue] = {}
    for date in dates:
        seen.setdefault(date.value, date)
    return list(seen.values())
