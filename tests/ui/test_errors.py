"""No failure is silent: a failed task without its own handler shows in the status bar with
"Details…", an uncaught exception on any thread opens a dialog, and both are logged."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from reader.library import start_logging
from reader.ui.errors import FailureNotice, UnexpectedErrors, install_error_reporting
from reader.ui.extraction import ExtractionController, status_text
from reader.ui.tasks import IO, TaskManager


@pytest.fixture
def log_file(data_dir: Path) -> Iterator[Path]:
    path = start_logging(data_dir)
    yield path
    for handler in logging.getLogger().handlers:
        if handler.get_name() == "reference-reader-file":
            logging.getLogger().removeHandler(handler)
            handler.close()


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[tuple[QMainWindow, TaskManager]]:
    window = QMainWindow()
    qtbot.addWidget(window)
    tasks = TaskManager()
    yield window, tasks
    tasks.shutdown()


def test_a_failed_task_without_a_handler_is_shown_with_details_and_logged(
    window: tuple[QMainWindow, TaskManager], qtbot: QtBot, log_file: Path
) -> None:
    main, tasks = window
    restore = install_error_reporting(main, tasks, log_file)
    try:

        def fail() -> None:
            raise OSError("disk full")

        with qtbot.waitSignal(tasks.task_failed, timeout=5000):
            tasks.run(IO, fail, lambda _r: None)
        notice = main.findChild(FailureNotice, "failureNotice")
        assert notice is not None and notice.isVisibleTo(main)
        assert "disk full" in notice.label.text()
        notice.details_button.click()
        dialog = notice.dialog
        assert dialog is not None
        assert "OSError: disk full" in dialog.detailedText()
        assert str(log_file) in dialog.informativeText()
        dialog.close()
    finally:
        restore()
    assert "OSError: disk full" in log_file.read_text("utf-8")


def test_an_uncaught_exception_in_a_thread_opens_a_dialog_and_the_program_goes_on(
    window: tuple[QMainWindow, TaskManager], qtbot: QtBot, log_file: Path
) -> None:
    main, tasks = window
    old = sys.excepthook, threading.excepthook
    restore = install_error_reporting(main, tasks, log_file)
    try:
        thread = threading.Thread(target=lambda: 1 / 0)
        thread.start()
        thread.join()
        reporter = main.findChild(UnexpectedErrors)
        assert reporter is not None
        qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=5000)
        assert reporter.dialog is not None
        assert "ZeroDivisionError" in reporter.dialog.text()
        assert str(log_file) in reporter.dialog.informativeText()
        reporter.dialog.close()
    finally:
        restore()
    assert (sys.excepthook, threading.excepthook) == old
    assert "ZeroDivisionError" in log_file.read_text("utf-8")


def test_reduced_recall_comes_from_the_flag_not_the_words() -> None:
    assert "recall is reduced" in status_text(5, 5, False, ["anything"], reduced_recall=True)
    plain = status_text(5, 5, False, ["actors … recall is reduced (x)"], reduced_recall=False)
    assert "recall is reduced (no spaCy model)" not in plain
    assert plain.endswith("· 1 warning")


def test_a_document_whose_extraction_fails_is_reported_and_the_others_go_on(
    corpus_dir: Path, data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.library import Library

    library = Library(corpus_dir, data_dir)
    real = library.actors.extract_now

    def extract_now(doc_ids: list[str]) -> None:
        if "qatar-peace-dialogue" in doc_ids:
            raise ValueError("broken passage")
        real(doc_ids)

    monkeypatch.setattr(library.actors, "extract_now", extract_now)
    tasks = TaskManager()
    controller = ExtractionController(library, tasks)
    failures: list[str] = []
    tasks.task_failed.connect(lambda what, _exc: failures.append(what))
    try:
        with qtbot.waitSignal(controller.finished, timeout=30_000):
            controller.start()
    finally:
        tasks.shutdown()
    assert controller.failed == ["qatar-peace-dialogue"]
    assert failures == ["The actors of qatar-peace-dialogue could not be found"]
    assert len(controller.done) == 4 and controller.total == 4
    assert any("broken passage" in w for w in controller.warnings)
