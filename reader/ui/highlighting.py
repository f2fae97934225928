"""Highlighting in the window: the controller between the reading panes, the highlight store
(through the facade, on the ``io`` lane), the undo stack, the panel and the notes dock.

It keeps the last known highlights per document (``by_doc``), draws them through each pane's
range marks (layer ``highlights``; each range's format carries the highlight's id), and reloads
a document's highlights when the window's change stream names it, whoever made the change
(this window, the command line, another window).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextFormat, QUndoStack

from reader.core.highlight import DEFAULT_COLOR, PALETTE, ColorLabel, Highlight
from reader.library import Changes, Library, LibraryError
from reader.ui.actions import LIST_NAME
from reader.ui.highlight_commands import AddHighlight, DeleteHighlight, EditHighlight
from reader.ui.highlight_panes import PaneHighlighting
from reader.ui.tasks import IO

if TYPE_CHECKING:
    from reader.ui.context import WindowContext
    from reader.ui.highlight_docks import HighlightDocks
    from reader.ui.views.pane import ReadingPane

HIGHLIGHT_LAYER = "highlights"
# Over chrome greying and mentions (z 10 and 9), under the flash of a jump. Drawn after the
# mentions, so the text inside a highlight takes the highlight's colour (dark on a dark palette).
HIGHLIGHT_Z = 11
HIGHLIGHT_ID = QTextFormat.Property.UserProperty + 71  # a range's highlight id, in its format
HIGHLIGHT_ALPHA = 150  # overlapping highlights blend into a deeper tint
HIGHLIGHT_ALPHA_DARK = 200  # on a dark base, so that dark text over it reads at 4.5:1


def highlight_format(h: Highlight, dark: bool) -> QTextCharFormat:
    """Return the format that draws a highlight: its colour, translucent; a note underlines."""
    fmt = QTextCharFormat()
    color = QColor(PALETTE.get(h.color, PALETTE[DEFAULT_COLOR]))
    color.setAlpha(HIGHLIGHT_ALPHA_DARK if dark else HIGHLIGHT_ALPHA)
    fmt.setBackground(color)
    if dark:
        fmt.setForeground(QColor("#15161a"))  # light text on a pale tint would not read
    if h.note:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setProperty(HIGHLIGHT_ID, h.id)
    return fmt


class HighlightController(QObject):
    """Owns the window's highlighting: store calls, undo stack, drawing, change watching."""

    highlights_changed = Signal(str)  # doc_id whose highlights were reloaded
    all_loaded = Signal()
    citation_copied = Signal(str)  # the plain text put on the clipboard
    store_failed = Signal(str)
    palette_changed = Signal()  # a colour's label changed (here or elsewhere)

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window.host)
        self.window = window
        self.library: Library = window.library
        self.tasks = window.tasks
        self.undo_stack = QUndoStack(self)
        self.by_doc: dict[str, list[Highlight]] = {}
        self.titles: dict[str, str] = {}
        self.palette: list[ColorLabel] = [ColorLabel(c, h, None) for c, h in PALETTE.items()]
        self.last_color = DEFAULT_COLOR
        self.loaded = False
        self.panes: dict[int, PaneHighlighting] = {}
        self.docks: HighlightDocks | None = None
        window.changes.changed.connect(self._on_changed)
        window.document_opened.connect(self._on_document_opened)
        window.first_painted.connect(self.load_all)

    # -- reading the store -----------------------------------------------------------------
    def load_all(self) -> None:
        """Place every highlight in its document's current text, then load them and the
        palette (on the io lane)."""
        library = self.library

        def work() -> tuple[Any, ...]:
            # Placed and read in one pass: each highlight file is read once.
            found = library.highlights.current()
            grouped = {d: r.highlights for d, r in sorted(found.items()) if r.highlights}
            titles = {d: self._title(d) for d in {*grouped, *library.documents.ids()}}
            return library.state.palette(), grouped, titles

        self.tasks.run(IO, work, self._on_all_loaded, self._on_failed, key="highlights-all")

    def _title(self, doc_id: str) -> str:
        try:
            return self.library.documents.metadata(doc_id).title
        except LibraryError:
            return doc_id

    def _on_all_loaded(self, result: tuple[Any, ...]) -> None:
        palette, grouped, titles = result
        self.set_palette(palette)
        self.by_doc = grouped
        self.titles = titles
        self.loaded = True
        for pane in self.window.panes:
            self.render(pane)
        self.all_loaded.emit()

    def set_palette(self, palette: list[ColorLabel]) -> None:
        self.palette = palette
        for each in self.panes.values():
            each.set_palette(palette)

    def label(self, color: str) -> str:
        """Return what the user calls a colour: its label, else its name."""
        return next((c.label or c.color for c in self.palette if c.color == color), color)

    def all_highlights(self) -> list[Highlight]:
        return [h for hs in self.by_doc.values() for h in hs]

    def find(self, highlight_id: str) -> Highlight | None:
        return next((h for h in self.all_highlights() if h.id == highlight_id), None)

    def apply(self, doc_id: str, work: Callable[[], Any]) -> None:
        """Run store work on the io lane; the change it publishes reloads the document."""

        def failed(exc: Exception) -> None:
            self._on_failed(exc)
            self.reload(doc_id)

        self.tasks.run(IO, work, lambda _result: None, failed)

    def reload(self, doc_id: str) -> None:
        """Read a document's highlights again (on the io lane)."""
        library = self.library

        def run() -> tuple[str, list[Highlight], str]:
            return doc_id, library.highlights.list(doc_id), self._title(doc_id)

        self.tasks.run(IO, run, self._on_doc_loaded, self._on_failed)

    def _on_doc_loaded(self, result: tuple[str, list[Highlight], str]) -> None:
        doc_id, highlights, title = result
        self.by_doc[doc_id] = highlights
        self.titles[doc_id] = title
        for pane in self.window.panes:
            if pane.doc is not None and pane.doc.id == doc_id:
                self.render(pane)
        for each in self.panes.values():
            each.refresh_editor(doc_id, highlights)
        self.highlights_changed.emit(doc_id)

    def _on_failed(self, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, LibraryError) else f"Highlights: {exc!r}"
        self.window.statusBar().showMessage(message, 6000)
        self.store_failed.emit(message)

    # -- changes, made here or elsewhere ---------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        """Reload what a change names: a document's highlights, the palette, or everything."""
        if not self.loaded:
            return
        if changes.everything:
            self.load_all()
            return
        if changes.palette:
            self.tasks.run(IO, self.library.state.palette, self._on_palette_read, self._on_failed)
        for doc_id in sorted(changes.highlights):
            self.reload(doc_id)

    def _on_palette_read(self, palette: list[ColorLabel]) -> None:
        if palette != self.palette:
            self.set_palette(palette)
            self.palette_changed.emit()

    def stop_watching(self) -> None:
        """Stop hearing of changes (the window is closing; its lanes are about to stop)."""
        self.loaded = False

    # -- drawing ---------------------------------------------------------------------------
    def render(self, pane: ReadingPane) -> None:
        """Draw the highlights of the pane's document in its range marks."""
        doc = pane.doc
        if doc is None:
            pane.view.marks.clear_layer(HIGHLIGHT_LAYER)
            return
        base = pane.view.palette().base().color()
        dark = base.lightness() < 128
        ranges = [
            (h.start, h.end, highlight_format(h, dark))
            for h in self.by_doc.get(doc.id, [])
            if h.status != "orphaned" and h.end <= len(doc.text)
        ]
        pane.view.marks.set_layer(HIGHLIGHT_LAYER, ranges, z=HIGHLIGHT_Z)

    def highlights_at(self, pane: ReadingPane, offset: int) -> list[Highlight]:
        """Return the highlights drawn at an offset of a pane, innermost (shortest) first."""
        ids = [
            str(r[2].property(HIGHLIGHT_ID))
            for r in pane.view.marks.ranges_at(HIGHLIGHT_LAYER, offset)
        ]
        found = [h for h in self.by_doc.get(pane.doc_id or "", []) if h.id in ids]
        return sorted(found, key=lambda h: h.end - h.start)

    def _on_document_opened(self, pane: ReadingPane, doc_id: str) -> None:
        if id(pane) not in self.panes:
            self.panes[id(pane)] = PaneHighlighting(self, pane)
            key = id(pane)
            pane.destroyed.connect(lambda _o=None: self.panes.pop(key, None))
        self.panes[id(pane)].hide_floating()
        self.render(pane)
        if self.loaded and doc_id not in self.by_doc:
            self.reload(doc_id)

    def pane_tools(self, pane: ReadingPane) -> PaneHighlighting | None:
        return self.panes.get(id(pane))

    # -- what the user does ----------------------------------------------------------------
    def highlight_selection(
        self, color: str | None = None, pane: ReadingPane | None = None
    ) -> bool:
        """Highlight the selection of a pane (the active one by default); one undo step."""
        pane = pane or self.window.active_pane()
        selected = pane.selected_offsets()
        doc = pane.doc
        if doc is None or selected is None or selected[0] == selected[1]:
            self.window.statusBar().showMessage("Select some text to highlight first", 4000)
            return False
        start, end = selected
        if not doc.text[start:end].strip():
            self.window.statusBar().showMessage("Only blank space is selected", 4000)
            return False
        color = color or self.last_color
        self.last_color = color
        self.undo_stack.push(AddHighlight(self, doc.id, (start, end), color, self.label(color)))
        tools = self.pane_tools(pane)
        if tools is not None:
            tools.clear_selection()  # the selection would hide the new highlight
        return True

    def edit(self, highlight_id: str, text: str, **changes: Any) -> None:
        """Change a highlight (note, color, add_tags/remove_tags, span); one undo step."""
        before = self.find(highlight_id)
        if before is not None:
            self.undo_stack.push(EditHighlight(self, before, text, **changes))

    def set_note(self, highlight_id: str, note: str) -> None:
        self.edit(highlight_id, "Edit note", note=note)

    def set_color(self, highlight_id: str, color: str) -> None:
        self.last_color = color
        self.edit(highlight_id, f"Colour {self.label(color)}", color=color)

    def set_tags(self, highlight_id: str, tags: list[str]) -> None:
        before = self.find(highlight_id)
        if before is None:
            return
        added = [t for t in tags if t not in before.tags]
        removed = [t for t in before.tags if t not in tags]
        if added or removed:
            self.edit(highlight_id, "Edit tags", add_tags=added, remove_tags=removed)

    def delete(self, highlight_id: str) -> None:
        h = self.find(highlight_id)
        if h is not None:
            self.undo_stack.push(DeleteHighlight(self, h))

    def edit_at_cursor(self) -> bool:
        """Open the editor of the highlight at the active pane's text cursor (keyboard)."""
        pane = self.window.active_pane()
        tools = self.pane_tools(pane)
        if tools is None or pane.doc is None:
            return False
        offset = pane.view.cursor_offset()
        found = self.highlights_at(pane, offset) or self.highlights_at(pane, max(offset - 1, 0))
        if not found:
            self.window.statusBar().showMessage("No highlight at the cursor", 3000)
            return False
        tools.show_editor(found[0])
        tools.editor.note.setFocus()
        return True

    def replace_with_selection(self, highlight_id: str) -> bool:
        """Re-place a highlight (an orphan) on the text selected in a pane showing its document."""
        h = self.find(highlight_id)
        if h is None:
            return False
        for pane in [self.window.active_pane(), *self.window.panes]:
            selected = pane.view.selected_offsets()
            if pane.doc_id == h.doc_id and selected and selected[0] < selected[1]:
                self.edit(h.id, "Re-place highlight", span=selected)
                return True
        self.window.statusBar().showMessage(
            "Select the highlight's text in its document, then choose Re-place again", 6000
        )
        return False

    def current_highlight(self) -> Highlight | None:
        """Return the highlight chosen in the panel, if any."""
        return self.docks.panel.current() if self.docks is not None else None

    # -- copy with citation ----------------------------------------------------------------
    def copy_citation(self) -> None:
        """Copy the active pane's selection, else the highlight being edited, with its citation."""
        from reader.ui.citation_clipboard import copy_selection_or_highlight

        copy_selection_or_highlight(self)


def install_highlighting(window: WindowContext) -> HighlightController:
    """Create the controller, its docks and actions in a window."""
    from reader.ui.highlight_docks import install_docks

    controller = HighlightController(window)
    _install_actions(window, controller)
    install_docks(window, controller)
    return controller


def _install_actions(window: WindowContext, controller: HighlightController) -> None:
    stack = controller.undo_stack
    undo = stack.createUndoAction(window.host, "&Undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = stack.createRedoAction(window.host, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    undo.setProperty(LIST_NAME, "Undo")  # its text names the step: "Undo Edit tags"
    redo.setProperty(LIST_NAME, "Redo")
    window.add_action("&Edit", undo)
    window.add_action("&Edit", redo)
    _add(window, "&Edit", "Copy with &citation", "Ctrl+Shift+C", controller.copy_citation)
    _add(window, "&Edit", "&Highlight the selection", "H", controller.highlight_selection)
    _add(window, "&Edit", "&Edit the highlight at the cursor", "Shift+H", controller.edit_at_cursor)


def _add(
    window: WindowContext, menu: str, text: str, key: str, slot: Callable[[], object]
) -> QAction:
    action = QAction(text, window.host)
    action.setShortcut(QKeySequence(key))
    action.triggered.connect(lambda _checked=False: slot())
    return window.add_action(menu, action)


__all__ = ["HIGHLIGHT_LAYER", "HighlightController", "install_highlighting"]
