"""Highlighting in the window: by key, menu and toolbar; editing in place; undo and redo;
overlaps; copy with citation. Real key and mouse events where users use them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor, QTextFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.highlight import PALETTE
from reader.library import Library
from reader.ui.highlighting import HIGHLIGHT_LAYER, HighlightController
from reader.ui.main_window import MainWindow
from reader.ui.views.pane import ReadingPane
from tests.ui.conftest import WindowFactory

TIMEOUT = 5000


def ready(qtbot: QtBot, window: MainWindow) -> HighlightController:
    controller = window.highlighting
    qtbot.waitUntil(lambda: controller.loaded, timeout=TIMEOUT)
    return controller


def body(pane: ReadingPane, index: int) -> tuple[int, int]:
    assert pane.doc is not None
    passage = [p for p in pane.doc.passages if not p.chrome and p.end - p.start > 80][index]
    return passage.start, passage.end


def point_of(pane: ReadingPane, offset: int) -> QPoint:
    view = pane.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_qt(offset))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 2, rect.center().y())


def mouse_select(qtbot: QtBot, pane: ReadingPane, start: int, end: int) -> None:
    """Select text as a user does: click at the start, shift-click at the end."""
    pane.view.go_to(start)
    viewport = pane.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_of(pane, start))
    qtbot.mouseClick(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        pos=point_of(pane, end),
    )
    assert pane.view.selected_offsets() == (start, end)


def add(
    qtbot: QtBot, window: MainWindow, pane: ReadingPane, start: int, end: int, color: str = "yellow"
) -> str:
    controller = window.highlighting
    pane.view.select_range(start, end)
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        controller.highlight_selection(color, pane)
    assert pane.doc is not None
    found = [h for h in controller.by_doc[pane.doc.id] if (h.start, h.end) == (start, end)]
    return found[0].id


def test_highlight_by_key_h_draws_it_in_its_colour(window: MainWindow, qtbot: QtBot) -> None:
    controller = ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 1)
    mouse_select(qtbot, pane, start + 4, start + 30)
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        qtbot.keyClick(pane.view, Qt.Key.Key_H)
    assert pane.doc is not None
    stored = window.library.highlights.list(pane.doc.id)
    assert [(h.start, h.end, h.color) for h in stored] == [(start + 4, start + 30, "yellow")]
    assert stored[0].quote == pane.doc.text[start + 4 : start + 30]
    ranges = pane.view.marks.ranges_at(HIGHLIGHT_LAYER, start + 10)
    assert len(ranges) == 1
    assert ranges[0][2].background().color().name() == PALETTE["yellow"]
    assert not pane.view.marks.ranges_at(HIGHLIGHT_LAYER, start + 31)


def test_context_menu_highlights_in_a_colour_shown_with_its_label(
    make_window: WindowFactory, qtbot: QtBot, corpus_dir: object, data_dir: object
) -> None:
    Library().state.set_color_label("green", "evidence")
    window = make_window()
    controller = ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 2)
    pane.view.go_to(start)
    pane.view.select_range(start, start + 20)
    menu = pane.view.build_context_menu(point_of(pane, start + 5))
    submenu = next(a.menu() for a in menu.actions() if a.text() == "&Highlight")
    texts = [a.text() for a in submenu.actions()]
    assert "evidence" in texts and "yellow" in texts
    green = next(a for a in submenu.actions() if a.text() == "evidence")
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        green.trigger()
    assert pane.doc is not None
    assert [h.color for h in window.library.highlights.list(pane.doc.id)] == ["green"]


def test_toolbar_by_the_selection_highlights_with_a_click(window: MainWindow, qtbot: QtBot) -> None:
    controller = ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 1)
    mouse_select(qtbot, pane, start, start + 25)
    tools = controller.pane_tools(pane)
    assert tools is not None and tools.toolbar.isVisible()
    button = tools.toolbar.buttons["blue"]
    assert button.text() == "blue"
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert pane.doc is not None
    assert [h.color for h in window.library.highlights.list(pane.doc.id)] == ["blue"]
    assert not tools.toolbar.isVisible()  # the selection was cleared


def test_clicking_a_highlight_edits_its_note_and_tags_in_place(
    window: MainWindow, qtbot: QtBot
) -> None:
    controller = ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 1)
    hid = add(qtbot, window, pane, start, start + 30)
    pane.view.go_to(start)
    qtbot.mouseClick(
        pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, start + 10)
    )
    tools = controller.pane_tools(pane)
    assert tools is not None and tools.editor.isVisible()
    assert tools.editor.highlight is not None and tools.editor.highlight.id == hid
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        qtbot.keyClicks(tools.editor.note, "hello there")
    assert window.library.highlights.get(hid).note == "hello there"
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        qtbot.keyClicks(tools.editor.tags, "alpha, beta")
        qtbot.keyClick(tools.editor.tags, Qt.Key.Key_Return)
    assert window.library.highlights.get(hid).tags == ("alpha", "beta")
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        qtbot.mouseClick(tools.editor.buttons["pink"], Qt.MouseButton.LeftButton)
    assert window.library.highlights.get(hid).color == "pink"


def test_undo_and_redo_add_edit_and_delete(window: MainWindow, qtbot: QtBot) -> None:
    controller = ready(qtbot, window)
    pane = window.panes[0]
    assert pane.doc is not None
    doc_id = pane.doc.id
    start, _ = body(pane, 1)
    mouse_select(qtbot, pane, start, start + 20)
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        qtbot.keyClick(pane.view, Qt.Key.Key_H)
    hid = window.library.highlights.list(doc_id)[0].id

    def key(k: Qt.Key, mods: Qt.KeyboardModifier) -> None:
        with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
            qtbot.keyClick(pane.view, k, mods)

    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    key(Qt.Key.Key_Z, ctrl)
    assert window.library.highlights.list(doc_id) == []
    assert not pane.view.marks.ranges_at(HIGHLIGHT_LAYER, start + 5)
    key(Qt.Key.Key_Z, ctrl | shift)
    assert [h.id for h in window.library.highlights.list(doc_id)] == [hid]
    assert pane.view.marks.ranges_at(HIGHLIGHT_LAYER, start + 5)
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        controller.set_color(hid, "purple")
    assert window.library.highlights.get(hid).color == "purple"
    key(Qt.Key.Key_Z, ctrl)
    assert window.library.highlights.get(hid).color == "yellow"
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        controller.delete(hid)
    assert window.library.highlights.list(doc_id) == []
    key(Qt.Key.Key_Z, ctrl)
    assert window.library.highlights.get(hid).color == "yellow"
    key(Qt.Key.Key_Z, ctrl | shift)
    assert window.library.highlights.list(doc_id) == []


def test_overlapping_highlights_and_one_across_paragraphs(window: MainWindow, qtbot: QtBot) -> None:
    controller = ready(qtbot, window)
    pane = window.panes[0]
    a_start, a_end = body(pane, 1)
    b_start, _ = body(pane, 2)
    outer = add(qtbot, window, pane, a_start, a_start + 60, "yellow")
    inner = add(qtbot, window, pane, a_start + 20, a_start + 40, "blue")
    across = add(qtbot, window, pane, a_end - 10, b_start + 10, "green")
    marks = pane.view.marks
    assert len(marks.ranges_at(HIGHLIGHT_LAYER, a_start + 30)) == 2
    assert len(marks.ranges_at(HIGHLIGHT_LAYER, a_start + 5)) == 1
    assert [h.id for h in controller.highlights_at(pane, a_start + 30)] == [inner, outer]
    assert [h.id for h in controller.highlights_at(pane, b_start + 2)] == [across]
    assert [h.id for h in controller.highlights_at(pane, a_end - 2)] == [across]
    pane.view.go_to(a_start)
    with qtbot.waitSignal(marks.applied, timeout=TIMEOUT) as drawn:
        marks.refresh()
    assert drawn.args[0] >= 3
    # A click where two overlap opens the innermost one.
    qtbot.mouseClick(
        pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, a_start + 30)
    )
    tools = controller.pane_tools(pane)
    assert tools is not None and tools.editor.highlight is not None
    assert tools.editor.highlight.id == inner


def test_copy_with_citation_puts_plain_text_and_html(window: MainWindow, qtbot: QtBot) -> None:
    controller = ready(qtbot, window)
    pane = window.panes[0]
    assert pane.doc is not None
    start, _ = body(pane, 1)
    mouse_select(qtbot, pane, start, start + 25)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(controller.citation_copied, timeout=TIMEOUT):
        qtbot.keyClick(pane.view, Qt.Key.Key_C, shift_ctrl)
    mime = QGuiApplication.clipboard().mimeData()
    passage = pane.doc.passage_at(start)
    assert passage is not None
    quote = " ".join(pane.doc.text[start : start + 25].split())
    assert mime.text().startswith(f"“{quote}”")
    assert pane.doc.meta.title in mime.text()
    assert f"¶ {passage.number}" in mime.text()
    assert "<blockquote>" in mime.html() and pane.doc.meta.title in mime.html()
    # A highlight open in its editor is copied when nothing is selected.
    hid = add(qtbot, window, pane, start + 30, start + 50)
    tools = controller.pane_tools(pane)
    assert tools is not None
    h = controller.find(hid)
    assert h is not None
    cursor = pane.view.textCursor()
    cursor.clearSelection()
    pane.view.setTextCursor(cursor)
    tools.show_editor(h)
    pane.view.setFocus()
    with qtbot.waitSignal(controller.citation_copied, timeout=TIMEOUT) as copied:
        qtbot.keyClick(pane.view, Qt.Key.Key_C, shift_ctrl)
    assert copied.args[0].startswith(f"“{' '.join(h.quote.split())}”")


def test_context_menu_on_a_highlight_deletes_it_and_undo_brings_it_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    controller = ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 1)
    hid = add(qtbot, window, pane, start, start + 30, "green")
    cursor = pane.view.textCursor()
    cursor.clearSelection()
    pane.view.setTextCursor(cursor)
    pane.view.go_to(start)
    menu = pane.view.build_context_menu(point_of(pane, start + 10))
    texts = [a.text() for a in menu.actions()]
    assert "&Edit highlight…" in texts and "&Highlight" not in texts  # nothing selected
    delete = next(a for a in menu.actions() if a.text() == "&Delete highlight")
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        delete.trigger()
    assert not pane.view.marks.ranges_at(HIGHLIGHT_LAYER, start + 10)
    undo = next(a for a in window.menu("&Edit").actions() if a.text().startswith("&Undo"))
    assert undo.text() == "&Undo Delete highlight"
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        undo.trigger()
    assert window.library.highlights.get(hid).color == "green"
    assert pane.view.marks.ranges_at(HIGHLIGHT_LAYER, start + 10)


def test_shift_h_opens_the_highlight_at_the_cursor_and_the_note_takes_keys(
    window: MainWindow, qtbot: QtBot
) -> None:
    controller = ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 1)
    hid = add(qtbot, window, pane, start, start + 30)
    pane.view.go_to(start + 12)
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    tools = controller.pane_tools(pane)
    assert tools is not None and tools.editor.isVisible()
    assert tools.editor.highlight is not None and tools.editor.highlight.id == hid
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        qtbot.keyClicks(QApplication.focusWidget(), "why h")  # H types, it does not highlight
    assert window.library.highlights.get(hid).note == "why h"
    assert len(window.library.highlights.list(pane.doc_id)) == 1


def test_a_dark_palette_draws_dark_text_on_highlights(window: MainWindow, qtbot: QtBot) -> None:
    from reader.ui.palette import dark_palette

    ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 1)
    add(qtbot, window, pane, start, start + 30)
    light = pane.view.marks.ranges_at(HIGHLIGHT_LAYER, start + 3)[0][2]
    assert not light.hasProperty(QTextFormat.Property.ForegroundBrush)
    pane.view.setPalette(dark_palette())
    dark = pane.view.marks.ranges_at(HIGHLIGHT_LAYER, start + 3)[0][2]
    assert dark.foreground().color().lightness() < 60
