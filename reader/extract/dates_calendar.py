"""Calendar arithmetic for dates: reference points, TIMEX3 values, and the solar hijri calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reader.core.dates import GRANULARITY_RANK, Granularity, granularity_of

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class Ref:
    """A point of reference: the first day of what a value names, and how fine it is."""

    day: dt.date
    granularity: Granularity

    def covers(self, needed: Granularity) -> bool:
        """Tell whether this reference is fine enough for an expression needing ``needed``."""
        return GRANULARITY_RANK[self.granularity] <= GRANULARITY_RANK[needed]


def ref_from_value(value: str | None) -> Ref | None:
    """Return the reference point a TIMEX3 value (or a ``published`` date) names, else ``None``."""
    if not value:
        return None
    head = value.split("/", 1)[0]
    granularity = granularity_of(head)
    try:
        day = _first_day(head, granularity)
    except ValueError:
        return None
    return None if day is None or granularity is None else Ref(day, granularity)


def _first_day(head: str, granularity: Granularity | None) -> dt.date | None:
    if granularity == "day":
        return dt.date.fromisoformat(head)
    if granularity == "week":  # "2025-W11" or its weekend "2025-W11-WE"
        monday = dt.date.fromisocalendar(int(head[:4]), int(head[6:8]), 1)
        return monday + dt.timedelta(days=5) if head.endswith("-WE") else monday
    if granularity == "month":
        return dt.date(int(head[:4]), int(head[5:7]), 1)
    if granularity == "quarter":  # "2025-Q3", or a half year "2025-H2"
        per = 6 if head[5] == "H" else 3
        return dt.date(int(head[:4]), per * int(head[6]) - per + 1, 1)
    if granularity == "season":
        return dt.date(int(head[:4]), SEASON_START[head[5:]], 1)
    if granularity == "year":  # "2025", or a fiscal year "FY2025" (placed at its label's year)
        return dt.date(int(head[-4:]), 1, 1)
    if granularity == "decade":
        return dt.date(max(int(head) * 10, 1), 1, 1)
    if granularity == "century":
        return dt.date(max(int(head) * 100, 1), 1, 1)
    return None


def valid_year(year: int) -> bool:
    """Tell whether a year can be written as a four-digit TIMEX3 value."""
    return 1 <= year <= 9999


def day_value(year: int, month: int, day: int) -> str | None:
    """Return ``YYYY-MM-DD`` for a real calendar day, else ``None``."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def month_value(year: int, month: int) -> str | None:
    """Return ``YYYY-MM``, or ``None`` outside the calendar."""
    return f"{year:04d}-{month:02d}" if valid_year(year) and 1 <= month <= 12 else None


def year_value(year: int) -> str | None:
    """Return ``YYYY``, or ``None`` outside four digits."""
    return f"{year:04d}" if valid_year(year) else None


def week_value(day: dt.date) -> str:
    """Return the ISO week (``YYYY-Www``) that contains ``day``."""
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_value(year: int, quarter: int) -> str | None:
    """Return ``YYYY-Qn``."""
    return f"{year:04d}-Q{quarter}" if valid_year(year) and 1 <= quarter <= 4 else None


def season_of(day: dt.date) -> tuple[int, str]:
    """Return the (year, season code) a day falls in; January and February close last winter."""
    if day.month in (1, 2):
        return day.year - 1, "WI"
    code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[3 * ((day.month) // 3)]
    return day.year, code


def add_months(day: dt.date, months: int) -> dt.date | None:
    """Return the first day of the month ``months`` after ``day``'s month, if in the calendar."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1) if valid_year(year) else None


def add_days(day: dt.date, days: int) -> dt.date | None:
    """Return ``day`` plus ``days``, or ``None`` past the calendar's ends."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


# Years of the 33-year cycle's breaks, from the jalaali algorithm of Borkowski as used by the
# jalaali-js library; valid for solar hijri years -61 to 3177.
_JALALI_BREAKS = (
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
)  # fmt: skip


def _nowruz(jalali_year: int) -> dt.date:
    """Return the Gregorian date of 1 Farvardin (Nowruz) of a solar hijri year."""
    gregorian_year = jalali_year + 621
    leap_j = -14
    previous = _JALALI_BREAKS[0]
    jump = 0
    for brk in _JALALI_BREAKS[1:]:
        jump = brk - previous
        if jalali_year < brk:
            break
        leap_j += (jump // 33) * 8 + (jump % 33) // 4
        previous = brk
    years = jalali_year - previous
    leap_j += (years // 33) * 8 + ((years % 33) + 3) // 4
    if jump % 33 == 4 and jump - years == 4:
        leap_j += 1
    leap_g = gregorian_year // 4 - ((gregorian_year // 100 + 1) * 3) // 4 - 150
    return dt.date(gregorian_year, 3, 20 + leap_j - leap_g)


def jalali_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """Return the Gregorian date of a solar hijri (Persian, Afghan) date, or ``None`` if invalid."""
    if not (_JALALI_BREAKS[0] < year < _JALALI_BREAKS[-1] and 1 <= month <= 12):
        return None
    if not 1 <= day <= (31 if month <= 6 else 30):
        return None
    offset = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    start = _nowruz(year)
    result = start + dt.timedelta(days=offset + day - 1)
    # Esfand 30 exists only in leap years: it must fall before the next Nowruz.
    if month == 12 and day == 30 and result >= _nowruz(year + 1):
        return None
    return result
