"""A first start lays the docks out so the reading panes keep most of the width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from reader.ui.main_window import MainWindow


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
