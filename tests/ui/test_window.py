"""The window: library, two documents side by side, active and other pane, drop, keyboard."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.store.window_state import PaneState, WindowState
from reader.ui.main_window import MainWindow
from reader.ui.models.library_model import LibraryModel, doc_ids_mime
from tests.ui.conftest import WindowFactory, wait_loaded


def _row_of(window: MainWindow, doc_id: str) -> int:
    proxy = window.library_view.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data(LibraryModel.DocIdRole) == doc_id:
            return row
    raise AssertionError(doc_id)


def test_library_lists_the_five_documents_with_title_site_and_date(window: MainWindow) -> None:
    proxy = window.library_view.proxy
    assert proxy.rowCount() == 5
    titles = [proxy.index(r, LibraryModel.TITLE).data() for r in range(5)]
    assert "The Qatar Peace Dialogue" in titles
    row = _row_of(window, "afghan-insight-regional-conferences")
    assert proxy.index(row, LibraryModel.DATE).data() == "2024-01-25"
    assert proxy.index(row, LibraryModel.SITE).data() == "Afghan Insight"


def test_library_sorts_by_date_and_filters(window: MainWindow, qtbot: QtBot) -> None:
    view = window.library_view
    view.tree.sortByColumn(LibraryModel.DATE, Qt.SortOrder.AscendingOrder)
    dates = [view.proxy.index(r, LibraryModel.DATE).data() for r in range(5)]
    assert dates == sorted(dates)
    qtbot.keyClicks(view.filter_box, "qatar")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 0).data(LibraryModel.DocIdRole) == "qatar-peace-dialogue"


def test_first_start_opens_two_documents_side_by_side(window: MainWindow) -> None:
    assert len(window.panes) == 2
    ids = [p.doc_id for p in window.panes]
    assert ids == window.library.documents.ids()[:2]
    for pane in window.panes:
        assert pane.doc is not None
        # Exactly the document's text (no-break spaces too), chrome folded but not removed.
        raw = pane.view.document().toRawText().replace("\u2029", "\n")
        assert raw == pane.doc.text
        assert pane.header.title.full_text() == pane.doc.meta.title
    left, right = window.panes
    # Headers side by side have one height, so the texts start level.
    assert left.header.height() == right.header.height()
    assert left.view.mapTo(window, QPoint(0, 0)).y() == right.view.mapTo(window, QPoint(0, 0)).y()
    assert left.mapTo(window, QPoint(0, 0)).x() < right.mapTo(window, QPoint(0, 0)).x()


def test_enter_in_the_library_opens_in_the_active_pane(window: MainWindow, qtbot: QtBot) -> None:
    tree = window.library_view.tree
    right = window.panes[1]
    right.view.setFocus()
    assert window.active_pane() is right
    tree.setFocus()
    row = _row_of(window, "qatar-peace-dialogue")
    tree.setCurrentIndex(window.library_view.proxy.index(row, 0))
    with qtbot.waitSignal(window.document_opened, timeout=5000) as opened:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert opened.args == [right, "qatar-peace-dialogue"]
    assert right.active and not window.panes[0].active


def test_double_click_opens_in_the_active_pane(window: MainWindow, qtbot: QtBot) -> None:
    tree = window.library_view.tree
    index = window.library_view.proxy.index(_row_of(window, "afghanistan-looks-to-russia"), 0)
    rect = tree.visualRect(index)
    # QTest's double-click needs the press of a first click before it (as a user's has).
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.document_opened, timeout=5000) as opened:
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args[1] == "afghanistan-looks-to-russia"
    assert opened.args[0] is window.active_pane()


def test_active_and_other_pane(window: MainWindow, qtbot: QtBot) -> None:
    left, right = window.panes
    qtbot.mouseClick(right.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(60, 20))
    assert window.active_pane() is right
    assert window.other_pane() is left
    assert right.active and not left.active
    third = window.add_pane()
    assert third is not None
    third.view.setFocus()
    assert window.active_pane() is third
    assert window.other_pane() is right  # the most recently active that is not the active one


def test_other_pane_is_opened_when_only_one_exists(window: MainWindow) -> None:
    window.close_pane(window.panes[1])
    assert len(window.panes) == 1
    other = window.other_pane()
    assert len(window.panes) == 2 and other is window.panes[1]


def test_open_in_other_pane_from_the_context_menu(window: MainWindow, qtbot: QtBot) -> None:
    left, right = window.panes
    left.view.setFocus()
    _here, other, *_document_actions = window.library_view.context_menu_actions(
        "qatar-peace-dialogue"
    )
    assert other.text().split("\t")[0] == "Open in other pane"
    with qtbot.waitSignal(window.document_opened, timeout=5000) as opened:
        other.trigger()
    assert opened.args == [right, "qatar-peace-dialogue"]
    assert left.doc_id == window.library.documents.ids()[0]


def test_dropping_a_library_item_onto_a_pane_opens_it_there(
    window: MainWindow, qtbot: QtBot
) -> None:
    right = window.panes[1]
    model = window.library_view.model
    mime = model.mimeData([model.index(4, 0)])  # the app's own drag payload
    doc_id = model.index(4, 0).data(LibraryModel.DocIdRole)  # the row dragged, as listed
    pos = QPointF(right.width() / 2, right.height() / 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        pos.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(right, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.document_opened, timeout=5000) as opened:
        QApplication.sendEvent(right, drop)
    assert opened.args == [right, doc_id]


def test_a_drag_without_documents_is_refused(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("not a document")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.panes[0], enter)
    assert not enter.isAccepted()
    assert doc_ids_mime(["x"]).hasFormat("application/x-reference-reader-doc-ids")


def test_panes_can_be_added_up_to_four_and_closed(window: MainWindow) -> None:
    while window.add_pane() is not None:
        pass
    assert len(window.panes) == 4
    window.close_pane(window.active_pane())
    assert len(window.panes) == 3


def test_state_is_restored_after_a_restart(make_window: WindowFactory, qtbot: QtBot) -> None:
    first = make_window()
    ids = first.library.documents.ids()
    first.open_document(ids[3], first.panes[0])
    first.open_document(ids[2], first.panes[1])
    wait_loaded(qtbot, first)
    doc = first.panes[1].doc
    assert doc is not None
    target = doc.passages[len(doc.passages) // 2].start
    first.panes[1].view.go_to(target)
    first.panes[1].view.setFocus()
    first.set_zoom(2)
    places = [p.place() for p in first.panes]
    first.close()
    second = make_window()
    assert [p.place() for p in second.panes] == places
    assert places[1].offset == target
    assert second.active_pane() is second.panes[1]
    assert second.zoom == 2


def test_ctrl_enter_in_the_library_opens_in_the_other_pane(
    window: MainWindow, qtbot: QtBot
) -> None:
    left, right = window.panes
    left.view.setFocus()
    tree = window.library_view.tree
    tree.setFocus()
    row = _row_of(window, "qatar-peace-dialogue")
    tree.setCurrentIndex(window.library_view.proxy.index(row, 0))
    with qtbot.waitSignal(window.document_opened, timeout=5000) as opened:
        qtbot.keyClick(tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened.args == [right, "qatar-peace-dialogue"]


def test_a_saved_document_that_left_the_library_leaves_its_pane_empty(
    make_window: WindowFactory, corpus_dir: Path, data_dir: Path
) -> None:
    Library(corpus_dir, data_dir).state.save_window(
        WindowState(panes=(PaneState("gone-document", 40), PaneState("qatar-peace-dialogue", 0)))
    )
    window = make_window()
    assert window.panes[0].doc_id is None
    assert window.panes[1].doc_id == "qatar-peace-dialogue"


def test_the_state_is_saved_in_the_background_after_a_change(
    window: MainWindow, qtbot: QtBot, data_dir: Path
) -> None:
    path = data_dir / "state" / "window.json"
    assert not path.exists()
    window.set_zoom(3)
    # The save timer fires, then the io lane writes (other io tasks may settle first).
    qtbot.waitUntil(path.exists, timeout=5000)
    assert json.loads(path.read_text(encoding="utf-8"))["zoom"] == 3


def test_the_date_column_shows_whole_dates_after_the_docks_move(
    window: MainWindow, qtbot: QtBot
) -> None:
    from reader.ui import layout_state

    tree = window.library_view.tree
    proxy = window.library_view.proxy
    dates = [proxy.index(r, LibraryModel.DATE).data() for r in range(proxy.rowCount())]
    assert any(dates)
    metrics = tree.fontMetrics()
    widest = max(metrics.horizontalAdvance(d) for d in dates if d)
    layout_state.default_docks(window)  # the docks laid out again, as at a first start
    qtbot.wait(10)
    assert tree.columnWidth(LibraryModel.DATE) >= widest
    assert tree.columnWidth(LibraryModel.DATE) >= tree.sizeHintForColumn(LibraryModel.DATE)
