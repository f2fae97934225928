"""Dates in every passage: find date expressions and place them in time (TIMEX3 values).

Rules of our own find the expressions (no model needed; spaCy's DATE spans may be added as
extra candidates). Relative and year-less expressions resolve against the document's
``published`` date; when that is missing or coarser than an expression needs, against the
narrative time: the latest date placed earlier in the text, as HeidelTime does. What cannot be
placed keeps ``value = None``.

Finding depends only on the text; resolution is cheap, so a corrected ``published`` date
re-resolves at once (call again with the new date).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Protocol

from reader.core.dates import DateMention, Granularity, granularity_of
from reader.extract.dates_calendar import Ref, ref_from_value
from reader.extract.dates_candidate import Candidate
from reader.extract.dates_lexicon import sentence_bounds
from reader.extract.dates_scan import find_candidates

# spaCy DATE spans that are spans of time, sets or vague words, not dates.
_NOT_A_DATE_RE = re.compile(
    r"^(?:the\s+)?(?:(?:past|last|next|first|coming|recent|previous|several|few|many)\s+)?"
    r"(?:[0-9]+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|some)?"
    r"[\s-]*(?:days?|weeks?|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?)"
    r"(?:[\s-]+(?:old|long))?$"
    r"|\b(?:every|each|daily|weekly|monthly|yearly|annually|annual)\b"
    r"|\b[0-9a-z]+-(?:days?|weeks?|months?|years?|decades?)\b"
    r"|^(?:spring|summer|autumn|fall|winter)$"
    r"|^(?:now|currently|recently|today['’]s world|the future|the past|once|soon|later)$",
    re.IGNORECASE,
)


class PassageSpan(Protocol):
    """What this module needs of a passage: its offsets and whether it is chrome."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def chrome(self) -> bool: ...


class _Timeline:
    """The published date and the narrative time as the text is read from start to end."""

    def __init__(self, published: str | None) -> None:
        self.published = ref_from_value(published)
        self.narrative: Ref | None = None
        # The last date the text states outright, and where: (document offset, reference).
        self.stated: tuple[int, Ref] | None = None

    def place(
        self, candidate: Candidate, text: str, offset: int, said_on: Ref | None = None
    ) -> str | None:
        """Return the candidate's value and move the narrative time to it.

        ``said_on`` is the day a quoted post or statement was made, when the candidate is a
        weekday inside its quotation: the weekday is placed from that day, not from today.
        """
        if candidate.needs is None:
            value = candidate.fixed_value
        elif said_on is not None:
            value = candidate.resolve(said_on, candidate.tense)
        else:
            ref, speech_time = self._choose(candidate, candidate.needs, text, offset)
            tense = candidate.tense if speech_time else None
            value = candidate.resolve(ref, tense) if ref is not None else None
        placed = ref_from_value(value)
        if placed is not None:
            self.narrative = placed
            if candidate.needs is None:
                self.stated = (offset + candidate.start, placed)
        return value

    def _choose(
        self, candidate: Candidate, needs: Granularity, text: str, offset: int
    ) -> tuple[Ref | None, bool]:
        """Return the reference for a candidate, and whether it is the time of writing."""
        if candidate.anaphoric:
            # "the following year" follows a date of the text; without one it cannot be placed.
            covered = self.narrative is not None and self.narrative.covers(needs)
            return (self.narrative if covered else None), False
        if needs == "year" and candidate.tense != "future" and self.stated is not None:
            # "In 2019, talks began on March 3": a year stated earlier in the sentence wins.
            left, _ = sentence_bounds(text, candidate.start, candidate.end)
            if self.stated[0] >= offset + left:
                return self.stated[1], False
        if self.published is not None and self.published.covers(needs):
            return self.published, True
        # Published is missing or too coarse: the latest date placed earlier in the text.
        if self.narrative is not None and self.narrative.covers(needs):
            return self.narrative, False
        return None, False


def _extra_candidates(
    text: str, spans: Iterable[tuple[int, int]], taken: Sequence[Candidate]
) -> list[DateMention]:
    extras: list[DateMention] = []
    occupied = [(c.start, c.end) for c in taken]
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not 0 <= start < end <= len(text):
            continue
        if any(start < e and s < end for s, e in occupied):
            continue
        phrase = text[start:end]
        if _NOT_A_DATE_RE.search(phrase.strip()) or not phrase.strip():
            continue
        extras.append(DateMention(start, end, phrase, None, "day"))
        occupied.append((start, end))
    return extras


_WEEKDAY_RE = re.compile(r"(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", re.IGNORECASE)


def _inside_quotes(text: str, at: int) -> bool:
    """Tell whether ``at`` lies inside a quotation that opened earlier in the passage."""
    before = text[:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _quoted_weekday(text: str, candidate: Candidate) -> bool:
    """Tell whether a candidate is a weekday inside a quotation ("… on Friday," he wrote)."""
    return (
        candidate.needs == "day"
        and not candidate.anaphoric
        and bool(_WEEKDAY_RE.fullmatch(text[candidate.start : candidate.end]))
        and _inside_quotes(text, candidate.start)
    )


def _said_on(
    text: str, candidate: Candidate, placed: Sequence[tuple[int, str | None]]
) -> Ref | None:
    """Return the day of the quoted post or statement that a quoted weekday belongs to.

    In a post dated May 2 he wrote that he would "see them on Monday": the Monday after the
    post, whatever the day of publication. ``placed`` holds (start, value) of the sentence's
    other dates (placed earlier, or absolute); the first one that is a day is the post's.
    """
    left, right = sentence_bounds(text, candidate.start, candidate.end)
    for start, value in placed:
        if value and len(value) == 10 and left <= start < right and start != candidate.start:
            return ref_from_value(value)
    return None


def _resolve(
    text: str, candidates: Sequence[Candidate], timeline: _Timeline, offset: int
) -> list[DateMention]:
    mentions: list[DateMention] = []
    quoted = {i for i, c in enumerate(candidates) if _quoted_weekday(text, c)}
    absolute = [(c.start, c.fixed_value) for c in candidates if c.needs is None] if quoted else []
    for i, c in enumerate(candidates):
        said_on = None
        if i in quoted:
            known = [(m.start - offset, m.value) for m in mentions] + absolute
            said_on = _said_on(text, c, known)
        mentions.append(_mention(text, c, timeline.place(c, text, offset, said_on), offset))
    # The post's day may come after the quote ("…on Friday," he wrote in a post dated March 4).
    placed = [(m.start - offset, m.value) for m in mentions] if quoted else []
    for i in quoted:
        said_on = _said_on(text, candidates[i], placed)
        if said_on is not None:
            c = candidates[i]
            mentions[i] = _mention(text, c, c.resolve(said_on, c.tense), offset)
    return mentions


def _mention(text: str, c: Candidate, value: str | None, offset: int) -> DateMention:
    span = text[c.start : c.end]
    return DateMention(
        c.start + offset, c.end + offset, span, value, _granularity(c, value), c.mod
    )


def _granularity(candidate: Candidate, value: str | None) -> Granularity:
    return (granularity_of(value) if value else None) or candidate.granularity


def find_dates(
    text: str,
    reference: str | None = None,
    *,
    extra_spans: Iterable[tuple[int, int]] = (),
) -> list[DateMention]:
    """Return the dates of a text (a passage or a whole document), in text order.

    ``reference`` is the document's published date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``,
    or any TIMEX3 value); ``extra_spans`` are more candidate spans, e.g. spaCy's DATE entities,
    kept with ``value = None`` where no rule reads them and they are not spans of time.
    """
    candidates = find_candidates(text)
    mentions = _resolve(text, candidates, _Timeline(reference), 0)
    mentions.extend(_extra_candidates(text, extra_spans, candidates))
    return sorted(mentions, key=lambda m: m.start)


def dates_by_passage(
    text: str,
    passages: Sequence[PassageSpan],
    published: str | None,
    *,
    extra_spans: Iterable[tuple[int, int]] = (),
) -> list[list[DateMention]]:
    """Return the dates of each passage of a document (offsets into ``text``), in order.

    Chrome passages get none. The narrative time runs through the passages in text order.
    ``extra_spans`` are document offsets of more candidates (e.g. spaCy's DATE entities).
    """
    extras = sorted(extra_spans)
    timeline = _Timeline(published)
    result: list[list[DateMention]] = []
    for passage in passages:
        if passage.chrome:
            result.append([])
            continue
        chunk = text[passage.start : passage.end]
        candidates = find_candidates(chunk)
        mentions = _resolve(chunk, candidates, timeline, passage.start)
        # The spans starting in the passage (by bisection: a document has many passages).
        first = bisect_left(extras, (passage.start,))
        last = bisect_left(extras, (passage.end + 1,))
        local = [
            (s - passage.start, e - passage.start)
            for s, e in extras[first:last]
            if e <= passage.end
        ]
        mentions.extend(
            m.shifted(passage.start) for m in _extra_candidates(chunk, local, candidates)
        )
        result.append(sorted(mentions, key=lambda m: m.start))
    return result
