"""Passages where several actors appear together, through the facade."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import Library


@pytest.fixture
def library(corpus_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")
    return Library(corpus_dir, data_dir)


def _key(doc_id: str, index: int) -> tuple[str, int]:
    return doc_id, index


def test_two_actors_narrow_to_the_passages_that_name_both(library: Library) -> None:
    norway = {_key(o.document.id, o.passage.index) for o in library.actors.passages("norway")}
    taliban = {_key(o.document.id, o.passage.index) for o in library.actors.passages("taliban")}
    both = library.actors.passages_mentioning(["norway", "taliban"])
    assert both, "the seed corpus has passages naming Norway and the Taliban together"
    assert {_key(m.document.id, m.passage.index) for m in both} == norway & taliban
    for match in both:
        assert [am.actor.id for am in match.mentions] == ["norway", "taliban"]
        text = match.document.text
        quoted = {text[s:e] for s, e in match.spans()}
        assert "Norway" in quoted


def test_one_actor_is_its_own_passages_in_document_date_order(library: Library) -> None:
    alone = library.actors.passages_mentioning(["norway"])
    expected = library.actors.passages("norway")
    assert [(m.document.id, m.passage.index) for m in alone] == [
        (o.document.id, o.passage.index) for o in expected
    ]
    assert library.actors.passages_mentioning([]) == []


def test_counts_of_some_documents_count_only_those(library: Library) -> None:
    one = library.actors.counts(["norway-peace-diplomacy"])
    everything = library.actors.counts()
    assert one["norway"][1] <= everything["norway"][1]
    assert one["norway"][1] == sum(
        1
        for p in library.actors.extract("norway-peace-diplomacy").passages
        if "norway" in p.actor_ids()
    )
