"""Corpus-wide: every passage that mentions an actor, in document-date order."""

from __future__ import annotations

from reader.core.model import DocId, Document, DocumentMeta
from reader.corpus.loader import build_document
from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.gazetteer import load_gazetteer
from reader.extract.index import actor_occurrences, all_actors


def _doc(doc_id: str, published: str | None, text: str) -> Document:
    meta = DocumentMeta(id=DocId(doc_id), file=f"{doc_id}.txt", title=doc_id, published=published)
    return build_document(meta, text)


def test_occurrences_follow_document_dates_and_spelling_variants() -> None:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    extractor = ActorExtractor(gazetteer, model=None)
    docs = [
        _doc("undated", None, "Minister Georgi Asatrian spoke."),
        _doc("later", "2024-02", "Minister Georgi Asatryan wrote.\n\nThe Taliban replied."),
        _doc("earlier", "2023", "Minister Georgi Asatrian met the Taliban."),
    ]
    results = extractor.extract_many(docs)
    found = actor_occurrences(results, "georgi-asatrian")
    assert [o.document.id for o in found] == ["earlier", "later", "undated"]
    assert [o.actor.name for o in found] == [
        "Georgi Asatrian",
        "Georgi Asatryan",
        "Georgi Asatrian",
    ]
    assert [o.passage.index for o in actor_occurrences(results, "taliban")] == [0, 1]
    assert all_actors(results)["taliban"][1] == 2
    assert actor_occurrences(results, "nobody") == []
