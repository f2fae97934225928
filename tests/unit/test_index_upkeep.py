"""The index follows changes: a text edited, metadata corrected, a new extractor, removals."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reader.core.model import DocId, Document, DocumentMeta
from reader.corpus.loader import build_document
from reader.extract.dates import dates_by_passage
from reader.extract.index import all_actors
from reader.index import Stamp
from tests.unit.index_helpers import bundled, filled, open_index, rules_extractor, stamp_of


def _edited(doc: Document, extra: str) -> Document:
    return build_document(doc.meta, doc.text + extra)


def test_an_edited_text_drops_its_results_and_asks_for_extraction(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    index = filled(tmp_path, docs, results, dates)
    assert index.needs_extraction() == []
    edited = _edited(docs[1], "\n\nThe Taliban met Erna Solberg in Oslo.")
    assert index.put_document(edited, "corpus", stamp_of(edited)) is True
    assert index.needs_extraction() == [edited.id]
    assert index.document_actors(edited) is None
    assert index.document_actors(docs[1]) is None  # the old text is gone
    assert index.passage_dates(edited.id) is None
    others = [r for i, r in enumerate(results) if i != 1]
    assert index.actor_counts() == all_actors(others)
    # A result computed on the old text arrives late: refused.
    assert index.put_extraction(results[1], dates[1]) is False
    fresh = rules_extractor().extract(edited)
    fresh_dates = dates_by_passage(edited.text, edited.passages, edited.meta.published)
    assert index.put_extraction(fresh, fresh_dates) is True
    assert index.needs_extraction() == []
    assert index.document_actors(edited) == fresh
    assert index.actor_counts() == all_actors([*others[:1], fresh, *others[1:]])


def test_the_same_text_again_keeps_its_results(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    index = filled(tmp_path, docs, results, dates)
    renamed = dataclasses.replace(docs[0].meta, title="Another title")
    doc = Document(renamed, docs[0].text, docs[0].content_hash, docs[0].passages)
    assert index.put_document(doc, "corpus", Stamp(1, 2, "other")) is False
    assert index.meta(doc.id) == renamed
    assert index.stamps()[doc.id] == Stamp(1, 2, "other")
    assert index.document_actors(doc) == dataclasses.replace(results[0], document=doc)
    assert index.needs_extraction() == [] and index.needs_dates() == []


def test_a_corrected_published_date_asks_for_dates_only(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    index = filled(tmp_path, docs, results, dates)
    meta = dataclasses.replace(docs[3].meta, published="2019-06-01")
    doc = Document(meta, docs[3].text, docs[3].content_hash, docs[3].passages)
    index.put_document(doc, "corpus", stamp_of(doc))
    assert index.needs_extraction() == []
    assert index.needs_dates() == [doc.id]
    assert index.passage_dates(doc.id) is None
    assert index.document_actors(doc) is not None
    placed = dates_by_passage(doc.text, doc.passages, meta.published)
    assert index.put_dates(doc, placed) is True
    assert index.needs_dates() == []
    assert index.passage_dates(doc.id) == placed


def test_a_new_extractor_version_drops_results_but_keeps_documents(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    filled(tmp_path, docs, results, dates, version="rules/actors-1").close()
    same = open_index(tmp_path, "rules/actors-1")
    assert same.needs_extraction() == [] and same.actor_counts()
    newer = open_index(tmp_path, "rules/actors-2")
    assert newer.ids() == [d.id for d in docs]
    assert newer.needs_extraction() == [d.id for d in docs]
    assert newer.actor_counts() == {}
    assert newer.date_occurrences() == {}
    # The process still on the old version cannot write its results over the new version's.
    assert same.put_extraction(results[0], dates[0]) is False
    assert newer.put_extraction(results[0], dates[0]) is True
    assert newer.set_extractor_version("rules/actors-3") is True
    assert newer.needs_extraction() == [d.id for d in docs]
    assert newer.set_extractor_version("rules/actors-3") is False


def test_removed_and_unreadable_documents(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    index = filled(tmp_path, docs, results, dates)
    assert index.remove_documents([docs[0].id, "nobody"]) == [docs[0].id]
    assert docs[0].id not in index.ids()
    assert index.actor_counts() == all_actors(results[1:])
    assert index.document(docs[0].id) is None and index.passages(docs[0].id) is None
    broken = DocumentMeta(DocId("broken"), "broken.txt", "Broken")
    index.put_error(broken, "corpus", Stamp(3, 4, "m"), "broken.txt: not UTF-8 text")
    last = index.summaries()[-1]
    assert (last.meta, last.passage_count, last.char_count) == (broken, None, None)
    assert last.error == "broken.txt: not UTF-8 text"
    assert "broken" not in index.needs_extraction()
    assert index.content_hash("broken") is None and index.document("broken") is None
    # The file is repaired: it becomes a document like the others.
    repaired = build_document(broken, "The Taliban spoke.")
    assert index.put_document(repaired, "corpus", stamp_of(repaired)) is True
    assert index.needs_extraction() == ["broken"]
    assert index.summaries()[-1].error is None


def test_catalogue_order(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    index = filled(tmp_path, docs, results, dates)
    order = [d.id for d in reversed(docs)]
    index.set_order(order[:2])
    assert index.ids() == [*order[:2], *[d.id for d in docs[:3]]]
    index.set_order(order)
    assert [s.meta.id for s in index.summaries()] == order
    extra = build_document(DocumentMeta(DocId("extra"), "extra.txt", "Extra"), "Norway.")
    index.put_document(extra, "imported", stamp_of(extra))
    assert index.ids() == [*order, "extra"]


def test_one_batch_may_drop_an_actor_and_bring_it_back(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    index = open_index(tmp_path)
    index.put_document(docs[0], "corpus", stamp_of(docs[0]))
    nobody = dataclasses.replace(
        results[0], passages=tuple(dataclasses.replace(p, actors=()) for p in results[0].passages)
    )
    batch = [(results[0], dates[0]), (nobody, dates[0]), (results[0], dates[0])]
    assert index.put_extractions(batch) == [docs[0].id] * 3
    assert index.document_actors(docs[0]) == results[0]
    assert index.actor_counts() == all_actors([results[0]])


def test_a_change_to_the_rules_is_a_new_extraction_version(tmp_path: Path) -> None:
    from reader.library.indexing import extraction_version, files_digest, rules_digest

    rule = tmp_path / "rule.py"
    rule.write_text("TITLES = ['minister']\n", encoding="utf-8")
    before = files_digest([rule])
    rule.write_text("TITLES = ['minister', 'envoy']\n", encoding="utf-8")
    assert files_digest([rule]) != before
    assert extraction_version([]).endswith(f"/rules-{rules_digest()}")
