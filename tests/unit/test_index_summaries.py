"""The stored actor summaries (``actors --json`` at 5,000 documents reads them instead of
summarising every mention) are always what summarising the index afresh gives, whatever was
written since they were stored."""

from __future__ import annotations

import dataclasses
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.index import DocumentEntry, LibraryIndex
from reader.index import registry as registry_rows
from reader.index.registry import ActorSummary
from tests.unit.index_helpers import bundled, filled, stamp_of
from tests.unit.test_index import library

OPERATIONS = ["reextract", "redate", "remove", "reorder", "new_version", "put_back"]


def fresh(index: LibraryIndex, ids: list[str] | None = None) -> list[ActorSummary]:
    """Summarise what the index's file holds now, through a connection of its own."""
    conn = sqlite3.connect(index.path)
    try:
        return registry_rows.actor_summaries(conn, ids)
    finally:
        conn.close()


def _apply(index: LibraryIndex, operation: str, lib_a: list, lib_b: list) -> None:  # type: ignore[type-arg]
    first_a, first_b = lib_a[0][0], lib_b[0][0]
    if operation == "reextract":  # another text (and metadata) for doc-0, and its facts
        doc = first_b.document
        index.put_documents([DocumentEntry(doc.meta, "corpus", stamp_of(doc), doc)])
        index.put_extraction(first_b, lib_b[0][1])
    elif operation == "redate":  # the same text, another published date: first/last move
        doc = first_a.document
        meta = dataclasses.replace(doc.meta, published="1999-01-02")
        moved = dataclasses.replace(doc, meta=meta)
        index.put_documents([DocumentEntry(meta, "corpus", stamp_of(moved), moved)])
    elif operation == "remove":
        index.remove_documents([first_a.document.id])
    elif operation == "reorder":  # which spelling of a shared id is kept follows the order
        index.set_order(list(reversed(index.ids())))
    elif operation == "new_version":  # every result dropped
        index.set_extractor_version(f"rules/{len(index.extractor_version)}")
    else:  # put_back: lib_a's facts again
        for result, dates in lib_a:
            doc = result.document
            index.put_documents([DocumentEntry(doc.meta, "corpus", stamp_of(doc), doc)])
            index.put_extraction(result, dates)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lib_a=library(),
    lib_b=library(),
    operations=st.lists(st.sampled_from(OPERATIONS), min_size=1, max_size=4),
)
def test_stored_summaries_follow_every_write(lib_a, lib_b, operations) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        index = filled(Path(tmp), [r.document for r, _ in lib_a], [r for r, _ in lib_a],
                       [d for _, d in lib_a])
        try:
            assert index.actor_summaries() == fresh(index)  # summarised, then stored
            for operation in operations:
                index.actor_summaries()  # stored before the write
                _apply(index, operation, lib_a, lib_b)
                assert index.actor_summaries() == fresh(index), operation
                ids = [*[s.actor.id for s in fresh(index)][::-1], "nobody"]
                assert index.actor_summaries(ids) == fresh(index, ids), operation
        finally:
            index.close()


def test_a_second_read_uses_the_stored_summaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, results, dates = bundled()
    index = filled(tmp_path, docs, results, dates)
    first = index.actor_summaries()
    assert first and first == fresh(index)

    def summarise_again(*args: object) -> list[ActorSummary]:
        raise AssertionError("summarised again although nothing changed")

    monkeypatch.setattr(registry_rows, "actor_summaries", summarise_again)
    assert index.actor_summaries() == first
    ids = [first[3].actor.id, first[0].actor.id]
    assert index.actor_summaries(ids) == [first[3], first[0]]
    # Another process's index object reads what this one stored.
    other = LibraryIndex(index.path, tmp_path / "damaged", index.extractor_version)
    try:
        assert other.actor_summaries() == first
    finally:
        other.close()
        index.close()


def test_the_triggers_survive_a_new_extractor_version(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    index = filled(tmp_path, docs, results, dates)
    try:
        index.actor_summaries()
        assert index.set_extractor_version("rules/other")
        assert index.actor_summaries() == [] == fresh(index)
        index.put_extractions(zip(results, dates, strict=True))
        assert index.actor_summaries() == fresh(index) != []
    finally:
        index.close()


def test_summaries_are_not_stored_when_another_process_wrote_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, results, dates = bundled()
    index = filled(tmp_path, docs, results, dates)
    other = LibraryIndex(index.path, tmp_path / "damaged", index.extractor_version)
    summarise = registry_rows.summarise_all

    def summarise_then_another_writes(conn: sqlite3.Connection) -> tuple[int, list[ActorSummary]]:
        found = summarise(conn)
        other.remove_documents([docs[0].id])  # committed while the summaries were made
        return found

    try:
        monkeypatch.setattr(registry_rows, "summarise_all", summarise_then_another_writes)
        stale = index.actor_summaries()  # as of its own snapshot, then not stored
        monkeypatch.setattr(registry_rows, "summarise_all", summarise)
        assert index.actor_summaries() == fresh(index) != stale
    finally:
        other.close()
        index.close()
