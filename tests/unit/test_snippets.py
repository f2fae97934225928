"""Result snippets: a window of the passage around the mentions, mentions emphasised."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.snippets import ELLIPSIS, snippet


def test_a_short_passage_is_whole_with_its_mentions_emphasised() -> None:
    text = "Norway met the Taliban\nin Oslo."
    segments = snippet(text, [(0, 6), (15, 22)])
    assert "".join(t for t, _ in segments) == text.replace("\n", " ")
    assert [t for t, strong in segments if strong] == ["Norway", "Taliban"]


def test_a_long_passage_is_cut_at_words_around_the_first_mention() -> None:
    words = " ".join(f"word{i}" for i in range(200))
    start = words.index("word120")
    segments = snippet(words, [(start, start + 7)], width=80)
    joined = "".join(t for t, _ in segments)
    assert segments[0] == (ELLIPSIS, False) and segments[-1] == (ELLIPSIS, False)
    assert ("word120", True) in segments
    assert len(joined) <= 80 + 2 * len(ELLIPSIS)
    inner = joined.strip(ELLIPSIS)
    assert all(w.startswith("word") and w[4:].isdigit() for w in inner.split())


@given(st.text(min_size=1, max_size=400), st.data())
def test_mentions_inside_the_window_are_kept_exactly(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    segments = snippet(text, [(start, end)], width=120)
    flat = text.replace("\n", " ")
    strong = "".join(t for t, s in segments if s)
    assert strong and strong in flat[start:end]
