"""A real main window over the bundled corpus, with its texts loaded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.app import build_window
from reader.ui.main_window import MainWindow
from reader.ui.tasks import TaskManager
from reader.ui.views.pane import ReadingPane

WindowFactory = Callable[[], MainWindow]


@pytest.fixture(autouse=True)
def empty_clipboard_after(qapp: QApplication) -> Iterator[None]:
    """Empty the clipboard after each test: Qt's offscreen platform crashes at exit when the
    clipboard still holds data set from Python (seen with PySide6 6.11; not under xcb)."""
    yield
    qapp.clipboard().clear()


@pytest.fixture(autouse=True)
def rule_based_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Window tests extract with the gazetteer and rules (fast); tests of the model say so."""
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")


def wait_loaded(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until no pane is still loading its document."""
    qtbot.waitUntil(lambda: all(p.pending is None for p in window.panes), timeout=10_000)


@pytest.fixture
def make_window(
    qtbot: QtBot, corpus_dir: Path, data_dir: Path
) -> Iterator[WindowFactory]:
    """Return a factory of windows on the bundled corpus (each closed at the end)."""
    made: list[tuple[MainWindow, TaskManager]] = []

    def make() -> MainWindow:
        tasks = TaskManager()
        window = build_window(Library(corpus_dir, data_dir), tasks)
        qtbot.addWidget(window)
        made.append((window, tasks))
        with qtbot.waitSignal(window.first_painted, timeout=10_000):
            window.show()
        wait_loaded(qtbot, window)
        QApplication.processEvents()  # what the first paint queued (a first start's dock layout)
        window.activateWindow()
        return window

    yield make
    for window, tasks in made:
        if window.isVisible():
            window.close()
        window.library.actors.close()  # first, as the program does: the extraction child
        tasks.shutdown()


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()


def pane_showing(window: MainWindow, doc_id: str) -> ReadingPane:
    return next(p for p in window.panes if p.doc_id == doc_id)


def show_document(qtbot: QtBot, window: MainWindow, doc_id: str, pane: ReadingPane) -> None:
    """Open a document in a pane and wait until its text is shown."""
    if pane.doc_id == doc_id and pane.pending is None:
        return
    with qtbot.waitSignal(window.document_opened, timeout=5000):
        window.open_document(doc_id, pane)
