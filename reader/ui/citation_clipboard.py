"""Copy with citation: a selection or a highlight, as plain text and HTML on the clipboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from reader.core.citation import Citation, cite_span
from reader.core.model import Document
from reader.ui.tasks import IO

if TYPE_CHECKING:
    from reader.ui.highlighting import HighlightController


def put_on_clipboard(citation: Citation) -> None:
    """Put a citation on the clipboard, both as plain text and as HTML."""
    mime = QMimeData()
    mime.setText(citation.plain)
    mime.setHtml(citation.html)
    QGuiApplication.clipboard().setMimeData(mime)


def _done(controller: HighlightController, citation: Citation) -> None:
    put_on_clipboard(citation)
    controller.window.statusBar().showMessage("Copied with its citation", 3000)
    controller.citation_copied.emit(citation.plain)


def copy_selection_or_highlight(controller: HighlightController) -> None:
    """Copy the active pane's selection, else the highlight open in an editor or the panel."""
    pane = controller.window.active_pane()
    selected = pane.view.selected_offsets()
    if pane.doc is not None and selected is not None and selected[0] < selected[1]:
        _done(controller, cite_span(pane.doc, *selected))
        return
    tools = controller.pane_tools(pane)
    shown = tools.editor.highlight if tools is not None and tools.editor.isVisible() else None
    chosen = shown or controller.current_highlight()
    if chosen is not None:
        copy_highlight(controller, chosen.id)
        return
    controller.window.statusBar().showMessage(
        "Select text or a highlight to copy it with its citation", 4000
    )


def copy_highlight(controller: HighlightController, highlight_id: str) -> None:
    """Copy a highlight's quote with its citation (its document is read on the io lane if no
    pane shows it)."""
    h = controller.find(highlight_id)
    if h is None:
        return
    shown = [p.doc for p in controller.window.panes if p.doc is not None and p.doc.id == h.doc_id]
    start, end, quote = h.start, h.end, h.quote

    def cite(doc: Document) -> None:
        citation = cite_span(doc, start, end)
        if doc.text[start:end] != quote:  # orphaned: cite the words the user highlighted
            from reader.core.citation import cite as cite_quote

            citation = cite_quote(quote, doc.meta)
        _done(controller, citation)

    if shown:
        cite(shown[0])
    else:
        library = controller.library
        controller.tasks.run(
            IO, lambda: library.documents.get(h.doc_id), cite, controller._on_failed
        )
