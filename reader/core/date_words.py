"""Say a normalised date (a TIMEX3 value) in words: ``2022-01-23/2022-01-25`` → "23–25 January
2022", ``2024-W05`` → "week 5 of 2024", ``199`` with ``START`` → "the early 1990s"."""

from __future__ import annotations

import re

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
QUARTERS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
EN_DASH = "–"

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_WEEKEND = re.compile(r"^(\d{4})-W(\d{2})-WE$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_FISCAL = re.compile(r"^FY(\d{4})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^\d{4}$")
_DECADE = re.compile(r"^\d{3}$")
_CENTURY = re.compile(r"^\d{2}$")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _month_name(number: str) -> str | None:
    index = int(number)
    return MONTHS[index - 1] if 1 <= index <= 12 else None


def _parts(value: str) -> tuple[str, ...] | None:
    """Return (day, month, year) words of a day or month value, or None for other shapes."""
    day = _DAY.match(value)
    if day:
        month = _month_name(day.group(2))
        return None if month is None else (str(int(day.group(3))), month, day.group(1))
    month_match = _MONTH.match(value)
    if month_match:
        month = _month_name(month_match.group(2))
        return None if month is None else (month, month_match.group(1))
    return None


def _single(value: str) -> tuple[str, bool]:
    """Return one value in words, and whether it reads as "the …" (decades, centuries)."""
    parts = _parts(value)
    if parts is not None:
        return " ".join(parts), False
    if m := _WEEK.match(value):
        return f"week {int(m.group(2))} of {m.group(1)}", False
    if m := _WEEKEND.match(value):
        return f"the weekend of week {int(m.group(2))} of {m.group(1)}", True
    if m := _QUARTER.match(value):
        return f"the {QUARTERS[m.group(2)]} quarter of {m.group(1)}", True
    if m := _HALF.match(value):
        return f"the {'first' if m.group(2) == '1' else 'second'} half of {m.group(1)}", True
    if m := _FISCAL.match(value):
        return f"fiscal year {m.group(1)}", False
    if m := _SEASON.match(value):
        return f"{SEASONS[m.group(2)]} {m.group(1)}", False
    if _YEAR.match(value):
        return value, False
    if _DECADE.match(value):
        return f"the {value}0s", True
    if _CENTURY.match(value):
        return f"the {_ordinal(int(value) + 1)} century", True
    return value, False


def _range(first: str, last: str) -> str:
    """Return a range in words, sharing what both ends share ("23–25 January 2022")."""
    a, b = _parts(first), _parts(last)
    if a is not None and b is not None and len(a) == len(b):
        shared = 0
        while shared < len(a) - 1 and a[-1 - shared] == b[-1 - shared]:
            shared += 1
        if shared:
            head_a = " ".join(a[: len(a) - shared])
            head_b = " ".join(b[: len(b) - shared])
            tail = " ".join(a[len(a) - shared :])
            joiner = EN_DASH if shared == len(a) - 1 and len(a) == 3 else f" {EN_DASH} "
            return f"{head_a}{joiner}{head_b} {tail}"
    if _YEAR.match(first) and _YEAR.match(last):
        return f"{first}{EN_DASH}{last}"
    return f"{_single(first)[0]} {EN_DASH} {_single(last)[0]}"


_MOD_WORDS = {"START": "early", "MID": "mid-", "END": "late", "APPROX": "around"}
# For a day, week, quarter, half or range, "early 23 January" reads wrong: say which part.
_MOD_PHRASES = {"START": "the start of", "MID": "the middle of", "END": "the end of"}


def _with_mod(words: str, definite: bool, mod: str, phrase: bool = False) -> str:
    if mod == "APPROX":
        return f"around {words}"
    if phrase and mod in _MOD_PHRASES:
        return f"{_MOD_PHRASES[mod]} {words}"
    word = _MOD_WORDS.get(mod)
    if word is None:
        return words
    if definite and words.startswith("the "):
        rest = words[4:]
        return f"the {word}{rest}" if word.endswith("-") else f"the {word} {rest}"
    return f"{word}{words}" if word.endswith("-") else f"{word} {words}"


def date_in_words(value: str | None, mod: str | None = None) -> str:
    """Return a TIMEX3 value (one value or ``a/b``) in English words; ``""`` for no value.

    ``mod`` (``START``, ``MID``, ``END``, ``APPROX``) qualifies it: "early 2020", "mid-2020",
    "the late 1990s", "around May 2023". A value of an unknown shape is returned as it is.
    """
    if not value:
        return ""
    if "/" in value:
        first, _, last = value.partition("/")
        words, definite, phrase = _range(first, last), False, True
    else:
        words, definite = _single(value)
        parts = (_DAY, _WEEK, _WEEKEND, _QUARTER, _HALF)
        phrase = any(p.match(value) for p in parts)
    return _with_mod(words, definite, mod, phrase) if mod else words
