"""The main window: the library dock, up to four reading panes side by side, and the history.

Other features plug in through ``add_dock()``, ``add_action()``, ``passage_changed``,
``jump_to()`` and each pane's ``view.marks`` (range marks).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QSplitter, QWidget

from reader.core.history import History, Step
from reader.core.links import LinkError, parse_link
from reader.library import MAX_PANES, Library, LibraryError, WindowState
from reader.ui import layout_state
from reader.ui.actions import install_actions
from reader.ui.changes import Changes, ChangeStream
from reader.ui.highlighting import install_highlighting
from reader.ui.tasks import IO, TaskManager
from reader.ui.views.library_view import LibraryView
from reader.ui.views.pane import ReadingPane

MENU_ORDER = ("&File", "&Edit", "&Go", "&View", "&Help")
SAVE_DELAY_MS = 1500


class MainWindow(QMainWindow):
    """Composes the library and the reading panes; owns the window history."""

    passage_changed = Signal(object, str, int)  # pane, doc_id, passage index
    active_pane_changed = Signal(object)
    document_opened = Signal(object, str)  # pane, doc_id: the text is shown
    history_changed = Signal()
    first_painted = Signal()
    files_dropped = Signal(list, object)  # local paths, the pane they were dropped on (or None)

    def __init__(self, library: Library, tasks: TaskManager) -> None:
        super().__init__()
        self.library = library
        self.tasks = tasks
        self.changes = ChangeStream(library, tasks, self)
        self.history = History()
        self.panes: list[ReadingPane] = []
        self._recent: list[ReadingPane] = []
        self._painted = False
        self.first_paint_done = False  # True once first_painted has been emitted
        self.zoom = 0
        self.extra_state: dict[str, Any] = {}  # features' own saved settings (by feature name)
        self.menus: dict[str, QMenu] = {}
        self.setWindowTitle("Reference Reader")
        self.setObjectName("mainWindow")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        self.setCentralWidget(self.splitter)
        self.library_view = LibraryView(self)
        self.library_dock = self.add_dock("Library", self.library_view, "libraryDock")
        self.library_view.open_requested.connect(self._on_open_requested)
        self.library_view.open_in_other_requested.connect(self._on_open_in_other_requested)
        self.library_view.files_dropped.connect(lambda paths: self.files_dropped.emit(paths, None))
        self._fill_library_list()
        self.changes.changed.connect(self._on_changed)
        for title in MENU_ORDER:
            self.menu(title)
        self.window_actions = install_actions(self)
        self.highlighting = install_highlighting(self)
        self.history_changed.connect(self._on_history_changed)
        self.active_pane_changed.connect(self._update_title)
        self.document_opened.connect(self._update_title)
        self._on_history_changed()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._on_save_timer_timeout)
        self._saver = layout_state.StateSaver(library, tasks)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)
        self.statusBar()

    # -- plugging in -----------------------------------------------------------------------
    @property
    def host(self) -> MainWindow:
        """The window's widget (features parent their objects to it: ``WindowContext``)."""
        return self

    def add_dock(
        self,
        title: str,
        widget: QWidget,
        object_name: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.LeftDockWidgetArea,
    ) -> QDockWidget:
        """Add a dock (its object name keys its place in the saved layout)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        if not (self.first_paint_done and self.restoreDockWidget(dock)):
            # A dock added after the first paint takes the place the restored layout kept for it.
            self.addDockWidget(area, dock)
        return dock

    def menu(self, title: str) -> QMenu:
        """Return a menu of the menu bar, created (before Help) if new."""
        if title not in self.menus:
            menu = QMenu(title, self)
            help_menu = self.menus.get("&Help")
            if help_menu is not None:
                self.menuBar().insertMenu(help_menu.menuAction(), menu)
            else:
                self.menuBar().addMenu(menu)
            self.menus[title] = menu
        return self.menus[title]

    def add_action(self, menu_title: str, action: QAction) -> QAction:
        """Put an action in a menu; its shortcut works in the whole window and is listed in
        Help › Keyboard shortcuts."""
        self.menu(menu_title).addAction(action)
        self.addAction(action)
        return action

    # -- panes -----------------------------------------------------------------------------
    def add_pane(self) -> ReadingPane | None:
        """Add an empty reading pane at the right (at most four)."""
        if len(self.panes) >= MAX_PANES:
            self.statusBar().showMessage(f"At most {MAX_PANES} reading panes", 3000)
            return None
        pane = ReadingPane(self.splitter)
        pane.clear()
        pane.view.set_zoom(self.zoom)
        pane.activated.connect(lambda: self.set_active_pane(pane))
        pane.passage_changed.connect(lambda d, i: self.passage_changed.emit(pane, d, i))
        pane.document_loaded.connect(lambda d: self.document_opened.emit(pane, d))
        pane.documents_dropped.connect(lambda ids: self._on_documents_dropped(pane, ids))
        pane.files_dropped.connect(lambda paths: self.files_dropped.emit(paths, pane))
        pane.close_requested.connect(lambda: self.close_pane(pane))
        pane.view.zoom_requested.connect(lambda step: self.set_zoom(self.zoom + step))
        pane.view.viewport_moved.connect(self.schedule_save)
        self.splitter.addWidget(pane)
        self.panes.append(pane)
        self._recent.append(pane)
        if len(self.panes) == 1:
            self.set_active_pane(pane)
        self._equalize()
        return pane

    def close_pane(self, pane: ReadingPane) -> None:
        """Close a pane (the last one stays)."""
        if len(self.panes) <= 1 or pane not in self.panes:
            return
        self.panes.remove(pane)
        self._recent.remove(pane)
        pane.setParent(None)
        pane.deleteLater()
        if pane.active:
            self.set_active_pane(self._recent[0])
        self._equalize()
        self.schedule_save()

    def _equalize(self) -> None:
        self.splitter.setSizes([1000] * len(self.panes))

    def active_pane(self) -> ReadingPane:
        """The reading pane that last had focus."""
        return self._recent[0]

    def other_pane(self) -> ReadingPane:
        """The most recently active pane that is not the active one (added if there is none)."""
        if len(self._recent) < 2:
            added = self.add_pane()
            assert added is not None
            return added
        return self._recent[1]

    def set_active_pane(self, pane: ReadingPane) -> None:
        if pane not in self.panes:
            return
        changed = self._recent[0] is not pane or not pane.active
        self._recent.remove(pane)
        self._recent.insert(0, pane)
        for each in self.panes:
            each.set_active(each is pane)
        if changed:
            self.active_pane_changed.emit(pane)

    def focus_pane(self, delta: int) -> None:
        """Make the next (``delta`` = 1) or previous pane, left to right, the active one."""
        index = (self.panes.index(self.active_pane()) + delta) % len(self.panes)
        self.set_active_pane(self.panes[index])
        self.panes[index].view.setFocus()

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        widget = new
        while widget is not None and not isinstance(widget, ReadingPane):
            widget = widget.parentWidget()
        if isinstance(widget, ReadingPane):
            self.set_active_pane(widget)

    # -- opening documents and the history -------------------------------------------------
    def current_step(self) -> Step:
        """Where every pane is now."""
        places = tuple(p.place() for p in self.panes)
        return Step(places, self.panes.index(self.active_pane()))

    def open_document(
        self, doc_id: str, pane: ReadingPane | None = None, offset: int = 0, record: bool = True
    ) -> ReadingPane:
        """Open a document in a pane (the active one by default) at an offset: one history step."""
        pane = pane or self.active_pane()
        before = self.current_step()
        self._load(pane, doc_id, offset, at_top=not record)
        self.set_active_pane(pane)
        if record:
            self.history.record(before, self.current_step())
            self.history_changed.emit()
        self.schedule_save()
        return pane

    def jump_to(
        self, doc_id: str, offset: int, end: int | None = None, pane: ReadingPane | None = None
    ) -> ReadingPane:
        """Show a place as one history step: in ``pane``, else the pane already showing the
        document, else the other pane; flash ``[offset, end)`` when given."""
        if pane is None:
            showing = [p for p in self._recent if p.doc_id == doc_id]
            pane = showing[0] if showing else self.other_pane()
        if pane.doc is not None and pane.doc.id == doc_id and pane.pending is None:
            before = self.current_step()
            pane.go_to(offset)
            self.set_active_pane(pane)
            self.history.record(before, self.current_step())
            self.history_changed.emit()
        else:
            self.open_document(doc_id, pane, offset)
        if end is not None:
            self._flash_when_shown(pane, doc_id, offset, end)
        return pane

    def _flash_when_shown(self, pane: ReadingPane, doc_id: str, start: int, end: int) -> None:
        if pane.pending is None and pane.doc is not None:
            pane.flash(start, end)
            return

        def flash(loaded: str) -> None:
            pane.document_loaded.disconnect(flash)
            if loaded == doc_id:
                pane.flash(start, end)

        pane.document_loaded.connect(flash)

    def _load(self, pane: ReadingPane, doc_id: str, offset: int, at_top: bool = False) -> None:
        try:
            meta = self.library.documents.metadata(doc_id)
        except LibraryError as exc:
            pane.show_error(str(exc))
            return
        if pane.doc is not None and pane.doc.id == doc_id and pane.pending is None:
            pane.go_to(offset)
            return
        pane.show_loading(meta, offset, at_top)
        if self._painted:
            self._start_load(pane)

    def _start_load(self, pane: ReadingPane) -> None:
        place = pane.pending
        if place is None or place.doc_id is None:
            return
        doc_id, offset = place.doc_id, place.offset

        def done(doc: Any) -> None:
            if pane in self.panes and pane.pending == place:
                pane.set_document(doc, offset)

        def failed(exc: Exception) -> None:
            if pane in self.panes and pane.pending == place:
                pane.show_error(str(exc))

        self.tasks.run(
            IO, lambda: self.library.documents.get(doc_id), done, failed, key=f"pane-{id(pane)}"
        )

    def apply_step(self, step: Step) -> None:
        """Put every pane where a history step says (adding or emptying panes as needed)."""
        while len(self.panes) < len(step.places):
            self.add_pane()
        for pane, place in zip(self.panes, step.places, strict=False):
            if place.doc_id is None:
                pane.clear()
            else:
                self._load(pane, place.doc_id, place.offset, at_top=True)
        if 0 <= step.active < len(self.panes):
            self.set_active_pane(self.panes[step.active])
        self.schedule_save()

    def go_back(self) -> None:
        step = self.history.back(self.current_step())
        if step is not None:
            self.apply_step(step)
            self.history_changed.emit()

    def go_forward(self) -> None:
        step = self.history.forward(self.current_step())
        if step is not None:
            self.apply_step(step)
            self.history_changed.emit()

    def _update_title(self, *_args: object) -> None:
        doc = self.active_pane().doc if self.panes else None
        self.setWindowTitle(f"{doc.meta.title} — Reference Reader" if doc else "Reference Reader")

    def _on_history_changed(self) -> None:
        self.window_actions["back"].setEnabled(self.history.can_go_back)
        self.window_actions["forward"].setEnabled(self.history.can_go_forward)

    def _on_open_requested(self, doc_id: str) -> None:
        self.open_document(doc_id)

    def _on_open_in_other_requested(self, doc_id: str) -> None:
        self.open_document(doc_id, self.other_pane())

    def _on_documents_dropped(self, pane: ReadingPane, doc_ids: list[str]) -> None:
        self.open_document(doc_ids[0], pane)

    # -- changes -----------------------------------------------------------------------------
    def _fill_library_list(self) -> None:
        documents = self.library.documents
        self.library_view.model.set_rows(documents.all_metadata())

    def _on_changed(self, changes: Changes) -> None:
        listed = changes.documents_added | changes.documents_removed | changes.documents_changed
        if changes.metadata or changes.everything or listed:
            self._fill_library_list()
            self._refresh_headers(changes)
        for pane in self.panes:
            doc_id = pane.doc_id
            if doc_id in changes.documents_removed:
                pane.clear()
            elif doc_id in changes.documents_changed and pane.doc is not None:
                # A new version of its file: read the text again, staying where the reader was.
                offset = pane.place().offset
                pane.show_loading(pane.doc.meta, offset)
                if self._painted:
                    self._start_load(pane)

    def _refresh_headers(self, changes: Changes) -> None:
        for pane in self.panes:
            doc = pane.doc
            if doc is None or not (changes.everything or doc.id in changes.metadata):
                continue
            try:
                meta = self.library.documents.metadata(doc.id)
            except LibraryError:
                continue
            pane.header.show_meta(meta)
        self._update_title()

    # -- view ------------------------------------------------------------------------------
    def set_zoom(self, steps: int) -> None:
        """Set the text size of every pane (steps in points from the base size)."""
        self.zoom = max(-6, min(20, steps))
        for pane in self.panes:
            pane.view.set_zoom(self.zoom)
        self.schedule_save()

    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    # -- state -----------------------------------------------------------------------------
    def restore_state(self, state: WindowState) -> None:
        """Lay out panes and documents from a saved state; texts load after the first paint."""
        layout_state.restore(self, state)

    def window_state(self) -> WindowState:
        return layout_state.capture(self)

    def schedule_save(self) -> None:
        self._save_timer.start()

    def save_state(self) -> None:
        """Write the window's state now (on close)."""
        self._save_timer.stop()
        self._saver.save_now(self.window_state())

    def _on_save_timer_timeout(self) -> None:
        self._saver.save_soon(self.window_state())

    def handle_message(self, message: dict[str, Any]) -> None:
        """Act on a message from a second start: come to the front, open links it carries."""
        if message.get("command") == "quit":
            self.close()
            return
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()
        for arg in message.get("argv") or []:
            try:
                link = parse_link(str(arg))
            except LinkError:
                continue
            self.jump_to(link.doc_id, link.start, link.end)

    # -- events ----------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            # After this paint reaches the screen, start loading texts.
            QTimer.singleShot(0, self._on_first_paint)
        return handled

    def _on_first_paint(self) -> None:
        for pane in self.panes:
            self._start_load(pane)
        self.first_paint_done = True
        self.first_painted.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Widgets let the mouse's back and forward buttons through to here (the reading view
        # and the library list ignore them), wherever the pointer is in the window.
        if event.button() == Qt.MouseButton.BackButton:
            self.go_back()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.go_forward()
        else:
            super().mousePressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.changes.stop()
        super().closeEvent(event)
