"""The window at laptop sizes (1280×720, 1440×900, two panes), and keys that do what they say:
what a new user tripped over (issue 25). Real key and mouse events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractSlider, QApplication, QDockWidget, QLayout, QWidget
from pytestqt.qtbot import QtBot

from reader.library import Library, WindowState
from reader.ui.actions import shortcut_rows
from reader.ui.main_window import MainWindow
from reader.ui.mentions import ACTOR_LAYER
from reader.ui.views.highlights_panel import WHOLE_LIBRARY
from reader.ui.views.pane import ReadingPane, passage_index_at
from tests.ui.conftest import WindowFactory, show_document
from tests.ui.test_highlighting import TIMEOUT, add, body, mouse_select, point_of, ready

SIZES = [(1280, 720), (1440, 900)]


def laptop_window(make_window: WindowFactory, qtbot: QtBot, size: tuple[int, int]) -> MainWindow:
    """A first start at ``size`` (two panes), once the actors pane has taken its place."""
    Library().state.save_window(WindowState(geometry=(0, 0, *size)))
    window = make_window()
    qtbot.waitUntil(lambda: window.findChild(QDockWidget, "actorsDock") is not None)
    # The actors and marks arrive from workers (issue 27), and the actors pane fits its width
    # to them: the layout is final once both panes are marked.
    shown = [p for p in window.panes if p.doc is not None]
    qtbot.waitUntil(
        lambda: all(ACTOR_LAYER in p.view.marks.layer_names() for p in shown), timeout=TIMEOUT
    )
    qtbot.wait(100)  # the first start's dock sizes are set once the window took the dock in
    assert (window.width(), window.height()) == size
    assert len(window.panes) == 2
    return window


def dock(window: MainWindow, name: str) -> QDockWidget:
    found = window.findChild(QDockWidget, name)
    assert isinstance(found, QDockWidget)
    return found


def on_screen(widget: QWidget) -> bool:
    """Whether a widget can be seen (a dock behind another's tab is "visible" but off screen)."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def inside(child: QWidget, area: QRect) -> bool:
    """Whether a widget lies wholly in ``area`` (in its parent's coordinates)."""
    return area.contains(child.geometry())


def visible_in(widget: QWidget, parent: QWidget) -> bool:
    """Whether ``widget`` is shown whole inside ``parent`` (mapped through their parents)."""
    top_left = widget.mapTo(parent, widget.rect().topLeft())
    return parent.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("side", [0, 1])
def test_the_colour_toolbar_fits_in_the_pane(
    make_window: WindowFactory, qtbot: QtBot, size: tuple[int, int], side: int
) -> None:
    window = laptop_window(make_window, qtbot, size)
    controller = ready(qtbot, window)
    pane = window.panes[side]
    assert pane.doc is not None
    doc = pane.doc
    latin = [
        p.end
        for p in doc.passages
        if not p.chrome and not p.furniture and doc.passage_text(p).isascii()
    ]
    end = latin[2]
    mouse_select(qtbot, pane, end - 12, end)  # at the end of a line: the toolbar's worst case
    tools = controller.pane_tools(pane)
    assert tools is not None and tools.toolbar.isVisible()
    viewport = pane.view.viewport()
    assert inside(tools.toolbar, viewport.rect())
    for name, button in tools.toolbar.buttons.items():
        assert visible_in(button, tools.toolbar), name
        assert button.toolTip()  # a bare swatch still says its colour
    assert visible_in(tools.toolbar.cite_button, tools.toolbar)


@pytest.mark.parametrize("size", SIZES)
def test_the_highlight_editor_fits_in_the_pane(
    make_window: WindowFactory, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window = laptop_window(make_window, qtbot, size)
    controller = ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 1)
    add(qtbot, window, pane, start, start + 30)
    pane.view.go_to(start)
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, start + 5))
    tools = controller.pane_tools(pane)
    assert tools is not None and tools.editor.isVisible()
    editor = tools.editor
    assert inside(editor, pane.view.viewport().rect()), editor.geometry()
    parts = [
        *editor.buttons.values(),
        editor.note,
        editor.tags,
        editor.cite_button,
        editor.delete_button,
        editor.close_button,
    ]
    for part in parts:
        assert visible_in(part, editor), part.objectName() or part.text()  # type: ignore[attr-defined]
        assert part.width() >= min(part.sizeHint().width(), 40)


def test_the_toolbar_shows_labels_when_the_pane_has_room(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = laptop_window(make_window, qtbot, (1920, 1080))
    controller = ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 1)
    mouse_select(qtbot, pane, start, start + 10)
    tools = controller.pane_tools(pane)
    assert tools is not None
    button = tools.toolbar.buttons["yellow"]
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon


# -- keys that do what they say ------------------------------------------------------------------
def test_ctrl_shift_m_and_h_show_raise_and_focus_their_dock(
    window: MainWindow, qtbot: QtBot
) -> None:
    notes, highlights = dock(window, "notesDock"), dock(window, "highlightsDock")
    docks = window.highlighting.docks
    assert docks is not None
    assert notes in window.tabifiedDockWidgets(highlights)
    assert on_screen(highlights) and not on_screen(notes)  # Notes sits behind at first start
    window.panes[0].view.setFocus()
    qtbot.keyClick(window.panes[0].view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: on_screen(notes))
    assert not on_screen(highlights)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is docks.notes.editor)
    assert on_screen(notes)  # and it stays in front
    # Again from the reading pane: still shown (the key never hides a dock the user is not in).
    window.panes[1].view.setFocus()
    qtbot.keyClick(window.panes[1].view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: on_screen(highlights))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is docks.panel.tree)
    assert not notes.isHidden()  # behind its tab, not closed
    # A second press while the dock has the keyboard hides it.
    qtbot.keyClick(docks.panel.tree, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert highlights.isHidden()
    qtbot.keyClick(window.panes[0].view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: on_screen(highlights))


def test_after_h_the_selection_clears_and_the_highlight_shows(
    window: MainWindow, qtbot: QtBot
) -> None:
    controller = ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 1)
    mouse_select(qtbot, pane, start, start + 20)
    tools = controller.pane_tools(pane)
    assert tools is not None and tools.toolbar.isVisible()
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        qtbot.keyClick(pane.view, Qt.Key.Key_H)
        assert not pane.view.textCursor().hasSelection()
        assert not tools.toolbar.isVisible()
    from reader.ui.highlighting import HIGHLIGHT_LAYER

    assert pane.view.marks.ranges_at(HIGHLIGHT_LAYER, start + 5)


def test_escape_closes_the_toolbar_and_the_editor(window: MainWindow, qtbot: QtBot) -> None:
    controller = ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 1)
    mouse_select(qtbot, pane, start, start + 20)
    tools = controller.pane_tools(pane)
    assert tools is not None and tools.toolbar.isVisible()
    qtbot.keyClick(pane.view, Qt.Key.Key_Escape)
    assert not tools.toolbar.isVisible()
    assert not pane.view.textCursor().hasSelection()
    add(qtbot, window, pane, start + 40, start + 60)
    pane.view.go_to(start)
    qtbot.mouseClick(
        pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, start + 45)
    )
    assert tools.editor.isVisible()
    assert pane.view.hasFocus()  # a click on a highlight leaves the keyboard in the text
    qtbot.keyClick(pane.view, Qt.Key.Key_Escape)
    assert not tools.editor.isVisible()


def test_the_library_filter_opens_the_first_match_on_enter_and_down_enters_the_list(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = window.library_view
    qtbot.keyClick(window.panes[0].view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert view.filter_box.hasFocus()
    qtbot.keyClicks(view.filter_box, "qatar")
    first = view.doc_id_at(view.proxy.index(0, 0))
    assert first == "qatar-peace-dialogue"
    with qtbot.waitSignal(window.document_opened, timeout=TIMEOUT) as opened:
        qtbot.keyClick(view.filter_box, Qt.Key.Key_Return)
    assert opened.args[1] == first
    assert window.active_pane().doc_id == first
    view.filter_box.clear()
    qtbot.keyClicks(view.filter_box, "peace")
    rows = [view.doc_id_at(view.proxy.index(r, 0)) for r in range(view.proxy.rowCount())]
    assert len(rows) >= 2
    view.filter_box.setFocus()
    qtbot.keyClick(view.filter_box, Qt.Key.Key_Down)
    assert view.tree.hasFocus()
    assert view.doc_id_at(view.tree.currentIndex()) == rows[0]
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    assert view.doc_id_at(view.tree.currentIndex()) == rows[1]


def test_the_shortcuts_list_names_keys_and_actions_as_users_know_them(
    window: MainWindow, qtbot: QtBot
) -> None:
    controller = ready(qtbot, window)
    pane = window.panes[0]
    start, _ = body(pane, 1)
    hid = add(qtbot, window, pane, start, start + 30)
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        controller.set_tags(hid, ["x"])
    assert controller.undo_stack.undoText() == "Edit tags"
    rows = dict(shortcut_rows(window))
    assert "Undo" in rows and "Redo" in rows
    assert not any(name.startswith(("Undo ", "Redo ")) for name in rows)
    keys = ",  ".join(rows.values())
    for special in ("Exit", "Zoom In", "Zoom Out", "Help"):
        assert special not in keys.split(",  ")
    assert rows["Keyboard shortcuts"] == "F1"
    assert "Ctrl++" in rows["Zoom in"]


# -- remembering ---------------------------------------------------------------------------------
def _scroll_until_mid_passage(qtbot: QtBot, pane: ReadingPane) -> int:
    """Scroll line by line (as the wheel does) until the top line is inside a passage whose
    start is above the view, with the next passage starting in view; return its index."""
    bar = pane.view.verticalScrollBar()
    for _ in range(400):
        bar.triggerAction(QAbstractSlider.SliderAction.SliderSingleStepAdd)
        qtbot.wait(1)
        top = pane.view.top_offset()
        holding = passage_index_at([p.start for p in pane.doc.passages], top)  # type: ignore[union-attr]
        shown = pane.passage_at_top()
        if shown != holding:
            qtbot.waitUntil(lambda shown=shown: pane.current_passage() == shown)
            return shown
    raise AssertionError("no place where the top line is inside a passage")


def test_a_restart_restores_the_top_line_and_the_passage_number(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    first = make_window()
    pane = first.panes[0]
    shown = _scroll_until_mid_passage(qtbot, pane)
    value = pane.view.verticalScrollBar().value()
    offset = pane.place().offset
    first.close()
    second = make_window()
    again = second.panes[0]
    qtbot.waitUntil(lambda: again.current_passage() is not None)
    assert again.place().offset == offset
    assert again.view.verticalScrollBar().value() == value
    qtbot.wait(200)  # past the passage throttle: nothing moves it afterwards
    assert again.current_passage() == shown


def test_a_restart_restores_the_highlights_panel_scope(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    first = make_window()
    docks = first.highlighting.docks
    assert docks is not None
    docks.panel.scope.setFocus()
    qtbot.keyClick(docks.panel.scope, Qt.Key.Key_Down)  # "This document" → "Whole library"
    assert docks.panel.scope.currentIndex() == WHOLE_LIBRARY
    first.close()
    second = make_window()
    again = second.highlighting.docks
    assert again is not None
    assert again.panel.scope.currentIndex() == WHOLE_LIBRARY
    assert again.panel.document.isEnabled()  # the library's scope offers every document


def test_interface_lines_in_body_text_are_folded_with_the_furniture(
    window: MainWindow, qtbot: QtBot
) -> None:
    pane = window.panes[1]
    show_document(qtbot, window, "afghan-insight-regional-conferences", pane)
    doc = pane.doc
    assert doc is not None
    start = doc.text.index("\nSHARE\n") + 1
    caption = doc.text.index("The photo depicts")
    view = pane.view
    assert not view.is_shown(start)  # folded…
    assert view.is_shown(caption)  # …while the caption in the same passage stays
    qtbot.mouseClick(pane.header.chrome_button, Qt.MouseButton.LeftButton)
    assert view.is_shown(start)  # "Page furniture" shows it, greyed
    assert view.marks.ranges_at("chrome", start)


def test_pane_titles_elide_in_the_middle_with_the_full_title_in_the_tooltip(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = laptop_window(make_window, qtbot, (1280, 720))
    for pane in window.panes:
        assert pane.doc is not None
        title = pane.doc.meta.title
        label = pane.header.title
        shown = label.text()
        assert title in label.toolTip()
        if shown != title:  # too long for the pane: both ends stay readable
            head, _, tail = shown.partition("…")
            assert head and tail
            assert title.startswith(head) and title.endswith(tail)
        assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()


def test_at_1280x720_the_actors_and_their_results_are_visible_together(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    from reader.ui.actors_feature import ActorsFeature

    window = laptop_window(make_window, qtbot, (1280, 720))
    feature = window.findChild(ActorsFeature)
    assert isinstance(feature, ActorsFeature)
    pane = feature.pane
    controller = feature.controller
    count = len(window.library.documents.ids())
    qtbot.waitUntil(
        lambda: not controller.running and len(controller.done) == count, timeout=30_000
    )
    assert on_screen(feature.dock)  # in front of its tabs
    assert not pane.results_box.isVisible()  # no empty results box before an actor is chosen
    assert pane.tree.height() > 0.5 * feature.dock.height()
    qtbot.keyClick(window.panes[0].view, Qt.Key.Key_F7)
    assert pane.tree.hasFocus()
    with qtbot.waitSignal(pane.results.modelReset, timeout=10_000):
        qtbot.keyClick(pane.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.results.rowCount() >= 3)
    qtbot.wait(50)
    view = pane.results_view
    shown = [
        row for row in range(pane.results.rowCount())
        if view.viewport().rect().contains(view.visualRect(pane.results.index(row)))
    ]
    assert len(shown) >= 2  # whole results, not one and a half
    assert view.viewport().height() > 0.4 * feature.dock.height()
    assert pane.tree.isVisible() and pane.tree.viewport().height() >= 3 * max(
        pane.tree.sizeHintForRow(0), 1
    )


def test_a_new_palette_replaces_the_colour_buttons_at_once(qtbot: QtBot) -> None:
    from reader.core.highlight import PALETTE, ColorLabel
    from reader.ui.views.highlight_toolbar import HighlightEditor, SelectionToolbar

    host = QWidget()
    qtbot.addWidget(host)
    toolbar, editor = SelectionToolbar(host), HighlightEditor(host)
    colors = [ColorLabel(name, hex_, None) for name, hex_ in PALETTE.items()]
    for _ in range(3):  # palette events may come in a burst before the loop turns
        toolbar.set_palette(colors)
        editor.set_palette(colors)
    assert _widgets(toolbar.layout()) == [*toolbar.buttons.values(), toolbar.cite_button]
    assert _widgets(editor.colors_row) == list(editor.buttons.values())


def _widgets(layout: object) -> list[QWidget]:
    """The widgets a layout lays out, in order."""
    assert isinstance(layout, QLayout)
    items = [layout.itemAt(i) for i in range(layout.count())]
    return [w for item in items if item is not None and (w := item.widget()) is not None]


def test_the_notes_key_pressed_while_the_notes_load_gives_them_the_keyboard_once_loaded(
    window: MainWindow, qtbot: QtBot
) -> None:
    docks = window.highlighting.docks
    assert docks is not None
    editor = docks.notes.editor
    editor.setEnabled(False)  # as while a document's notes are read on the io lane
    window.panes[0].view.setFocus()
    qtbot.keyClick(window.panes[0].view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: on_screen(dock(window, "notesDock")))
    assert QApplication.focusWidget() is not editor
    editor.setEnabled(True)  # the notes arrived
    assert QApplication.focusWidget() is editor
