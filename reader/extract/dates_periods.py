"""More English date rules: halves, fiscal years, "the end of the year", "May last year",
"June 6 and 7", weekends.

Same shape as :mod:`reader.extract.dates_patterns`: a regular expression and a builder that turns
a match into a :class:`Candidate`. Kept apart to keep modules small.
"""

from __future__ import annotations

import re

from reader.core.dates import Granularity
from reader.extract import dates_resolve as rs
from reader.extract.dates_calendar import day_value
from reader.extract.dates_candidate import Builder, Candidate, fixed, tense_of
from reader.extract.dates_lexicon import MONTH_ANY, SEASONS, month_number

_Y = r"(?P<y>1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?![0-9])"
_HALVES = {"first": 1, "second": 2}
# A year named by reference: "this year" (the time of writing), "that year" / "the following
# year" (the year of the latest date the text placed before: anaphoric).
_YEAR_REF = (
    r"(?P<yr>[Tt]his|[Tt]hat|[Tt]he\s+same|[Tt]he\s+following|[Tt]he\s+next|[Tt]he\s+previous|"
    r"[Tt]he\s+preceding|[Ll]ast|[Nn]ext)\s+year\b"
)
_YEAR_OFFSETS = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "last": -1}
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _year_ref(m: re.Match[str]) -> tuple[int, bool]:
    """Return the offset in years of a ``_YEAR_REF`` match and whether it is anaphoric."""
    words = m["yr"].lower().split()
    anaphoric = words[0] in ("that", "the")
    return _YEAR_OFFSETS.get(words[-1], 0), anaphoric


def _part_of_year(m: re.Match[str], _text: str) -> Candidate | None:
    """ "the autumn of that year", "the first quarter of this year": one date, not two."""
    offset, anaphoric = _year_ref(m)
    if m["s"]:
        code = SEASONS[m["s"].lower()]
        granularity: Granularity = "season"
        resolver = rs.of_year(offset, lambda y: f"{y:04d}-{code}")
    else:
        quarter = _QUARTER_WORDS[m["q"].lower()]
        granularity = "quarter"
        resolver = rs.of_year(offset, lambda y: f"{y:04d}-Q{quarter}")
    return Candidate(m.start(), m.end(), granularity, resolver, "year", anaphoric=anaphoric)


def _half(m: re.Match[str], _text: str) -> Candidate | None:
    """ "the first half of 2025" = 2025-H1; "the second half of the year" = this year's H2."""
    half = _HALVES[m["h"].lower()]
    if m["y"]:
        return fixed(m, f"{int(m['y']):04d}-H{half}", "quarter")
    return Candidate(m.start(), m.end(), "quarter", rs.half_of_year(half), needs="year")


def _fiscal_year(m: re.Match[str], _text: str) -> Candidate | None:
    """ "fiscal year 2026", "fiscal 2026", "FY2026" = FY2026 (TimeML's fiscal-year value)."""
    return fixed(m, f"FY{int(m['y']):04d}", "year")


def _part_of_unit(m: re.Match[str], _text: str) -> Candidate | None:
    """ "(the end of) the year" = this year, "(by the end of) the decade" = this decade: the
    qualifier is added as ``mod`` by the scanner."""
    units: dict[str, Granularity] = {
        "year": "year", "month": "month", "decade": "decade", "century": "century"
    }  # fmt: skip
    unit = units[m["unit"].lower()]
    return Candidate(m.start("core"), m.end(), unit, rs.shifted(unit, 0), needs=unit)


def _in_relative_year(m: re.Match[str], text: str) -> Candidate | None:
    """ "October 7 last year", "August last year", "May next year": one date, not two."""
    offset = {"last": -1, "next": 1, "this": 0}[m["rel"].lower()]
    month = month_number(m["m"])
    day = int(m["d"]) if m["d"] else None
    if day is not None and day_value(2000, month, day) is None:
        return None
    granularity: Granularity = "day" if day is not None else "month"
    resolver = rs.in_relative_year(month, day, offset)
    return Candidate(m.start(), m.end(), granularity, resolver, needs="year")


def _second_day(m: re.Match[str], text: str) -> Candidate | None:
    """The "7" of "June 6 and 7": a day of the month named just before."""
    month, day = month_number(m["m"]), int(m["d2"])
    if day_value(2000, month, day) is None:
        return None
    resolver = rs.yearless_day(month, day)
    tense = tense_of(m, text)
    return Candidate(
        m.start("d2"), m.end("d2"), "day", resolver, "year", tense=tense, month_day=(month, day)
    )


def _weekend(m: re.Match[str], text: str) -> Candidate | None:
    """ "at the weekend", "this weekend", "last weekend": TimeML's ``YYYY-Www-WE``."""
    rel = (m["rel"] or "").lower()
    relation: rs.Relation = "last" if rel in ("last", "past") else "next" if rel == "next" else None
    if rel == "this":
        relation = "this"
    if rel == "the" and not re.search(r"\b(?:at|over|on|during|by)\s+$", text[: m.start()]):
        return None  # "the weekend" as a subject is usually a generic span of time
    resolver = rs.weekend(relation)
    return Candidate(m.start(), m.end(), "week", resolver, "day", tense=tense_of(m, text))


PERIOD_RULES: tuple[tuple[str, Builder], ...] = (
    (
        r"\b(?:[Tt]he\s+)?(?:(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)|"
        r"(?P<q>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth)\s+quarter)\s+of\s+" + _YEAR_REF,
        _part_of_year,
    ),
    (
        r"\b(?:[Tt]he\s+)?(?P<h>[Ff]irst|[Ss]econd)\s+half\s+of\s+(?:(?:the|this)\s+year\b|"
        + _Y
        + ")",
        _half,
    ),
    # A split fiscal year ("fiscal year 2022/23") is left to the year-range rule.
    (r"\b(?:[Ff]iscal(?:\s+[Yy]ear)?\s+|FY\s?['’]?)" + _Y + r"(?![/–-][0-9])", _fiscal_year),
    (
        r"\b(?:[Ee]nd|[Bb]eginning|[Ss]tart|[Mm]iddle|[Cc]lose)\s+of\s+"
        r"(?P<core>[Tt]he\s+(?P<unit>year|month|decade|century))\b",
        _part_of_unit,
    ),
    (
        r"(?P<m>" + MONTH_ANY + r")(?:\s+(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?)?,?\s+"
        r"(?P<rel>last|next|this)\s+year\b",
        _in_relative_year,
    ),
    (
        r"(?P<m>" + MONTH_ANY + r")\s+[0-3]?[0-9](?:st|nd|rd|th)?\s+(?:and|&)\s+"
        r"(?P<d2>[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9:])",
        _second_day,
    ),
    (r"\b(?P<rel>[Tt]his|[Nn]ext|[Ll]ast|[Pp]ast|[Tt]he)\s+weekend\b", _weekend),
)
