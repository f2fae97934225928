"""Between the window and its saved state (``WindowState``): capture and restore."""

from __future__ import annotations

import itertools
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from reader.library import Library, LibraryError, PaneState, WindowState
from reader.ui.actions import apply_saved_theme
from reader.ui.tasks import IO, TaskManager

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

DEFAULT_SIZE = (1440, 900)
OPEN_AT_FIRST_START = 2
# Below these window sizes a first start stacks the docks as tabs in the right column.
COMPACT_WIDTH = 1500
COMPACT_HEIGHT = 820


def capture(window: MainWindow) -> WindowState:
    """Return the window's layout and every pane's document and offset."""
    panes = []
    for pane in window.panes:
        place = pane.place()
        panes.append(PaneState(place.doc_id, place.offset, pane.view.chrome_visible))
    normal = window.normalGeometry() if window.isMaximized() else window.geometry()
    dock = bytes(window.saveState().toBase64().data()).decode("ascii")
    return WindowState(
        panes=tuple(panes),
        active_pane=window.panes.index(window.active_pane()) if window.panes else 0,
        pane_sizes=tuple(window.splitter.sizes()),
        geometry=(normal.x(), normal.y(), normal.width(), normal.height()),
        maximized=window.isMaximized(),
        zoom=window.zoom,
        dock_layout=dock,
        extra=dict(window.extra_state),
    )


def _initial_panes(window: MainWindow, state: WindowState) -> tuple[PaneState, ...]:
    """Return the saved panes, or at a first start the library's first documents side by side."""
    if state.panes:
        return state.panes
    ids = window.library.documents.ids()[:OPEN_AT_FIRST_START]
    return tuple(PaneState(doc_id) for doc_id in ids) or (PaneState(),)


def default_docks(window: QMainWindow) -> None:
    """Lay out the docks for a first start, so the reading panes keep most of the width.

    Wide and tall: the library narrow on the left; on the right the actors pane on top,
    highlights and notes as tabs below it. Narrower than ``COMPACT_WIDTH`` (a laptop), the
    library (five rows and empty space, once two documents are open) becomes a tab of the right
    column; lower than ``COMPACT_HEIGHT``, the actors pane is a tab there too (in front), so it
    and its results get the column's whole height instead of sharing it with the highlights.
    """
    docks = {d.objectName(): d for d in window.findChildren(QDockWidget)}
    actors = docks.get("actorsDock")
    library = docks.get("libraryDock")
    narrow, low = window.width() < COMPACT_WIDTH, window.height() < COMPACT_HEIGHT
    tabs = [d for d in (docks.get("highlightsDock"), docks.get("notesDock")) if d is not None]
    if library is not None and narrow and tabs:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, library)
        tabs.append(library)
    if actors is not None and tabs:
        if low:
            tabs.insert(0, actors)
        else:
            window.splitDockWidget(actors, tabs[0], Qt.Orientation.Vertical)
    for first, second in itertools.pairwise(tabs):
        window.tabifyDockWidget(first, second)
    if tabs:
        tabs[0].raise_()
    right = [d for d in (actors, *tabs[:1]) if d is not None]
    right = list(dict.fromkeys(right))
    if len(right) == 2:
        window.resizeDocks(right, [560, 300], Qt.Orientation.Vertical)
    left = [library] if library is not None and not narrow else []
    widths = [*left, *right[:1]]
    window.resizeDocks(widths, [270, 360][-len(widths) :], Qt.Orientation.Horizontal)


def restore(window: MainWindow, state: WindowState) -> None:
    """Apply a saved state: geometry, docks, zoom, panes and their documents."""
    if state.geometry is not None:
        window.setGeometry(QRect(*state.geometry))
    else:
        window.resize(*DEFAULT_SIZE)
    if state.dock_layout:
        window.restoreState(QByteArray.fromBase64(state.dock_layout.encode("ascii")))
    else:
        default_docks(window)
    window.zoom = state.zoom
    window.extra_state = dict(state.extra)
    apply_saved_theme(window.extra_state)
    panes = _initial_panes(window, state)
    while len(window.panes) < max(len(panes), 2):
        window.add_pane()
    for pane, saved in zip(window.panes, panes, strict=False):
        pane.view.set_chrome_visible(saved.show_chrome)
        pane.header.chrome_button.setChecked(saved.show_chrome)
        if saved.doc_id is not None:
            try:
                window.library.documents.metadata(saved.doc_id)
            except LibraryError:
                continue  # the document left the library: the pane stays empty
            window.open_document(saved.doc_id, pane, saved.offset, record=False)
    window.set_zoom(state.zoom)
    if len(state.pane_sizes) == len(window.panes) and all(s > 0 for s in state.pane_sizes):
        window.splitter.setSizes(list(state.pane_sizes))
    if window.panes:
        active = state.active_pane if state.active_pane < len(window.panes) else 0
        window.set_active_pane(window.panes[active])
    window.history.record(window.current_step(), window.current_step())
    if state.maximized:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


class StateSaver:
    """Writes the window's state: on the ``io`` lane while the window runs (an fsync never
    stalls the UI), synchronously on close; an older state never overwrites a newer one."""

    def __init__(self, library: Library, tasks: TaskManager) -> None:
        self._library = library
        self._tasks = tasks
        self._lock = threading.Lock()
        self._latest = 0

    def save_soon(self, state: WindowState) -> None:
        """Write ``state`` on the io lane (skipped if a newer state was saved meanwhile)."""
        with self._lock:
            self._latest += 1
            number = self._latest

        def write() -> None:
            with self._lock:
                if number == self._latest:
                    self._library.state.save_window(state)

        self._tasks.run(IO, write, lambda _result: None)

    def save_now(self, state: WindowState) -> None:
        """Write ``state`` before returning; queued older writes become no-ops."""
        with self._lock:
            self._latest += 1
            self._library.state.save_window(state)


__all__ = ["StateSaver", "capture", "restore"]
