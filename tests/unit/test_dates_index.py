"""Corpus-wide dates: each value's passages in time order, and passages within a period."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.core.model import DocId, DocumentMeta
from reader.corpus.loader import build_document
from reader.extract.dates import dates_by_passage
from reader.extract.dates_index import (
    DocumentDates,
    date_occurrences,
    passages_in_period,
    value_interval,
)


def _results() -> list[DocumentDates]:
    texts = {
        "a": ("In 2006, talks began.\n\nThey met on 23–25 January 2022 in Oslo.", "2022"),
        "b": ("On Tuesday they met.\n\nIn January 2022, again.\n\nMenu", "2018-08-22"),
    }
    results: list[DocumentDates] = []
    for doc_id, (text, published) in texts.items():
        meta = DocumentMeta(
            id=DocId(doc_id), file=f"{doc_id}.txt", title=doc_id, published=published
        )
        doc = build_document(meta, text)
        results.append((doc, dates_by_passage(doc.text, doc.passages, published)))
    return results


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2022-01-23/2022-01-25", dt.date(2022, 1, 23), dt.date(2022, 1, 25)),
        ("2024-W05", dt.date(2024, 1, 29), dt.date(2024, 2, 4)),
        ("2023-Q4", dt.date(2023, 10, 1), dt.date(2023, 12, 31)),
        ("199", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ],
)
def test_value_interval(value: str, first: dt.date, last: dt.date) -> None:
    assert value_interval(value) == (first, last)


def test_each_value_lists_its_passages_in_time_order() -> None:
    index = date_occurrences(_results())
    assert list(index) == ["2006", "2018-08-21", "2022-01", "2022-01-23/2022-01-25"]
    assert [(o.document.id, o.passage.index) for o in index["2022-01"]] == [("b", 1)]


def test_passages_in_a_period() -> None:
    hits = passages_in_period(_results(), dt.date(2022, 1, 24), dt.date(2022, 1, 24))
    assert [(h.document.id, h.passage.index) for h in hits] == [("a", 1), ("b", 1)]
    assert passages_in_period(_results(), dt.date(2010, 1, 1), dt.date(2017, 12, 31)) == []
