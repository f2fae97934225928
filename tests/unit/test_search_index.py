"""The full text in the index: folding, stemming, phrases, OR, exclusion, prefixes, ranking,
offsets in code points, updates as documents come and go, the background build and damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.model import DocId, Document, DocumentMeta
from reader.core.search_query import parse_query
from reader.corpus.loader import build_document
from reader.index import DocumentEntry, Filters, FoundPassage, LibraryIndex
from reader.index.fulltext import INLINE_DOCUMENTS

from .index_helpers import open_index, stamp_of

TEXTS = {
    "doha": "Talks in Doha\n\nThe negotiators talked for hours. Peace talks resumed in Doha on "
    "Tuesday.\n\nThe Taliban delegation left early.",
    "oslo": "Notes from Oslo\n\nNégociations à Oslo: the TALKS were about peace, then about "
    "prisoners.\n\nWomen's rights came up twice.",
    "kabul": "Kabul diary\n\nNo talks today. Kabul was quiet, and the peace of the morning held."
    "\n\nTalking about talks is not talking.",
    "bidi": "Mixed scripts\n\n😀😀 Café Zürich — مرحبا بكم في الدوحة — talks 𝒳 résumé.",
}


def doc(doc_id: str, text: str) -> Document:
    title = text.split("\n", 1)[0]
    return build_document(DocumentMeta(DocId(doc_id), f"{doc_id}.txt", title), text)


def put(index: LibraryIndex, docs: list[Document]) -> None:
    index.put_documents(DocumentEntry(d.meta, "corpus", stamp_of(d), d) for d in docs)


@pytest.fixture
def index(tmp_path: Path) -> LibraryIndex:
    found = open_index(tmp_path)
    put(found, [doc(k, v) for k, v in TEXTS.items()])
    return found


def search(index: LibraryIndex, text: str, limit: int = 50) -> list[FoundPassage]:
    return index.search(parse_query(text), Filters(), limit)


def places(found: list[FoundPassage]) -> set[tuple[str, int]]:
    return {(f.doc_id, f.index) for f in found}


def matched_words(index: LibraryIndex, found: FoundPassage) -> list[str]:
    document = index.document(found.doc_id)
    assert document is not None
    return [document.text[s:e] for s, e in found.matches]


def test_words_are_folded_and_stemmed(index: LibraryIndex) -> None:
    found = search(index, "talk")
    assert places(found) == {
        ("doha", 0), ("doha", 1), ("oslo", 1), ("kabul", 1), ("kabul", 2), ("bidi", 1)
    }
    words = {w for f in found for w in matched_words(index, f)}
    assert words == {"Talks", "talked", "talks", "TALKS", "Talking", "talking"}
    assert places(search(index, "NEGOCIATIONS")) == {("oslo", 1)}
    assert matched_words(index, search(index, "negociation")[0]) == ["Négociations"]
    assert places(search(index, "zurich cafe resume")) == {("bidi", 1)}


def test_every_word_must_match(index: LibraryIndex) -> None:
    assert places(search(index, "peace talks")) == {("doha", 1), ("oslo", 1), ("kabul", 1)}
    assert places(search(index, "peace talks tuesday")) == {("doha", 1)}


def test_phrases_match_words_in_a_row(index: LibraryIndex) -> None:
    found = search(index, '"peace talks"')
    assert places(found) == {("doha", 1)}
    assert matched_words(index, found[0]) == ["Peace talks"]
    assert places(search(index, '"talks peace"')) == set()


def test_or_exclusion_and_prefix(index: LibraryIndex) -> None:
    assert places(search(index, "doha OR oslo")) == {
        ("doha", 0), ("doha", 1), ("oslo", 0), ("oslo", 1)
    }
    assert places(search(index, "talks -peace")) == {("doha", 0), ("kabul", 2), ("bidi", 1)}
    assert places(search(index, 'talks -"peace talks" -kabul')) == {
        ("doha", 0), ("oslo", 1), ("kabul", 2), ("bidi", 1)
    }
    found = search(index, "prison*")
    assert places(found) == {("oslo", 1)}
    assert matched_words(index, found[0]) == ["prisoners"]
    assert places(search(index, "négo*")) == {("oslo", 1), ("doha", 1)}  # negotiators too


def test_bm25_ranks_the_denser_passage_first(index: LibraryIndex) -> None:
    found = search(index, "talking")
    assert (found[0].doc_id, found[0].index) == ("kabul", 2)  # three forms of "talk", short
    scores = [f.score for f in found]
    assert scores == sorted(scores)  # best (lowest bm25) first
    # A rare word weighs more than a common one: "prisoners" (one passage) over "talks".
    assert (search(index, "prisoners OR talks")[0].doc_id) == "oslo"


def test_offsets_are_code_points_in_the_document(index: LibraryIndex) -> None:
    document = index.document("bidi")
    assert document is not None
    for query, expected in [
        ("cafe", "Café"),
        ("zurich", "Zürich"),
        ("مرحبا", "مرحبا"),
        ("الدوحة", "الدوحة"),
        ("talks", "talks"),
        ("resume", "résumé"),
    ]:
        (hit,) = index.search(parse_query(query), Filters(docs=("bidi",)), 50)
        (span,) = hit.matches
        assert document.text[span[0] : span[1]] == expected, query
        assert hit.text == document.text[hit.start : hit.end]


def test_limit_and_filters_by_document(index: LibraryIndex) -> None:
    assert len(search(index, "talk", limit=2)) == 2
    found = index.search(parse_query("talk"), Filters(docs=("kabul",)), 50)
    assert places(found) == {("kabul", 1), ("kabul", 2)}
    assert index.search(parse_query("talk"), Filters(docs=("nowhere",)), 50) == []
    only = index.search(parse_query("doc:kabul"), Filters(docs=("kabul",)), 50)
    assert [f.index for f in only] == [0, 1, 2]  # filters alone: every passage, in order


def test_replacing_and_removing_a_document_updates_the_full_text(index: LibraryIndex) -> None:
    assert places(search(index, "quiet")) == {("kabul", 1)}
    put(index, [doc("kabul", "Kabul diary\n\nA loud day in Kabul: shelling at dawn.")])
    assert search(index, "quiet") == []
    assert places(search(index, "shelling")) == {("kabul", 1)}
    put(index, [doc("herat", "Herat\n\nThe quiet city of Herat.")])
    assert places(search(index, "quiet")) == {("herat", 1)}
    index.remove_documents(["herat", "doha"])
    assert search(index, "quiet") == []
    assert not any(f.doc_id == "doha" for f in search(index, "talks"))
    assert index.search_pending() == 0  # small batches go in at once


def test_a_large_batch_is_scanned_until_the_background_build(tmp_path: Path) -> None:
    index = open_index(tmp_path)
    docs = [doc(f"d{i}", f"Document {i}\n\nTalks number {i} in Doha.") for i in range(30)]
    assert len(docs) > INLINE_DOCUMENTS
    put(index, docs)
    assert index.search_pending() == 30
    scanned = search(index, "talk doha")
    assert len(scanned) == 30 and all(f.matches for f in scanned)
    assert index.build_search(12) == 18
    mixed = search(index, "talk doha -number")
    assert mixed == []
    while index.build_search(12):
        pass
    built = search(index, "talk doha")
    assert places(built) == places(scanned)
    assert [f.matches for f in sorted(built, key=lambda f: f.doc_id)] == [
        f.matches for f in sorted(scanned, key=lambda f: f.doc_id)
    ]


def test_a_damaged_full_text_is_rebuilt_not_fatal(index: LibraryIndex) -> None:
    before = places(search(index, "talk"))
    conn = sqlite3.connect(index.path)
    conn.execute("UPDATE passage_search_data SET block = x'0102030405' WHERE id > 1")
    conn.commit()
    conn.close()
    assert places(search(index, "talk")) == before  # emptied and scanned meanwhile
    assert index.search_pending() == len(TEXTS)
    assert index.damages == [] and index.ids()  # the rest of the index is untouched
    while index.build_search():
        pass
    assert places(search(index, "talk")) == before
