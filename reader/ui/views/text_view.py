"""The reading view: a document's exact text in a read-only QPlainTextEdit.

QPlainTextEdit lays out only what is visible (5 MB in 0.07 s, against 1 s for QTextBrowser), but
ignores block margins and line height: spacing comes from the document's own blank lines and the
document margin, line length from viewport margins, and de-emphasis from character formats (the
"chrome" range-mark layer). Chrome passages are folded by hiding their blocks, never removed, so
every Qt position still maps to the same document offset.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QMenu, QPlainTextEdit, QWidget

from reader.core.bidi import right_to_left_lines
from reader.core.model import Document
from reader.ui.positions import Utf16Map
from reader.ui.views.blocks import (
    align_by_direction,
    chrome_spans,
    mark_lines_right_to_left,
    set_blocks_visible,
    top_line_number,
)
from reader.ui.views.range_marks import RangeMarks
from reader.ui.views.stepwise_text import StepwiseText

CHROME_LAYER = "chrome"
LINE_CHARS = 76
TOP_MARGIN = 14  # px between the header and the first line, kept while scrolling
BASE_POINT_SIZE = 12.0
SERIF_FAMILIES = ["Charter", "Georgia", "Source Serif 4", "Noto Serif", "DejaVu Serif", "serif"]
_NAV_BUTTONS = (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton)


class ReadingView(QPlainTextEdit):
    """Shows one document; reports where the reader is, in document offsets."""

    viewport_moved = Signal()  # scrolled, resized, refolded or new text: visible blocks changed
    place_chosen = Signal(int)  # the text cursor was put at an offset (click, key or jump)
    scrolled = Signal()  # the reader scrolled without moving the cursor (wheel, scroll bar)
    focused = Signal()
    zoom_requested = Signal(int)
    text_progressed = Signal(int)  # percent of a big text put in (``load_document``)
    text_loaded = Signal()  # a big text is in and shown (``load_document``)
    # (menu, offset under the mouse or -1): features add their actions before the menu shows.
    context_menu_built = Signal(QMenu, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.positions = Utf16Map("")
        self.loading: StepwiseText | None = None  # a big text going in by pieces
        self._loading_doc: Document | None = None
        self._step_timer = QTimer(self)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self._load_step)
        self.chrome_visible = False
        self._busy = 0  # > 0 while a key, click or jump moves the view
        self._side_margin = -1
        self.zoom_steps = 0
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(28)
        align_by_direction(self.document())
        self.setAutoFillBackground(True)
        self.marks = RangeMarks(self)
        # The offset a jump put at the top; kept there through relayouts (resize, zoom, lazy
        # layout) until the reader scrolls, clicks or types.
        self.anchor: int | None = None
        self._reanchor_timer = QTimer(self)
        self._reanchor_timer.setSingleShot(True)
        self._reanchor_timer.setInterval(0)
        self._reanchor_timer.timeout.connect(self._reanchor)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scroll_value_changed)
        bar.actionTriggered.connect(self._on_scroll_action)
        self.document().documentLayout().documentSizeChanged.connect(self._reanchor_timer.start)
        self._apply_font()
        self._apply_palette()

    # -- document --------------------------------------------------------------------------
    def set_document(self, doc: Document) -> None:
        """Show a document's text exactly, right-to-left lines laid out right to left."""
        self._stop_loading()
        self.doc, self.positions = doc, Utf16Map(doc.text)  # the marks' offsets meet the text
        self._busy += 1
        try:
            self.setPlainText(doc.text)
        finally:
            self._busy -= 1
        self._show(doc, self.positions, right_to_left_lines(doc.text))

    def load_document(self, doc: Document) -> None:
        """Show a document as ``set_document`` does, its text put in by pieces, one per turn
        of the event loop (a big text): ``text_progressed`` as it goes, ``text_loaded`` once
        shown. Meanwhile the view has no document, and its text is partial."""
        self.clear_document()
        self.loading, self._loading_doc = StepwiseText(self.document(), doc.text), doc
        self._step_timer.start()

    def _load_step(self) -> None:
        loader, doc = self.loading, self._loading_doc
        if loader is None or doc is None:
            self._step_timer.stop()
        elif loader.step():
            self.text_progressed.emit(loader.percent)
        else:
            self._stop_loading()
            self._show(doc, Utf16Map(doc.text, loader.wide), loader.right_to_left)
            self.text_loaded.emit()

    def _show(self, doc: Document, positions: Utf16Map, right_to_left: list[int]) -> None:
        self.doc = doc
        self.positions = positions
        self._busy += 1
        try:
            mark_lines_right_to_left(self.document(), right_to_left)
            self._fold_chrome()
        finally:
            self._busy -= 1
        self.viewport_moved.emit()

    def _stop_loading(self) -> None:
        """Stop putting a text in (what is in stays until the next text)."""
        self._step_timer.stop()
        self.loading = self._loading_doc = None

    def clear_document(self) -> None:
        """Show nothing."""
        self._stop_loading()
        self.doc = None
        self.positions = Utf16Map("")
        self.clear()
        self.viewport_moved.emit()

    # -- chrome folding --------------------------------------------------------------------
    def set_chrome_visible(self, visible: bool) -> None:
        """Show chrome passages (greyed) or fold them away."""
        if visible != self.chrome_visible:
            self.chrome_visible = visible
            self._fold_chrome()
            self.viewport_moved.emit()

    def _fold_chrome(self) -> None:
        if self.doc is not None:
            spans = chrome_spans(self.doc)
            set_blocks_visible(self.document(), self.positions, spans, self.chrome_visible)
        self._set_chrome_layer()

    def _set_chrome_layer(self) -> None:
        if self.doc is None:
            return
        fmt = QTextCharFormat()
        fmt.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        chrome = [(p.start, p.end, fmt) for p in self.doc.passages if p.chrome]
        chrome += [(s, e, fmt) for p in self.doc.passages for s, e in p.furniture]
        self.marks.set_layer(CHROME_LAYER, chrome, z=-100)

    def is_shown(self, offset: int) -> bool:
        """Tell whether the text at an offset is on a shown (not folded) line."""
        return self.document().findBlock(self.positions.to_qt(offset)).isVisible()

    # -- where the reader is ---------------------------------------------------------------
    def _block_top(self, block: QTextBlock) -> float:
        return self.blockBoundingGeometry(block).translated(self.contentOffset()).top()

    def visible_offsets(self) -> tuple[int, int]:
        """Return the offsets ``[start, end)`` of the blocks that meet the viewport."""
        block = self.firstVisibleBlock()
        if not block.isValid():
            return 0, 0
        start = end = block.position()
        height = self.viewport().height()
        while block.isValid() and self._block_top(block) <= height:
            end = block.position() + block.length()
            block = block.next()
        limit = max(self.document().characterCount() - 1, 0)
        return self.positions.from_qt(start), self.positions.from_qt(min(end, limit))

    def top_offset(self) -> int:
        """Return the offset of the first shown line whose top is inside the viewport."""
        block = self.firstVisibleBlock()
        while block.isValid() and (not block.isVisible() or self._block_top(block) < -0.5):
            block = block.next()
        if not block.isValid():
            block = self.firstVisibleBlock()
        return self.positions.from_qt(block.position()) if block.isValid() else 0

    def position_offset(self) -> int:
        """Return where the reader is: the jump target still at the top, else the top line."""
        return self.anchor if self.anchor is not None else self.top_offset()

    def offset_at(self, point: QPoint) -> int | None:
        """Return the offset of the character under a viewport point, or ``None`` off the
        text (beyond a line's end, or below the last line)."""
        if self.doc is None:
            return None
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if point.y() > rect.bottom() + 1 or point.y() < rect.top() - 1:
            return None
        # cursorForPosition gives the nearest gap between characters; the character is the one
        # on either side whose box (between its two cursor positions) holds x, in either
        # direction of text.
        gap = cursor.position()
        for position in (gap - 1, gap):
            if 0 <= position < self.document().characterCount() - 1:
                left = self.cursorRect(self._qt_cursor(position)).x()
                right = self.cursorRect(self._qt_cursor(position + 1)).x()
                if min(left, right) <= point.x() <= max(left, right):
                    offset = self.positions.from_qt(position)
                    return offset if offset < len(self.doc.text) else None
        return None

    def _qt_cursor(self, position: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        return cursor

    def build_context_menu(self, point: QPoint) -> QMenu:
        """Return the context menu for a viewport point: Qt's (copy, select all) plus what
        features add through ``context_menu_built``."""
        menu = self.createStandardContextMenu(point)
        offset = self.offset_at(point)
        self.context_menu_built.emit(menu, -1 if offset is None else offset)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def cursor_offset(self) -> int:
        """Return the text cursor's offset."""
        return self.positions.from_qt(self.textCursor().position())

    def go_to(self, offset: int, reveal: bool = True) -> None:
        """Put the cursor at an offset and scroll its line to the top. A folded offset unfolds
        chrome when ``reveal``, else the next shown line is used."""
        if self.doc is None:
            return
        position = self.positions.to_qt(offset)
        if not self.is_shown(offset):
            if reveal:
                self.set_chrome_visible(True)
            else:
                position = self._next_shown_position(position)
                offset = self.positions.from_qt(position)
        self._busy += 1
        try:
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(self._line_number(position))
        finally:
            self._busy -= 1
        self.anchor = offset
        self.place_chosen.emit(offset)

    def _reanchor(self) -> None:
        """Put the anchor back at the top after a relayout moved it."""
        if self.anchor is None or self.doc is None:
            return
        wanted = self._line_number(self.positions.to_qt(self.anchor))
        bar = self.verticalScrollBar()
        if bar.value() != wanted:
            self._busy += 1
            try:
                bar.setValue(wanted)
            finally:
                self._busy -= 1

    def _next_shown_position(self, position: int) -> int:
        block = self.document().findBlock(position)
        while block.isValid() and not block.isVisible():
            block = block.next()
        return block.position() if block.isValid() else position

    def _line_number(self, position: int) -> int:
        return top_line_number(self.document(), position, self.viewport().height())

    def select_range(self, start: int, end: int) -> None:
        """Select the text ``[start, end)``."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(start))
        cursor.setPosition(self.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def selected_offsets(self) -> tuple[int, int] | None:
        """Return the selection as offsets, or ``None`` when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (
            self.positions.from_qt(cursor.selectionStart()),
            self.positions.from_qt(cursor.selectionEnd()),
        )

    # -- look ------------------------------------------------------------------------------
    def set_zoom(self, steps: int) -> None:
        """Set the text size: ``steps`` points above or below the base size."""
        if self.anchor is None and self.doc is not None:
            self.anchor = self.top_offset()  # keep the reader's place through the reflow
        self.zoom_steps = steps
        self._apply_font()

    def _apply_font(self) -> None:
        font = QFont()
        font.setFamilies(SERIF_FAMILIES)
        font.setPointSizeF(max(6.0, BASE_POINT_SIZE + self.zoom_steps))
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        self.setFont(font)
        self._side_margin = -1
        self._update_margins()

    def _apply_palette(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.setPalette(palette)
        self._set_chrome_layer()

    def _update_margins(self) -> None:
        """Keep the text column near LINE_CHARS characters, centred."""
        metrics = QFontMetricsF(self.font())
        column = metrics.averageCharWidth() * LINE_CHARS + 2 * self.document().documentMargin()
        bar = self.verticalScrollBar().sizeHint().width()
        side = max(0, int((self.width() - bar - column) / 2))
        if side != self._side_margin:
            self._side_margin = side
            self.setViewportMargins(side, TOP_MARGIN, side, 0)

    def side_margin(self) -> int:
        return max(self._side_margin, 0)

    # -- events ----------------------------------------------------------------------------
    def _on_scroll_value_changed(self, _value: int) -> None:
        self.viewport_moved.emit()

    def _on_scroll_action(self, _action: int) -> None:
        """The reader scrolled (wheel, scroll bar); relayouts and jumps trigger no action."""
        if self._busy:
            return
        self.anchor = None
        # The action is reported before the value moves: report the scroll after it.
        QTimer.singleShot(0, self, self.scrolled.emit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()
        self.viewport_moved.emit()
        self._reanchor_timer.start()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._busy:
            self._busy += 1
            try:
                self._apply_palette()
            finally:
                self._busy -= 1

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.anchor = None
        self._busy += 1
        try:
            super().keyPressEvent(event)
        finally:
            self._busy -= 1
        if self.doc is not None:
            self.place_chosen.emit(self.cursor_offset())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() in _NAV_BUTTONS:
            event.ignore()  # the window's history takes them
            return
        self.anchor = None
        self._busy += 1
        try:
            super().mousePressEvent(event)
        finally:
            self._busy -= 1
        if self.doc is not None and event.button() == Qt.MouseButton.LeftButton:
            self.place_chosen.emit(self.cursor_offset())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Zoom all panes together, through the window, not QPlainTextEdit's own font zoom.
            self.zoom_requested.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()
