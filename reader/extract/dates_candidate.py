"""A date expression found by a rule, before it is placed in time."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.dates import Granularity, Mod
from reader.extract import dates_resolve as rs
from reader.extract.dates_lexicon import tense_near
from reader.extract.dates_resolve import Tense


@dataclass(frozen=True)
class Candidate:
    """A date expression found in a text, not yet placed in time.

    ``needs`` is the fineness of reference the resolver requires (``None``: absolute date);
    an ``anaphoric`` expression ("the following year") is placed against the narrative time.
    """

    start: int
    end: int
    granularity: Granularity
    resolve: rs.Resolver
    needs: Granularity | None = None
    anaphoric: bool = False
    mod: Mod | None = None
    tense: Tense = None
    fixed_value: str | None = None
    month_day: tuple[int, int] | None = None
    month: int | None = None  # a bare month ("June"), which may borrow a year ("June and May 2022")


Builder = Callable[[re.Match[str], str], Candidate | None]


def tense_of(m: re.Match[str], text: str) -> Tense:
    return tense_near(text, m.start(), m.end())


def fixed(m: re.Match[str], value: str | None, granularity: Granularity) -> Candidate | None:
    if value is None:
        return None
    return Candidate(m.start(), m.end(), granularity, rs.fixed(value), fixed_value=value)
