"""Property tests: any text, any reference — offsets hold and the finder never crashes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.dates import GRANULARITIES, MODS, is_valid_value
from reader.core.model import DocId, Passage
from reader.core.text import passage_spans
from reader.extract.dates import dates_by_passage, find_dates

_PIECES = [
    "January", "Sept.", "May", "Tuesday", "last", "next", "week", "year", "the", "early",
    "1990s", "’80s", "2024", "1402", "23", "4th", "–", "-", ",", " ", "\n", "\n\n", "of",
    "ago", "two", "the end of", "spring", "Q4", "century", "19th", "بهمن", "۲۸", "امروز",
    "هفته آینده", "/", ".", "12", "following", "will", "met", "today", "\xa0", "0",
]  # fmt: skip
_texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=30).map(" ".join),
)
_references = st.one_of(
    st.none(),
    st.sampled_from(["2024-01-25", "2022", "2015-05", "0001", "9999-12-31", "0001-01-01", "x"]),
    st.dates().map(lambda d: d.isoformat()),
)


@settings(max_examples=300, deadline=None)
@given(text=_texts, reference=_references)
def test_offsets_hold_and_values_are_well_formed(text: str, reference: str | None) -> None:
    for mention in find_dates(text, reference):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.value is None or is_valid_value(mention.value)
        assert mention.granularity in GRANULARITIES
        assert mention.mod is None or mention.mod in MODS


@settings(max_examples=150, deadline=None)
@given(
    text=_texts,
    reference=_references,
    extra=st.lists(st.tuples(st.integers(-5, 250), st.integers(-5, 250))),
)
def test_passages_never_overlap_and_stay_inside_their_passage(
    text: str, reference: str | None, extra: list[tuple[int, int]]
) -> None:
    spans = passage_spans(text)
    passages = [Passage(DocId("d"), i, s, e, i % 3 == 2) for i, (s, e) in enumerate(spans)]
    found = dates_by_passage(text, passages, reference, extra_spans=extra)
    assert len(found) == len(passages)
    for passage, mentions in zip(passages, found, strict=True):
        if passage.chrome:
            assert mentions == []
        previous_end = passage.start
        for mention in mentions:
            assert passage.start <= mention.start and mention.end <= passage.end
            assert mention.start >= previous_end
            assert text[mention.start : mention.end] == mention.text
            previous_end = mention.end


_EXPRESSIONS = (
    "last May. next May. in July. Sept. 4. Friday, 24 September. Tuesday. last Tuesday. "
    "next week. last year. next year. two days ago. a decade ago. the following century. "
    "last summer. in the winter. the first quarter. last quarter. 28 بهمن. امروز. هفته آینده. "
    "from 1 January to 30 June 9999. February 18-19. December 31-1 January."
)


@pytest.mark.parametrize(
    "reference", ["0001", "0001-01-01", "0001-01", "9999", "9999-12-31", "9999-12", "0001-W01"]
)
def test_the_ends_of_the_calendar_do_not_crash(reference: str) -> None:
    for mention in find_dates(_EXPRESSIONS, reference):
        assert mention.value is None or is_valid_value(mention.value)
