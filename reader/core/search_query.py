"""The library search's query language: parsed into a ``Query``, or a ``QueryError`` that says
what is wrong.

Words must all match (accents and case folded, English stemming); ``"exact phrases"``; ``OR``
between two words or phrases (it binds tighter than the implicit AND, so ``a b OR c`` is
``a AND (b OR c)``); ``-exclusion``; ``prefix*``; and filters ``actor:Norway``,
``actor:"United States"``, ``date:2021-08..2022`` (either end optional) and ``doc:ID``. Several
``actor:`` or ``date:`` filters must all hold; several ``doc:`` filters allow any of those
documents. A query of filters alone lists every passage they allow.

Words are kept as the user typed them: folding and stemming belong to the index, which owns
the tokenizer (``reader.index.search``), so that the words and the index never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from reader.core.dates import granularity_of

FILTERS = ("actor", "date", "doc")
TermKind = Literal["word", "prefix", "phrase"]

# A token of the query: a quoted phrase (maybe after "-" or "name:"), or a run of non-blanks.
_TOKEN = re.compile(r'\s*(-?)(?:([A-Za-z]+):)?(?:"([^"]*)("?)|([^\s"]+))')
_FILTER_NAME = re.compile(r"^[A-Za-z]+:$")


class QueryError(ValueError):
    """A query that does not parse; the message says why, in the user's words."""


@dataclass(frozen=True)
class Term:
    """A word, a prefix (``talk*``) or a phrase (``"peace talks"``), as typed."""

    kind: TermKind
    text: str


@dataclass(frozen=True)
class DateRange:
    """``date:A..B``: the TIMEX3 values of its ends (``None`` = open); ``date:A`` is A..A."""

    start: str | None
    end: str | None


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match (a group is terms joined by OR), no excluded
    term may, and every filter must hold."""

    text: str
    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    actors: tuple[str, ...] = ()
    dates: tuple[DateRange, ...] = ()
    docs: tuple[str, ...] = ()
    terms: tuple[Term, ...] = field(default=(), compare=False)

    @property
    def has_filters(self) -> bool:
        return bool(self.actors or self.dates or self.docs)


@dataclass
class _Builder:
    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    dates: list[DateRange] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    pending_or: bool = False


def parse_query(text: str) -> Query:
    """Return the query ``text`` stands for; raise ``QueryError`` when it does not parse."""
    builder = _Builder()
    position = 0
    stripped = text.rstrip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None:  # only a lone quote mark is left unmatched by the pattern
            raise QueryError('a quote mark (") is not closed')
        position = match.end()
        _take(builder, match)
    if builder.pending_or:
        raise QueryError("OR must stand between two words or phrases")
    if not builder.groups and not (builder.actors or builder.dates or builder.docs):
        if builder.excluded:
            raise QueryError("a query needs something to find, not only words to exclude")
        raise QueryError("type a word, a phrase or a filter to search for")
    groups = tuple(tuple(g) for g in builder.groups)
    return Query(
        text=text,
        groups=groups,
        excluded=tuple(builder.excluded),
        actors=tuple(builder.actors),
        dates=tuple(builder.dates),
        docs=tuple(builder.docs),
        terms=tuple(t for g in groups for t in g),
    )


def _take(builder: _Builder, match: re.Match[str]) -> None:
    negated, name, quoted, closed, bare = match.groups()
    if quoted is not None and not closed:
        raise QueryError('a quote mark (") is not closed')
    if name is not None:
        value = quoted if quoted is not None else bare
        _take_filter(builder, bool(negated), name, value)
        return
    if bare is not None and _FILTER_NAME.match(bare):  # "actor:" with a blank after it
        _take_filter(builder, bool(negated), bare[:-1], None)
        return
    if bare == "OR" and not negated:
        if not builder.groups or builder.pending_or:
            raise QueryError("OR must stand between two words or phrases")
        builder.pending_or = True
        return
    term = _term(quoted, bare)
    if term is None:
        return  # punctuation alone ("—", "&", a lone "-"): nothing to look for
    if negated:
        if builder.pending_or:
            raise QueryError("OR cannot join an excluded word")
        builder.excluded.append(term)
    elif builder.pending_or:
        builder.groups[-1].append(term)
        builder.pending_or = False
    else:
        builder.groups.append([term])


def _term(quoted: str | None, bare: str | None) -> Term | None:
    if quoted is not None:
        return Term("phrase", quoted.strip()) if has_words(quoted) else None
    assert bare is not None
    if bare.endswith("*"):
        stem = bare.rstrip("*")
        if "*" in stem or not has_words(stem):
            raise QueryError(f"'*' must end a word: {bare!r}")
        return Term("prefix", stem)
    if "*" in bare:
        raise QueryError(f"'*' must end a word: {bare!r}")
    return Term("word", bare) if has_words(bare) else None


def _take_filter(builder: _Builder, negated: bool, name: str, value: str | None) -> None:
    key = name.lower()
    if key not in FILTERS:
        known = ", ".join(f"{f}:" for f in FILTERS)
        raise QueryError(f"unknown filter '{name}:' (the filters are {known})")
    if negated:
        raise QueryError(f"a filter cannot be excluded: -{name}:")
    if builder.pending_or:
        raise QueryError("OR joins words or phrases, not filters")
    value = (value or "").strip()
    if not value:
        raise QueryError(f"'{key}:' needs a value, e.g. {_EXAMPLES[key]}")
    if key == "actor":
        builder.actors.append(value)
    elif key == "doc":
        builder.docs.append(value)
    else:
        builder.dates.append(parse_date_range(value))


_EXAMPLES = {"actor": 'actor:Norway or actor:"United States"', "date": "date:2021-08..2022",
             "doc": "doc:ID"}


def parse_date_range(value: str) -> DateRange:
    """Return the range of ``date:value``: ``A``, ``A..B``, ``A..`` or ``..B``."""
    if ".." in value:
        start, _, end = value.partition("..")
        if ".." in end:
            raise QueryError(f"a date range has one '..': {value!r}")
    else:
        start = end = value
    start, end = start.strip(), end.strip()
    if not start and not end:
        raise QueryError("a date range needs at least one end, e.g. date:2022..")
    for part in (start, end):
        if part and not _is_date(part):
            raise QueryError(
                f"not a date: {part!r} (use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Wnn)"
            )
    return DateRange(start or None, end or None)


def _is_date(value: str) -> bool:
    """Tell whether a range's end is a TIMEX3 value of a real day, week, month…"""
    granularity = granularity_of(value)
    if granularity is None or "/" in value:
        return False
    if granularity == "day":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
    elif granularity == "month":
        return 1 <= int(value[5:7]) <= 12
    elif granularity == "week":
        return 1 <= int(value[6:8]) <= 53
    return True


# Characters that make up words (letters, digits, combining marks); the index's tokenizer has
# the last word on what a word is, this only tells whether there is any word at all.
WORD_PART = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


def has_words(text: str) -> bool:
    """Tell whether ``text`` holds anything to search for (not only blanks or punctuation)."""
    return WORD_PART.search(text) is not None
