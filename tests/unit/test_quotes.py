"""Finding a typed quote in a document: exact first, then folded typography and spacing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.quotes import find_quote, fold_with_map


def test_exact_matches_are_found_in_order() -> None:
    text = "the cat and the dog and the bird"
    assert find_quote(text, "the") == [(0, 3), (12, 15), (24, 27)]
    assert find_quote(text, "dog") == [(16, 19)]


def test_a_missing_or_blank_quote_matches_nothing() -> None:
    assert find_quote("some text", "absent") == []
    assert find_quote("some text", "   ") == []
    assert find_quote("some text", "") == []


def test_typographic_quotes_and_dashes_fold_to_plain_ones() -> None:
    text = "He said \u201cwe\u2019ll talk\u201d \u2014 and left."
    spans = find_quote(text, '"we\'ll talk" - and')
    assert len(spans) == 1
    start, end = spans[0]
    assert text[start:end] == "\u201cwe\u2019ll talk\u201d \u2014 and"


def test_whitespace_runs_and_line_breaks_match_one_space() -> None:
    text = "peace talks\n   in   Doha were\tlong"
    ((start, end),) = find_quote(text, "talks in Doha were long")
    assert text[start:end] == "talks\n   in   Doha were\tlong"


def test_a_plain_quote_matches_curly_text_and_vice_versa() -> None:
    assert find_quote("it's", "it\u2019s") == [(0, 4)]
    assert find_quote("it\u2019s", "it's") == [(0, 4)]


def test_exact_matches_win_over_folded_ones() -> None:
    text = "don't and don\u2019t"
    assert find_quote(text, "don\u2019t") == [(10, 15)]


@given(st.text(alphabet="ab \n\u2019'\u2014-", max_size=40))
def test_the_fold_map_points_at_the_source_characters(text: str) -> None:
    folded, origin = fold_with_map(text)
    assert len(folded) == len(origin)
    assert origin == sorted(origin)
    for char, index in zip(folded, origin, strict=True):
        source = text[index]
        assert char == source or source.isspace() or not source.isalnum()


@given(
    st.text(alphabet="ab \n\u2019'\"\u201c\u2014-.\u2026", max_size=60),
    st.text(alphabet="ab '\"-.", min_size=1, max_size=8),
)
def test_every_span_found_holds_the_quote_once_folded(text: str, quote: str) -> None:
    from reader.core.quotes import fold

    needle = fold(quote).strip()
    for start, end in find_quote(text, quote):
        assert 0 <= start < end <= len(text)
        assert quote in text[start:end] or needle in fold(text[start:end])
