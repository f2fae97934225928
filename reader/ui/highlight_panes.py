"""What highlighting adds to one reading pane: the toolbar by a selection, the in-place editor
of a clicked highlight, and the context menu's entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QMenu

from reader.core.highlight import ColorLabel, Highlight
from reader.ui.views.highlight_toolbar import HighlightEditor, SelectionToolbar, place_near, swatch

if TYPE_CHECKING:
    from reader.ui.highlighting import HighlightController
    from reader.ui.views.pane import ReadingPane


class PaneHighlighting(QObject):
    """Wires one pane's view to the controller."""

    def __init__(self, controller: HighlightController, pane: ReadingPane) -> None:
        super().__init__(pane)
        self.controller = controller
        self.pane = pane
        view = pane.view
        self.toolbar = SelectionToolbar(view.viewport())
        self.editor = HighlightEditor(view.viewport())
        self.set_palette(controller.palette)
        self.toolbar.color_chosen.connect(self._on_toolbar_color)
        self.toolbar.cite_requested.connect(controller.copy_citation)
        self.editor.color_chosen.connect(controller.set_color)
        self.editor.note_edited.connect(controller.set_note)
        self.editor.tags_edited.connect(controller.set_tags)
        self.editor.delete_requested.connect(controller.delete)
        self.editor.cite_requested.connect(self._cite_highlight)
        view.selectionChanged.connect(self.update_toolbar)
        view.viewport_moved.connect(self._on_viewport_moved)
        view.context_menu_built.connect(self._on_context_menu_built)
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)  # palette changes: redraw in the new light or dark

    def set_palette(self, palette: list[ColorLabel]) -> None:
        self.toolbar.set_palette(palette)
        self.editor.set_palette(palette)

    def hide_floating(self) -> None:
        self.toolbar.hide()
        if self.editor.isVisible():
            self.editor.close_editor()

    def refresh_editor(self, doc_id: str, highlights: list[Highlight]) -> None:
        """Show the newest version of the highlight being edited (close it if it is gone)."""
        shown = self.editor.highlight
        if shown is None or shown.doc_id != doc_id:
            return
        newer = next((h for h in highlights if h.id == shown.id), None)
        if newer is not None:
            self.editor.update_highlight(newer)
        else:
            self.editor.highlight = None
            self.editor.hide()

    # -- the toolbar by the selection ------------------------------------------------------
    def update_toolbar(self) -> None:
        view = self.pane.view
        selected = view.selected_offsets()
        if view.doc is None or selected is None or selected[0] == selected[1]:
            self.toolbar.hide()
            return
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.textCursor().selectionEnd())
        place_near(self.toolbar, view.cursorRect(cursor), view.viewport().rect())
        self.toolbar.show()
        self.toolbar.raise_()

    def _on_viewport_moved(self) -> None:
        if self.toolbar.isVisible():
            self.update_toolbar()
        if self.editor.isVisible() and self.editor.highlight is not None:
            self._place_editor(self.editor.highlight)

    def _on_toolbar_color(self, color: str) -> None:
        self.controller.highlight_selection(color, self.pane)

    def clear_selection(self) -> None:
        view = self.pane.view
        cursor = view.textCursor()
        cursor.clearSelection()
        view.setTextCursor(cursor)

    # -- the editor of a clicked highlight -------------------------------------------------
    def show_editor(self, highlight: Highlight) -> None:
        self.toolbar.hide()
        self.editor.show_highlight(highlight)
        self._place_editor(highlight)

    def _place_editor(self, highlight: Highlight) -> None:
        view = self.pane.view
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.positions.to_qt(highlight.end))
        place_near(self.editor, view.cursorRect(cursor), view.viewport().rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange and watched is self.pane.view:
            self.controller.render(self.pane)
            return False
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and watched is self.pane.view
        ):
            return self._on_escape()
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self._on_click(event)
        return False

    def _on_escape(self) -> bool:
        """Close the editor, else the toolbar (and its selection); say whether Escape did."""
        if self.editor.isVisible():
            self.editor.close_editor()
            return True
        if self.toolbar.isVisible():
            self.clear_selection()
            self.toolbar.hide()
            return True
        return False

    def _on_click(self, event: QMouseEvent) -> None:
        view = self.pane.view
        if view.textCursor().hasSelection():
            return
        offset = view.offset_at(event.position().toPoint())
        found = self.controller.highlights_at(self.pane, offset) if offset is not None else []
        if found:
            self.show_editor(found[0])
        elif self.editor.isVisible():
            self.editor.close_editor()

    def _cite_highlight(self, highlight_id: str) -> None:
        from reader.ui.citation_clipboard import copy_highlight

        copy_highlight(self.controller, highlight_id)

    # -- the context menu ------------------------------------------------------------------
    def _on_context_menu_built(self, menu: QMenu, offset: int) -> None:
        menu.addSeparator()
        view = self.pane.view
        selected = view.selected_offsets()
        if selected is not None and selected[0] < selected[1]:
            sub = menu.addMenu("&Highlight")
            for color in self.controller.palette:
                action = sub.addAction(swatch(color.hex), color.label or color.color)
                action.setObjectName(f"highlight-{color.color}")
                action.triggered.connect(
                    lambda _c=False, name=color.color: self._on_toolbar_color(name)
                )
            menu.addAction("Copy with &citation", self.controller.copy_citation)
        found = self.controller.highlights_at(self.pane, offset) if offset >= 0 else []
        if found:
            h = found[0]
            menu.addAction("&Edit highlight…", lambda: self.show_editor(h))
            menu.addAction("&Delete highlight", lambda: self.controller.delete(h.id))
