"""No lock of the library is held across reading files: another thread (the window's UI thread)
asking for what is already known never waits for a long load (issue 27)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.core.model import Document, DocumentMeta
from reader.library import Library
from reader.library.actors import Actors
from reader.library.sources import CorpusSource

DOC = "norway-peace-diplomacy"


def _in_thread(work: object) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)  # type: ignore[arg-type]
    thread.start()
    return thread


def test_metadata_is_answered_while_a_document_is_being_read(
    corpus_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, reading = threading.Event(), threading.Event()
    load = CorpusSource.load

    def slow_load(self: CorpusSource, meta: DocumentMeta) -> Document:
        reading.set()
        release.wait(10)
        return load(self, meta)

    monkeypatch.setattr(CorpusSource, "load", slow_load)
    library = Library(corpus_dir, data_dir)
    reader = _in_thread(lambda: library.documents.get(DOC))
    try:
        assert reading.wait(5)
        assert library.documents.metadata(DOC).id == DOC  # no wait for the read
        assert DOC in library.documents.ids()
        assert reader.is_alive()
    finally:
        release.set()
        reader.join(10)


def test_the_counts_do_not_wait_while_the_extractor_reads_its_gazetteers(
    corpus_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")
    library = Library(corpus_dir, data_dir)
    library.actors.ensure([DOC])
    library.actors.forget()  # the next extraction makes the extractor again
    release, making = threading.Event(), threading.Event()
    make = Actors._new_extractor

    def slow_make(self: Actors) -> object:
        making.set()
        release.wait(10)
        return make(self)

    monkeypatch.setattr(Actors, "_new_extractor", slow_make)
    maker = _in_thread(library.actors.extractor)
    try:
        assert making.wait(5)
        library.actors.count("norway")  # under the same lock as the extractor: no wait
        assert maker.is_alive()
    finally:
        release.set()
        maker.join(10)
    assert library.actors.extractor() is library.actors.extractor()
