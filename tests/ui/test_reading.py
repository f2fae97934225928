"""The reading view: exact text, chrome folding, right-to-left, offsets, range marks."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reader.core.model import DocId, DocumentMeta
from reader.corpus.loader import build_document
from reader.ui.main_window import MainWindow
from reader.ui.positions import Utf16Map, wide_offsets
from reader.ui.views.range_marks import FLASH
from reader.ui.views.text_view import CHROME_LAYER, ReadingView
from tests.ui.conftest import show_document


def test_offsets_and_qt_positions_convert_both_ways_with_an_emoji() -> None:
    text = "a😀b\nc😀😀d"
    positions = Utf16Map(text)
    assert [positions.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 5, 6, 8, 10, 11]
    assert [positions.from_qt(positions.to_qt(i)) for i in range(len(text) + 1)] == list(
        range(len(text) + 1)
    )
    # Inside a surrogate pair: the emoji's own offset.
    assert positions.from_qt(2) == 1
    assert positions.to_qt(99) == positions.to_qt(len(text))


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_wide_characters_are_found_by_the_quick_scan(text: str) -> None:
    slow = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
    assert wide_offsets(text) == slow
    assert wide_offsets(text, 7) == [7 + i for i in slow]


def test_the_conversion_agrees_with_qt(qapp: object) -> None:
    text = "x🇳🇴 Oslo — 😀 talks\nنشست 😀 z"
    document = QTextDocument()
    document.setPlainText(text)
    positions = Utf16Map(text)
    for offset, char in enumerate(text):
        cursor = QTextCursor(document)
        cursor.setPosition(positions.to_qt(offset))
        cursor.setPosition(positions.to_qt(offset + 1), QTextCursor.MoveMode.KeepAnchor)
        expected = "\u2029" if char == "\n" else char
        assert cursor.selectedText() == expected


def _doc_with_chrome(window: MainWindow) -> str:
    for doc_id in window.library.documents.ids():
        if any(p.chrome for p in window.library.documents.get(doc_id).passages):
            return doc_id
    raise AssertionError("no seed document has chrome")


def test_chrome_is_folded_and_the_toggle_shows_it_greyed(window: MainWindow, qtbot: QtBot) -> None:
    doc_id = _doc_with_chrome(window)
    pane = window.panes[0]
    show_document(qtbot, window, doc_id, pane)
    view = pane.view
    assert pane.doc is not None
    chrome = [p for p in pane.doc.passages if p.chrome]
    body = [p for p in pane.doc.passages if not p.chrome]
    assert all(not view.is_shown(p.start) for p in chrome)
    assert all(view.is_shown(p.start) for p in body)
    pane.header.chrome_button.click()
    assert all(view.is_shown(p.start) for p in chrome)
    greyed = view.marks.ranges_between(CHROME_LAYER, 0, len(pane.doc.text))
    assert [(s, e) for s, e, _ in greyed] == [(p.start, p.end) for p in chrome]
    pane.header.chrome_button.click()
    assert not view.is_shown(chrome[0].start)


def test_persian_paragraphs_are_laid_out_right_to_left(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.panes[0]
    show_document(qtbot, window, "afghan-insight-regional-conferences", pane)
    view = pane.view
    assert pane.doc is not None
    start = pane.doc.text.index("هفته آینده کابل")
    view.go_to(start)
    rtl = view.document().findBlock(view.positions.to_qt(start))
    qtbot.waitUntil(lambda: rtl.layout().lineCount() > 0)
    assert rtl.textDirection() == Qt.LayoutDirection.RightToLeft
    ltr = rtl.next().next()  # the English attribution line after it
    assert ltr.textDirection() == Qt.LayoutDirection.LeftToRight
    width = view.document().textWidth()
    last_rtl = rtl.layout().lineAt(rtl.layout().lineCount() - 1).naturalTextRect()
    first_ltr = ltr.layout().lineAt(0).naturalTextRect()
    # The short last line of the Persian paragraph hugs the right edge; English hugs the left.
    assert last_rtl.right() > width - 40
    assert last_rtl.left() > first_ltr.left() + 20


def _view_with(qtbot: QtBot, text: str) -> ReadingView:
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    meta = DocumentMeta(id=DocId("big"), file="big.txt", title="Big")
    view.set_document(build_document(meta, text))
    return view


def test_range_marks_format_only_the_visible_blocks(qtbot: QtBot) -> None:
    paragraph = "Talks in Doha 😀 between the parties went on late into the night. " * 3
    text = "\n\n".join(f"{i}. {paragraph}" for i in range(20_000))  # about 4 MB
    view = _view_with(qtbot, text)
    fmt = QTextCharFormat()
    fmt.setFontUnderline(True)
    marks = [(p.start, p.start + 10, fmt) for p in view.doc.passages]  # type: ignore[union-attr]
    view.marks.set_layer("mentions", marks)
    started = time.perf_counter()
    view.marks.apply_now()
    elapsed = time.perf_counter() - started
    drawn = view.extraSelections()
    assert 0 < len(drawn) < 100
    assert elapsed < 0.05
    start, end = view.visible_offsets()
    for selection in drawn:
        assert start <= view.positions.from_qt(selection.cursor.selectionStart()) < end
    with qtbot.waitSignal(view.marks.applied, timeout=2000):
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    last = view.doc.passages[-1]  # type: ignore[union-attr]
    ends = {view.positions.from_qt(s.cursor.selectionStart()) for s in view.extraSelections()}
    assert last.start in ends


def test_layers_overlap_hide_and_flash(qtbot: QtBot) -> None:
    view = _view_with(qtbot, "One two three four five six.\n\nSeven eight nine.")
    yellow, blue = QTextCharFormat(), QTextCharFormat()
    yellow.setBackground(Qt.GlobalColor.yellow)
    blue.setBackground(Qt.GlobalColor.blue)
    view.marks.set_layer("highlights", [(0, 13, yellow), (4, 40, blue)])
    view.marks.apply_now()
    assert len(view.extraSelections()) == 2
    view.marks.set_layer_visible("highlights", False)
    view.marks.apply_now()
    assert view.extraSelections() == []
    view.marks.flash(30, 35, duration_ms=50)
    view.marks.apply_now()
    assert FLASH in view.marks.layer_names()
    qtbot.waitUntil(lambda: FLASH not in view.marks.layer_names(), timeout=2000)


def test_the_offset_under_the_mouse_and_the_marks_there(qtbot: QtBot) -> None:
    text = "Oslo 😀 talks began.\n\nنشست کابل\n\nDoha next."
    view = _view_with(qtbot, text)
    for offset in (0, 5, 7, text.index("کابل"), text.index("Doha") + 2):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.positions.to_qt(offset))
        cursor.setPosition(view.positions.to_qt(offset + 1), QTextCursor.MoveMode.KeepAnchor)
        box = view.cursorRect(cursor)
        # The middle of the character's own box: take the left/right edges of its two cursors.
        start_rect = view.cursorRect(_cursor_at(view, offset))
        end_rect = view.cursorRect(_cursor_at(view, offset + 1))
        middle = QPoint((start_rect.x() + end_rect.x()) // 2, box.center().y())
        assert view.offset_at(middle) == offset, offset
    assert view.offset_at(QPoint(5, view.viewport().height() - 2)) is None
    fmt = QTextCharFormat()
    view.marks.set_layer("mentions", [(0, 4, fmt), (2, 9, fmt), (12, 18, fmt)])
    assert [(s, e) for s, e, _ in view.marks.ranges_at("mentions", 3)] == [(0, 4), (2, 9)]
    assert view.marks.ranges_at("mentions", 10) == []


def _cursor_at(view: ReadingView, offset: int) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_qt(offset))
    return cursor


def test_features_add_to_the_context_menu(qtbot: QtBot) -> None:
    view = _view_with(qtbot, "Norway and the Taliban met in Oslo.")
    seen: list[int] = []

    def add(menu: QMenu, offset: int) -> None:
        seen.append(offset)
        menu.addAction("Highlight")

    view.context_menu_built.connect(add)
    point = view.cursorRect(_cursor_at(view, 0)).center() + QPoint(3, 0)
    menu = view.build_context_menu(point)
    assert "Highlight" in [a.text() for a in menu.actions()]
    assert seen == [0]
