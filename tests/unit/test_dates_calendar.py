"""Calendar arithmetic: TIMEX3 values, reference points, and the solar hijri calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.core.dates import DateMention, granularity_of, is_valid_value
from reader.extract.dates_calendar import jalali_to_gregorian, ref_from_value


@pytest.mark.parametrize(
    ("value", "granularity"),
    [
        ("2023-12-29", "day"),
        ("2024-W05", "week"),
        ("2020-09", "month"),
        ("2023-Q4", "quarter"),
        ("2023-SU", "season"),
        ("2006", "year"),
        ("199", "decade"),
        ("19", "century"),
        ("2022-01-23/2022-01-25", "day"),
    ],
)
def test_granularity_of_values(value: str, granularity: str) -> None:
    assert granularity_of(value) == granularity
    assert is_valid_value(value)


def test_invalid_values() -> None:
    assert granularity_of("PAST_REF") is None
    assert not is_valid_value("2020/2021/2022")


def test_mention_json_round_trip() -> None:
    mention = DateMention(3, 18, "the early 1990s", "199", "decade", "START")
    data = mention.to_json()
    assert data == {
        "start": 3,
        "end": 18,
        "text": "the early 1990s",
        "value": "199",
        "granularity": "decade",
        "mod": "START",
    }
    assert DateMention.from_json(data) == mention


@pytest.mark.parametrize(
    ("value", "day", "granularity"),
    [
        ("2024-01-25", dt.date(2024, 1, 25), "day"),
        ("2024-W05", dt.date(2024, 1, 29), "week"),
        ("2015-05", dt.date(2015, 5, 1), "month"),
        ("2022", dt.date(2022, 1, 1), "year"),
        ("199", dt.date(1990, 1, 1), "decade"),
    ],
)
def test_reference_points(value: str, day: dt.date, granularity: str) -> None:
    ref = ref_from_value(value)
    assert ref is not None
    assert (ref.day, ref.granularity) == (day, granularity)


@pytest.mark.parametrize("value", [None, "", "2024-02-30", "soon", "2024-13"])
def test_no_reference_point(value: str | None) -> None:
    assert ref_from_value(value) is None


@pytest.mark.parametrize(
    ("jalali", "gregorian"),
    [
        ((1402, 11, 28), dt.date(2024, 2, 17)),
        ((1403, 1, 1), dt.date(2024, 3, 20)),
        ((1402, 1, 1), dt.date(2023, 3, 21)),
        ((1399, 12, 30), dt.date(2021, 3, 20)),
        ((1357, 11, 22), dt.date(1979, 2, 11)),
        ((1400, 7, 1), dt.date(2021, 9, 23)),
    ],
)
def test_solar_hijri_to_gregorian(jalali: tuple[int, int, int], gregorian: dt.date) -> None:
    assert jalali_to_gregorian(*jalali) == gregorian


def test_invalid_solar_hijri_dates() -> None:
    assert jalali_to_gregorian(1402, 12, 30) is None  # 1402 is not a leap year
    assert jalali_to_gregorian(1402, 7, 31) is None
    assert jalali_to_gregorian(1402, 13, 1) is None
