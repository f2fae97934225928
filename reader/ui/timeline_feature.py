"""Wires the timeline into the window: a dock opened from View › Timeline, its data loaded on
the ``nlp`` lane (behind extraction, so it is the whole library's), refreshed from the change
stream while shown, the current passage's dates marked, and a chosen date opened as one step of
the history (``jump_to``, as the actors pane opens its results).

``install_timeline(window)`` is the one call (from ``reader.ui.app.install_after_first_paint``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer

from reader.core.actors import Actor
from reader.core.timeline import TimelineData, TimelineItem
from reader.library import Changes, Library
from reader.ui.actions import dock_action
from reader.ui.context import WindowContext
from reader.ui.extraction import NLP
from reader.ui.views.pane import ReadingPane
from reader.ui.views.timeline_panel import TimelinePanel

DOCK_NAME = "timelineDock"
DATA_KEY = "timeline"
ACTORS_KEY = "timeline-actors"
RELOAD_DELAY_MS = 400  # extraction publishes document by document: one reload for a burst


def load_timeline(
    library: Library, actor_ids: list[str], doc_id: str | None, with_lists: bool
) -> tuple[TimelineData, list[Actor] | None]:
    """Read the timeline (and, when asked, the actors to offer, most mentioned first)."""
    data = library.timeline.data(actor_ids, [doc_id] if doc_id else None)
    if not with_lists:
        return data, None
    counts = library.actors.counts()
    ranked = sorted(counts.values(), key=lambda pair: (-pair[1], pair[0].name))
    return data, [actor for actor, _count in ranked]


class TimelineFeature(QObject):
    """The timeline dock and what keeps it current."""

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window.host)
        self.window = window
        self.panel = TimelinePanel(window.host)
        self.dock = window.add_dock("Timeline", self.panel, DOCK_NAME,
                                    Qt.DockWidgetArea.BottomDockWidgetArea)  # fmt: skip
        if not _saved_in_layout(window):
            self.dock.hide()  # shown on request: View › Timeline
        self.action = dock_action(self.dock, "&Timeline", "Ctrl+Shift+T", self.panel.view)
        window.add_action("&View", self.action)
        self.stale = True
        self.loaded = False
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(RELOAD_DELAY_MS)
        self._reload.timeout.connect(self.load)
        self.dock.visibilityChanged.connect(self._on_visibility_changed)
        self.panel.filters_changed.connect(self.load)
        self.panel.item_chosen.connect(self.open_item)
        window.changes.changed.connect(self._on_changed)
        window.passage_changed.connect(self._on_passage_changed)
        window.active_pane_changed.connect(self._on_active_pane_changed)
        if self.dock.isVisible():
            self.load()

    # -- loading ----------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the timeline for the current filters on the ``nlp`` lane."""
        self.stale = False
        actor_ids, doc_id = self.panel.actor_ids(), self.panel.doc_id()
        first = not self.loaded
        library = self.window.library
        self.panel.summary.setText("Reading the dates…")
        self.window.tasks.run(
            NLP,
            lambda: load_timeline(library, actor_ids, doc_id, first),
            lambda result: self._on_loaded(result, fit=first),
            key=DATA_KEY,
        )

    def _on_loaded(self, result: tuple[TimelineData, list[Actor] | None], fit: bool) -> None:
        data, actors = result
        if actors is not None:
            self.panel.set_actors(actors)
        if not self.panel.actor_ids() and self.panel.doc_id() is None:
            self.panel.set_documents([(d.doc_id, d.title) for d in data.documents])
        self.loaded = True
        self.panel.show_data(data, fit)
        self._mark_current()

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible and self.stale:
            self.load()

    def _on_changed(self, changes: Changes) -> None:
        if changes.everything or changes.gazetteer or changes.actors or changes.metadata or (
            changes.documents_added or changes.documents_removed or changes.documents_changed
        ):
            self.stale = True
            if self.dock.isVisible():
                self._reload.start()

    # -- following the reader ---------------------------------------------------------------------
    def _on_passage_changed(self, pane: ReadingPane, _doc_id: str, _index: int) -> None:
        if pane is self.window.active_pane():
            self._mark_current()

    def _on_active_pane_changed(self, _pane: Any) -> None:
        self._mark_current()

    def _mark_current(self) -> None:
        pane = self.window.active_pane()
        index = pane.current_passage()
        doc_id = pane.doc_id
        self.panel.view.set_current((doc_id, index) if doc_id and index is not None else None)

    def open_item(self, item: TimelineItem) -> None:
        """Open a date's passage (its words flashed) in the pane showing its document, else
        the other pane; a publication opens its document at the start."""
        if item.passage_index < 0:
            self.window.jump_to(item.doc_id, 0)
        else:
            self.window.jump_to(item.doc_id, item.start, item.end)


def _saved_in_layout(window: WindowContext) -> bool:
    # Qt writes a dock's object name in UTF-16 into the saved layout.
    saved = window.library.state.window().dock_layout
    if not saved:
        return False
    raw = bytes(QByteArray.fromBase64(saved.encode("ascii")).data())
    return DOCK_NAME.encode("utf-16-be") in raw


def install_timeline(window: WindowContext) -> TimelineFeature:
    """Add View › Timeline (Ctrl+Shift+T) and its dock to a window."""
    return TimelineFeature(window)
