"""Turn an underspecified date ("Sept. 4", "last May", "Tuesday", "next week") into a TIMEX3 value.

Every function here takes the reference point chosen by the caller (the published date or the
narrative time) and returns a value, or ``None`` when that reference cannot place the date.
The tense of the sentence ("is set for", "met on") decides between the year before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Literal

from reader.core.dates import Granularity
from reader.extract.dates_calendar import (
    SEASON_START,
    Ref,
    add_days,
    add_months,
    day_value,
    jalali_to_gregorian,
    month_value,
    quarter_value,
    season_of,
    week_value,
    year_value,
)

Tense = Literal["past", "future"] | None
Relation = Literal["last", "next", "this"] | None
# A resolver gets the reference point and the sentence's tense (None when the reference is the
# narrative time: tense says where a date lies from the speaker's now, not from an earlier date).
Resolver = Callable[[Ref, Tense], str | None]
Interval = tuple[dt.date, dt.date]


def ref_end(ref: Ref) -> dt.date:
    """Return the last day of the period a reference names."""
    months = {"month": 1, "quarter": 3, "season": 3, "year": 12, "decade": 120, "century": 1200}
    if ref.granularity == "day":
        return ref.day
    if ref.granularity == "week":
        return ref.day + dt.timedelta(days=6)
    following = add_months(ref.day, months[ref.granularity])
    return (following - dt.timedelta(days=1)) if following else dt.date.max


def choose(options: Sequence[Interval], ref: Ref, tense: Tense, relation: Relation = None) -> int:
    """Return the index of the option that the tense or relation places against the reference.

    Past: the latest that starts by the reference's end; future: the earliest that ends on or
    after its start; "last"/"next": strictly before/after; otherwise the nearest.
    """
    lo, hi = ref.day, ref_end(ref)
    if relation == "last":
        fits = [i for i, (_, end) in enumerate(options) if end < lo]
        return max(fits, key=lambda i: options[i][0]) if fits else -1
    if relation == "next":
        fits = [i for i, (start, _) in enumerate(options) if start > hi]
        return min(fits, key=lambda i: options[i][0]) if fits else -1
    if tense == "past":
        fits = [i for i, (start, _) in enumerate(options) if start <= hi]
        if fits:
            return max(fits, key=lambda i: options[i][0])
    if tense == "future":
        fits = [i for i, (_, end) in enumerate(options) if end >= lo]
        if fits:
            return min(fits, key=lambda i: options[i][0])

    def distance(i: int) -> int:
        start, end = options[i]
        return max((start - hi).days, (lo - end).days, 0)

    return min(range(len(options)), key=distance)


def _years_around(ref: Ref) -> range:
    return range(max(1, ref.day.year - 1), min(9999, ref.day.year + 1) + 1)


def yearless_day(month: int, day: int, named: int | None = None) -> Resolver:
    """Resolve "Sept. 4" / "Friday, 24 September": the year that fits the reference and tense.

    A weekday named with the date (``named``, 0 = Monday) picks the year it falls on, if one does.
    """

    def resolve(ref: Ref, tense: Tense) -> str | None:
        days = [d for y in _years_around(ref) if (d := _date(y, month, day))]
        matching = [d for d in days if d.weekday() == named]
        if matching:
            days = matching
        elif ref.granularity == "year":
            return day_value(ref.day.year, month, day)
        if not days:
            return None
        return days[choose([(d, d) for d in days], ref, tense)].isoformat()

    return resolve


def yearless_range(month: int, day: int, month2: int, day2: int) -> Resolver:
    """Resolve "February 18-19": the start as :func:`yearless_day`, the end after it."""
    start_of = yearless_day(month, day)

    def resolve(ref: Ref, tense: Tense) -> str | None:
        start = start_of(ref, tense)
        if start is None:
            return None
        year = int(start[:4]) + (1 if (month2, day2) < (month, day) else 0)
        end = day_value(year, month2, day2)
        return f"{start}/{end}" if end else None

    return resolve


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_interval(year: int, month: int) -> Interval:
    first = dt.date(year, month, 1)
    following = add_months(first, 1)
    return first, (following - dt.timedelta(days=1)) if following else dt.date.max


def month_in_year(month: int, relation: Relation) -> Resolver:
    """Resolve "July" / "last May" / "next March" against the reference."""

    def resolve(ref: Ref, tense: Tense) -> str | None:
        if relation == "this" or (relation is None and ref.granularity == "year"):
            return month_value(ref.day.year, month)
        years = list(_years_around(ref))
        index = choose([_month_interval(y, month) for y in years], ref, tense, relation)
        return month_value(years[index], month) if index >= 0 else None

    return resolve


def weekday(target: int, relation: Relation) -> Resolver:
    """Resolve "Tuesday" (0 = Monday): the one the tense or relation points at, near the day."""

    def resolve(ref: Ref, tense: Tense) -> str | None:
        base = ref.day
        if relation == "this":
            found = add_days(base, target - base.weekday())
            return found.isoformat() if found else None
        back = (base.weekday() - target) % 7
        options = [d for k in (-back - 7, -back, 7 - back) if (d := add_days(base, k))]
        if back == 0 and relation is None:
            return base.isoformat()
        index = choose([(d, d) for d in options], ref, tense, relation)
        return options[index].isoformat() if index >= 0 else None

    return resolve


def shifted(unit: Granularity, offset: int) -> Resolver:
    """Resolve "next week", "last year", "two days ago", "the previous decade"."""

    def resolve(ref: Ref, tense: Tense) -> str | None:
        base = ref.day
        if unit == "day":
            moved = add_days(base, offset)
            return moved.isoformat() if moved else None
        if unit == "week":
            moved = add_days(base, 7 * offset)
            return week_value(moved) if moved else None
        if unit == "month":
            first = add_months(base, offset)
            return month_value(first.year, first.month) if first else None
        if unit == "quarter":
            first = add_months(base, 3 * offset)
            return quarter_value(first.year, (first.month - 1) // 3 + 1) if first else None
        if unit == "season":
            first = add_months(base, 3 * offset)
            return f"{season_of(first)[0]:04d}-{season_of(first)[1]}" if first else None
        if unit == "year":
            return year_value(base.year + offset)
        if unit == "decade":
            decade = base.year // 10 + offset
            return f"{decade:03d}" if 0 < decade < 1000 else None
        century = base.year // 100 + offset
        return f"{century:02d}" if 0 <= century < 100 else None

    return resolve


def _season_interval(year: int, code: str) -> Interval:
    first = dt.date(year, SEASON_START[code], 1)
    after = add_months(first, 3)
    return first, (after - dt.timedelta(days=1)) if after else dt.date.max


def season(code: str, relation: Relation) -> Resolver:
    """Resolve "last summer", "in the spring": the season's year against the reference."""

    def resolve(ref: Ref, tense: Tense) -> str | None:
        if relation == "this" or (relation is None and ref.granularity == "year"):
            return f"{ref.day.year:04d}-{code}"
        years = list(_years_around(ref))
        index = choose([_season_interval(y, code) for y in years], ref, tense, relation)
        return f"{years[index]:04d}-{code}" if index >= 0 else None

    return resolve


def quarter_in_year(quarter: int) -> Resolver:
    """Resolve "the first quarter" in the reference's year."""
    return lambda ref, _tense: quarter_value(ref.day.year, quarter)


def jalali_day(month: int, day: int) -> Resolver:
    """Resolve a solar hijri day without a year ("28 بهمن") against the reference."""

    def resolve(ref: Ref, tense: Tense) -> str | None:
        base_year = ref.day.year - 621
        days = [
            d
            for y in range(base_year - 1, base_year + 2)
            if (d := jalali_to_gregorian(y, month, day))
        ]
        if not days:
            return None
        index = choose([(d, d) for d in days], ref, tense)
        return days[index].isoformat()

    return resolve


def fixed(value: str | None) -> Resolver:
    """Return a resolver for an absolute date, which needs no reference."""
    return lambda _ref, _tense: value


def half_of_year(half: int) -> Resolver:
    """Resolve "the second half of the year" in the reference's year."""
    return lambda ref, _tense: f"{ref.day.year:04d}-H{half}"


def of_year(offset: int, make: Callable[[int], str | None]) -> Resolver:
    """Resolve "the autumn of that year", "the first quarter of this year": a part of the
    reference's year shifted by ``offset`` years; ``make`` builds the value from the year."""
    return lambda ref, _tense: make(ref.day.year + offset)


def in_relative_year(month: int, day: int | None, offset: int) -> Resolver:
    """Resolve "October 7 last year" / "May next year": a month or day of a shifted year."""

    def resolve(ref: Ref, _tense: Tense) -> str | None:
        year = ref.day.year + offset
        return day_value(year, month, day) if day is not None else month_value(year, month)

    return resolve


def weekend(relation: Relation) -> Resolver:
    """Resolve "at the weekend" / "last weekend": the Saturday–Sunday the tense points at."""

    def resolve(ref: Ref, tense: Tense) -> str | None:
        saturday = add_days(ref.day, 5 - ref.day.weekday())
        if saturday is None:
            return None
        options = [d for k in (-7, 0, 7) if (d := add_days(saturday, k))]
        if relation == "this":
            chosen: dt.date | None = saturday
        else:
            index = choose([(d, d + dt.timedelta(days=1)) for d in options], ref, tense, relation)
            chosen = options[index] if index >= 0 else None
        return f"{week_value(chosen)}-WE" if chosen else None

    return resolve
