"""Dates in words: every TIMEX3 shape the extractor writes, ranges and qualifiers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.date_words import date_in_words


@pytest.mark.parametrize(
    ("value", "mod", "words"),
    [
        ("2022-01-23", None, "23 January 2022"),
        ("2024-02-01", None, "1 February 2024"),
        ("2022-01-23/2022-01-25", None, "23–25 January 2022"),
        ("2024-01-30/2024-02-02", None, "30 January – 2 February 2024"),
        ("2021-12-30/2022-01-02", None, "30 December 2021 – 2 January 2022"),
        ("2021-01/2021-06", None, "January – June 2021"),
        ("2001/2021", None, "2001–2021"),
        ("2024-W05", None, "week 5 of 2024"),
        ("2020-09", None, "September 2020"),
        ("2023-Q4", None, "the fourth quarter of 2023"),
        ("2023-SU", None, "summer 2023"),
        ("2025-H1", None, "the first half of 2025"),
        ("2025-H2", "END", "the end of the second half of 2025"),
        ("FY2026", None, "fiscal year 2026"),
        ("2025-W11-WE", None, "the weekend of week 11 of 2025"),
        ("2006", None, "2006"),
        ("199", None, "the 1990s"),
        ("199", "START", "the early 1990s"),
        ("199", "MID", "the mid-1990s"),
        ("199", "END", "the late 1990s"),
        ("19", None, "the 20th century"),
        ("20", "START", "the early 21st century"),
        ("2023", "END", "late 2023"),
        ("2020", "MID", "mid-2020"),
        ("2023-05", "APPROX", "around May 2023"),
        ("2023-Q1", "END", "the end of the first quarter of 2023"),
        ("2024-W05", "START", "the start of week 5 of 2024"),
        ("2024-01-25", "END", "the end of 25 January 2024"),
        ("2021-01/2021-06", "MID", "the middle of January – June 2021"),
        ("2024-01-25", "APPROX", "around 25 January 2024"),
    ],
)
def test_values_read_as_words(value: str, mod: str | None, words: str) -> None:
    assert date_in_words(value, mod) == words


def test_no_value_is_no_words_and_an_unknown_shape_is_kept() -> None:
    assert date_in_words(None) == ""
    assert date_in_words("") == ""
    assert date_in_words("2024-13") == "2024-13"
    assert date_in_words("XXXX-WE") == "XXXX-WE"


@given(st.dates(), st.dates())
def test_every_day_range_names_both_ends(a: object, b: object) -> None:
    first, last = sorted([a, b])  # type: ignore[type-var]
    words = date_in_words(f"{first.isoformat()}/{last.isoformat()}")  # type: ignore[attr-defined]
    assert str(last.year) in words  # type: ignore[attr-defined]
    assert str(last.day) in words  # type: ignore[attr-defined]
    assert str(first.day) in words  # type: ignore[attr-defined]
    assert "–" in words
