"""What the timeline draws: marks per lane, placed by an axis, counted where they crowd.

A lane is a document (lane 0 holds the documents' publication dates). The items of one value
in one lane are one mark. A value narrower than a bucket (a calendar unit at least
``MIN_BUCKET_PX`` wide: a quarter when the whole of 2006–2024 is shown, a day when a month is)
shares its bucket with the other narrow values there: alone it is a point (a day) or a short
span, together they are one count. Wider values (a year seen at the scale of months) are spans,
drawn lighter the coarser they are. So the number of marks grows with the width in pixels, not
with the number of dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from reader.core.dates import granularity_of
from reader.core.timeline import TimelineDocument, TimelineItem
from reader.core.timeline_axis import (
    TimeAxis,
    choose_step,
    day_of,
    describe_step,
    floor_to,
    next_step,
)

MIN_BUCKET_PX = 14.0
MIN_SPAN_PX = 4.0  # narrower than this, a single value is drawn as a point
PUBLISHED_LANE = 0
MarkKind = Literal["point", "span", "count"]


@dataclass(frozen=True)
class Mark:
    """One shape of the plot: ``[x0, x1]`` in pixels on ``lane``, standing for ``items``."""

    kind: MarkKind
    lane: int
    x0: float
    x1: float
    rank: int  # the coarsest granularity's rank among its items (0: days)
    items: tuple[TimelineItem, ...]
    value: str  # the value ("" for a count)
    current: bool = False
    bucket: tuple[int, str, int] = (0, "day", 1)  # a count's bucket: first ordinal and step

    @property
    def label(self) -> str:
        """The value, or how people name a count's bucket ("January 2022")."""
        if self.kind != "count":
            return self.value
        start, unit, n = self.bucket
        if start <= 0:
            return f"{self.count} dates"
        return describe_step(dt.date.fromordinal(start), (unit, n))

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2

    def hit(self, x: float, slack: float = 4.0) -> bool:
        """Tell whether pixel ``x`` falls on the mark (points get ``slack`` pixels each side)."""
        pad = slack if self.kind != "span" else 0.0
        return self.x0 - pad <= x <= self.x1 + pad


@dataclass(frozen=True)
class Group:
    """The items of one value in one lane: what a mark stands for, unless a count takes it."""

    lane: int
    value: str
    lo: int  # the first day's ordinal
    hi: int  # the day after the last day's ordinal
    rank: int
    items: tuple[TimelineItem, ...]
    passages: frozenset[tuple[str, int]]

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    @property
    def one_day(self) -> bool:
        return self.hi - self.lo == 1


def publication_items(documents: Iterable[TimelineDocument]) -> list[TimelineItem]:
    """Return each dated document's publication as an item (passage ``-1``: the document)."""
    out = []
    for d in documents:
        if d.published and d.published_first and d.published_last:
            granularity = granularity_of(d.published) or "day"
            out.append(TimelineItem(d.published, d.published_first, d.published_last, granularity,
                                    d.doc_id, -1, 0, 0, "published", d.title))  # fmt: skip
    return out


def prepare(
    lanes: dict[str, int], items: Sequence[TimelineItem], publications: Sequence[TimelineItem] = ()
) -> list[Group]:
    """Group the dated items by lane and value, once per data (the layout runs at every zoom
    step and only places the groups)."""
    by_key: dict[tuple[int, str], list[TimelineItem]] = {}
    for item in items:
        if item.doc_id in lanes and item.first is not None:
            by_key.setdefault((lanes[item.doc_id], item.value or ""), []).append(item)
    for item in publications:
        if item.first is not None:
            by_key.setdefault((PUBLISHED_LANE, f"{item.value}|{item.doc_id}"), []).append(item)
    groups = []
    for (lane, value), same in by_key.items():
        first, last = same[0].first, same[0].last
        assert first is not None and last is not None
        label = value.split("|", 1)[0]
        groups.append(Group(lane, label, first.toordinal(), last.toordinal() + 1,
                            max(i.rank for i in same), tuple(same),
                            frozenset((i.doc_id, i.passage_index) for i in same)))  # fmt: skip
    groups.sort(key=lambda g: (g.lo, g.hi))
    return groups


def lay_out(
    lanes: dict[str, int],
    items: Sequence[TimelineItem],
    axis: TimeAxis,
    current: tuple[str, int] | None = None,
    publications: Sequence[TimelineItem] = (),
) -> list[Mark]:
    """Return the marks of the visible items (see ``TimelineLayout.marks``)."""
    return TimelineLayout(prepare(lanes, items, publications)).marks(axis, current)


@dataclass(frozen=True)
class _Bucket:
    """The narrow groups of one lane whose middle falls in one step of the calendar."""

    lane: int
    lo: int
    hi: int
    step: tuple[str, int]
    groups: tuple[Group, ...]
    items: tuple[TimelineItem, ...]  # groups in time order, each group's items in text order
    rank: int


class TimelineLayout:
    """Places the groups for an axis. Which groups share a bucket depends only on the step
    (buckets are calendar units, and a group is narrow when it is shorter than its bucket),
    so that partition is computed once per step; a zoom or pan step then only filters and
    places."""

    def __init__(self, groups: Sequence[Group]) -> None:
        self.groups = list(groups)
        self._partitions: dict[tuple[str, int], tuple[list[Group], list[_Bucket]]] = {}

    def _partition(self, step: tuple[str, int]) -> tuple[list[Group], list[_Bucket]]:
        found = self._partitions.get(step)
        if found is not None:
            return found
        bounds: dict[int, tuple[int, int]] = {}  # a day's ordinal -> its bucket's bounds
        spans: list[Group] = []
        by_bucket: dict[tuple[int, int, int], list[Group]] = {}
        for group in self.groups:
            mid = int(group.mid)
            if mid not in bounds:
                first = floor_to(day_of(mid), step)
                after = next_step(first, step)
                bounds[mid] = (first.toordinal(), after.toordinal() if after else mid + 1)
            lo, hi = bounds[mid]
            if not group.one_day and group.hi - group.lo >= hi - lo:
                spans.append(group)
            else:
                by_bucket.setdefault((group.lane, lo, hi), []).append(group)
        buckets = [
            _Bucket(
                lane, lo, hi, step, tuple(found), tuple(i for g in found for i in g.items),
                max(g.rank for g in found),
            )
            for (lane, lo, hi), found in by_bucket.items()
        ]
        self._partitions[step] = (spans, buckets)
        return spans, buckets

    def marks(
        self, axis: TimeAxis, current: tuple[str, int] | None = None, lanes: range | None = None
    ) -> list[Mark]:
        """Return the marks of the visible groups (of ``lanes`` only, if given: those scrolled
        into view), spans first (coarsest first), then points and counts: the order to paint
        in (a hit test reads it backwards)."""
        spans, buckets = self._partition(choose_step(axis.days_per_px, MIN_BUCKET_PX))
        start, end = axis.start, axis.end
        low, high = (lanes.start, lanes.stop) if lanes is not None else (0, 1 << 30)
        marks = [_mark("span", g, axis, current) for g in spans
                 if g.hi >= start and g.lo <= end and low <= g.lane < high]  # fmt: skip
        for bucket in buckets:
            if bucket.hi < start or bucket.lo > end or not low <= bucket.lane < high:
                continue
            if len(bucket.groups) == 1:
                group = bucket.groups[0]
                narrow = group.one_day or (group.hi - group.lo) / axis.days_per_px < MIN_SPAN_PX
                marks.append(_mark("point" if narrow else "span", group, axis, current))
            else:
                marks.append(_count(bucket, axis, current))
        marks.sort(key=lambda m: (m.kind != "span", -m.rank if m.kind == "span" else 0, m.x0))
        return marks


def _mark(kind: MarkKind, group: Group, axis: TimeAxis, current: tuple[str, int] | None) -> Mark:
    if kind == "point":
        x0 = x1 = axis.x_of(group.mid)
    else:
        x0, x1 = axis.x_of(group.lo), axis.x_of(group.hi)
    return Mark(kind, group.lane, x0, x1, group.rank, group.items, group.value,
                current is not None and current in group.passages)  # fmt: skip


def _count(bucket: _Bucket, axis: TimeAxis, current: tuple[str, int] | None) -> Mark:
    now = current is not None and any(current in g.passages for g in bucket.groups)
    return Mark("count", bucket.lane, axis.x_of(bucket.lo), axis.x_of(bucket.hi),
                bucket.rank, bucket.items, "", now,
                (bucket.lo, *bucket.step))  # fmt: skip


def mark_at(marks: Sequence[Mark], lane: int, x: float) -> Mark | None:
    """Return the topmost mark on ``lane`` under pixel ``x`` (the finest span, if only spans)."""
    hits = [m for m in marks if m.lane == lane and m.hit(x)]
    if not hits:
        return None
    on_top = [m for m in hits if m.kind != "span"]
    if on_top:
        return min(on_top, key=lambda m: abs(m.x - x))
    return min(hits, key=lambda m: (m.x1 - m.x0, m.rank))
