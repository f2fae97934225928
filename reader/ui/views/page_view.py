"""A PDF read as its pages: continuous vertical scrolling, highlights drawn over the characters.

The view lays the pages out one under the other at a zoom (fit width, fit page, or a factor),
paints those that meet the viewport from a bounded cache (``PageCache``) and asks for the
missing ones, and a page either side, through ``request(page, scale)``: the window renders
them off the GUI thread and hands each back with ``deliver``. Where the document's offsets are
comes from the character boxes of the import (``PageMap``): highlights, the selection and a
jump's flash are drawn as rectangles over their characters, a drag selects offsets, and the
line at the top of the viewport names the current passage.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from reader.core.highlight import DEFAULT_COLOR, PALETTE
from reader.core.page_map import PageMap
from reader.ui.views.page_cache import DEFAULT_BOUND, Key, PageCache

GAP = 12  # pixels between pages, and around them
MARGIN_PAGES = 1  # pages rendered ahead, above and below the viewport
FLASH_MS = 1200
HIGHLIGHT_ALPHA = 110
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
_WORD = re.compile(r"\w+")

Span = tuple[int, int, str]  # start, end, colour name


class PageView(QAbstractScrollArea):
    """Shows a PDF's pages; knows which offsets lie where through its ``PageMap``."""

    scrolled = Signal()  # the user moved the view (the passage at the top may differ)
    place_chosen = Signal(int)  # a jump put this offset at the top
    page_changed = Signal(int)  # the page at the top of the view (0-based)
    selection_made = Signal(int, int)  # offsets [start, end) dragged over, or a word's
    clicked = Signal(int)  # a click (no drag) on the character at this offset (-1: none)
    layout_changed = Signal()  # the pages were laid out again (zoom, mode or size)
    focused = Signal()

    def __init__(
        self,
        request: Callable[[int, float], None],
        parent: QWidget | None = None,
        cache_bound: int = DEFAULT_BOUND,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._request = request
        self.cache = PageCache(cache_bound)
        self.pages: PageMap | None = None
        self.doc_id: str | None = None
        self.text = ""
        self.mode = "width"  # "width", "page" or "zoom"
        self.factor = 1.0  # the zoom in "zoom" mode
        self.zoom = 1.0  # pixels a point, now
        self._tops: list[float] = []
        self._asked: set[Key] = set()
        self.wanted: frozenset[Key] = frozenset()  # read by the render lane: skip the rest
        self.anchor: int | None = None  # a jump's offset, until the user scrolls
        self._highlights: list[Span] = []
        self._underlines: list[tuple[int, int, QColor]] = []
        self._underline_starts: list[int] = []
        self._lines: dict[tuple[int, float], list[tuple[QRectF, QColor]]] = {}
        self._rects: dict[int, list[tuple[QRectF, QColor]]] | None = None
        self._drag: int | None = None
        self._pressed = False
        self.selection: tuple[int, int] | None = None
        self._flash: tuple[int, int] | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self._page = -1
        self._busy = 0  # the view scrolls itself: not the reader moving
        self.verticalScrollBar().valueChanged.connect(self._on_scroll_value_changed)
        self.horizontalScrollBar().valueChanged.connect(self.viewport().update)

    # -- the document ----------------------------------------------------------------------
    def set_document(self, doc_id: str, text: str, pages: PageMap) -> None:
        """Show a document's pages (from the top)."""
        self.doc_id, self.text, self.pages = doc_id, text, pages
        self.cache.clear()
        self._asked.clear()
        self.selection = self.anchor = None
        self._rects = None
        self._relayout()
        self._set_scroll(0)

    def set_highlights(self, spans: Sequence[Span]) -> None:
        """Draw these highlights (start, end, colour) over their characters."""
        self._highlights = list(spans)
        self._rects = None
        self.viewport().update()

    def set_underlines(self, spans: Sequence[tuple[int, int, QColor]]) -> None:
        """Underline these ranges (actor and date mentions) in their colours."""
        self._underlines = sorted(spans, key=lambda u: u[0])
        self._underline_starts = [u[0] for u in self._underlines]
        self._lines = {}
        self.viewport().update()

    def deliver(self, page: int, scale: float, image: QImage) -> None:
        """Take a rendered page (from the render lane)."""
        key = (page, round(scale * 1000))
        self._asked.discard(key)
        if key in self.wanted:
            self.cache.put(key, image)
            self.viewport().update()

    def forget(self, page: int, scale: float) -> None:
        """A request was skipped or failed: it may be asked for again."""
        self._asked.discard((page, round(scale * 1000)))

    # -- layout ----------------------------------------------------------------------------
    def set_mode(self, mode: str, factor: float | None = None) -> None:
        """Fit the width (``"width"``), the whole page (``"page"``), or zoom by ``factor``."""
        keep = self.position_offset() if self.pages is not None else None
        self.mode = mode
        if factor is not None:
            self.factor = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], factor))
        self._relayout()
        if keep is not None:
            self._scroll_to_offset(keep)

    def zoom_by(self, steps: int) -> None:
        """Zoom in (``steps`` > 0) or out from the current zoom, a step of ``ZOOM_STEPS`` each."""
        now = self.zoom
        if steps > 0:
            larger = [z for z in ZOOM_STEPS if z > now + 0.01]
            target = larger[0] if larger else ZOOM_STEPS[-1]
        else:
            smaller = [z for z in ZOOM_STEPS if z < now - 0.01]
            target = smaller[-1] if smaller else ZOOM_STEPS[0]
        self.set_mode("zoom", target)

    def _fit(self) -> float:
        assert self.pages is not None
        width = max(s.width for s in self.pages.sizes) or 1.0
        height = max(s.height for s in self.pages.sizes) or 1.0
        room_w = max(self.viewport().width() - 2 * GAP, 50)
        room_h = max(self.viewport().height() - 2 * GAP, 50)
        if self.mode == "width":
            return room_w / width
        if self.mode == "page":
            return min(room_w / width, room_h / height)
        return self.factor

    def _relayout(self) -> None:
        if self.pages is None:
            return
        self.zoom = self._fit()
        tops, y = [], float(GAP)
        for size in self.pages.sizes:
            tops.append(y)
            y += size.height * self.zoom + GAP
        self._tops = tops
        self._rects = None
        widest = max(s.width for s in self.pages.sizes) * self.zoom + 2 * GAP
        bar = self.verticalScrollBar()
        bar.setPageStep(max(self.viewport().height() - 40, 20))
        bar.setSingleStep(40)
        self._busy += 1
        try:
            # The last page's top can reach the top of the view: "go to page N" shows N.
            end = max(y - self.viewport().height(), tops[-1] - GAP if tops else 0.0)
            bar.setRange(0, max(math.ceil(end), 0))
        finally:
            self._busy -= 1
        hbar = self.horizontalScrollBar()
        hbar.setPageStep(self.viewport().width())
        hbar.setRange(0, max(int(widest - self.viewport().width()), 0))
        self.viewport().update()
        self.layout_changed.emit()

    def page_rect(self, page: int) -> QRectF:
        """Return a page's rectangle in viewport coordinates."""
        assert self.pages is not None
        size = self.pages.sizes[page]
        width, height = size.width * self.zoom, size.height * self.zoom
        room = max(self.viewport().width(), width + 2 * GAP)
        x = (room - width) / 2 - self.horizontalScrollBar().value()
        y = self._tops[page] - self.verticalScrollBar().value()
        return QRectF(x, y, width, height)

    def visible_pages(self) -> range:
        """Return the pages that meet the viewport."""
        if not self._tops:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(bisect.bisect_right(self._tops, top) - 1, 0)
        last = max(bisect.bisect_right(self._tops, bottom) - 1, first)
        return range(first, last + 1)

    def scale(self) -> float:
        """Return the pixels a point pages are rendered at: the zoom at the screen's ratio."""
        return self.zoom * self.devicePixelRatioF()

    # -- where the reader is ---------------------------------------------------------------
    def current_page(self) -> int:
        """Return the page at the top of the view."""
        if not self._tops:
            return 0
        y = self.verticalScrollBar().value() + GAP + 1  # scroll values are whole pixels
        return max(bisect.bisect_right(self._tops, y) - 1, 0)

    def top_offset(self) -> int:
        """Return the offset of the first line at or below the top of the viewport."""
        if self.pages is None or not self._tops:
            return 0
        y = self.verticalScrollBar().value()
        page = max(bisect.bisect_right(self._tops, y) - 1, 0)
        within = max((y - self._tops[page]) / self.zoom, 0.0)
        for p in range(page, min(page + 3, self.pages.page_count)):
            found = self.pages.offset_below(p, within if p == page else 0.0)
            if found is not None:
                return found
        return self.pages.page_start(page)

    def position_offset(self) -> int:
        """Return where the reader is: the jump target while it is still shown, else the top."""
        return self.anchor if self.anchor is not None else self.top_offset()

    def go_to(self, offset: int) -> None:
        """Scroll a document offset's line to the top of the view."""
        if self.pages is None:
            return
        self._scroll_to_offset(offset)
        self.anchor = offset
        self.place_chosen.emit(offset)

    def go_to_page(self, page: int) -> None:
        """Scroll a page's top to the top of the view."""
        if not self._tops:
            return
        page = max(0, min(page, len(self._tops) - 1))
        self.verticalScrollBar().setValue(int(self._tops[page] - GAP))

    def _scroll_to_offset(self, offset: int) -> None:
        assert self.pages is not None
        found = self.pages.locate(offset)
        if found is None:
            page, y = self.pages.page_of(offset), 0.0
        else:
            page, y = found[0], found[1][1]
        self._set_scroll(int(self._tops[page] + y * self.zoom - 4))

    def _set_scroll(self, value: int) -> None:
        self._busy += 1
        try:
            self.verticalScrollBar().setValue(value)
        finally:
            self._busy -= 1

    def flash(self, start: int, end: int) -> None:
        """Show a range for a moment (where a jump landed)."""
        self._flash = (start, end)
        self._flash_timer.start(FLASH_MS)
        self.viewport().update()

    def flashing(self) -> tuple[int, int] | None:
        return self._flash

    def _end_flash(self) -> None:
        self._flash = None
        self.viewport().update()

    # -- points and offsets ----------------------------------------------------------------
    def point_at(self, point: QPoint | QPointF) -> tuple[int, float, float] | None:
        """Return the page and page coordinates (points) under a viewport point."""
        for page in self.visible_pages():
            rect = self.page_rect(page)
            if rect.top() <= point.y() <= rect.bottom():
                return page, (point.x() - rect.left()) / self.zoom, (
                    point.y() - rect.top()
                ) / self.zoom
        return None

    def offset_at(self, point: QPoint | QPointF) -> int | None:
        """Return the offset of the character under (or on the line of) a viewport point."""
        found = self.point_at(point)
        if found is None or self.pages is None:
            return None
        return self.pages.offset_at(*found)

    def viewport_rects(self, start: int, end: int) -> list[QRectF]:
        """Return the rectangles of ``[start, end)`` on the visible pages, in the viewport."""
        if self.pages is None:
            return []
        out = []
        shown = self.visible_pages()
        for page, boxes in self.pages.rects(start, end).items():
            if page in shown:
                rect = self.page_rect(page)
                out += [self._to_view(rect, box) for box in boxes]
        return out

    def _to_view(self, page: QRectF, box: tuple[float, float, float, float]) -> QRectF:
        z = self.zoom
        return QRectF(
            page.left() + box[0] * z, page.top() + box[1] * z, (box[2] - box[0]) * z,
            (box[3] - box[1]) * z,
        )

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), self.palette().dark())
        if self.pages is None:
            return
        shown = self.visible_pages()
        scale = self.scale()
        wanted = range(
            max(shown.start - MARGIN_PAGES, 0),
            min(shown.stop + MARGIN_PAGES, self.pages.page_count),
        )
        level = round(scale * 1000)
        self.wanted = frozenset((p, level) for p in wanted)
        for page in shown:
            rect = self.page_rect(page)
            image = self.cache.get((page, level))
            if image is None:
                painter.fillRect(rect, QColor("white"))
            else:
                painter.drawImage(rect, image)
        self._paint_marks(painter, shown)
        painter.end()
        for page in [*shown, *(p for p in wanted if p not in shown)]:
            key = (page, level)
            if self.cache.get(key) is None and key not in self._asked:
                self._asked.add(key)
                self._request(page, scale)
        self._note_page()

    def _paint_marks(self, painter: QPainter, shown: range) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        if self._rects is None:
            self._rects = {}
        for page in shown:
            if page not in self._rects:
                self._rects[page] = self._highlight_boxes(page)
            origin = self.page_rect(page)
            for box, color in self._rects[page]:
                painter.fillRect(box.translated(origin.topLeft()), color)
        for page in shown:
            origin = self.page_rect(page)
            for line, color in self._underline_boxes(page):
                painter.fillRect(line.translated(origin.topLeft()), color)
        if self.selection is not None:
            color = QColor(self.palette().highlight().color())
            color.setAlpha(90)
            for rect in self.viewport_rects(*self.selection):
                painter.fillRect(rect, color)
        if self._flash is not None:
            color = QColor("#ff8c00")
            color.setAlpha(120)
            for rect in self.viewport_rects(*self._flash):
                painter.fillRect(rect.adjusted(-2, -2, 2, 2), color)

    def _highlight_boxes(self, page: int) -> list[tuple[QRectF, QColor]]:
        """Return a page's highlight rectangles, relative to the page's corner."""
        assert self.pages is not None
        out = []
        origin = QRectF(0, 0, 0, 0)
        for start, end, name in self._highlights:
            boxes = self.pages.rects(start, end).get(page)
            if not boxes:
                continue
            color = QColor(PALETTE.get(name, PALETTE[DEFAULT_COLOR]))
            color.setAlpha(HIGHLIGHT_ALPHA)
            out += [(self._to_view(origin, box), color) for box in boxes]
        return out

    def _underline_boxes(self, page: int) -> list[tuple[QRectF, QColor]]:
        """Return a page's underlines (at this zoom), relative to the page's corner."""
        key = (page, self.zoom)
        if key in self._lines:
            return self._lines[key]
        assert self.pages is not None
        lo, hi = self.pages.page_span(page)
        first = bisect.bisect_left(self._underline_starts, lo - 200)  # mentions are short
        last = bisect.bisect_left(self._underline_starts, hi)
        out = []
        z = self.zoom
        for start, end, color in self._underlines[first:last]:
            for box in self.pages.rects(start, end).get(page, []):
                out.append((QRectF(box[0] * z, box[3] * z - 1, (box[2] - box[0]) * z, 1.5), color))
        if len(self._lines) > 64:
            self._lines.clear()
        self._lines[key] = out
        return out

    def _note_page(self) -> None:
        page = self.current_page()
        if page != self._page:
            self._page = page
            self.page_changed.emit(page)

    # -- events ----------------------------------------------------------------------------
    def _on_scroll_value_changed(self, _value: int) -> None:
        self.viewport().update()
        self._note_page()
        if not self._busy:  # the reader scrolled: the jump target is no longer the place
            self.anchor = None
            self.scrolled.emit()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.pages is not None:
            keep = self.position_offset()
            self._relayout()
            self._scroll_to_offset(keep)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Space):
            back = key == Qt.Key.Key_PageUp or (
                key == Qt.Key.Key_Space
                and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self.go_to_page(self.current_page() + (-1 if back else 1))
            return
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and self._tops:
            self.go_to_page(0 if key == Qt.Key.Key_Home else len(self._tops) - 1)
            return
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + (bar.singleStep() * (1 if key == Qt.Key.Key_Down else -1)))
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1 if event.angleDelta().y() > 0 else -1)
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.focused.emit()
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = self.offset_at(event.position())
            self._pressed = True
            self.selection = None
            self.viewport().update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            here = self.offset_at(event.position())
            if here is not None:
                lo, hi = min(self._drag, here), max(self._drag, here)
                self.selection = (lo, hi + 1)
                self.viewport().update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._pressed:
            pressed, self._drag, self._pressed = self._drag, None, False
            if self.selection is not None:
                self.selection_made.emit(*self.selection)
            else:
                self.clicked.emit(-1 if pressed is None else pressed)
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        offset = self.offset_at(event.position())
        if offset is None:
            return
        for match in _WORD.finditer(self.text, max(offset - 100, 0), offset + 100):
            if match.start() <= offset < match.end():
                self._drag = None
                self.selection = (match.start(), match.end())
                self.viewport().update()
                self.selection_made.emit(*self.selection)
                return

    def clear_selection(self) -> None:
        self.selection = None
        self.viewport().update()

    def selected_offsets(self) -> tuple[int, int] | None:
        return self.selection

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.focused.emit()
        super().focusInEvent(event)
