"""Extraction in a child process (the window's, issue 27): the same results in the index."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import Library

DOC = "qatar-peace-dialogue"


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")


@pytest.mark.slow
def test_the_child_stores_what_this_process_would_and_hears_of_gazetteer_changes(
    corpus_dir: Path, data_dir: Path, tmp_path: Path, rules_only: None
) -> None:
    here = Library(corpus_dir, tmp_path / "here")
    expected = here.actors.extract(DOC)
    library = Library(corpus_dir, data_dir)
    library.actors.extract_in_child(library.corpus_dir)
    try:
        assert not library.actors.child_running()  # started on demand
        assert library.actors.extract(DOC) == expected
        assert library.actors.child_running()
        assert library.actors.passage_dates(DOC) == here.actors.passage_dates(DOC)
        assert library.actors.reduced_recall()
        assert any("recall is reduced" in w for w in library.actors.warnings())
        assert library.actors.counts([DOC]) == here.actors.counts([DOC])
        # A gazetteer entry made here reaches the child, whose extractor is then made again.
        library.actors.add_gazetteer_entry("Open Discussions Forum", "group", ("open discussions",))
        names = {a.actor.name for p in library.actors.extract(DOC).passages for a in p.actors}
        assert "Open Discussions Forum" in names
    finally:
        library.close()
    assert not library.actors.child_running()


def test_a_library_of_the_command_line_extracts_in_its_own_process(
    corpus_dir: Path, data_dir: Path, rules_only: None
) -> None:
    library = Library(corpus_dir, data_dir)
    library.actors.extract(DOC)
    assert not library.actors.child_running()
