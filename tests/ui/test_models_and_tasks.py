"""The library model, background lanes, and PySide6's handling of None on void calls."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.models.library_model import LibraryFilterModel, LibraryModel, doc_ids_from_mime
from reader.ui.tasks import IO, TaskManager


def test_library_model_passes_the_model_tester(qtmodeltester: object, corpus_dir: Path) -> None:
    library = Library(corpus_dir)
    model = LibraryModel()
    model.set_rows([library.documents.metadata(d) for d in library.documents.ids()])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]
    mime = model.mimeData([model.index(1, 0), model.index(1, 2)])
    assert doc_ids_from_mime(mime) == [library.documents.ids()[1]]


def test_the_library_list_sorts_by_any_column_and_keeps_the_selection(corpus_dir: Path) -> None:
    library = Library(corpus_dir)
    metas = library.documents.all_metadata()
    model = LibraryModel()
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(LibraryModel.TITLE)  # as the view asks, before any row arrives
    model.set_rows(metas)

    def titles() -> list[str]:
        return [str(proxy.index(r, 0).data()) for r in range(proxy.rowCount())]

    assert titles() == [m.title for m in sorted(metas, key=lambda m: m.title.casefold())]
    kept = QPersistentModelIndex(proxy.index(0, 0))
    chosen = kept.data(LibraryModel.DocIdRole)
    proxy.sort(LibraryModel.DATE, Qt.SortOrder.DescendingOrder)
    dates = [str(proxy.index(r, LibraryModel.DATE).data()) for r in range(proxy.rowCount())]
    assert dates == sorted(dates, reverse=True)
    assert kept.isValid() and kept.data(LibraryModel.DocIdRole) == chosen
    model.set_rows(list(reversed(metas)))  # new rows keep the order last asked for
    again = [str(proxy.index(r, LibraryModel.DATE).data()) for r in range(proxy.rowCount())]
    assert again == dates


def test_a_task_result_comes_back_on_the_ui_thread(qtbot: QtBot) -> None:
    tasks = TaskManager()
    threads: list[str] = []
    got: list[int] = []
    try:
        with qtbot.waitSignal(tasks.task_settled, timeout=5000):
            tasks.run(IO, lambda: threads.append(threading.current_thread().name) or 42, got.append)
    finally:
        tasks.shutdown()
    assert got == [42]
    assert threads[0].startswith("reader-io")


def test_a_stale_result_is_dropped(qtbot: QtBot) -> None:
    tasks = TaskManager()
    release = threading.Event()
    got: list[str] = []
    try:
        tasks.run(IO, lambda: release.wait(5) and "old", got.append, key="pane")
        tasks.run(IO, lambda: "new", got.append, key="pane")
        with qtbot.waitSignals([tasks.task_settled, tasks.task_settled], timeout=5000):
            release.set()
    finally:
        tasks.shutdown()
    assert got == ["new"]


def test_a_failure_goes_to_the_error_callback(qtbot: QtBot) -> None:
    tasks = TaskManager()
    errors: list[Exception] = []

    def fail() -> None:
        raise OSError("disk gone")

    try:
        with qtbot.waitSignal(tasks.task_settled, timeout=5000):
            tasks.run(IO, fail, lambda _v: None, errors.append)
    finally:
        tasks.shutdown()
    assert isinstance(errors[0], OSError)


def test_void_qt_calls_keep_none_refcount(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on Python 3.11 drops None's refcount on every void call (see README)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(10_000):
        widget.update()
    assert abs(sys.getrefcount(None) - before) < 100


def test_work_submitted_after_shutdown_still_runs(qtbot: QtBot) -> None:
    # A last save queued while the window closes must not be lost.
    tasks = TaskManager()
    tasks.shutdown()
    results: list[int] = []
    tasks.run(IO, lambda: 41 + 1, results.append)
    assert results == [42]


def test_each_actor_shows_the_disc_of_its_kind(qapp: object) -> None:
    from reader.core.actors import Actor
    from reader.ui.models.actors_model import KIND_COLORS, ActorRow, ActorsModel

    model = ActorsModel()
    model.set_rows(
        [
            ActorRow(Actor.named("Norway", "state"), 1, 3),
            ActorRow(Actor.named("Oslo", "place"), 1, 2),
            ActorRow(Actor.named("Sweden", "state"), 2, None),
        ]
    )
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        kind = parent.data(ActorsModel.KindRole)
        for row in range(model.rowCount(parent)):
            icon = model.index(row, 0, parent).data(Qt.ItemDataRole.DecorationRole)
            centre = icon.pixmap(12, 12).toImage().pixelColor(6, 6)
            assert centre.name() == KIND_COLORS[kind].lower()
