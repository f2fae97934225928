"""Counts in words: real plurals."""

from __future__ import annotations

import pytest

from reader.core.words import count, plural


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("passage", "passages"),
        ("document", "documents"),
        ("highlight", "highlights"),
        ("note", "notes"),
        ("file", "files"),
        ("warning", "warnings"),
        ("mention", "mentions"),
        ("time", "times"),
        ("entry", "entries"),
        ("day", "days"),
        ("match", "matches"),
    ],
)
def test_plural(noun: str, expected: str) -> None:
    assert plural(noun) == expected


def test_count_is_singular_only_for_one() -> None:
    assert count(1, "passage") == "1 passage"
    assert count(0, "passage") == "0 passages"
    assert count(2, "document") == "2 documents"
    assert count(12345, "highlight") == "12345 highlights"
