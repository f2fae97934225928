"""Dates at the week's edges and in quoted posts (issue 24), on sentences of their own."""

from __future__ import annotations

import pytest

from reader.extract.dates import find_dates


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("He confirmed the trip late last week.", "2025-06-08", "2025-W23"),  # a Sunday
        ("She flies to Canberra later this week.", "2025-06-08", "2025-W24"),
        ("This week, the minister met the envoy.", "2025-06-08", "2025-W23"),
        ("She flies to Canberra next week.", "2025-06-08", "2025-W24"),
        ("He confirmed the trip late last week.", "2025-06-05", "2025-W22"),  # a Thursday
        ("We spoke last Wednesday.", "2025-06-05", "2025-06-04"),
        ("It warned last Thursday.", "2025-09-18", "2025-09-11"),
        ("BRUSSELS (Reuters) — Ministers met on Tuesday.", "2025-06-10", "2025-06-10"),
    ],
)
def test_weeks_and_weekdays_around_the_reference(text: str, reference: str, value: str) -> None:
    assert [m.value for m in find_dates(text, reference)] == [value]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            '"We will open the bridge on Friday," he wrote in the post, dated March 4.',
            ["2025-03-07", "2025-03-04"],
        ),
        (
            'In a post dated May 2 he wrote that he would "see them on Monday".',
            ["2025-05-02", "2025-05-05"],
        ),
        ("He said he would see them on Monday.", ["2025-06-09"]),
    ],
)
def test_a_quoted_weekday_is_placed_from_the_posts_day(text: str, values: list[str]) -> None:
    assert [m.value for m in find_dates(text, "2025-06-08")] == values
