"""The highlights panel and the notes dock, wired to the controller and the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt

from reader.core.highlight import Highlight
from reader.library import Changes
from reader.ui.actions import dock_action
from reader.ui.models.highlights_model import HighlightRow
from reader.ui.views.highlights_panel import HighlightsPanel
from reader.ui.views.notes_dock import NotesDock

if TYPE_CHECKING:
    from reader.ui.context import WindowContext
    from reader.ui.highlighting import HighlightController
    from reader.ui.views.pane import ReadingPane

RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
STATE_KEY = "highlights_panel"  # in the window state's extra: {"scope": "document"|"library"}
SCOPES = ("document", "library")  # by the panel's scope index


class _CloseWatcher(QObject):
    """Saves the notes being typed and stops watching the store when the window closes."""

    def __init__(
        self, window: WindowContext, notes: NotesDock, controller: HighlightController
    ) -> None:
        super().__init__(window.host)
        self.notes = notes
        self.controller = controller
        window.host.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.notes.flush()
            self.controller.stop_watching()
        return False


class HighlightDocks(QObject):
    """Keeps the panel and the notes dock in step with the window and the store."""

    def __init__(self, window: WindowContext, controller: HighlightController) -> None:
        super().__init__(window.host)
        self.window = window
        self.controller = controller
        self.panel = HighlightsPanel(window.host)
        self.notes = NotesDock(window.library, window.tasks, window.host)
        self.panel_dock = window.add_dock("Highlights", self.panel, "highlightsDock", RIGHT)
        self.notes_dock = window.add_dock("Notes", self.notes, "notesDock", RIGHT)
        window.add_action(
            "&View", dock_action(self.panel_dock, "&Highlights", "Ctrl+Shift+H", self.panel.tree)
        )
        window.add_action(
            "&View", dock_action(self.notes_dock, "&Notes", "Ctrl+Shift+M", self.notes.editor)
        )
        controller.all_loaded.connect(self.update_panel)
        controller.highlights_changed.connect(self.update_document)
        controller.palette_changed.connect(self.update_panel)
        window.changes.changed.connect(self._on_changed)
        self.panel.jump_requested.connect(self._on_jump_requested)
        self.panel.replace_requested.connect(controller.replace_with_selection)
        self.panel.scope.currentIndexChanged.connect(self._on_scope_changed)
        window.first_painted.connect(self._restore_scope)  # after the saved state is read
        window.active_pane_changed.connect(self._follow)
        window.document_opened.connect(self._on_document_opened)
        _CloseWatcher(window, self.notes, controller)

    def update_panel(self, *_args: object) -> None:
        c = self.controller
        rows = [
            HighlightRow(h, c.titles.get(h.doc_id, h.doc_id), c.label(h.color))
            for h in c.all_highlights()
        ]
        self.panel.set_palette(c.palette)
        self.panel.set_highlights(rows, c.titles)

    def update_document(self, doc_id: str) -> None:
        c = self.controller
        title = c.titles.get(doc_id, doc_id)
        rows = [HighlightRow(h, title, c.label(h.color)) for h in c.by_doc.get(doc_id, [])]
        self.panel.replace_document(doc_id, rows, c.titles)

    def _restore_scope(self) -> None:
        saved = self.window.extra_state.get(STATE_KEY, {})
        scope = saved.get("scope") if isinstance(saved, dict) else None
        if scope in SCOPES:
            self.panel.scope.setCurrentIndex(SCOPES.index(scope))

    def _on_scope_changed(self, index: int) -> None:
        self.window.extra_state[STATE_KEY] = {"scope": SCOPES[index]}
        self.window.schedule_save()

    def _follow(self, pane: ReadingPane) -> None:
        doc = pane.doc
        self.panel.set_current_document(pane.doc_id)
        self.notes.show_document(doc.id if doc else None, doc.meta.title if doc else "")

    def _on_document_opened(self, pane: ReadingPane, _doc_id: str) -> None:
        if pane is self.window.active_pane():
            self._follow(pane)

    def _on_changed(self, changes: Changes) -> None:
        # The notes dock ignores this while the user types; its own saves read back the same.
        if changes.everything or self.notes.doc_id in changes.notes:
            self.notes.reload()

    def _on_jump_requested(self, h: Highlight) -> None:
        if h.needs_attention:
            # Its text is no longer where it was: go near, so the user can select it again.
            self.window.jump_to(h.doc_id, h.start)
        else:
            self.window.jump_to(h.doc_id, h.start, h.end)


def install_docks(window: WindowContext, controller: HighlightController) -> HighlightDocks:
    docks = HighlightDocks(window, controller)
    controller.docks = docks
    return docks
