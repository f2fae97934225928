"""Extraction quality against the gold annotations in tests/data/actors/ (see GUIDELINES.md).

Scored per passage, micro-averaged over (passage, canonical name) pairs; fails below the floor
in tests/data/quality_floor.json and prints P/R/F1 (run with ``-s`` to see them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.gazetteer import load_gazetteer
from reader.extract.model import SpacyModel
from reader.extract.scoring import Pair, Score, score
from reader.library import Library

DATA = Path(__file__).resolve().parents[1] / "data"


def floor(key: str) -> float:
    return float(json.loads((DATA / "quality_floor.json").read_text("utf-8"))["actors"][key])


def gold_files() -> list[dict[str, object]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted((DATA / "actors").glob("*.json"))]


def evaluate(extractor: ActorExtractor) -> Score:
    library = Library()
    gold: set[Pair] = set()
    predicted: set[Pair] = set()
    for entry in gold_files():
        doc = library.documents.get(str(entry["doc_id"]))
        result = extractor.extract(doc)
        passages = entry["passages"]
        assert isinstance(passages, dict)
        for index, names in passages.items():
            key = f"{doc.id}:{index}"
            gold |= {(key, n) for n in names}
            predicted |= {(key, am.actor.name) for am in result.passages[int(index)].actors}
    return score(gold, predicted)


def test_gold_covers_at_least_three_documents_and_every_body_passage() -> None:
    library = Library()
    files = gold_files()
    assert len(files) >= 3
    for entry in files:
        doc = library.documents.get(str(entry["doc_id"]))
        passages = entry["passages"]
        assert isinstance(passages, dict)
        assert {int(i) for i in passages} == {p.index for p in doc.passages if not p.chrome}


@pytest.mark.spacy_model
def test_actor_quality_with_the_model_meets_the_floor() -> None:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    extractor = ActorExtractor(gazetteer, SpacyModel())
    result = evaluate(extractor)
    print(f"\nactors (spaCy + gazetteer + rules): {result.summary()}")
    assert not extractor.reduced_recall
    assert result.f1 >= floor("f1"), result.summary()


def test_actor_quality_without_the_model_meets_its_floor() -> None:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    result = evaluate(ActorExtractor(gazetteer, model=None))
    print(f"\nactors (gazetteer + rules, no model): {result.summary()}")
    assert result.f1 >= floor("f1_without_model"), result.summary()
