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
    label: str  # the value, or the bucket ("January 2022") of a count
    current: bool = False

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
class _Group:
    value: str
    first: dt.date
    last: dt.date
    items: tuple[TimelineItem, ...]

    @property
    def mid(self) -> float:
        return (self.first.toordinal() + self.last.toordinal() + 1) / 2


def publication_items(documents: Iterable[TimelineDocument]) -> list[TimelineItem]:
    """Return each dated document's publication as an item (passage ``-1``: the document)."""
    out = []
    for d in documents:
        if d.published and d.published_first and d.published_last:
            granularity = granularity_of(d.published) or "day"
            out.append(TimelineItem(d.published, d.published_first, d.published_last, granularity,
                                    d.doc_id, -1, 0, 0, "published", d.title))  # fmt: skip
    return out


def lay_out(
    lanes: dict[str, int],
    items: Sequence[TimelineItem],
    axis: TimeAxis,
    current: tuple[str, int] | None = None,
    publications: Sequence[TimelineItem] = (),
) -> list[Mark]:
    """Return the marks of the visible items, spans first (coarsest first), then points and
    counts: the order to paint in (a hit test reads it backwards)."""
    per_lane: dict[int, list[TimelineItem]] = {}
    for item in items:
        if item.doc_id in lanes and _visible(item, axis):
            per_lane.setdefault(lanes[item.doc_id], []).append(item)
    visible_pubs = [p for p in publications if _visible(p, axis)]
    if visible_pubs:
        per_lane[PUBLISHED_LANE] = visible_pubs
    marks: list[Mark] = []
    for lane, found in per_lane.items():
        marks.extend(_lane_marks(lane, found, axis, current))
    marks.sort(key=lambda m: (m.kind != "span", -m.rank if m.kind == "span" else 0, m.x0))
    return marks


def _visible(item: TimelineItem, axis: TimeAxis) -> bool:
    if item.first is None or item.last is None:
        return False
    return item.first.toordinal() <= axis.end and item.last.toordinal() + 1 >= axis.start


def _groups(items: Sequence[TimelineItem]) -> list[_Group]:
    by_value: dict[str, list[TimelineItem]] = {}
    for item in items:
        by_value.setdefault(item.value or "", []).append(item)
    return [
        _Group(value, same[0].first, same[0].last, tuple(same))  # type: ignore[arg-type]
        for value, same in by_value.items()
    ]


def _lane_marks(
    lane: int, items: Sequence[TimelineItem], axis: TimeAxis, current: tuple[str, int] | None
) -> list[Mark]:
    step = choose_step(axis.days_per_px, MIN_BUCKET_PX)
    bucket_px = (_days(step, floor_to(day_of(axis.start), step))) / axis.days_per_px
    spans: list[Mark] = []
    buckets: dict[dt.date, list[_Group]] = {}
    for group in _groups(items):
        width = (group.last.toordinal() + 1 - group.first.toordinal()) / axis.days_per_px
        if group.first != group.last and width >= max(bucket_px, MIN_SPAN_PX):
            spans.append(_mark("span", lane, group, axis, current))
        else:
            buckets.setdefault(floor_to(day_of(group.mid), step), []).append(group)
    marks = spans
    for start, groups in buckets.items():
        if len(groups) == 1:
            group = groups[0]
            width = (group.last.toordinal() + 1 - group.first.toordinal()) / axis.days_per_px
            narrow = group.first == group.last or width < MIN_SPAN_PX
            marks.append(_mark("point" if narrow else "span", lane, group, axis, current))
        else:
            marks.append(_count(lane, start, step, groups, axis, current))
    return marks


def _days(step: tuple[str, int], start: dt.date) -> int:
    following = next_step(start, step)
    return (following.toordinal() - start.toordinal()) if following else 1


def _mark(
    kind: MarkKind, lane: int, group: _Group, axis: TimeAxis, current: tuple[str, int] | None
) -> Mark:
    if kind == "point":
        x0 = x1 = axis.x_of(group.mid)
    else:
        x0, x1 = axis.x_of(group.first), axis.x_of(group.last.toordinal() + 1)
    rank = max(i.rank for i in group.items)
    return Mark(kind, lane, x0, x1, rank, group.items, group.value, _has(group.items, current))


def _count(
    lane: int,
    start: dt.date,
    step: tuple[str, int],
    groups: Sequence[_Group],
    axis: TimeAxis,
    current: tuple[str, int] | None,
) -> Mark:
    items = tuple(sorted((i for g in groups for i in g.items), key=lambda i: (i.first, i.start)))
    end = start.toordinal() + _days(step, start)
    return Mark("count", lane, axis.x_of(start), axis.x_of(end), max(i.rank for i in items),
                items, describe_step(start, step), _has(items, current))  # fmt: skip


def _has(items: Iterable[TimelineItem], current: tuple[str, int] | None) -> bool:
    return current is not None and any((i.doc_id, i.passage_index) == current for i in items)


def mark_at(marks: Sequence[Mark], lane: int, x: float) -> Mark | None:
    """Return the topmost mark on ``lane`` under pixel ``x`` (the finest span, if only spans)."""
    hits = [m for m in marks if m.lane == lane and m.hit(x)]
    if not hits:
        return None
    on_top = [m for m in hits if m.kind != "span"]
    if on_top:
        return min(on_top, key=lambda m: abs(m.x - x))
    return min(hits, key=lambda m: (m.x1 - m.x0, m.rank))
