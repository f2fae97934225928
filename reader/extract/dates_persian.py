"""Persian and Dari dates: solar hijri days ("28 بهمن"), weekdays, and deictic words.

Solar hijri dates convert to Gregorian (``dates_calendar.jalali_to_gregorian``); a day without a
year takes the solar year that places it nearest the reference, in the tense's direction.
"""

from __future__ import annotations

import re

from reader.core.dates import Granularity
from reader.extract import dates_resolve as rs
from reader.extract.dates_calendar import day_value, jalali_to_gregorian
from reader.extract.dates_candidate import Builder, Candidate, fixed, tense_of
from reader.extract.dates_lexicon import DIGIT, to_int

# Solar hijri month names: Iranian Persian, then the Dari names used in Afghanistan.
JALALI_MONTHS = {
    "فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5, "شهریور": 6,
    "مهر": 7, "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12,
    "حمل": 1, "ثور": 2, "جوزا": 3, "سرطان": 4, "اسد": 5, "سنبله": 6, "میزان": 7, "عقرب": 8,
    "قوس": 9, "جدی": 10, "دلو": 11, "حوت": 12,
}  # fmt: skip
# Persian deictic expressions: (unit, offset).
PERSIAN_RELATIVE: dict[str, tuple[Granularity, int]] = {
    "امروز": ("day", 0), "دیروز": ("day", -1), "فردا": ("day", 1),
    "هفته آینده": ("week", 1), "هفته بعد": ("week", 1), "هفته گذشته": ("week", -1),
    "هفته پیش": ("week", -1), "این هفته": ("week", 0),
    "ماه آینده": ("month", 1), "ماه گذشته": ("month", -1), "ماه پیش": ("month", -1),
    "سال آینده": ("year", 1), "سال گذشته": ("year", -1), "پارسال": ("year", -1),
    "امسال": ("year", 0),
}  # fmt: skip

# Gregorian month names as Persian and Dari write them.
GREGORIAN_MONTHS = {
    "ژانویه": 1, "جنوری": 1, "فوریه": 2, "فبروری": 2, "مارس": 3, "مارچ": 3, "آوریل": 4,
    "اپریل": 4, "مه": 5, "می": 5, "ژوئن": 6, "جون": 6, "ژوئیه": 7, "جولای": 7, "اوت": 8,
    "آگوست": 8, "اگست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12,
}  # fmt: skip
# Weekdays, 0 = Monday; "سه‌شنبه" is written with a zero-width non-joiner, a space, or neither.
WEEKDAYS = {
    "دوشنبه": 0, "سه‌شنبه": 1, "سه شنبه": 1, "سهشنبه": 1, "چهارشنبه": 2, "چهار شنبه": 2,
    "چهار‌شنبه": 2, "پنجشنبه": 3, "پنج‌شنبه": 3, "پنج شنبه": 3, "جمعه": 4, "شنبه": 5,
    "یکشنبه": 6, "یک‌شنبه": 6, "یک شنبه": 6,
}  # fmt: skip
_PD = f"[{DIGIT}]"
_JALALI = "|".join(sorted(JALALI_MONTHS, key=len, reverse=True))
_GREG = "|".join(sorted(GREGORIAN_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted((k.replace(" ", r"\s+") for k in WEEKDAYS), key=len, reverse=True))
# Persian letters are word characters; the zero-width non-joiner inside words is not.
_EDGE_BEFORE = r"(?<![\w\u200c])"
_EDGE_AFTER = r"(?![\w\u200c])"
_PREL = "|".join(sorted((k.replace(" ", r"\s+") for k in PERSIAN_RELATIVE), key=len, reverse=True))


def _jalali(m: re.Match[str], text: str) -> Candidate | None:
    month, day = JALALI_MONTHS[m["pm"]], to_int(m["d"])
    if m["y"]:
        found = jalali_to_gregorian(to_int(m["y"]), month, day)
        return fixed(m, found.isoformat() if found else None, "day")
    if not 1 <= day <= 31:
        return None
    resolver = rs.jalali_day(month, day)
    return Candidate(m.start(), m.end(), "day", resolver, "year", tense=tense_of(m, text))


def _gregorian(m: re.Match[str], text: str) -> Candidate | None:
    month, day = GREGORIAN_MONTHS[m["gm"]], to_int(m["d"])
    if m["y"]:
        return fixed(m, day_value(to_int(m["y"]), month, day), "day")
    if day_value(2000, month, day) is None:
        return None
    resolver = rs.yearless_day(month, day)
    return Candidate(m.start(), m.end(), "day", resolver, "year", tense=tense_of(m, text))


def _weekday(m: re.Match[str], text: str) -> Candidate | None:
    resolver = rs.weekday(WEEKDAYS[re.sub(r"\s+", " ", m[0])], None)
    return Candidate(m.start(), m.end(), "day", resolver, "day", tense=tense_of(m, text))


def _persian_relative(m: re.Match[str], _text: str) -> Candidate | None:
    unit, offset = PERSIAN_RELATIVE[re.sub(r"\s+", " ", m[0])]
    resolver = rs.shifted(unit, offset)
    return Candidate(m.start(), m.end(), unit, resolver, needs=unit)


PERSIAN_RULES: tuple[tuple[str, Builder], ...] = (
    (
        r"(?<![0-9۰-۹٠-٩])(?P<d>" + _PD + r"{1,2})\s+(?P<pm>" + _JALALI + r")(?!\w)"
        r"(?:\s+(?:ماه\s+)?(?P<y>" + _PD + r"{4}))?",
        _jalali,
    ),
    (
        r"(?<![0-9۰-۹٠-٩])(?P<d>"
        + _PD
        + r"{1,2})\s+(?P<gm>"
        + _GREG
        + ")"
        + _EDGE_AFTER
        + r"(?:\s+(?P<y>"
        + _PD
        + r"{4}))?",
        _gregorian,
    ),
    (_EDGE_BEFORE + "(?:" + _WEEKDAY + ")" + _EDGE_AFTER, _weekday),
    (_EDGE_BEFORE + "(?:" + _PREL + ")" + _EDGE_AFTER, _persian_relative),
)
