"""Find the spans of date expressions in a text and say how each is to be resolved.

Each rule is a regular expression with a builder that turns a match into a :class:`Candidate`:
its span, granularity, and a resolver that needs a reference point of some fineness (or none,
for an absolute date). Overlapping candidates are settled by length, longest first.
"""

from __future__ import annotations

import re

from reader.core.dates import Granularity
from reader.extract import dates_resolve as rs
from reader.extract.dates_calendar import Ref, day_value, month_value, year_value
from reader.extract.dates_candidate import Builder, Candidate, fixed, tense_of
from reader.extract.dates_lexicon import (
    DASH,
    MONTH_ANY,
    MONTH_FULL,
    NUMBERS,
    ORDINALS,
    SEASONS,
    SET_WORDS,
    TRIGGERS,
    WEEKDAY,
    WEEKDAYS,
    month_number,
    word_before,
    year_is_quantity,
)
from reader.extract.dates_periods import PERIOD_RULES
from reader.extract.dates_persian import PERSIAN_RULES
from reader.extract.dates_resolve import Tense

_Y = r"(?<![\w@#/])(?P<{}>1[0-9]{{3}}|20[0-9]{{2}}|21[0-9]{{2}})(?![0-9])"
_D = r"(?<![0-9])(?P<{}>[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9:]|,[0-9]{{3}})"
_M = r"(?P<{}>" + MONTH_ANY + ")"
_WD_PREFIX = r"(?:(?P<wd0>" + WEEKDAY + r"),?\s+)?"


def _y(name: str = "y") -> str:
    return _Y.format(name)


def _d(name: str = "d") -> str:
    return _D.format(name)


def _m(name: str = "m") -> str:
    return _M.format(name)


def _full_date(m: re.Match[str], _text: str) -> Candidate | None:
    value = day_value(int(m["y"]), month_number(m["m"]), int(m["d"]))
    return fixed(m, value, "day")


def _day_range(m: re.Match[str], text: str) -> Candidate | None:
    month = month_number(m["m"])
    month2 = month_number(m["m2"]) if m["m2"] else month
    day, day2 = int(m["d"]), int(m["d2"])
    if m["y"]:
        year = int(m["y"])
        start, end = day_value(year, month, day), day_value(year, month2, day2)
        if start is None or end is None or end <= start:
            return None
        return fixed(m, f"{start}/{end}", "day")
    if day_value(2000, month, day) is None or day_value(2000, month2, day2) is None:
        return None
    resolver = rs.yearless_range(month, day, month2, day2)
    return Candidate(m.start(), m.end(), "day", resolver, "year", tense=tense_of(m, text))


def _yearless_day(m: re.Match[str], text: str) -> Candidate | None:
    month, day = month_number(m["m"]), int(m["d"])
    if day_value(2000, month, day) is None:
        return None
    named = WEEKDAYS[m["wd0"].lower()] if m["wd0"] else None
    resolver = rs.yearless_day(month, day, named)
    tense = tense_of(m, text)
    return Candidate(
        m.start(), m.end(), "day", resolver, "year", tense=tense, month_day=(month, day)
    )


def _month_year(m: re.Match[str], _text: str) -> Candidate | None:
    return fixed(m, month_value(int(m["y"]), month_number(m["m"])), "month")


def _month_range(m: re.Match[str], _text: str) -> Candidate | None:
    year2 = int(m["y2"])
    year = int(m["y"]) if m["y"] else year2
    start = month_value(year, month_number(m["m"]))
    end = month_value(year2, month_number(m["m2"]))
    if start is None or end is None or end <= start:
        return None
    return fixed(m, f"{start}/{end}", "month")


def _relation(word: str | None) -> rs.Relation:
    lowered = (word or "").lower()
    if lowered in ("last", "past", "previous"):
        return "last"
    if lowered in ("next", "coming"):
        return "next"
    return "this" if lowered == "this" else None


def _bare_month(m: re.Match[str], text: str) -> Candidate | None:
    relation = _relation(m["rel"])
    if relation is None and word_before(text, m.start()) not in TRIGGERS:
        return None
    month = month_number(m["m"])
    resolver = rs.month_in_year(month, relation)
    needs: Granularity = "month" if relation else "year"
    bare = None if relation else month
    return Candidate(
        m.start(), m.end(), "month", resolver, needs, tense=tense_of(m, text), month=bare
    )


def _iso_date(m: re.Match[str], _text: str) -> Candidate | None:
    return fixed(m, day_value(int(m["y"]), int(m["mo"]), int(m["d"])), "day")


def _numeric_date(m: re.Match[str], _text: str) -> Candidate | None:
    first, second, year = int(m["a"]), int(m["b"]), int(m["y"])
    # Day first when the first number cannot be a month or the separator is a dot.
    if first > 12 or m["sep"] == ".":
        first, second = second, first
    return fixed(m, day_value(year, first, second), "day")


def _year(m: re.Match[str], text: str) -> Candidate | None:
    if year_is_quantity(text, m.start(), m.end()):
        return None
    return fixed(m, year_value(int(m["y"])), "year")


def _year_range(m: re.Match[str], text: str) -> Candidate | None:
    start = int(m["y"])
    tail = m["y2"]
    end = int(tail) if len(tail) == 4 else start // 100 * 100 + int(tail)
    if end <= start or end - start > 100 or year_is_quantity(text, m.start(), m.end()):
        return None
    return fixed(m, f"{start:04d}/{end:04d}", "year")


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


def _decade(m: re.Match[str], _text: str) -> Candidate | None:
    if m["y"]:
        return fixed(m, m["y"][:3], "decade")
    if m["word"]:
        # "the sixties" of history are the 1900s' (ages are "his sixties", not matched).
        return fixed(m, f"19{_DECADE_WORDS[m['word'].lower()]}", "decade")
    short = int(m["yy"])
    century = 20 if short <= 20 else 19
    return fixed(m, f"{century}{short // 10}", "decade")


def _century(m: re.Match[str], _text: str) -> Candidate | None:
    number = int(m["n"]) if m["n"] else ORDINALS[m["w"].lower().replace("-", " ").replace(" ", "-")]
    return fixed(m, f"{number - 1:02d}", "century") if 1 <= number <= 100 else None


_QUARTERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}


def _quarter(m: re.Match[str], text: str) -> Candidate | None:
    quarter = int(m["q"]) if m["q"] else _QUARTERS[m["qw"].lower()]
    if m["y"]:
        return fixed(m, f"{int(m['y']):04d}-Q{quarter}", "quarter")
    if word_before(text, m.start()) not in TRIGGERS:
        return None
    return Candidate(m.start(), m.end(), "quarter", rs.quarter_in_year(quarter), needs="year")


def _season(m: re.Match[str], text: str) -> Candidate | None:
    code = SEASONS[m["s"].lower()]
    if m["y"]:
        return fixed(m, f"{int(m['y']):04d}-{code}", "season")
    relation = _relation(m["rel"])
    if relation is None:
        # "the Arab Spring", "spring offensive" and "the fall of Kabul" are not dates.
        if m["s"].lower() == "fall" or (m["s"][0].isupper() and not m["the"]):
            return None
        if word_before(text, m.start()) not in TRIGGERS or _modifies_noun(text, m.end()):
            return None
    needs: Granularity = "month" if relation else "year"
    resolver = rs.season(code, relation)
    return Candidate(m.start(), m.end(), "season", resolver, needs, tense=tense_of(m, text))


def _modifies_noun(text: str, end: int) -> bool:
    following = re.match(r"\s+([A-Za-z]+)", text[end : end + 30])
    if following is None:
        return False
    return following.group(1).lower() not in TRIGGERS | {"when", "that", "is", "was"}


def _weekday(m: re.Match[str], text: str) -> Candidate | None:
    relation = _relation(m["rel"])
    before = word_before(text, m.start())
    if relation and before == "the":
        return None  # "the last Tuesday of the month" is a day of a month, not a relative day
    if not relation and _weekday_in_a_name(text, m.start(), m.end(), before):
        return None
    resolver = rs.weekday(WEEKDAYS[m["wd"].lower()], relation)
    return Candidate(m.start(), m.end(), "day", resolver, "day", tense=tense_of(m, text))


def _weekday_in_a_name(text: str, start: int, end: int, before: str) -> bool:
    """Tell whether a weekday is part of a name: "Mr. Friday", "Black Friday", "Sunday Times"."""
    if before in TRIGGERS or (before == "at" and re.match(r"['’]s\b", text[end:])):
        return False  # "on Friday", "At Friday's summit"
    if re.search(r"\b(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+$", text[max(0, start - 6) : start]):
        return True
    if re.search(r"\b[A-Z][\w’']*[ -]$", text[max(0, start - 30) : start]):
        return not re.search(r"[.!?:;\n]\s*\S+\s$", text[max(0, start - 30) : start])
    glued = re.match(r" [A-Z]", text[end:]) is not None
    return glued and before in ("the", "")


_DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _deictic_day(m: re.Match[str], _text: str) -> Candidate | None:
    offset = _DEICTIC_DAYS[m[0].lower()]
    return Candidate(m.start(), m.end(), "day", rs.shifted("day", offset), needs="day")


_UNIT_NEEDS: dict[str, Granularity] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "quarter": "month",
    "season": "month",
    "year": "year",
    "decade": "decade",
    "century": "century",
}


_UNIT_WORDS: dict[str, Granularity] = {
    "day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year",
    "decade": "decade", "century": "century", "centuries": "century",
}  # fmt: skip


def _unit(word: str) -> Granularity:
    word = word.lower()
    return _UNIT_WORDS.get(word) or _UNIT_WORDS[word.rstrip("s")]


def _relative_unit(m: re.Match[str], text: str) -> Candidate | None:
    unit = _unit(m["unit"])
    offset = {"last": -1, "next": 1, "this": 0}[_relation(m["rel"]) or "this"]
    if word_before(text, m.start()) in {"the", "a", *SET_WORDS}:
        return None  # "the last year" and "the next week" are spans of time, not dates
    resolver = _week_from_sunday(offset) if unit == "week" else rs.shifted(unit, offset)
    tense = tense_of(m, text)
    return Candidate(m.start(), m.end(), unit, resolver, needs=_UNIT_NEEDS[unit], tense=tense)


def _week_from_sunday(offset: int) -> rs.Resolver:
    """Resolve "last/this/next week"; written on a Sunday, the weeks are the ones around it.

    Sunday ends its ISO week, so on a Sunday "last week" (and "late last week") is the week that
    is ending and "this week" ("later this week") the one that starts the next day, unless the
    sentence tells of the past ("this week, the minister met …").
    """
    plain = rs.shifted("week", offset)
    moved = rs.shifted("week", offset + 1)

    def resolve(ref: Ref, tense: Tense) -> str | None:
        sunday = ref.granularity == "day" and ref.day.weekday() == 6
        if sunday and (offset < 0 or (offset == 0 and tense != "past")):
            return moved(ref, tense)
        return plain(ref, tense)

    return resolve


_ANAPHORIC = {"previous": -1, "preceding": -1, "prior": -1, "following": 1, "next": 1, "same": 0}


def _anaphoric_unit(m: re.Match[str], _text: str) -> Candidate | None:
    unit = _unit(m["unit"])
    offset = _ANAPHORIC.get((m["arel"] or "same").lower(), 0)
    after = m.groupdict().get("after")
    if after:
        offset = 1 if after.lower() == "after" else -1
    resolver = rs.shifted(unit, offset)
    return Candidate(m.start(), m.end(), unit, resolver, _UNIT_NEEDS[unit], anaphoric=True)


def _ago(m: re.Match[str], _text: str) -> Candidate | None:
    count = m["n"].lower()
    number = int(count) if count.isdigit() else NUMBERS[count]
    unit = _unit(m["unit"])
    sign = -1 if m["dir"].lower() in ("ago", "earlier", "before") else 1
    anaphoric = m["dir"].lower() != "ago"
    resolver = rs.shifted(unit, sign * number)
    return Candidate(m.start(), m.end(), unit, resolver, _UNIT_NEEDS[unit], anaphoric=anaphoric)


_REL = r"(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)"
_UNITS = r"(?P<unit>day|week|month|quarter|year|decade|century)"
_UNITS_PL = r"(?P<unit>days?|weeks?|months?|years?|decades?|centur(?:y|ies))"
_NUM = r"(?P<n>[0-9]{1,3}|(?i:" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + "))"
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))

ENGLISH_RULES: tuple[tuple[str, Builder], ...] = (
    (_WD_PREFIX + r"(?:the\s+)?" + _d() + r"(?:\s+of)?\s+" + _m() + r",?\s+" + _y(), _full_date),
    (_WD_PREFIX + _m() + r"\s+" + _d() + r",?\s+" + _y(), _full_date),
    (_d() + DASH + _d("d2") + r"\s+" + _m() + r"(?:,?\s+" + _y() + r")?(?P<m2>)", _day_range),
    (_m() + r"\s+" + _d() + DASH + _d("d2") + r"(?:,\s*" + _y() + r")?(?P<m2>)", _day_range),
    (
        _d() + r"\s+" + _m() + DASH + _d("d2") + r"\s+" + _m("m2") + r"(?:,?\s+" + _y() + ")?",
        _day_range,
    ),
    (
        _m() + r"\s+" + _d() + DASH + _m("m2") + r"\s+" + _d("d2") + r"(?:,\s*" + _y() + ")?",
        _day_range,
    ),
    (_WD_PREFIX + r"(?:the\s+)?" + _d() + r"(?:\s+of)?\s+" + _m(), _yearless_day),
    (_WD_PREFIX + _m() + r"\s+" + _d(), _yearless_day),
    (_m() + r",?\s+(?:of\s+)?" + _y(), _month_year),
    (_m() + r"(?:\s+" + _y() + ")?" + DASH + _m("m2") + r"\s+" + _y("y2"), _month_range),
    (r"(?:" + _REL + r"\s+)?(?P<m>" + MONTH_FULL + ")", _bare_month),
    (r"(?<![0-9])" + _y() + r"-(?P<mo>[01][0-9])-(?P<d>[0-3][0-9])(?![0-9])", _iso_date),
    (
        r"(?<![0-9/.])(?P<a>[0-3]?[0-9])(?P<sep>[/.])(?P<b>[0-3]?[0-9])(?P=sep)"
        r"(?P<y>[0-9]{4})(?![0-9/])",
        _numeric_date,
    ),
    (_y(), _year),
    (_y() + r"(?:" + DASH + r"|/)(?P<y2>[0-9]{4}|[0-9]{2})(?![0-9])", _year_range),
    (
        r"(?:[Tt]he\s+)?(?:(?P<y>1[0-9]{2}0|20[0-9]0)['’]?s|['’](?P<yy>[0-9]0)s)\b"
        r"|[Tt]he\s+(?P<word>" + "|".join(_DECADE_WORDS) + r")\b",
        _decade,
    ),
    (
        r"(?:[Tt]he\s+)?(?:(?P<n>[0-9]{1,2})(?:st|nd|rd|th)|(?P<w>"
        + _ORD
        + r"))[\s-]+[Cc]entur(?:y|ies)\b",
        _century,
    ),
    (
        r"(?:[Tt]he\s+)?(?:(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
        r"|Q(?P<q>[1-4]))(?:,?\s+(?:of\s+)?" + _y() + r")?\b",
        _quarter,
    ),
    (
        r"(?:(?P<the>[Tt]he)\s+|"
        + _REL
        + r"\s+)?(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
        r"\b(?:,?\s+(?:of\s+)?" + _y() + ")?",
        _season,
    ),
    (
        r"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]revious)\s+)?(?P<wd>" + WEEKDAY + ")",
        _weekday,
    ),
    (r"\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)\b", _deictic_day),
    (r"\b" + _REL + r"\s+" + _UNITS + r"\b", _relative_unit),
    (
        r"\b[Tt]he\s+(?P<arel>previous|preceding|prior|following|next|same)\s+" + _UNITS + r"\b",
        _anaphoric_unit,
    ),
    (r"\b[Tt]hat\s+" + _UNITS + r"\b(?P<arel>)", _anaphoric_unit),
    (
        # Not "the month before announcing": there "before" opens a clause.
        r"\b[Tt]he\s+(?P<unit>day|week|month|year)\s+(?P<after>after|before)\b"
        r"(?!\s+[a-z]+ing\b)(?P<arel>)",
        _anaphoric_unit,
    ),
    (r"\b" + _NUM + r"\s+" + _UNITS_PL + r"\s+(?P<dir>ago|later|earlier)\b", _ago),
)

RULES = ENGLISH_RULES + PERIOD_RULES + PERSIAN_RULES
