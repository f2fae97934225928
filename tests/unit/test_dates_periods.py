"""Date rules added after measuring the held-out set: general TimeML forms, not held-out phrases."""

from __future__ import annotations

import pytest

from reader.core.dates import is_valid_value
from reader.extract.dates import find_dates


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "Exports fell in the first half of 2021.",
            "2022-05-01",
            [("the first half of 2021", "2021-H1")],
        ),
        (
            "Growth slowed in the second half of the year.",
            "2019-10-01",
            [("the second half of the year", "2019-H2")],
        ),
        ("Funds for fiscal 2019 were cut.", "2018-03-01", [("fiscal 2019", "FY2019")]),
        ("The FY2024 budget passed.", "2023-03-01", [("FY2024", "FY2024")]),
        (
            "It will be ready by the end of the year.",
            "2020-04-02",
            [("the end of the year", "2020")],
        ),
        ("The attack came on May 3 last year.", "2021-06-01", [("May 3 last year", "2020-05-03")]),
        ("Troops left in August last year.", "2021-06-01", [("August last year", "2020-08")]),
        (
            "Talks were held on March 4 and 5.",
            "2021-06-01",
            [("March 4", "2021-03-04"), ("5", "2021-03-05")],
        ),
        (
            "They met between April and July 2017.",
            "2021-06-01",
            [("April", "2017-04"), ("July 2017", "2017-07")],
        ),
        ("Leaders will meet at the weekend.", "2024-05-15", [("the weekend", "2024-W20-WE")]),
        ("Protests spread last weekend.", "2024-05-15", [("last weekend", "2024-W19-WE")]),
        ("At Monday's meeting, ministers agreed.", "2024-05-15", [("Monday", "2024-05-13")]),
        ("The rules must be adopted by June 30.", "2024-09-01", [("June 30", "2025-06-30")]),
        (
            "They enter into force on Friday once they are published.",
            "2024-05-15",
            [("Friday", "2024-05-17")],
        ),
    ],
)
def test_period_rules(text: str, reference: str, expected: list[tuple[str, str]]) -> None:
    found = [(m.text, m.value) for m in find_dates(text, reference)]
    assert found == expected
    assert all(value is not None and is_valid_value(value) for _, value in found)


def test_would_in_reported_speech_points_ahead() -> None:
    found = find_dates("The minister said talks would resume on Tuesday.", "2024-05-15")
    assert [(m.text, m.value) for m in found] == [("Tuesday", "2024-05-21")]


def test_a_weekend_that_is_not_placed_is_no_date() -> None:
    assert find_dates("The weekend is a time for rest.", "2024-05-15") == []


def test_a_split_fiscal_year_stays_a_range() -> None:
    assert [m.value for m in find_dates("fiscal year 2022/23 data", None)] == ["2022/2023"]
