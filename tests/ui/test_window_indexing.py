"""A first start's indexing runs in the extraction child, not in a thread of the window (issue
27): the window's process reads only the documents it shows; closing the window mid-indexing
logs no failure and leaves an index a later start completes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.actors_feature import ActorsFeature
from reader.ui.app import build_window
from reader.ui.main_window import MainWindow
from reader.ui.tasks import TaskManager

from .conftest import WindowFactory

PASSAGE = (
    "Diplomats from Norway and Qatar met in Doha on Tuesday to discuss the talks, "
    "officials said after the meeting ended late in the evening."
)


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    entries = []
    for n in range(count):
        (folder / f"d{n}.txt").write_text(f"Dispatch {n}\n\n" + f"{PASSAGE}\n\n" * 40, "utf-8")
        entries.append(f'[[document]]\nid = "d{n}"\nfile = "d{n}.txt"\ntitle = "Dispatch {n}"\n')
    (folder / "catalog.toml").write_text("\n".join(entries), "utf-8")
    return folder



def _controller(window: MainWindow) -> ActorsFeature:
    found = window.findChild(ActorsFeature)
    assert isinstance(found, ActorsFeature)
    return found


@pytest.mark.slow
def test_a_first_start_indexes_in_the_child_and_reads_only_the_shown_documents_here(
    make_window: WindowFactory, qtbot: QtBot, reads_here: list[str]
) -> None:
    window = make_window()
    library = window.library
    controller = _controller(window).controller
    qtbot.waitUntil(lambda: library.documents.indexed and not controller.running, timeout=60_000)
    assert library.actors.child_running()
    shown = {p.doc_id for p in window.panes if p.doc_id}
    assert set(reads_here) <= shown  # the others were read (and indexed) by the child
    assert len(reads_here) == len(set(reads_here))  # each built once here: no lane builds it again
    assert len(controller.done) == len(library.documents.ids())  # and extracted there
    assert all(s.passage_count for s in library.documents.summaries())


@pytest.mark.slow
def test_closing_the_window_mid_indexing_logs_no_failure_and_keeps_a_usable_index(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corpus = _corpus(tmp_path / "corpus", 400)
    library = Library(corpus, data_dir)
    tasks = TaskManager()
    window = build_window(library, tasks)
    qtbot.addWidget(window)
    with caplog.at_level(logging.DEBUG):
        with qtbot.waitSignal(window.first_painted, timeout=10_000):
            window.show()
        qtbot.waitUntil(library.actors.child_running, timeout=10_000)
        # As the program closes: the window, then the child, then the lanes.
        window.close()
        library.actors.close()
        tasks.shutdown()
        QApplication.processEvents()  # the lanes' last outcomes, queued before shutdown
    assert not library.documents.indexed  # closed while the child was indexing
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert problems == [], [r.getMessage() for r in problems]
    later = Library(corpus, data_dir)
    assert [s.passage_count for s in later.documents.summaries()] == [41] * 400
