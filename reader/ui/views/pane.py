"""A reading pane: a header over a reading view, and the pane's current passage."""

from __future__ import annotations

import time
from bisect import bisect_left

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QStackedWidget, QVBoxLayout, QWidget

from reader.core.history import Place
from reader.core.model import Document, DocumentMeta
from reader.ui.models.library_model import doc_ids_from_mime, local_files_from_mime
from reader.ui.views.header import DocumentHeader
from reader.ui.views.page_panel import PagePanel
from reader.ui.views.stepwise_text import STEPWISE_CHARS
from reader.ui.views.text_view import ReadingView

PASSAGE_SIGNAL_INTERVAL_MS = 100
FLASH_CARRY_S = 1.0


def passage_index_at(starts: list[int], offset: int) -> int:
    """Return the index of the passage holding ``offset`` (or the nearest before it)."""
    return max(bisect_left(starts, offset + 1) - 1, 0)


class PassageThrottle(QObject):
    """Emits a (doc_id, passage) value once per change, at most every ``interval_ms``.

    The first change after a quiet period goes out at once; changes during the interval are
    folded into one emission at its end (only if the value differs from the last one sent).
    """

    changed = Signal(str, int)

    def __init__(self, parent: QObject | None = None, interval_ms: int = 100) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        # A coarse timer may fire up to 5 % early; the interval is a promise.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._flush)
        self._pending: tuple[str, int] | None = None
        self.last: tuple[str, int] | None = None

    def is_idle(self) -> bool:
        """Tell whether a change offered now would be emitted at once."""
        return not self._timer.isActive()

    def offer(self, doc_id: str, index: int) -> None:
        self._pending = (doc_id, index)
        if not self._timer.isActive():
            self._flush()

    def _flush(self) -> None:
        if self._pending is not None and self._pending != self.last:
            self.last = self._pending
            self._timer.start()
            self.changed.emit(*self.last)


class ReadingPane(QFrame):
    """One document in the window, with its header; accepts documents dropped from the library."""

    activated = Signal()
    passage_changed = Signal(str, int)
    document_loaded = Signal(str)
    documents_dropped = Signal(list)
    files_dropped = Signal(list)  # local paths from a file manager: import them
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingPane")
        self.setAcceptDrops(True)
        self.marker = QFrame(self)
        self.marker.setFixedHeight(3)
        self.header = DocumentHeader(self)
        self.view = ReadingView(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.pages: PagePanel | None = None  # the page view, once a PDF was shown as pages
        self._flashed = (0, 0, -1e9)  # the last flash: carried over when the view switches
        self.pending: Place | None = None
        self._landing: tuple[Document, int] | None = None  # where a loading text will show
        self.active = False
        self._starts: list[int] = []
        self._at_top = False  # the pending document's offset is a saved top line
        self._placing_top = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.marker)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.throttle = PassageThrottle(self, PASSAGE_SIGNAL_INTERVAL_MS)
        self.throttle.changed.connect(self.passage_changed)
        self.view.place_chosen.connect(self._on_place_chosen)
        self.view.scrolled.connect(self._on_scrolled)
        self.view.focused.connect(self.activated)
        self.view.text_progressed.connect(self._on_text_progressed)
        self.view.text_loaded.connect(self._on_text_loaded)
        self.header.chrome_toggled.connect(self.view.set_chrome_visible)
        self.header.close_requested.connect(self.close_requested)
        self.set_active(False)

    # -- text or pages ---------------------------------------------------------------------
    @property
    def page_mode(self) -> bool:
        """Whether the pane shows the document's pages (else its text)."""
        return self.pages is not None and self.stack.currentWidget() is self.pages

    def set_page_panel(self, panel: PagePanel) -> None:
        """Give the pane its page view (shown by ``show_pages``)."""
        self.pages = panel
        self.stack.addWidget(panel)
        panel.view.place_chosen.connect(self._on_place_chosen)
        panel.view.scrolled.connect(self._on_scrolled)
        panel.view.focused.connect(self.activated)

    def show_pages(self, on: bool) -> None:
        """Show the pages or the text, at the same place."""
        if self.pages is None or on == self.page_mode or self.view.doc is None:
            return
        if on:
            offset = self.view.position_offset()
            self.stack.setCurrentWidget(self.pages)
            self.pages.view.go_to(offset)
        else:
            offset = self.pages.view.position_offset()
            self.stack.setCurrentWidget(self.view)
            self.view.go_to(offset, reveal=False)
        start, end, when = self._flashed
        if time.monotonic() - when < FLASH_CARRY_S:  # a jump just landed: show it here too
            self.flash(start, end)
        self.header.pages_button.blockSignals(True)
        self.header.pages_button.setChecked(on)
        self.header.pages_button.blockSignals(False)

    def go_to(self, offset: int) -> None:
        """Scroll the text, or the pages, to an offset."""
        if self.page_mode and self.pages is not None:
            self.pages.view.go_to(offset)
        else:
            self.view.go_to(offset)

    def flash(self, start: int, end: int) -> None:
        """Show a range for a moment, in the text or on the page."""
        self._flashed = (start, end, time.monotonic())
        if self.page_mode and self.pages is not None:
            self.pages.view.flash(start, end)
        else:
            self.view.marks.flash(start, end)

    def selected_offsets(self) -> tuple[int, int] | None:
        """Return the selection of the text, or of the pages."""
        if self.page_mode and self.pages is not None:
            return self.pages.view.selected_offsets()
        return self.view.selected_offsets()

    # -- what the pane shows ---------------------------------------------------------------
    @property
    def doc(self) -> Document | None:
        return self.view.doc

    @property
    def doc_id(self) -> str | None:
        """The document shown, or being loaded."""
        if self.pending is not None:
            return self.pending.doc_id
        return self.view.doc.id if self.view.doc is not None else None

    def place(self) -> Place:
        """Return where the pane is: its document and the offset at the top of the view."""
        if self.pending is not None:
            return self.pending
        if self.view.doc is None:
            return Place(None)
        if self.page_mode and self.pages is not None:
            return Place(self.view.doc.id, self.pages.view.position_offset())
        return Place(self.view.doc.id, self.view.position_offset())

    def show_loading(self, meta: DocumentMeta, offset: int, at_top: bool = False) -> None:
        """Say a document is loading; ``at_top``: ``offset`` is a saved top line (a restart,
        the history), so the current passage will be counted as when scrolling there."""
        if self._landing is not None and self._landing[0].id != meta.id:
            self.view.clear_document()  # another document: this text stops going in
            self._landing = None
        self.pending = Place(meta.id, offset)
        self._at_top = at_top
        self.header.show_meta(meta, "Loading…")

    def set_document(self, doc: Document, offset: int) -> None:
        """Show a loaded document, scrolled to ``offset``: at once, or for a big text (over
        ``STEPWISE_CHARS``) once its text is in, put in by pieces while the window goes on
        (the pane says "Loading… N%" and stays ``pending`` meanwhile)."""
        loading = self.view.loading
        if loading is not None and loading.text == doc.text:
            # The same text is going in (a second jump while it loads): land at the new offset.
            self._landing = (doc, offset)
            return
        if len(doc.text) > STEPWISE_CHARS and (
            self.view.doc is None or self.view.doc.text != doc.text
        ):
            self._landing = (doc, offset)
            self.view.load_document(doc)
            return
        self._landing = None
        if self.view.doc is None or self.view.doc.text != doc.text:
            self.view.set_document(doc)
        else:
            self.view.doc = doc
        self._shown(doc, offset)

    def _on_text_progressed(self, percent: int) -> None:
        if self._landing is not None:
            self.header.show_meta(self._landing[0].meta, f"Loading… {percent}%")

    def _on_text_loaded(self) -> None:
        landing, self._landing = self._landing, None
        if landing is not None and self.view.doc is not None:
            self.view.doc = landing[0]  # the text that went in, as the newest load has it
            self._shown(*landing)

    def _shown(self, doc: Document, offset: int) -> None:
        self.pending = None
        self._starts = [p.start for p in doc.passages]
        self.header.show_meta(doc.meta)
        self._placing_top, self._at_top = self._at_top, False
        try:
            self.view.go_to(offset, reveal=False)
        finally:
            self._placing_top = False
        self.document_loaded.emit(doc.id)

    def show_error(self, message: str) -> None:
        self.pending = None
        self._landing = None
        self.view.clear_document()
        self.header.show_message("This document could not be opened", message)

    def clear(self) -> None:
        self.pending = None
        self._landing = None
        self.view.clear_document()
        self.header.show_message(
            "No document", "Open a document from the library (double-click, or drag it here)."
        )

    def set_active(self, active: bool) -> None:
        """Mark the pane as the active one (a coloured bar over its header)."""
        self.active = active
        role = "highlight" if active else "midlight"
        self.marker.setStyleSheet(f"background-color: palette({role});")
        self.setProperty("active", active)

    # -- the current passage ---------------------------------------------------------------
    def current_passage(self) -> int | None:
        """Return the index of the current passage, once known."""
        last = self.throttle.last
        doc = self.view.doc
        return last[1] if last is not None and doc is not None and last[0] == doc.id else None

    def _on_place_chosen(self, offset: int) -> None:
        doc = self.view.doc
        if doc is None or not doc.passages:
            return
        if self._placing_top:
            # The reader left this line at the top: the passage is the one scrolling names.
            self.throttle.offer(doc.id, self.passage_at_top())
        else:
            self.throttle.offer(doc.id, passage_index_at(self._starts, offset))

    def _on_scrolled(self) -> None:
        doc = self.view.doc
        if doc is not None and doc.passages:
            self.throttle.offer(doc.id, self.passage_at_top())

    def passage_at_top(self) -> int:
        """Return the first passage whose top is in the viewport (else the one filling it)."""
        if self.page_mode and self.pages is not None:
            return self._passage_at_page_top(self.pages.view.top_offset())
        top = self.view.top_offset()
        _, bottom = self.view.visible_offsets()
        index = passage_index_at(self._starts, top)
        doc = self.view.doc
        assert doc is not None
        if doc.passages[index].start >= top:
            candidates = range(index, len(self._starts))
        else:
            candidates = range(index + 1, len(self._starts))
        for i in candidates:
            start = self._starts[i]
            if start >= bottom:
                break
            if self.view.is_shown(start):
                return i
        return index

    def _passage_at_page_top(self, top: int) -> int:
        """Return the passage of the line at the top of the page view: a running head or a
        page number there (page furniture) gives way to the first body passage after it."""
        doc = self.view.doc
        assert doc is not None
        index = passage_index_at(self._starts, top)
        for i in range(index, min(index + 12, len(doc.passages))):
            if not doc.passages[i].chrome:
                return i
        return index

    def step_passage(self, delta: int) -> None:
        """Move to the next (``delta`` > 0) or previous shown passage."""
        doc = self.view.doc
        if doc is None or not doc.passages:
            return
        current = self.current_passage()
        if current is None:
            current = passage_index_at(self._starts, self.view.cursor_offset())
        index = current
        index += delta
        while 0 <= index < len(doc.passages):
            if self.view.chrome_visible or not doc.passages[index].chrome:
                self.view.go_to(doc.passages[index].start)
                self.view.setFocus()
                return
            index += 1 if delta > 0 else -1

    # -- events ----------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if doc_ids_from_mime(mime) or local_files_from_mime(mime):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        mime = event.mimeData()
        if doc_ids_from_mime(mime) or local_files_from_mime(mime):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        doc_ids = doc_ids_from_mime(event.mimeData())
        files = [] if doc_ids else local_files_from_mime(event.mimeData())
        if doc_ids or files:
            event.acceptProposedAction()
        if doc_ids:
            self.documents_dropped.emit(doc_ids)
        elif files:
            self.files_dropped.emit(files)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.activated.emit()
        super().mousePressEvent(event)
