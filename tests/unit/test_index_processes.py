"""Two processes (the window and the command line) and several threads use one index at once."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from reader.core.model import DocId, DocumentMeta
from reader.corpus.loader import build_document
from reader.extract.dates import dates_by_passage
from tests.unit.index_helpers import open_index, rules_extractor, stamp_of

ROUNDS = 30
TEXT = (
    "The Taliban met Erna Solberg in Oslo on 3 May 2022, round {n}.\n\n"
    "Norway said the talks with the Taliban would go on next week.\n\n"
    "Qatar hosted a second meeting."
)


def _work(folder: str, worker: str, rounds: int) -> None:
    """Write documents and their actors while reading what the others wrote."""
    index = open_index(Path(folder))
    extractor = rules_extractor()
    try:
        for n in range(rounds):
            meta = DocumentMeta(DocId(f"{worker}-{n}"), f"{worker}-{n}.txt", f"{worker} {n}")
            doc = build_document(meta, TEXT.format(n=n))
            index.put_document(doc, "corpus", stamp_of(doc))
            dates = dates_by_passage(doc.text, doc.passages, None)
            if not index.put_extraction(extractor.extract(doc), dates):
                raise AssertionError(f"{doc.id}: extraction refused")
            index.summaries()
            index.actor_counts()
            index.passages_mentioning(["taliban", "norway"])
    finally:
        index.close()


@pytest.mark.slow
def test_two_processes_write_and_read_at_once(tmp_path: Path) -> None:
    open_index(tmp_path).close()
    spawn = multiprocessing.get_context("spawn")
    workers = [
        spawn.Process(target=_work, args=(str(tmp_path), name, ROUNDS)) for name in ("a", "b")
    ]
    for process in workers:
        process.start()
    reader = open_index(tmp_path)
    while any(p.is_alive() for p in workers):
        reader.summaries()
        reader.actor_counts()
        reader.actor_occurrences("taliban")
    for process in workers:
        process.join(120)
        assert process.exitcode == 0
    assert len(reader.ids()) == 2 * ROUNDS
    assert reader.needs_extraction() == []
    assert reader.actor_counts()["taliban"][1] == 2 * 2 * ROUNDS
    assert len(reader.passages_mentioning(["taliban", "norway"])) == 2 * ROUNDS


def test_threads_share_one_index(tmp_path: Path) -> None:
    open_index(tmp_path).close()
    index = open_index(tmp_path)
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            extractor = rules_extractor()
            for n in range(10):
                meta = DocumentMeta(DocId(f"{name}-{n}"), f"{name}-{n}.txt", name)
                doc = build_document(meta, TEXT.format(n=n))
                index.put_document(doc, "corpus", stamp_of(doc))
                index.put_extraction(extractor.extract(doc), [[] for _ in doc.passages])
                index.actor_occurrences("norway")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f"t{i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(index.ids()) == 30
    assert index.actor_counts()["norway"][1] == 30
    index.close()
