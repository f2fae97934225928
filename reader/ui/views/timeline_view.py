"""The timeline plot: a time axis over one lane per document, painted with QPainter.

What is drawn comes from ``reader.core.timeline_layout`` (marks in pixels, counted where they
crowd) and ``reader.core.timeline_axis`` (the mapping, zoom, pan and ticks); this widget keeps
one axis, turns events into new axes and paints the marks. Wheel or +/- zoom around the pointer
(or the middle), a drag or the arrow keys pan, Home shows everything, Shift+wheel or Up/Down
scroll the lanes when they do not fit.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QToolTip, QWidget

from reader.core.dates import GRANULARITY_RANK
from reader.core.timeline import TimelineData
from reader.core.timeline_axis import TimeAxis, ticks
from reader.core.timeline_layout import (
    PUBLISHED_LANE,
    Mark,
    TimelineLayout,
    mark_at,
    prepare,
    publication_items,
)
from reader.ui.views.timeline_paint import (
    AXIS_HEIGHT,
    LEGEND_WIDTH,
    TimelinePainter,
    lane_color,
    tooltip_html,
)

MIN_LANE, MAX_LANE = 20, 52
WHEEL_STEP = 1.25  # zoom per notch of the wheel
KEY_PAN = 0.125  # of the width, per arrow key
DRAG_SLOP = 4  # pixels before a press becomes a drag
MINOR_TICK_PX = 24.0  # unlabelled ticks and faint grid lines between the labelled ones


class TimelineView(QWidget):
    """The plot; ``mark_clicked`` carries the mark under a click (a count zooms in itself)."""

    mark_clicked = Signal(object)  # Mark
    axis_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(420, AXIS_HEIGHT + 3 * MIN_LANE)
        self.data = TimelineData()
        self.lanes: dict[str, int] = {}
        self.current: tuple[str, int] | None = None
        self.axis = TimeAxis.fit(dt.date(2000, 1, 1), dt.date(2024, 12, 31), 600, LEGEND_WIDTH)
        self._layout = TimelineLayout([])
        self._marks: list[Mark] | None = None
        self._press: QPoint | None = None
        self._dragged = False
        self.hovered: Mark | None = None
        self.lane_bar = QScrollBar(Qt.Orientation.Vertical, self)
        self.lane_bar.valueChanged.connect(lambda _v: self._changed())
        self._painter = TimelinePainter(self)

    # -- data --------------------------------------------------------------------------------------
    def set_data(self, data: TimelineData, fit: bool = True) -> None:
        """Show new data; ``fit`` shows all of it, else the view keeps its period."""
        self.data = data
        self.lanes = {d.doc_id: n + 1 for n, d in enumerate(data.documents)}
        groups = prepare(self.lanes, data.items, publication_items(data.documents))
        self._layout = TimelineLayout(groups)
        self.hovered = None
        self._update_scroll()
        if fit:
            self.fit_all()
        else:
            self._changed()

    def set_current(self, current: tuple[str, int] | None) -> None:
        """Mark the dates of this passage (document id, passage index)."""
        if current != self.current:
            self.current = current
            self._changed()

    def fit_all(self) -> None:
        """Show the dates and publications of the data, from its first to its last date given
        to the year or finer: a decade mentioned in passing ("the 1980s") would otherwise squeeze
        the years that most passages speak of; panning or zooming out reaches it."""
        span = self.data.span(GRANULARITY_RANK["year"])
        if span is not None:
            self.set_axis(TimeAxis.fit(span[0], span[1], self.plot_width(), LEGEND_WIDTH))

    def show_period(self, first: dt.date, last: dt.date) -> None:
        """Show ``first``..``last`` across the width."""
        self.set_axis(self.axis.showing(first, last))

    def set_axis(self, axis: TimeAxis) -> None:
        self.axis = axis
        self._changed()
        self.axis_changed.emit()

    def _changed(self) -> None:
        self._marks = None
        self.update()

    # -- geometry ----------------------------------------------------------------------------------
    def plot_width(self) -> float:
        bar = self.lane_bar.width() if self.lane_bar.isVisible() else 0
        return float(max(self.width() - LEGEND_WIDTH - bar - 8, 50))

    def lane_count(self) -> int:
        return len(self.data.documents) + 1

    def lane_height(self) -> int:
        room = self.height() - AXIS_HEIGHT
        return max(MIN_LANE, min(MAX_LANE, room // max(self.lane_count(), 1)))

    def lane_top(self, lane: int) -> int:
        return AXIS_HEIGHT + lane * self.lane_height() - self.lane_bar.value()

    def lane_at(self, y: float) -> int | None:
        if y < AXIS_HEIGHT:
            return None
        lane = int((y - AXIS_HEIGHT + self.lane_bar.value()) // self.lane_height())
        return lane if 0 <= lane < self.lane_count() else None

    def visible_lanes(self) -> range:
        """The lanes scrolled into view (only their marks are laid out and painted)."""
        height = self.lane_height()
        first = self.lane_bar.value() // height
        last = (self.lane_bar.value() + max(self.height() - AXIS_HEIGHT, 0)) // height
        return range(first, min(last + 1, self.lane_count()))

    def lane_title(self, lane: int) -> str:
        if lane == PUBLISHED_LANE:
            return "Published"
        return self.data.documents[lane - 1].title

    def lane_color(self, lane: int) -> QColor:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        return lane_color(lane, dark)

    def _update_scroll(self) -> None:
        overflow = AXIS_HEIGHT + self.lane_count() * self.lane_height() - self.height()
        self.lane_bar.setRange(0, max(overflow, 0))
        self.lane_bar.setPageStep(max(self.height() - AXIS_HEIGHT, 1))
        self.lane_bar.setSingleStep(self.lane_height())
        self.lane_bar.setVisible(overflow > 0)
        bar = self.lane_bar.sizeHint().width()
        self.lane_bar.setGeometry(self.width() - bar, AXIS_HEIGHT, bar, self.height() - AXIS_HEIGHT)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._update_scroll()
        self.axis = self.axis.resized(self.plot_width(), LEGEND_WIDTH)
        if event.oldSize().width() <= 0 and self.data.items:
            self.fit_all()
        self._changed()

    # -- what is drawn -----------------------------------------------------------------------------
    @property
    def marks(self) -> list[Mark]:
        """The marks of the visible period (laid out again after any change)."""
        if self._marks is None:
            self._marks = self._layout.marks(self.axis, self.current, self.visible_lanes())
        return self._marks

    def mark_at(self, pos: QPointF | QPoint) -> Mark | None:
        lane = self.lane_at(pos.y())
        if lane is None or pos.x() < LEGEND_WIDTH:
            return None
        return mark_at(self.marks, lane, pos.x())

    def mark_center(self, mark: Mark) -> QPoint:
        """The pixel at the middle of a mark (for tests and keyboard users)."""
        x = mark.x if mark.kind != "span" else (max(mark.x0, LEGEND_WIDTH) + mark.x1) / 2
        return QPoint(round(x), self.lane_top(mark.lane) + self.lane_height() // 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            metrics = QFontMetrics(self.font())
            year_px = metrics.horizontalAdvance("2024") + 14.0
            labelled = ticks(self.axis, self._tick_spacing(), year_px=year_px)
            self._painter.paint(painter, labelled, ticks(self.axis, MINOR_TICK_PX))
        finally:
            painter.end()

    def _tick_spacing(self) -> float:
        return float(QFontMetrics(self.font()).horizontalAdvance("30 Sep 2024") + 16)

    # -- zoom and pan ------------------------------------------------------------------------------
    def zoom(self, factor: float, x: float | None = None) -> None:
        around = self.axis.left + self.axis.width / 2 if x is None else x
        self.set_axis(self.axis.zoomed(factor, around))

    def pan(self, dx: float) -> None:
        self.set_axis(self.axis.panned(dx))

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.lane_bar.setValue(self.lane_bar.value() - delta // 120 * self.lane_height())
        else:
            x = event.position().x()
            self.zoom(math.pow(WHEEL_STEP, delta / 120), x if x >= LEGEND_WIDTH else None)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if text in ("+", "="):
            self.zoom(WHEEL_STEP * WHEEL_STEP)
        elif text in ("-", "_"):
            self.zoom(1 / (WHEEL_STEP * WHEEL_STEP))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            sign = 1 if key == Qt.Key.Key_Left else -1
            self.pan(sign * self.axis.width * KEY_PAN)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            self.lane_bar.setValue(self.lane_bar.value() + step * self.lane_height())
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_0):
            self.fit_all()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._dragged = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            dx = pos.x() - self._press.x()
            if self._dragged or abs(dx) > DRAG_SLOP:
                self._dragged = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self.pan(dx)
                self._press = pos
            return
        hovered = self.mark_at(pos)
        if hovered != self.hovered:
            self.hovered = hovered
            shape = Qt.CursorShape.PointingHandCursor if hovered else Qt.CursorShape.ArrowCursor
            self.setCursor(shape)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        clicked = not self._dragged
        self._press = None
        self._dragged = False
        self.unsetCursor()
        if clicked:
            mark = self.mark_at(event.position())
            if mark is not None:
                self.mark_clicked.emit(mark)

    def leaveEvent(self, event: QEvent) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.update()
        super().leaveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.tooltip_at(event.pos()), self)
            return True
        return super().event(event)

    def tooltip_at(self, pos: QPoint) -> str:
        """The tooltip's text at a pixel: the passages of the mark there, or a lane's title."""
        mark = self.mark_at(pos)
        if mark is not None:
            titles = {d.doc_id: d.title for d in self.data.documents}
            return tooltip_html(mark, titles)
        lane = self.lane_at(pos.y())
        if lane is not None and pos.x() < LEGEND_WIDTH:
            return self.lane_title(lane)
        return ""

    def visible_rect(self) -> QRectF:
        return QRectF(LEGEND_WIDTH, AXIS_HEIGHT, self.axis.width, self.height() - AXIS_HEIGHT)
