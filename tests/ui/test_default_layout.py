"""A first start lays the docks out so the reading panes keep most of the width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget
from pytestqt.qtbot import QtBot

from reader.library import Library, WindowState
from reader.ui.main_window import MainWindow
from tests.ui.conftest import WindowFactory


def _dock(window: MainWindow, name: str) -> QDockWidget:
    dock = window.findChild(QDockWidget, name)
    assert isinstance(dock, QDockWidget)
    return dock


def _first_start(make_window: WindowFactory, qtbot: QtBot, size: tuple[int, int]) -> MainWindow:
    Library().state.save_window(WindowState(geometry=(0, 0, *size)))
    window = make_window()
    qtbot.waitUntil(lambda: window.findChild(QDockWidget, "actorsDock") is not None)
    qtbot.wait(50)
    return window


def test_first_start_stacks_actors_over_tabbed_highlights_and_notes(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = _first_start(make_window, qtbot, (1680, 1050))
    actors = _dock(window, "actorsDock")
    highlights = _dock(window, "highlightsDock")
    notes = _dock(window, "notesDock")
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert {window.dockWidgetArea(d) for d in (actors, highlights, notes)} == {right}
    assert window.tabifiedDockWidgets(highlights) == [notes]
    assert actors not in window.tabifiedDockWidgets(highlights)
    assert actors.geometry().bottom() < highlights.geometry().top()
    assert window.dockWidgetArea(window.library_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    panes = sum(p.width() for p in window.panes)
    assert panes > window.library_dock.width() + actors.width()


def test_on_a_laptop_the_library_is_a_tab_of_the_right_column(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = _first_start(make_window, qtbot, (1440, 900))
    actors = _dock(window, "actorsDock")
    highlights = _dock(window, "highlightsDock")
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert window.dockWidgetArea(window.library_dock) == right
    assert set(window.tabifiedDockWidgets(highlights)) == {
        _dock(window, "notesDock"),
        window.library_dock,
    }
    assert actors.geometry().bottom() < highlights.geometry().top()  # still over the tabs
    assert sum(p.width() for p in window.panes) > 0.7 * window.width()
    # Ctrl+L brings the library's tab to the front, with the keyboard in its filter.
    qtbot.keyClick(window.panes[0].view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.library_view.filter_box.hasFocus()
    assert not window.library_dock.visibleRegion().isEmpty()


def test_on_a_low_screen_the_actors_pane_has_the_column_s_height(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = _first_start(make_window, qtbot, (1280, 720))
    actors = _dock(window, "actorsDock")
    tabs = set(window.tabifiedDockWidgets(actors))
    assert tabs == {
        _dock(window, "highlightsDock"),
        _dock(window, "notesDock"),
        window.library_dock,
    }
    assert not actors.visibleRegion().isEmpty()  # in front
    assert actors.height() > 0.8 * window.centralWidget().height()
    assert sum(p.width() for p in window.panes) > 0.65 * window.width()


def test_the_actors_dock_returns_where_the_user_left_it(make_window: WindowFactory) -> None:
    # The actors pane is installed after the first paint, after the saved layout's restore.
    first = make_window()
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, _dock(first, "actorsDock"))
    _dock(first, "notesDock").close()
    first.close()
    second = make_window()
    actors = _dock(second, "actorsDock")
    assert second.dockWidgetArea(actors) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert actors.isVisible()
    assert not _dock(second, "notesDock").isVisible()
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert second.dockWidgetArea(_dock(second, "highlightsDock")) == right


def test_a_closed_actors_dock_stays_closed(make_window: WindowFactory) -> None:
    first = make_window()
    _dock(first, "actorsDock").close()
    first.close()
    second = make_window()
    assert not _dock(second, "actorsDock").isVisible()
    assert _dock(second, "highlightsDock").isVisible()
