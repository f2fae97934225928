"""Date quality on the annotated seed documents: per-passage exact values, against a floor."""

from __future__ import annotations

import json
import re

from reader.core.model import Document
from reader.extract.dates import dates_by_passage
from reader.library import Library
from tests.quality_dates import FLOOR_FILE, gold_pairs, load_gold, score_corpus, total


def _predict(document: Document, reference: str | None) -> list[list[str | None]]:
    found = dates_by_passage(document.text, document.passages, reference)
    return [[m.value for m in mentions] for mentions in found]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_gold_is_consistent_with_the_corpus() -> None:
    library = Library()
    gold = load_gold()
    assert len(gold) >= 3
    for entry in gold:
        document = library.documents.get(entry["id"])
        assert entry["reference"] == document.meta.published
        for index, mentions in entry["passages"].items():
            passage = document.passages[int(index)]
            assert not passage.chrome
            for mention in mentions:
                assert _squash(mention["text"]) in _squash(document.passage_text(passage))
    assert sum(sum(gold_pairs(e).values()) for e in gold) >= 30


def test_date_quality_is_above_the_floor() -> None:
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))
    scores = score_corpus(_predict)
    for doc_id, item in scores.items():
        print(f"dates {doc_id}: {item.line()}")
    overall = total(list(scores.values()))
    print(f"dates overall: {overall.line()}")
    assert overall.precision >= floor["precision"]
    assert overall.recall >= floor["recall"]
    assert overall.f1 >= floor["f1"]
