"""The window's library indexes its documents in the extraction child (issue 27): the index is
complete, this process reads no document to fill it, and what changed is published here; a
library closed mid-indexing leaves a usable index and ends the wait with ``LibraryClosed``."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from reader.core.changes import Changes
from reader.library import Library, LibraryClosed

DOC = "qatar-peace-dialogue"
OTHER = "norway-peace-diplomacy"


@pytest.fixture(autouse=True)
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")


def _rows(library: Library) -> dict[str, tuple[int | None, int | None, str | None]]:
    rows = library.documents.summaries()
    return {s.meta.id: (s.passage_count, s.char_count, s.error) for s in rows}


@pytest.mark.slow
def test_the_child_fills_the_index_and_this_process_publishes_what_changed(
    corpus: Path, data_dir: Path, tmp_path: Path, reads_here: list[str]
) -> None:
    expected = _rows(Library(corpus, tmp_path / "here"))  # indexed in this process
    reads_here.clear()
    library = Library(corpus, data_dir)
    library.actors.extract_in_child(library.corpus_dir)
    seen: list[Changes] = []
    library.changes.subscribe(seen.append)
    try:
        assert not library.actors.child_running()  # started on demand
        assert _rows(library) == expected
        assert library.actors.child_running() and library.documents.indexed
        assert seen == []  # a first index: nothing the index held changed
        # A file edited, a title corrected: the child reads them again, this process tells.
        path = corpus / f"{DOC}.txt"
        path.write_text(path.read_text("utf-8") + "\n\nA passage added at the end.\n", "utf-8")
        library.documents.refresh()
        library.documents.edit_metadata(OTHER, {"title": "Corrected"})
        library.documents.sync_index()
        assert seen[-1] == Changes.of(documents_changed=[DOC])  # its text; the other its title
        assert library.documents.get(DOC).text.endswith("A passage added at the end.\n")
        corrected = library.index.get().document(OTHER)
        assert corrected is not None and corrected.meta.title == "Corrected"
        assert reads_here == []  # every text came from the index the child wrote
    finally:
        library.close()
    assert not library.actors.child_running()


@pytest.mark.slow
def test_a_document_imported_after_the_child_opened_the_library_is_indexed_there(
    corpus_dir: Path, data_dir: Path, tmp_path: Path
) -> None:
    library = Library(corpus_dir, data_dir)
    library.actors.extract_in_child(library.corpus_dir)
    try:
        library.documents.sync_index()  # the child's library is open from here on
        source = tmp_path / "dispatch.txt"
        source.write_text("First passage of a dispatch.\n\nAnd its second one.\n", "utf-8")
        [result] = library.imports.import_paths([source])
        row = _rows(library)[result.doc_id]
        assert row[0] == 2 and row[2] is None
    finally:
        library.close()


@pytest.mark.slow
def test_closing_mid_indexing_ends_the_wait_quietly_and_leaves_a_usable_index(
    corpus: Path, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _rows(Library(corpus, tmp_path / "here"))
    library = Library(corpus, data_dir)
    asked = threading.Event()
    tell = library.documents.index_elsewhere

    def told(reindex: Callable[[], Sequence[str]]) -> None:
        def signalled() -> Sequence[str]:
            asked.set()
            return reindex()

        tell(signalled)

    monkeypatch.setattr(library.documents, "index_elsewhere", told)
    library.actors.extract_in_child(library.corpus_dir)
    outcome: list[BaseException | None] = []

    def index() -> None:
        try:
            library.documents.sync_index()
            outcome.append(None)
        except BaseException as exc:  # what a lane would hand to the UI thread
            outcome.append(exc)

    worker = threading.Thread(target=index)
    worker.start()
    assert asked.wait(10)
    library.close()  # while the child starts or indexes
    worker.join(30)
    # Stopped before the child finished, or just after: never a failure to report.
    assert outcome == [None] or isinstance(outcome[0], LibraryClosed), outcome
    with pytest.raises(LibraryClosed):
        library.actors.extract_now([DOC])
    assert not library.actors.child_running()  # a closed library's child is not restarted
    assert _rows(Library(corpus, data_dir)) == expected  # what the child committed, completed


@pytest.mark.slow
def test_a_big_document_is_built_by_the_child_and_read_back_from_the_index(
    corpus: Path,
    data_dir: Path,
    tmp_path: Path,
    reads_here: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("reader.library.documents.BIG_FILE_BYTES", 1_000)  # every file is big
    library = Library(corpus, data_dir)
    library.actors.extract_in_child(library.corpus_dir)
    try:
        text = library.documents.get(DOC).text  # before any index: the child makes it
        assert library.documents.indexed and reads_here == []
        assert text == (corpus / f"{DOC}.txt").read_text("utf-8")
    finally:
        library.close()
    reads_here.clear()
    here = Library(corpus, tmp_path / "here")  # without a child (the command line): read here
    assert here.documents.get(DOC).text == text and reads_here == [DOC]
