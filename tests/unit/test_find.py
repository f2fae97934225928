"""Finding words in a text: accents and case folded, offsets into the text, options."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.find import FindOptions, find_all, fold

TEXT = "Le ministre a rencontré l'Émir à Genève.\nLes TALKS reprendront; talk-show exclu."


def test_accents_and_case_fold_by_default_and_offsets_are_the_text_s() -> None:
    spans = find_all(TEXT, "emir a geneve")
    assert [TEXT[s:e] for s, e in spans] == ["Émir à Genève"]
    assert [TEXT[s:e] for s, e in find_all(TEXT, "RENCONTRE")] == ["rencontré"]


def test_match_case_keeps_case_but_still_folds_accents() -> None:
    assert find_all(TEXT, "talks", FindOptions(match_case=True)) == []
    assert [TEXT[s:e] for s, e in find_all(TEXT, "TALKS", FindOptions(match_case=True))] == [
        "TALKS"
    ]
    assert len(find_all(TEXT, "emir", FindOptions(match_case=True))) == 0
    assert len(find_all(TEXT, "Emir", FindOptions(match_case=True))) == 1


def test_whole_words_only() -> None:
    assert len(find_all(TEXT, "talk")) == 2  # inside "TALKS" and "talk-show"
    assert [TEXT[s:e] for s, e in find_all(TEXT, "talk", FindOptions(whole_word=True))] == [
        "talk"
    ]


def test_a_phrase_runs_over_a_line_break_and_blank_queries_find_nothing() -> None:
    assert [TEXT[s:e] for s, e in find_all(TEXT, "Genève. Les")] == ["Genève.\nLes"]
    assert find_all(TEXT, "   ") == []


def test_characters_that_fold_to_two_stay_themselves() -> None:
    text = "Die Straße und die STRASSE; ﬁnance."
    assert len(find_all(text, "straße")) == 1  # ß has no one-letter fold: it matches itself
    assert len(find_all(text, "strasse")) == 1


@given(st.text(max_size=200))
def test_folding_never_moves_an_offset(text: str) -> None:
    assert len(fold(text)) == len(text)
    assert len(fold(text, FindOptions(match_case=True))) == len(text)


WORDS = st.text(
    st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")), min_size=1, max_size=40
)


@given(WORDS, st.text(max_size=40), st.text(max_size=40))
def test_a_word_is_found_where_it_was_put(word: str, before: str, after: str) -> None:
    text = f"{before} {word} {after}"
    spans = find_all(text, word)
    start = len(before) + 1
    assert any(s <= start < e or s == start for s, e in spans)
