"""Find in the open document: Ctrl+F, typing, the count, F3/Shift+F3 and Enter, options, Escape."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.find import find_all
from reader.ui.find import CURRENT_LAYER, MATCH_LAYER, FindFeature
from reader.ui.main_window import MainWindow


def feature_of(qtbot: QtBot, window: MainWindow) -> FindFeature:
    qtbot.waitUntil(lambda: window.findChild(FindFeature) is not None, timeout=5000)
    found = window.findChild(FindFeature)
    assert found is not None
    return found


def test_ctrl_f_finds_every_match_and_f3_walks_them(qtbot: QtBot, window: MainWindow) -> None:
    feature = feature_of(qtbot, window)
    pane = window.active_pane()
    assert pane.doc is not None
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    find = feature.for_pane(pane)
    assert find.bar.isVisible() and find.bar.edit.hasFocus()
    expected = [m for m in find_all(pane.doc.text, "taliban") if pane.view.is_shown(m[0])]
    assert len(expected) > 2
    qtbot.keyClicks(find.bar.edit, "TALIBAN")
    qtbot.waitUntil(lambda: find.matches == expected, timeout=5000)
    assert find.bar.count.text() == f"1 of {len(expected)}"
    assert len(pane.view.marks.ranges_between(MATCH_LAYER, 0, len(pane.doc.text))) == len(expected)
    qtbot.keyClick(find.bar.edit, Qt.Key.Key_Return)
    assert find.bar.count.text() == f"2 of {len(expected)}"
    qtbot.keyClick(find.bar.edit, Qt.Key.Key_F3)  # the window's F3 from the bar too
    assert find.bar.count.text() == f"3 of {len(expected)}"
    qtbot.keyClick(find.bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert find.bar.count.text() == f"2 of {len(expected)}"
    start, end = expected[1]
    assert [r[:2] for r in pane.view.marks.ranges_at(CURRENT_LAYER, start)] == [(start, end)]
    qtbot.keyClick(find.bar.edit, Qt.Key.Key_Escape)
    assert not find.bar.isVisible()
    assert pane.view.marks.ranges_between(MATCH_LAYER, 0, len(pane.doc.text)) == []


def test_whole_words_and_no_matches(qtbot: QtBot, window: MainWindow) -> None:
    feature = feature_of(qtbot, window)
    feature.open()
    find = feature.for_pane(window.active_pane())
    qtbot.keyClicks(find.bar.edit, "zzzz-not-here")
    qtbot.waitUntil(lambda: find.bar.count.text() == "No matches", timeout=5000)
    find.bar.edit.setText("talib")
    qtbot.waitUntil(lambda: bool(find.matches), timeout=5000)
    find.bar.whole_word.setChecked(True)
    qtbot.waitUntil(lambda: find.matches == [], timeout=5000)
