"""A horizontal time axis: days to pixels and back, zoom around a point, pan, and calendar ticks.

Time is counted in days as ``date.toordinal()``; a day ``d`` covers ``[ordinal, ordinal + 1)``.
The axis is immutable: zooming and panning return a new one, so a view keeps one value and a
test can check each step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

MIN_DAYS_PER_PX = 1 / 400  # a day at most 400 px wide
MAX_DAYS_PER_PX = 366.0  # a year at least one pixel wide
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FIRST_ORDINAL = dt.date(1, 1, 1).toordinal()
LAST_ORDINAL = dt.date(9999, 12, 31).toordinal()


def day_of(t: float) -> dt.date:
    """Return the day that contains the instant ``t`` (clamped to the calendar)."""
    return dt.date.fromordinal(int(min(max(t, FIRST_ORDINAL), LAST_ORDINAL)))


@dataclass(frozen=True)
class TimeAxis:
    """``start`` (days) at pixel ``left``; ``days_per_px`` days per pixel; ``width`` pixels."""

    start: float
    days_per_px: float
    width: float
    left: float = 0.0

    @classmethod
    def fit(cls, first: dt.date, last: dt.date, width: float, left: float = 0.0) -> TimeAxis:
        """Return an axis that shows ``first``..``last`` with a margin of 3% on each side."""
        lo, hi = first.toordinal(), last.toordinal() + 1
        span = max(hi - lo, 1) * 1.06
        days_per_px = _clamp(span / max(width, 1.0))
        middle = (lo + hi) / 2
        return cls(middle - days_per_px * width / 2, days_per_px, width, left)

    # -- mapping ----------------------------------------------------------------------------
    @property
    def end(self) -> float:
        return self.start + self.days_per_px * self.width

    def x_of(self, t: float | dt.date) -> float:
        """Return the pixel of an instant (days) or of a day's start."""
        days = t.toordinal() if isinstance(t, dt.date) else t
        return self.left + (days - self.start) / self.days_per_px

    def t_at(self, x: float) -> float:
        """Return the instant (days) at pixel ``x``."""
        return self.start + (x - self.left) * self.days_per_px

    def date_at(self, x: float) -> dt.date:
        """Return the day under pixel ``x``."""
        return day_of(self.t_at(x))

    # -- changing the view ----------------------------------------------------------------------
    def zoomed(self, factor: float, around_x: float) -> TimeAxis:
        """Zoom in by ``factor`` (> 1 zooms in) keeping the instant under ``around_x`` in place."""
        pinned = self.t_at(around_x)
        days_per_px = _clamp(self.days_per_px / factor)
        return replace(self, start=pinned - (around_x - self.left) * days_per_px,
                       days_per_px=days_per_px)  # fmt: skip

    def panned(self, dx: float) -> TimeAxis:
        """Move the view so that what was at ``x`` is at ``x + dx`` (a drag of ``dx`` pixels)."""
        return replace(self, start=self.start - dx * self.days_per_px)

    def resized(self, width: float, left: float | None = None) -> TimeAxis:
        """Return the axis at a new width, keeping its start and scale."""
        return replace(self, width=width, left=self.left if left is None else left)

    def showing(self, first: dt.date, last: dt.date) -> TimeAxis:
        """Return an axis of this width and origin showing ``first``..``last``."""
        return TimeAxis.fit(first, last, self.width, self.left)


def _clamp(days_per_px: float) -> float:
    return min(max(days_per_px, MIN_DAYS_PER_PX), MAX_DAYS_PER_PX)


# -- calendar units -----------------------------------------------------------------------------
# (unit, count): a step of the ticks or a bucket of the counts, finest first.
STEPS: tuple[tuple[str, int], ...] = (
    ("day", 1), ("day", 2), ("week", 1), ("month", 1), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50),
    ("year", 100),
)  # fmt: skip
_APPROX_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}


def step_days(step: tuple[str, int]) -> float:
    """Return the length of a step in days (months and years on average)."""
    return _APPROX_DAYS[step[0]] * step[1]


def choose_step(
    days_per_px: float, min_px: float, year_px: float | None = None
) -> tuple[str, int]:
    """Return the finest step at least ``min_px`` pixels wide (``year_px`` for steps of years,
    whose labels are shorter), the coarsest if none is."""
    for step in STEPS:
        wanted = year_px if step[0] == "year" and year_px is not None else min_px
        if step_days(step) / days_per_px >= wanted:
            return step
    return STEPS[-1]


def floor_to(day: dt.date, step: tuple[str, int]) -> dt.date:
    """Return the start of the step that contains ``day`` (weeks start on Monday)."""
    unit, n = step
    if unit == "day":
        return dt.date.fromordinal(day.toordinal() - (day.toordinal() - 1) % n)
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return dt.date(day.year, (day.month - 1) // n * n + 1, 1)
    return dt.date(max(day.year // n * n, 1), 1, 1)


def next_step(day: dt.date, step: tuple[str, int]) -> dt.date | None:
    """Return the start of the step after the one starting at ``day`` (``None`` past 9999)."""
    unit, n = step
    try:
        if unit in ("day", "week"):
            return day + dt.timedelta(days=n * (7 if unit == "week" else 1))
        if unit == "month":
            index = day.year * 12 + day.month - 1 + n
            return dt.date(index // 12, index % 12 + 1, 1)
        return dt.date(day.year + n, 1, 1)
    except (OverflowError, ValueError):
        return None


@dataclass(frozen=True)
class Tick:
    """A tick at the start of a day: its label, and whether it starts a larger unit."""

    day: dt.date
    label: str
    major: bool


def ticks(
    axis: TimeAxis, min_px: float = 64.0, limit: int = 400, year_px: float | None = None
) -> list[Tick]:
    """Return the labelled ticks of the visible span, spaced at least ``min_px`` apart
    (``year_px`` when they are years)."""
    step = choose_step(axis.days_per_px, min_px, year_px)
    day: dt.date | None = floor_to(day_of(axis.start), step)
    out: list[Tick] = []
    while day is not None and day.toordinal() <= axis.end and len(out) < limit:
        out.append(Tick(day, _label(day, step), _is_major(day, step)))
        day = next_step(day, step)
    return out


def _is_major(day: dt.date, step: tuple[str, int]) -> bool:
    unit, n = step
    if unit == "day":
        return day.day == 1
    if unit == "week":
        return day.day <= 7
    if unit == "month":
        return day.month == 1
    return day.year % _MAJOR_YEARS.get(n, 10 * n) == 0


_MAJOR_YEARS = {1: 10, 2: 10, 5: 50, 10: 100, 20: 100, 50: 500, 100: 1000}


def _label(day: dt.date, step: tuple[str, int]) -> str:
    unit = step[0]
    if unit == "year":
        return str(day.year)
    if unit == "month":
        return str(day.year) if day.month == 1 else MONTHS[day.month - 1]
    if day.day == 1 or (unit == "week" and day.day <= 7):
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]}" if unit == "week" else str(day.day)


def describe_step(day: dt.date, step: tuple[str, int]) -> str:
    """Return how people name the step starting at ``day``: "January 2022", "2010s"…"""
    unit, n = step
    if unit == "day" and n == 1:
        return day.strftime("%d %B %Y").lstrip("0")
    if unit in ("day", "week"):
        end = next_step(day, step) or day
        last = end - dt.timedelta(days=1)
        return f"{day.day} {MONTHS[day.month - 1]} – {last.day} {MONTHS[last.month - 1]} " + str(
            last.year
        )
    if unit == "month":
        if n == 1:
            return f"{day.strftime('%B')} {day.year}"
        return f"{MONTHS[day.month - 1]}–{MONTHS[day.month + n - 2]} {day.year}"
    if n == 1:
        return str(day.year)
    return f"{day.year}s" if n == 10 else f"{day.year}–{day.year + n - 1}"
