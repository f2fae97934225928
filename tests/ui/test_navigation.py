"""The current passage, the window history, and the keyboard."""

from __future__ import annotations

import time
from itertools import pairwise

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QAbstractSlider, QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.ui.actions import ShortcutsDialog
from reader.ui.main_window import MainWindow
from reader.ui.views.pane import ReadingPane
from reader.ui.views.range_marks import FLASH
from tests.ui.conftest import show_document, wait_loaded


def _point_of(pane: ReadingPane, offset: int) -> QPoint:
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.view.positions.to_qt(offset))
    return pane.view.cursorRect(cursor).center()


def _first_passage_with_top_in_view(pane: ReadingPane) -> int:
    """Found independently of the pane's logic: block geometry of each shown passage."""
    view = pane.view
    assert pane.doc is not None
    for passage in pane.doc.passages:
        block = view.document().findBlock(view.positions.to_qt(passage.start))
        if not block.isVisible():
            continue
        top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        if 0 <= top < view.viewport().height():
            return passage.index
    raise AssertionError("no passage top in view")


def test_clicking_a_passage_makes_it_current(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.panes[1]
    assert pane.doc is not None
    body = [p for p in pane.doc.passages if not p.chrome]
    target = body[2]
    with qtbot.waitSignal(window.passage_changed, timeout=2000) as changed:
        qtbot.mouseClick(
            pane.view.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(pane, target.start + 3)
        )
    assert changed.args == [pane, pane.doc.id, target.index]
    assert window.active_pane() is pane


def _wheel(view: QWidget, notches: int) -> None:
    """Send a real mouse-wheel event (negative notches scroll down)."""
    pos = QPointF(view.width() / 2, view.height() / 2)
    event = QWheelEvent(
        pos,
        QPointF(view.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


def test_scrolling_makes_the_first_passage_with_its_top_in_view_current(
    window: MainWindow, qtbot: QtBot
) -> None:
    pane = window.panes[1]
    bar = pane.view.verticalScrollBar()
    assert bar.maximum() > 10
    with qtbot.waitSignal(window.passage_changed, timeout=2000) as changed:
        _wheel(pane.view.viewport(), -4)
    assert bar.value() > 0
    assert changed.args[2] == _first_passage_with_top_in_view(pane)
    with qtbot.waitSignal(window.passage_changed, timeout=2000) as changed:
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
    assert changed.args[2] == _first_passage_with_top_in_view(pane)


def test_a_relayout_keeps_the_place_a_jump_put_at_the_top(
    window: MainWindow, qtbot: QtBot
) -> None:
    pane = window.panes[1]
    assert pane.doc is not None
    target = pane.doc.passages[len(pane.doc.passages) // 2].start
    pane.view.go_to(target)
    window.set_zoom(4)
    window.resize(window.width() - 300, window.height())
    assert pane.place().offset == target
    qtbot.waitUntil(lambda: pane.view.top_offset() == target, timeout=2000)


def test_the_passage_signal_fires_once_per_change_at_most_every_100_ms(
    window: MainWindow, qtbot: QtBot
) -> None:
    pane = window.panes[1]
    seen: list[int] = []
    times: list[float] = []

    def record(_pane: object, _doc: str, index: int) -> None:
        seen.append(index)
        times.append(time.monotonic())

    window.passage_changed.connect(record)
    bar = pane.view.verticalScrollBar()
    qtbot.waitUntil(pane.throttle.is_idle)
    with qtbot.waitSignal(window.passage_changed, timeout=2000):
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
    assert len(seen) == 1  # the first change goes out at once
    burst_started = time.monotonic()
    while bar.value() < bar.maximum():  # a burst of scrolling
        bar.triggerAction(QAbstractSlider.SliderAction.SliderSingleStepAdd)
        QApplication.processEvents()
    qtbot.waitUntil(lambda: pane.throttle.is_idle() and seen[-1] == pane.passage_at_top())
    assert seen[-1] == _first_passage_with_top_in_view(pane)
    # At most one emission per 100 ms: counted, not timed per gap (the window's other slots run
    # before this one and take a loaded machine's time, which shifts each recorded moment).
    in_burst = len(seen) - 1
    assert in_burst >= 1
    assert in_burst <= (times[-1] - burst_started) / 0.1 + 1, (in_burst, times, burst_started)
    assert all(a != b for a, b in pairwise(seen))  # only changes
    count = len(seen)
    with qtbot.assertNotEmitted(window.passage_changed, wait=250):
        for _ in range(3):
            bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
    assert len(seen) == count  # no change, no signal


def test_history_goes_back_and_forward_with_alt_arrows(window: MainWindow, qtbot: QtBot) -> None:
    left, right = window.panes
    first_doc = left.doc_id
    right_doc = right.doc_id
    right.view.go_to(right.doc.passages[-1].start)  # type: ignore[union-attr]
    right_place = right.place()
    assert not window.window_actions["back"].isEnabled()
    show_document(qtbot, window, "qatar-peace-dialogue", left)
    assert window.window_actions["back"].isEnabled()
    assert not window.window_actions["forward"].isEnabled()
    left.view.setFocus()
    qtbot.keyClick(left.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    wait_loaded(qtbot, window)
    assert left.doc_id == first_doc
    assert right.place() == right_place and right.doc_id == right_doc
    qtbot.keyClick(left.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    wait_loaded(qtbot, window)
    assert left.doc_id == "qatar-peace-dialogue"


def test_mouse_back_and_forward_buttons_walk_the_history(
    window: MainWindow, qtbot: QtBot
) -> None:
    left = window.panes[0]
    first_doc = left.doc_id
    show_document(qtbot, window, "taliban-international-diplomacy", left)
    qtbot.mousePress(left.view.viewport(), Qt.MouseButton.BackButton, pos=QPoint(40, 40))
    wait_loaded(qtbot, window)
    assert left.doc_id == first_doc
    tree = window.library_view.tree.viewport()  # over the library list too
    qtbot.mousePress(tree, Qt.MouseButton.ForwardButton, pos=QPoint(40, 10))
    wait_loaded(qtbot, window)
    assert left.doc_id == "taliban-international-diplomacy"


def test_jump_opens_in_the_pane_showing_the_document_and_is_one_step(
    window: MainWindow, qtbot: QtBot
) -> None:
    left, right = window.panes
    left.view.setFocus()
    assert right.doc is not None
    target = right.doc.passages[-1]
    steps = len(window.history)
    pane = window.jump_to(right.doc.id, target.start, target.end)
    assert pane is right
    assert right.view.cursor_offset() == target.start
    assert FLASH in right.view.marks.layer_names()
    assert window.windowTitle().startswith(right.doc.meta.title)
    assert len(window.history) == steps + 1
    window.go_back()
    assert right.view.cursor_offset() < target.start


def test_keys_switch_panes_and_step_through_passages(window: MainWindow, qtbot: QtBot) -> None:
    left, right = window.panes
    left.view.setFocus()
    qtbot.keyClick(left.view, Qt.Key.Key_F6)
    assert window.active_pane() is right
    assert right.doc is not None
    body = [p for p in right.doc.passages if not p.chrome]
    right.view.go_to(body[1].start)
    qtbot.waitUntil(lambda: right.current_passage() == body[1].index)
    with qtbot.waitSignal(window.passage_changed, timeout=2000) as changed:
        qtbot.keyClick(right.view, Qt.Key.Key_J)
    assert changed.args[2] == body[2].index
    with qtbot.waitSignal(window.passage_changed, timeout=2000) as changed:
        qtbot.keyClick(right.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert changed.args[2] == body[1].index


def test_zoom_full_screen_and_the_shortcuts_list(window: MainWindow, qtbot: QtBot) -> None:
    view = window.panes[0].view
    size = view.font().pointSizeF()
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom == 1
    assert window.panes[1].view.font().pointSizeF() == view.font().pointSizeF() > size
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == size
    qtbot.keyClick(view, Qt.Key.Key_F11)
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.keyClick(view, Qt.Key.Key_F11)
    assert not window.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.keyClick(view, Qt.Key.Key_F1)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog)]
    assert dialogs and dialogs[-1].isVisible()
    table = dialogs[-1].table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert "Alt+Left" in rows["Back"]
    assert "F6" in rows["Next pane"]
    dialogs[-1].close()


def test_the_throttle_folds_changes_within_its_interval_into_one(qtbot: QtBot) -> None:
    from reader.ui.views.pane import PassageThrottle

    throttle = PassageThrottle(interval_ms=100)
    sent: list[tuple[str, int]] = []
    throttle.changed.connect(lambda doc, index: sent.append((doc, index)))
    throttle.offer("a", 1)
    assert sent == [("a", 1)] and not throttle.is_idle()  # at once, then the interval runs
    throttle.offer("a", 2)
    throttle.offer("a", 3)
    assert sent == [("a", 1)]  # held while the interval runs
    with qtbot.waitSignal(throttle.changed, timeout=2000):
        pass
    assert sent == [("a", 1), ("a", 3)]  # the last of the burst, once
    qtbot.waitUntil(throttle.is_idle)
    throttle.offer("a", 3)
    assert sent == [("a", 1), ("a", 3)]  # no change, no signal
