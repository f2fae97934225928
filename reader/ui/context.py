"""What a window feature may use of the window: a narrow context, not the ``MainWindow``.

Features (highlighting, the actors pane, export, the notes…) receive an object with these
members; the main window is one, and a test can build a smaller one. No feature imports
``reader.ui.main_window``, so the window's modules form no import circle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import Qt, SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QStatusBar, QWidget

    from reader.library import Library
    from reader.ui.changes import ChangeStream
    from reader.ui.tasks import TaskManager
    from reader.ui.views.library_view import LibraryView
    from reader.ui.views.pane import ReadingPane


class WindowContext(Protocol):
    """The panes, docks, actions, the library, its lanes and its change stream."""

    library: Library
    tasks: TaskManager
    changes: ChangeStream
    panes: list[ReadingPane]
    window_actions: dict[str, QAction]  # by name, e.g. "quit"
    first_paint_done: bool
    # Features' own settings kept in the window's state file (by feature name); read it when
    # needed (a restore replaces it), change it, then call schedule_save().
    extra_state: dict[str, Any]

    # Signals: (pane, doc_id, passage index); (pane); (pane, doc_id); ().
    passage_changed: SignalInstance
    active_pane_changed: SignalInstance
    document_opened: SignalInstance
    first_painted: SignalInstance
    files_dropped: SignalInstance  # (paths, pane or None): files dropped to import
    library_view: LibraryView

    @property
    def host(self) -> QMainWindow:
        """The window's widget: the parent of a feature's widgets and objects."""
        ...

    def active_pane(self) -> ReadingPane: ...

    def other_pane(self) -> ReadingPane: ...

    def set_active_pane(self, pane: ReadingPane) -> None: ...

    def jump_to(
        self, doc_id: str, offset: int, end: int | None = None, pane: ReadingPane | None = None
    ) -> ReadingPane: ...

    def add_dock(
        self, title: str, widget: QWidget, object_name: str, area: Qt.DockWidgetArea = ...
    ) -> QDockWidget: ...

    def add_action(self, menu_title: str, action: QAction) -> QAction: ...

    def schedule_save(self) -> None: ...

    def menu(self, title: str) -> QMenu: ...

    def statusBar(self) -> QStatusBar: ...
