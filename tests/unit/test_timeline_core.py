"""The timeline's pure parts: the axis (dates <-> pixels, zoom, pan, ticks) and the layout."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.timeline import TimelineDocument, TimelineItem, in_time_order, passage_filter
from reader.core.timeline_axis import TimeAxis, choose_step, describe_step, ticks
from reader.core.timeline_layout import lay_out, mark_at, publication_items

D = dt.date


def item(value: str, first: D, last: D, gran: str = "day", doc: str = "a", idx: int = 0,
         start: int = 0) -> TimelineItem:  # fmt: skip
    return TimelineItem(value, first, last, gran, doc, idx, start, start + 4, value)  # type: ignore[arg-type]


def test_axis_maps_days_to_pixels_and_back() -> None:
    axis = TimeAxis.fit(D(2006, 1, 1), D(2024, 12, 31), 1000, left=100)
    assert 100 < axis.x_of(D(2006, 1, 1)) < axis.x_of(D(2024, 12, 31)) < 1100
    for day in (D(2006, 1, 1), D(2015, 6, 30), D(2022, 1, 1), D(2024, 12, 31)):
        x = axis.x_of(day) + 0.01
        assert axis.date_at(x) == day
    # both ends fit with a margin: 2006 and 2024 are seen at a glance
    assert axis.date_at(100) < D(2006, 1, 1) and axis.date_at(1100) > D(2024, 12, 31)


@given(st.dates(D(1, 6, 1), D(9999, 6, 1)), st.floats(0.01, 300))
def test_any_day_maps_back_to_itself(day: D, days_per_px: float) -> None:
    axis = TimeAxis(day.toordinal() - 500 * days_per_px, days_per_px, 1000)
    assert axis.date_at(axis.x_of(day) + min(0.5 / days_per_px, 0.4)) == day


def test_zoom_keeps_the_day_under_the_cursor() -> None:
    axis = TimeAxis.fit(D(2006, 1, 1), D(2024, 12, 31), 1000)
    x = axis.x_of(D(2022, 1, 1))
    zoomed = axis.zoomed(8.0, x)
    assert zoomed.days_per_px == pytest.approx(axis.days_per_px / 8)
    assert zoomed.x_of(D(2022, 1, 1)) == pytest.approx(x)
    back = zoomed.zoomed(1 / 8, x)
    assert back.start == pytest.approx(axis.start) and back.days_per_px == pytest.approx(
        axis.days_per_px
    )


def test_zoom_is_bounded() -> None:
    axis = TimeAxis.fit(D(2022, 1, 1), D(2022, 1, 1), 800)
    assert axis.zoomed(1e9, 400).days_per_px * 400 == pytest.approx(1.0)  # a day is 400 px
    assert axis.zoomed(1e-9, 400).days_per_px == 366.0


def test_pan_moves_what_was_at_x_to_x_plus_dx() -> None:
    axis = TimeAxis.fit(D(2020, 1, 1), D(2024, 1, 1), 1000)
    x = axis.x_of(D(2022, 1, 1))
    assert axis.panned(120).x_of(D(2022, 1, 1)) == pytest.approx(x + 120)
    assert axis.panned(-120).panned(120).start == pytest.approx(axis.start)


def test_ticks_adapt_from_decades_to_days() -> None:
    wide = TimeAxis.fit(D(1900, 1, 1), D(2024, 1, 1), 1000)
    assert choose_step(wide.days_per_px, 64)[0] == "year"
    assert all(t.label.isdigit() and t.day.month == 1 for t in ticks(wide))
    years = TimeAxis.fit(D(2006, 1, 1), D(2024, 12, 31), 1200)
    labels = [t.label for t in ticks(years)]
    assert "2006" in labels and "2024" in labels
    month = TimeAxis.fit(D(2022, 1, 1), D(2022, 1, 14), 1000)
    month_ticks = ticks(month)
    assert choose_step(month.days_per_px, 64)[0] == "day"
    assert "1 Jan 2022" in [t.label for t in month_ticks]
    assert [t.day for t in month_ticks if t.major] == [D(2022, 1, 1)]
    months = TimeAxis.fit(D(2021, 6, 1), D(2022, 6, 1), 1000)
    labels = [t.label for t in ticks(months)]
    assert labels[labels.index("2022") - 1 : labels.index("2022") + 2] == ["Dec", "2022", "Feb"]


def test_steps_are_named_as_people_name_them() -> None:
    assert describe_step(D(2022, 1, 1), ("month", 1)) == "January 2022"
    assert describe_step(D(2022, 1, 1), ("month", 3)) == "Jan–Mar 2022"
    assert describe_step(D(2010, 1, 1), ("year", 10)) == "2010s"
    assert describe_step(D(2022, 1, 5), ("day", 1)) == "5 January 2022"


def test_items_order_by_first_then_last_day() -> None:
    year = item("2022", D(2022, 1, 1), D(2022, 12, 31), "year")
    day = item("2022-01-01", D(2022, 1, 1), D(2022, 1, 1))
    undated = TimelineItem(None, None, None, "day", "a", 0, 0, 1, "then")
    assert in_time_order([year, undated, day]) == (day, year)
    assert passage_filter([year, day], {("a", 0)}, {"b"}) == []


def test_ranges_and_coarse_values_are_spans_days_are_points() -> None:
    axis = TimeAxis.fit(D(2022, 1, 1), D(2022, 3, 31), 900)
    items = [
        item("2022-01-15", D(2022, 1, 15), D(2022, 1, 15)),
        item("2022-02", D(2022, 2, 1), D(2022, 2, 28), "month"),
        item("2022-03-01/2022-03-20", D(2022, 3, 1), D(2022, 3, 20)),
        item("2022-W05", D(2022, 1, 31), D(2022, 2, 6), "week"),
    ]
    marks = {m.label: m for m in lay_out({"a": 1}, items, axis)}
    assert marks["2022-01-15"].kind == "point"
    for value in ("2022-02", "2022-03-01/2022-03-20", "2022-W05"):
        assert marks[value].kind == "span"
    month = marks["2022-02"]
    assert month.x0 == pytest.approx(axis.x_of(D(2022, 2, 1)))
    assert month.x1 == pytest.approx(axis.x_of(D(2022, 3, 1)))
    assert marks["2022-W05"].rank < month.rank  # coarser values are drawn lighter


def test_crowded_dates_become_counts_and_stay_bounded() -> None:
    base = D(2006, 1, 1)
    days = [base + dt.timedelta(days=n) for n in range(6600)]
    items = [item(d.isoformat(), d, d, doc=f"d{n % 50}", idx=n) for n, d in enumerate(days)]
    lanes = {f"d{n}": n + 1 for n in range(50)}
    axis = TimeAxis.fit(D(2006, 1, 1), D(2024, 12, 31), 1100)
    marks = lay_out(lanes, items, axis)
    assert sum(m.count for m in marks) == len(items)  # nothing is lost
    assert all(m.kind == "count" or m.count == 1 for m in marks)
    assert sum(m.kind == "count" for m in marks) > len(marks) / 2
    assert len(marks) < 50 * 1100 / 14 + 50  # bounded by the pixels, not by the dates
    jan = [m for m in lay_out(lanes, items, TimeAxis.fit(D(2022, 1, 1), D(2022, 1, 31), 1100))]
    assert jan and all(m.kind == "point" for m in jan)


def test_a_value_mentioned_in_several_passages_is_one_mark() -> None:
    axis = TimeAxis.fit(D(2022, 1, 1), D(2022, 1, 31), 900)
    items = [item("2022-01-10", D(2022, 1, 10), D(2022, 1, 10), idx=i) for i in range(3)]
    (mark,) = lay_out({"a": 1}, items, axis, current=("a", 2))
    assert mark.count == 3 and mark.current
    assert mark_at([mark], 1, mark.x + 2) is mark and mark_at([mark], 1, mark.x + 40) is None
    assert mark_at([mark], 2, mark.x) is None


def test_the_finest_span_under_the_pointer_wins() -> None:
    axis = TimeAxis.fit(D(2021, 1, 1), D(2022, 12, 31), 1000)
    year = item("2022", D(2022, 1, 1), D(2022, 12, 31), "year")
    month = item("2022-03", D(2022, 3, 1), D(2022, 3, 31), "month")
    marks = lay_out({"a": 1}, [year, month], axis)
    assert mark_at(marks, 1, axis.x_of(D(2022, 3, 15))).label == "2022-03"  # type: ignore[union-attr]
    assert mark_at(marks, 1, axis.x_of(D(2022, 6, 15))).label == "2022"  # type: ignore[union-attr]


def test_publication_dates_have_their_own_lane() -> None:
    docs = [TimelineDocument("a", "A", "2024-01-25", D(2024, 1, 25), D(2024, 1, 25)),
            TimelineDocument("b", "B", None)]  # fmt: skip
    pubs = publication_items(docs)
    assert [(p.doc_id, p.passage_index) for p in pubs] == [("a", -1)]
    axis = TimeAxis.fit(D(2024, 1, 1), D(2024, 2, 1), 800)
    (mark,) = lay_out({"a": 1}, [], axis, publications=pubs)
    assert mark.lane == 0 and mark.kind == "point"


def test_a_typed_period_gives_its_first_and_last_day() -> None:
    from reader.core.timeline import parse_period

    assert parse_period("January 2022") == (D(2022, 1, 1), D(2022, 1, 31))
    assert parse_period("2022-01") == parse_period("jan 2022")
    assert parse_period("2022") == (D(2022, 1, 1), D(2022, 12, 31))
    assert parse_period("2024-02-29") == (D(2024, 2, 29), D(2024, 2, 29))
    assert parse_period("2010s") == (D(2010, 1, 1), D(2019, 12, 31))
    assert parse_period("December 2023") == (D(2023, 12, 1), D(2023, 12, 31))
    for nonsense in ("", "soon", "2022-13", "Smarch 2022", "2023-02-30"):
        assert parse_period(nonsense) is None


def test_every_year_is_labelled_when_years_have_room() -> None:
    axis = TimeAxis.fit(D(2006, 1, 1), D(2024, 12, 31), 900)
    assert [t.label for t in ticks(axis, 90, year_px=42)] == [str(y) for y in range(2005, 2026)]
    assert [t.label for t in ticks(axis, 90)][:2] == ["2005", "2010"]
