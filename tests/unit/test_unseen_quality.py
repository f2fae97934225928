"""Extraction quality on the unseen set (tests/data/unseen/): texts nobody has tuned a rule on.

Written and annotated after the rules and after the held-out set had been used to tune them, so
this is the honest estimate of quality on new text. Prints P/R/F1 (run with ``-s``) for actors
with and without the spaCy model and for dates, and fails below the floors in
tests/data/unseen_floor.json (set just under the first measurement: a regression guard).
"""

from __future__ import annotations

import re

import pytest

from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.gazetteer import load_gazetteer
from reader.extract.model import SpacyModel
from tests.heldout import UNSEEN_FLOOR_FILE, actor_score, date_score, floors, load_unseen


def _extractor(with_model: bool) -> ActorExtractor:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    return ActorExtractor(gazetteer, SpacyModel() if with_model else None)


def test_unseen_gold_is_consistent_with_its_documents() -> None:
    gold = load_unseen()
    assert len(gold) >= 10
    for entry in gold:
        doc = entry.document
        assert entry.reference == doc.meta.published
        words = sum(len(doc.passage_text(p).split()) for p in doc.passages)
        assert 200 <= words <= 400, (doc.id, words)
        assert set(entry.actors) == {p.index for p in doc.passages if not p.chrome}, doc.id
        for index, mentions in entry.dates.items():
            text = re.sub(r"\s+", " ", doc.passage_text(doc.passages[index]))
            for mention in mentions:
                assert mention["text"] in text, (doc.id, index, mention)


@pytest.mark.spacy_model
def test_unseen_actor_quality_with_the_model_meets_the_floor() -> None:
    result = actor_score(load_unseen(), _extractor(with_model=True))
    print(f"\nunseen actors (spaCy + gazetteer + rules): {result.summary()}")
    assert result.f1 >= floors(UNSEEN_FLOOR_FILE)["actors_f1"], result.summary()


def test_unseen_actor_quality_without_the_model_meets_its_floor() -> None:
    result = actor_score(load_unseen(), _extractor(with_model=False))
    print(f"\nunseen actors (gazetteer + rules, no model): {result.summary()}")
    assert result.f1 >= floors(UNSEEN_FLOOR_FILE)["actors_f1_without_model"], result.summary()


def test_unseen_date_quality_meets_the_floor() -> None:
    result = date_score(load_unseen())
    print(f"\nunseen dates: {result.line()}")
    floor = floors(UNSEEN_FLOOR_FILE)
    assert result.precision >= floor["dates_precision"], result.line()
    assert result.recall >= floor["dates_recall"], result.line()
    assert result.f1 >= floor["dates_f1"], result.line()
