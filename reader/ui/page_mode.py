"""Reading a PDF as its pages: the pane's Pages toggle, View › Show pages, Go › Go to page.

A document that came from a PDF can be shown as its pages in any pane (``PagePanel``), and the
choice is remembered per document (the window state's ``page_view`` entry). Pages are rendered
on the ``pages`` lane, one thread that owns the PyMuPDF documents, at the pane's zoom times the
screen's pixel ratio; requests the view no longer wants by the time the lane reaches them are
skipped. Highlights come from the highlight controller; a drag over characters (or a
double-click on a word) makes a highlight through it, as a selection does in the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QImage, QKeySequence

from reader.core.page_map import PageImage, PageMap
from reader.ui.mentions import ACTOR_LAYER, DATE_LAYER
from reader.ui.views.highlight_toolbar import HighlightEditor, place_near
from reader.ui.views.page_cache import DEFAULT_BOUND
from reader.ui.views.page_panel import PagePanel

if TYPE_CHECKING:
    from reader.ui.context import WindowContext
    from reader.ui.highlighting import HighlightController
    from reader.ui.views.pane import ReadingPane

PAGES_LANE = "pages"
MENTION_LAYERS = (ACTOR_LAYER, DATE_LAYER)
STATE_KEY = "page_view"  # {"docs": [doc ids shown as pages]}
MAX_REMEMBERED = 500


def to_qimage(found: PageImage) -> QImage:
    """Return a rendered page as an image that owns its pixels."""
    image = QImage(
        found.samples, found.width, found.height, found.stride, QImage.Format.Format_RGB888
    )
    return image.copy()


class PageMode(QObject):
    """The page views of the window's panes, and the actions that switch them."""

    def __init__(
        self,
        window: WindowContext,
        highlighting: HighlightController,
        cache_bound: int = DEFAULT_BOUND,
    ) -> None:
        super().__init__(window.host)
        self.window = window
        self.highlighting = highlighting
        self.cache_bound = cache_bound
        self.maps: dict[str, PageMap | None] = {}
        self._editors: dict[int, HighlightEditor] = {}
        window.tasks.add_lane(PAGES_LANE)
        self.toggle_action = QAction("Show &pages", window.host)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.toggle_action.setToolTip("Read the PDF as its pages (off: its text)")
        self.toggle_action.toggled.connect(self._on_action_toggled)
        window.add_action("&View", self.toggle_action)
        self.go_to_page_action = QAction("Go to pa&ge…", window.host)
        self.go_to_page_action.setShortcut(QKeySequence("Ctrl+G"))
        self.go_to_page_action.triggered.connect(self._on_go_to_page)
        window.add_action("&Go", self.go_to_page_action)
        window.document_opened.connect(self._on_document_opened)
        window.active_pane_changed.connect(lambda _pane: self._update_action())
        highlighting.highlights_changed.connect(self._on_highlights_changed)
        highlighting.all_loaded.connect(self._on_all_loaded)
        for pane in window.panes:
            if pane.doc is not None:
                self._on_document_opened(pane, pane.doc.id)
        self._update_action()

    # -- remembered per document -----------------------------------------------------------
    def _remembered(self) -> list[str]:
        saved: Any = self.window.extra_state.get(STATE_KEY, {})
        docs = saved.get("docs", []) if isinstance(saved, dict) else []
        return [d for d in docs if isinstance(d, str)]

    def _remember(self, doc_id: str, on: bool) -> None:
        docs = [d for d in self._remembered() if d != doc_id]
        if on:
            docs = [*docs, doc_id][-MAX_REMEMBERED:]
        self.window.extra_state[STATE_KEY] = {"docs": docs}
        self.window.schedule_save()

    # -- opening ---------------------------------------------------------------------------
    def _on_document_opened(self, pane: ReadingPane, doc_id: str) -> None:
        self._wire(pane)
        if doc_id in self.maps:
            self._apply(pane, doc_id)
            return
        pane.show_pages(False)
        pane.header.pages_button.setVisible(False)
        library = self.window.library

        def done(found: PageMap | None) -> None:
            self.maps[doc_id] = found
            if pane in self.window.panes and pane.doc_id == doc_id:
                self._apply(pane, doc_id)

        # On the pages lane: the io lane may be busy indexing the document just imported.
        self.window.tasks.run(
            PAGES_LANE, lambda: library.pages.map(doc_id), done, key=f"pages-{id(pane)}"
        )

    def _wire(self, pane: ReadingPane) -> None:
        if pane.property("pagesWired"):
            return
        pane.setProperty("pagesWired", True)
        pane.header.pages_toggled.connect(lambda on, p=pane: self.set_pages(p, on))
        pane.view.marks.layers_changed.connect(lambda p=pane: self._draw_mentions(p))

    def _draw_mentions(self, pane: ReadingPane) -> None:
        """Underline on the page the mentions the text view marks (same toggle, same colours)."""
        if pane.pages is None:
            return
        marks = pane.view.marks
        spans = []
        for layer in MENTION_LAYERS:
            if not marks.layer_visible(layer):
                continue
            for start, end, fmt in marks.ranges_between(layer, 0, 1 << 62):
                spans.append((start, end, fmt.underlineColor()))
        pane.pages.view.set_underlines(spans)

    def _apply(self, pane: ReadingPane, doc_id: str) -> None:
        """Show the pane's document as text or pages, as last chosen for it."""
        pages = self.maps.get(doc_id)
        pane.header.pages_button.setVisible(pages is not None)
        if pages is None:
            pane.show_pages(False)
        else:
            panel = self._panel(pane)
            if panel.view.doc_id != doc_id and pane.doc is not None:
                panel.view.set_document(doc_id, pane.doc.text, pages)
                panel.set_page_count(pages.page_count)
                self._draw_highlights(pane)
                self._draw_mentions(pane)
            pane.show_pages(doc_id in self._remembered())
        self._update_action()

    def _panel(self, pane: ReadingPane) -> PagePanel:
        if pane.pages is not None:
            return pane.pages
        panel = PagePanel(lambda page, scale: self._request(panel, page, scale), pane)
        panel.view.cache.bound = self.cache_bound
        panel.view.selection_made.connect(lambda s, e, p=pane: self._on_selection(p, s, e))
        panel.view.clicked.connect(lambda offset, p=pane: self._on_click(p, offset))
        pane.set_page_panel(panel)
        self._editors[id(pane)] = self._editor(panel)
        return panel

    def _editor(self, panel: PagePanel) -> HighlightEditor:
        """Return the in-place editor of a clicked highlight on the page (as in the text)."""
        controller = self.highlighting
        editor = HighlightEditor(panel.view.viewport())
        editor.set_palette(controller.palette)
        editor.color_chosen.connect(controller.set_color)
        editor.note_edited.connect(controller.set_note)
        editor.tags_edited.connect(controller.set_tags)
        editor.delete_requested.connect(controller.delete)
        controller.palette_changed.connect(lambda: editor.set_palette(controller.palette))
        panel.view.verticalScrollBar().valueChanged.connect(
            lambda _v: editor.close_editor() if editor.isVisible() else None
        )
        return editor

    def editor(self, pane: ReadingPane) -> HighlightEditor | None:
        return self._editors.get(id(pane))

    def _on_click(self, pane: ReadingPane, offset: int) -> None:
        """A click on a highlight on the page opens its editor below it; elsewhere closes it."""
        editor = self._editors.get(id(pane))
        if editor is None or pane.pages is None:
            return
        found = sorted(
            (
                h for h in self.highlighting.by_doc.get(pane.doc_id or "", [])
                if h.start <= offset < h.end and h.status != "orphaned"
            ),
            key=lambda h: h.end - h.start,
        )
        if not found:
            if editor.isVisible():
                editor.close_editor()
            return
        view = pane.pages.view
        editor.show_highlight(found[0])
        rects = view.viewport_rects(found[0].start, found[0].end)
        anchor = rects[-1].toRect() if rects else view.viewport().rect()
        place_near(editor, anchor, view.viewport().rect())

    # -- switching -------------------------------------------------------------------------
    def set_pages(self, pane: ReadingPane, on: bool) -> None:
        """Show a pane's document as its pages (``on``) or its text; remembered for it."""
        doc_id = pane.doc_id
        if doc_id is None or self.maps.get(doc_id) is None:
            pane.show_pages(False)
            self._update_action()
            return
        self._remember(doc_id, on)
        self._apply(pane, doc_id)
        (pane.pages.view if on and pane.pages is not None else pane.view).setFocus()

    def _on_action_toggled(self, on: bool) -> None:
        pane = self.window.active_pane()
        if on != pane.page_mode:
            self.set_pages(pane, on)

    def _update_action(self) -> None:
        pane = self.window.active_pane()
        has_pages = pane.doc_id is not None and self.maps.get(pane.doc_id) is not None
        self.toggle_action.blockSignals(True)
        self.toggle_action.setEnabled(has_pages)
        self.toggle_action.setChecked(pane.page_mode)
        self.toggle_action.blockSignals(False)
        self.go_to_page_action.setEnabled(pane.page_mode)

    def _on_go_to_page(self) -> None:
        pane = self.window.active_pane()
        if pane.page_mode and pane.pages is not None:
            pane.pages.focus_page_box()

    # -- rendering -------------------------------------------------------------------------
    def _request(self, panel: PagePanel, page: int, scale: float) -> None:
        view = panel.view
        doc_id = view.doc_id
        if doc_id is None:
            return
        key = (page, round(scale * 1000))
        library = self.window.library

        def work() -> QImage | None:
            if key not in view.wanted or view.doc_id != doc_id:
                return None  # scrolled past before the lane got here
            image = to_qimage(library.pages.render(doc_id, page, scale))
            image.setDevicePixelRatio(view.devicePixelRatioF())
            return image

        def done(image: QImage | None) -> None:
            if image is None or view.doc_id != doc_id:
                view.forget(page, scale)
            else:
                view.deliver(page, scale, image)

        def failed(exc: Exception) -> None:
            view.forget(page, scale)
            self.window.statusBar().showMessage(str(exc), 6000)

        self.window.tasks.run(PAGES_LANE, work, done, failed)

    # -- highlights ------------------------------------------------------------------------
    def _draw_highlights(self, pane: ReadingPane) -> None:
        if pane.pages is None or pane.doc_id is None:
            return
        spans = [
            (h.start, h.end, h.color)
            for h in self.highlighting.by_doc.get(pane.doc_id, [])
            if h.status != "orphaned"
        ]
        pane.pages.view.set_highlights(spans)

    def _on_highlights_changed(self, doc_id: str) -> None:
        current = self.highlighting.by_doc.get(doc_id, [])
        for pane in self.window.panes:
            if pane.doc_id == doc_id:
                self._draw_highlights(pane)
            editor = self._editors.get(id(pane))
            shown = editor.highlight if editor is not None else None
            if editor is not None and shown is not None and shown.doc_id == doc_id:
                newer = next((h for h in current if h.id == shown.id), None)
                if newer is not None:
                    editor.update_highlight(newer)
                else:
                    editor.highlight = None
                    editor.hide()

    def _on_all_loaded(self) -> None:
        for pane in self.window.panes:
            self._draw_highlights(pane)

    def _on_selection(self, pane: ReadingPane, start: int, end: int) -> None:
        """A drag over characters on the page: highlight them, as a selection in the text."""
        if self.highlighting.highlight_selection(pane=pane) and pane.pages is not None:
            pane.pages.view.clear_selection()


def install_page_mode(window: WindowContext, highlighting: HighlightController) -> PageMode:
    """Add the page view to the window's panes (View › Show pages, Go › Go to page)."""
    return PageMode(window, highlighting)
