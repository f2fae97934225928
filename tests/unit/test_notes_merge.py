"""Three-way merge of a document's notes: nothing typed is ever lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.notes_merge import SEPARATOR, merge_notes


def test_changes_to_different_lines_are_combined() -> None:
    base = "one\ntwo\nthree"
    mine = "one, edited\ntwo\nthree"
    theirs = "one\ntwo\nthree, edited elsewhere"
    merged = merge_notes(base, mine, theirs)
    assert merged.clean
    assert merged.text == "one, edited\ntwo\nthree, edited elsewhere"


def test_same_line_changed_on_both_sides_keeps_both() -> None:
    merged = merge_notes("alpha", "alpha beta", "alpha gamma")
    assert not merged.clean
    assert merged.text.startswith("alpha beta")
    assert SEPARATOR in merged.text
    assert "alpha gamma" in merged.text


def test_one_sided_changes_win() -> None:
    assert merge_notes("a", "a", "b").text == "b"
    assert merge_notes("a", "b", "a").text == "b"
    assert merge_notes("", "typed", "").text == "typed"


def test_notes_created_on_both_sides_keep_both() -> None:
    merged = merge_notes("", "mine", "theirs")
    assert "mine" in merged.text and "theirs" in merged.text


words = st.lists(st.sampled_from(["a", "b", "c", "dd", ""]), max_size=6).map("\n".join)


@given(words, words, words)
def test_every_line_typed_by_the_user_survives(base: str, mine: str, theirs: str) -> None:
    merged = merge_notes(base, mine, theirs).text
    kept = merged.splitlines()
    for line in mine.splitlines():
        if line and line not in base.splitlines():
            assert line in kept
