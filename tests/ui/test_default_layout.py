"""A first start lays the docks out so the reading panes keep most of the width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from reader.ui.main_window import MainWindow
from tests.ui.conftest import WindowFactory


def _dock(window: MainWindow, name: str) -> QDockWidget:
    dock = window.findChild(QDockWidget, name)
    assert isinstance(dock, QDockWidget)
    return dock


def test_first_start_stacks_actors_over_tabbed_highlights_and_notes(window: MainWindow) -> None:
    actors = _dock(window, "actorsDock")
    highlights = _dock(window, "highlightsDock")
    notes = _dock(window, "notesDock")
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert {window.dockWidgetArea(d) for d in (actors, highlights, notes)} == {right}
    assert window.tabifiedDockWidgets(highlights) == [notes]
    assert actors not in window.tabifiedDockWidgets(highlights)
    assert actors.geometry().bottom() < highlights.geometry().top()
    panes = sum(p.width() for p in window.panes)
    assert panes > window.library_dock.width() + actors.width()


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
