"""Painting the timeline: lanes and their legend, the axis and its grid, the marks.

Kept apart from the view's event handling; it reads the view's axis, lanes and marks and never
changes them.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QStaticText,
    QTransform,
)

from reader.core.timeline_axis import Tick
from reader.core.timeline_layout import PUBLISHED_LANE, Mark

if TYPE_CHECKING:
    from reader.ui.views.timeline_view import TimelineView

# Coarser values are lighter: a day is nearly opaque, a decade a faint wash.
ALPHA_BY_RANK = {0: 200, 1: 150, 2: 110, 3: 90, 4: 70, 5: 52, 6: 40}
# ...and thinner, so that the days inside a month or a year stand out on it.
HEIGHT_BY_RANK = {0: 1.0, 1: 0.9, 2: 0.75, 3: 0.65, 4: 0.55, 5: 0.45, 6: 0.4}
POINT_RADIUS = 5.0
LEGEND_WIDTH = 220  # the lanes' titles, left of the plot
AXIS_HEIGHT = 46  # the period shown and the ticks' labels, above the lanes
TOOLTIP_ITEMS = 6
SNIPPET_CHARS = 180
_INK = {True: QColor("#111111"), False: QColor("#ffffff")}  # a count's number, by its fill


def lane_color(lane: int, dark: bool) -> QColor:
    """A colour per document lane, hues spread by the golden ratio (neighbours differ)."""
    if lane == PUBLISHED_LANE:
        return QColor("#9aa0a6") if dark else QColor("#5f6368")
    hue = (lane * 0.618034) % 1.0
    return QColor.fromHsvF(hue, 0.5, 0.95) if dark else QColor.fromHsvF(hue, 0.7, 0.72)


def tooltip_html(mark: Mark, titles: dict[str, str]) -> str:
    """The passages a mark stands for: its value or period, then each passage's first words."""
    if mark.kind == "count":
        head = f"<b>{html.escape(mark.label)}</b>: {mark.count} dates — click to zoom in"
    else:
        head = f"<b>{html.escape(mark.label)}</b>"
        if mark.count > 1:
            head += f" — {mark.count} passages"
    rows = []
    for item in mark.items[:TOOLTIP_ITEMS]:
        title = html.escape(titles.get(item.doc_id, item.doc_id))
        snippet = " ".join(item.snippet.split())
        if len(snippet) > SNIPPET_CHARS:
            snippet = snippet[: SNIPPET_CHARS - 1] + "…"
        if item.passage_index < 0:
            rows.append(f"<i>{title}</i> was published ({html.escape(item.value or '')})")
            continue
        where = f"<i>{title}</i> ¶{item.passage_index + 1}: “{html.escape(item.text)}”"
        rows.append(f"{where}<br>{html.escape(snippet)}")
    if mark.count > TOOLTIP_ITEMS:
        rows.append(f"… and {mark.count - TOOLTIP_ITEMS} more")
    return "<p style='white-space:pre-wrap'>" + "<br><br>".join([head, *rows]) + "</p>"


@functools.lru_cache(maxsize=1024)
def _ink_of(rgba: int) -> QColor:
    shade = QColor.fromRgba(rgba)
    return _INK[shade.lightnessF() * shade.alphaF() + (1 - shade.alphaF()) > 0.6]


def _ink(fill: QBrush) -> QColor:
    """Dark or light text, whichever reads on a count's fill (over a light base)."""
    return _ink_of(fill.color().rgba())


class TimelinePainter:
    """Paints a ``TimelineView`` (background, lanes, grid, marks, legend, axis)."""

    def __init__(self, view: TimelineView) -> None:
        self.view = view
        self._numbers: dict[int, QStaticText] = {}
        self._numbers_font = ""

    def paint(self, painter: QPainter, axis_ticks: Sequence[Tick], minor: Sequence[Tick]) -> None:
        view = self.view
        palette = view.palette()
        painter.fillRect(view.rect(), palette.color(QPalette.ColorRole.Base))
        plot = QRectF(LEGEND_WIDTH, AXIS_HEIGHT, view.axis.width + 4, view.height() - AXIS_HEIGHT)
        self._lanes(painter, palette)
        painter.save()
        painter.setClipRect(plot)
        self._grid(painter, palette, minor, 35)
        self._grid(painter, palette, axis_ticks, 90)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._marks(painter, palette)
        painter.restore()
        self._legend(painter, palette)
        self._axis(painter, palette, axis_ticks, minor)
        if not view.data.items and not view.data.documents:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No dates to show")

    # -- parts -------------------------------------------------------------------------------------
    def _lanes(self, painter: QPainter, palette: QPalette) -> None:
        view = self.view
        height = view.lane_height()
        shade = palette.color(QPalette.ColorRole.AlternateBase)
        for lane in range(view.lane_count()):
            top = view.lane_top(lane)
            if lane % 2 == 1 and top + height > 0:
                painter.fillRect(QRectF(0, top, view.width(), height), shade)
        sep = palette.color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(sep, 1))
        line = view.lane_top(1)
        painter.drawLine(QPointF(0, line), QPointF(view.width(), line))  # below the publications

    def _grid(
        self, painter: QPainter, palette: QPalette, axis_ticks: Sequence[Tick], alpha: int
    ) -> None:
        view = self.view
        minor = QColor(palette.color(QPalette.ColorRole.Mid))
        minor.setAlpha(alpha)
        major = QColor(palette.color(QPalette.ColorRole.Mid))
        major.setAlpha(min(alpha * 2, 200))
        for tick in axis_ticks:
            x = view.axis.x_of(tick.day)
            painter.setPen(QPen(major if tick.major else minor, 1))
            painter.drawLine(QPointF(x, 0), QPointF(x, view.height()))

    def _marks(self, painter: QPainter, palette: QPalette) -> None:
        view = self.view
        # Read once per paint: the marks can number thousands.
        height = view.lane_height()
        first_top = view.lane_top(0)
        bottom = view.height()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        edge = QPen(palette.color(QPalette.ColorRole.Base), 1.5)
        brushes: dict[tuple[int, int], QBrush] = {}
        pens: dict[int, QPen] = {}

        def brush(lane: int, alpha: int = 255) -> QBrush:
            # QBrush and QPen made once per colour: converting a QColor at every call is slow.
            found = brushes.get((lane, alpha))
            if found is None:
                shade = QColor(lane_color(lane, dark))
                shade.setAlpha(alpha)
                found = brushes[(lane, alpha)] = QBrush(shade)
            return found

        def pen(lane: int) -> QPen:
            found = pens.get(lane)
            if found is None:
                found = pens[lane] = QPen(lane_color(lane, dark), 1)
            return found

        small = QFont(view.font())
        small.setPointSizeF(max(small.pointSizeF() - 1.5, 6.5))
        painter.setFont(small)
        if small.key() != self._numbers_font:
            self._numbers, self._numbers_font = {}, small.key()
        digits = QFontMetrics(small).horizontalAdvance("0")
        for mark in view.marks:
            top = first_top + mark.lane * height
            if top + height < AXIS_HEIGHT or top > bottom:
                continue
            lane = self._color_lane(mark)
            if mark.kind == "point":
                shape = QRectF(mark.x - POINT_RADIUS, top + height / 2 - POINT_RADIUS,
                               2 * POINT_RADIUS, 2 * POINT_RADIUS)  # fmt: skip
                painter.setPen(edge)
                painter.setBrush(brush(lane))
                painter.drawEllipse(shape)
            elif mark.kind == "span":
                tall = (height - 8) * HEIGHT_BY_RANK.get(mark.rank, 0.4)
                shape = QRectF(mark.x0, top + height / 2 - tall / 2, max(mark.x1 - mark.x0, 2.0),
                               tall)  # fmt: skip
                painter.setPen(pen(lane))
                painter.setBrush(brush(lane, ALPHA_BY_RANK.get(mark.rank, 60)))
                painter.drawRoundedRect(shape, 2, 2)
            else:
                alpha = int(90 + 150 * min(1.0, math.log10(mark.count) / 2.5))
                shape = self._count(painter, mark, brush(lane, alpha), top, height, digits)
            if mark.current or (view.hovered is not None and mark == view.hovered):
                self._outline(painter, palette, shape, mark.current)

    def _outline(self, painter: QPainter, palette: QPalette, shape: QRectF, current: bool) -> None:
        role = QPalette.ColorRole.Highlight if current else QPalette.ColorRole.Text
        painter.setPen(QPen(palette.color(role), 2.5 if current else 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(shape.adjusted(-2.5, -2.5, 2.5, 2.5), 4, 4)

    def _count(
        self, painter: QPainter, mark: Mark, fill: QBrush, top: float, h: float, digit: int
    ) -> QRectF:
        width = max(mark.x1 - mark.x0 - 2, 16.0)
        shape = QRectF(mark.x - width / 2, top + 3, width, h - 6)
        painter.fillRect(shape, fill)  # square corners: the fast path of thousands of counts
        if digit * len(str(mark.count)) + 2 <= width:
            painter.setPen(_ink(fill))
            # A laid-out number is kept: drawing text is the dearest part of a crowded paint.
            text = self._numbers.get(mark.count)
            if text is None:
                text = self._numbers[mark.count] = QStaticText(str(mark.count))
                text.prepare(QTransform(), painter.font())
            size = text.size()
            at = QPointF(shape.center().x() - size.width() / 2,
                         shape.center().y() - size.height() / 2)  # fmt: skip
            painter.drawStaticText(at, text)
        return shape

    def _color_lane(self, mark: Mark) -> int:
        # A publication takes its document's colour; a count of several, the lane's grey.
        if mark.lane == PUBLISHED_LANE and mark.count == 1:
            return self.view.lanes.get(mark.items[0].doc_id, PUBLISHED_LANE)
        return mark.lane

    def _legend(self, painter: QPainter, palette: QPalette) -> None:
        view = self.view
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(QRectF(0, AXIS_HEIGHT, LEGEND_WIDTH - 4, view.height()),
                         palette.color(QPalette.ColorRole.Window))  # fmt: skip
        metrics = QFontMetrics(view.font())
        height = view.lane_height()
        for lane in range(view.lane_count()):
            top = view.lane_top(lane)
            if top + height < AXIS_HEIGHT or top > view.height():
                continue
            painter.fillRect(QRectF(8, top + height / 2 - 5, 10, 10), view.lane_color(lane))
            title = metrics.elidedText(view.lane_title(lane), Qt.TextElideMode.ElideRight,
                                       LEGEND_WIDTH - 34)  # fmt: skip
            font = QFont(view.font())
            font.setItalic(lane == PUBLISHED_LANE)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(24, top, LEGEND_WIDTH - 30, height),
                             Qt.AlignmentFlag.AlignVCenter, title)  # fmt: skip

    def _axis(
        self, painter: QPainter, palette: QPalette, axis_ticks: Sequence[Tick],
        minor: Sequence[Tick],
    ) -> None:
        view = self.view
        painter.fillRect(QRectF(0, 0, view.width(), AXIS_HEIGHT),
                         palette.color(QPalette.ColorRole.Window))  # fmt: skip
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(QPointF(0, AXIS_HEIGHT - 1), QPointF(view.width(), AXIS_HEIGHT - 1))
        text = palette.color(QPalette.ColorRole.WindowText)
        bold = QFont(view.font())
        bold.setBold(True)
        right = LEGEND_WIDTH + view.axis.width
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        for tick in minor:
            x = view.axis.x_of(tick.day)
            if LEGEND_WIDTH <= x <= right:
                painter.drawLine(QPointF(x, AXIS_HEIGHT - 4), QPointF(x, AXIS_HEIGHT - 1))
        metrics = QFontMetrics(bold)
        for tick in axis_ticks:
            x = view.axis.x_of(tick.day)
            if x < LEGEND_WIDTH or x > right:
                continue
            painter.setPen(QPen(text, 1))
            painter.drawLine(QPointF(x, AXIS_HEIGHT - (10 if tick.major else 6)),
                             QPointF(x, AXIS_HEIGHT - 1))  # fmt: skip
            if x + 3 + metrics.horizontalAdvance(tick.label) > view.width():
                continue  # a label cut by the edge reads as another date
            painter.setFont(bold if tick.major else view.font())
            painter.drawText(QPointF(x + 3, AXIS_HEIGHT - 14), tick.label)
        first, last = view.axis.date_at(LEGEND_WIDTH), view.axis.date_at(right)
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(QRectF(8, 4, LEGEND_WIDTH - 12, 18), Qt.AlignmentFlag.AlignLeft,
                         _period(first, last))  # fmt: skip
        painter.setFont(view.font())
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRectF(8, 22, LEGEND_WIDTH - 12, 18), Qt.AlignmentFlag.AlignLeft,
                         "wheel zooms · drag pans")  # fmt: skip


def _period(first: dt.date, last: dt.date) -> str:
    if (last - first).days > 3 * 366:
        return f"{first.year} – {last.year}"
    if (last - first).days > 62:
        return f"{first:%b %Y} – {last:%b %Y}"
    return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
