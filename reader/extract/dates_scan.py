"""Scan a text with the date rules: settle overlaps, widen by qualifiers, borrow range years."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from reader.core.dates import GRANULARITY_RANK, Mod
from reader.extract import dates_resolve as rs
from reader.extract.dates_calendar import day_value, month_value
from reader.extract.dates_candidate import Candidate
from reader.extract.dates_lexicon import SET_WORDS, word_before
from reader.extract.dates_patterns import RULES

# Words before a date that qualify it: (pattern ending at the date, mod). Checked in order.
_PREFIX_RULES: tuple[tuple[str, Mod | None], ...] = (
    (r"\b(?:[Tt]he\s+)?(?:very\s+)?(?:[Ee]nd|[Cc]lose)\s+of\s+", "END"),
    (
        r"\b(?:[Tt]he\s+)?(?:very\s+)?(?:[Bb]eginning|[Ss]tart|[Dd]awn|[Oo]utset)\s+of\s+",
        "START",
    ),
    (r"\b(?:[Tt]he\s+)?[Mm]iddle\s+of\s+", "MID"),
    (r"\b(?:[Tt]he\s+)?[Ee]arly(?:\s+in)?[\s-]+", "START"),
    (r"\b(?:[Tt]he\s+)?[Ll]ate(?:\s+in)?[\s-]+", "END"),
    (r"\b(?:[Tt]he\s+)?[Mm]id[\s-]*", "MID"),
    (r"\b(?:[Ee]arlier|[Ll]ater)\s+", None),
    (r"\b(?:[Aa]round|[Cc]irca|[Cc]a?\.|[Aa]pproximately|[Rr]oughly)\s+", "APPROX"),
)
_PREFIXES = tuple((re.compile(pattern + r"$"), mod) for pattern, mod in _PREFIX_RULES)
_COMPILED = tuple((re.compile(pattern), builder) for pattern, builder in RULES)


def _matches(text: str) -> Iterator[tuple[int, Candidate]]:
    for priority, (pattern, builder) in enumerate(_COMPILED):
        for match in pattern.finditer(text):
            if match.end() == match.start():
                continue
            candidate = builder(match, text)
            if candidate is not None:
                yield priority, candidate


def _with_prefix(text: str, candidate: Candidate) -> Candidate:
    if GRANULARITY_RANK[candidate.granularity] < GRANULARITY_RANK["week"]:
        return candidate
    before = text[max(0, candidate.start - 30) : candidate.start]
    for pattern, mod in _PREFIXES:
        found = pattern.search(before)
        if found:
            start = candidate.start - (len(before) - found.start())
            return replace(candidate, start=start, mod=mod or candidate.mod)
    return candidate


_RANGE_LINK_RE = re.compile(r"\s*(?:to|until|till|through|and|[-–—])\s*", re.IGNORECASE)


def _borrow_years(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Give "1 January" in "from 1 January to 30 June 2021" the year of the date it runs to."""
    result = list(candidates)
    for i in range(len(result) - 1, 0, -1):
        first, second = result[i - 1], result[i]
        if (first.month_day is None and first.month is None) or second.fixed_value is None:
            continue
        if GRANULARITY_RANK[second.granularity] > GRANULARITY_RANK["year"]:
            continue  # a decade or century lends no year
        if not second.fixed_value[:4].isdigit():
            continue
        if not _RANGE_LINK_RE.fullmatch(text, first.end, second.start):
            continue
        year = int(second.fixed_value[:4])
        if first.month_day is not None:
            value = day_value(year, *first.month_day)
        else:  # "between June and December 2022", "in January and September 2022"
            value = month_value(year, first.month or 1)
        if value is not None and value <= second.fixed_value[:10]:
            result[i - 1] = replace(first, resolve=rs.fixed(value), needs=None, fixed_value=value)
    return result


def find_candidates(text: str) -> list[Candidate]:
    """Return the date expressions of a text, in text order, none overlapping another."""
    found = sorted(_matches(text), key=lambda pc: (pc[1].start - pc[1].end, pc[1].start, pc[0]))
    taken: list[Candidate] = []
    for _, candidate in found:
        if any(candidate.start < t.end and t.start < candidate.end for t in taken):
            continue
        if word_before(text, candidate.start) in SET_WORDS:
            continue  # "every May" is a set of dates, not a date
        taken.append(candidate)
    widened = _borrow_years(
        text, sorted((_with_prefix(text, c) for c in taken), key=lambda c: c.start)
    )
    return [c for i, c in enumerate(widened) if i == 0 or c.start >= widened[i - 1].end]
