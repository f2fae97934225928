"""Match offsets of a passage: analysing only the words that may match (``match_text``) finds
exactly what analysing every word finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.search_match import CompiledQuery, some_tokens, tokens
from reader.core.search_query import parse_query
from reader.index.fulltext import Analyser

ANALYSE = Analyser()
WORDS = (
    "say", "says", "said", "talks", "talked", "talking", "Talks", "TALKS", "happy", "happiness",
    "école", "ÉCOLE", "ecoles", "Straße", "strasse", "generalisation", "generalise", "relational",
    "relate", "U.S.", "2022", "2022-01", "naïve", "NAIVE", "capability", "capable", "flies",
    "fly", "«talks»", "talks,", "(said)", "re-talk", "co_operate", "operator", "operate",
)
SEPARATORS = (" ", "  ", "\n", " — ", "\u00a0", "\t")
QUERIES = (
    "say", "talk", "happy", "ecole", "strasse", "general*", "relate", "us", "2022", "naive",
    "capable", "fly", "operate", "talk -say", "say OR fly", "tal*", "ÉCOLE", "Straße",
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=30),
    st.sampled_from(QUERIES),
)
def test_analysing_only_likely_words_matches_analysing_every_word(
    words: list[tuple[str, str]], query: str
) -> None:
    text = "".join(w + s for w, s in words)
    compiled = CompiledQuery.of(parse_query(query), ANALYSE)
    every = compiled.match(tokens(text, ANALYSE))
    assert compiled.match_text(text, ANALYSE) == every
    chunks = compiled.candidate_chunks
    assert chunks is not None  # one-word terms: the shortcut is taken, never needs the fallback
    assert compiled.match(some_tokens(text, ANALYSE, chunks)) == every


def test_a_phrase_is_matched_on_every_word() -> None:
    compiled = CompiledQuery.of(parse_query('"peace talks"'), ANALYSE)
    text = "peace and talks; then peace talks, and Peace Talking"
    assert compiled.match_text(text, ANALYSE) == [(22, 33), (39, 52)]
