"""Range marks: named layers of (start, end, format) over a reading view's text.

Mentions, highlights, search hits and a flash are all layers of one ``RangeMarks`` per view.
Ranges are in document offsets; only the ranges that meet the visible blocks become
``QTextEdit.ExtraSelection`` objects, recomputed (coalesced) when the view scrolls, resizes or
changes document, so the cost follows what is on screen, not the document's size.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

if TYPE_CHECKING:
    from reader.ui.views.text_view import ReadingView

FLASH = "flash"
Range = tuple[int, int, QTextCharFormat]


@dataclass(frozen=True)
class Spans:
    """Ranges sorted by start, each with a key its format is made from when it is first drawn:
    built anywhere (no Qt object in it), e.g. on a worker for a big document's mentions."""

    ranges: Sequence[tuple[int, int, Hashable]]
    starts: Sequence[int]
    longest: int


def sorted_spans(items: Iterable[tuple[int, int, Hashable]]) -> Spans:
    """Return ``Spans`` of the non-empty ranges (thread-safe: no Qt)."""
    kept = sorted((r for r in items if r[1] > r[0]), key=lambda r: (r[0], r[1]))
    return Spans(kept, [r[0] for r in kept], max((r[1] - r[0] for r in kept), default=0))


@dataclass
class _Layer:
    z: int
    ranges: Sequence[tuple[int, int, object]] = field(default_factory=list)
    starts: Sequence[int] = field(default_factory=list)
    longest: int = 0
    visible: bool = True
    # Set for a layer of keys: formats are made for the ranges drawn, once per key.
    make: Callable[[Hashable], QTextCharFormat] | None = None
    formats: dict[Hashable, QTextCharFormat] = field(default_factory=dict)

    def format_of(self, item: object) -> QTextCharFormat:
        if self.make is None:
            assert isinstance(item, QTextCharFormat)
            return item
        fmt = self.formats.get(item)
        if fmt is None:
            fmt = self.formats[item] = self.make(item)
        return fmt


class RangeMarks(QObject):
    """Layers of formatted ranges drawn over the visible part of one reading view."""

    applied = Signal(int)  # how many selections were drawn
    layers_changed = Signal()  # a layer's ranges or visibility changed (not the flash)

    def __init__(self, view: ReadingView) -> None:
        super().__init__(view)
        self._view = view
        self._layers: dict[str, _Layer] = {}
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.apply_now)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(lambda: self.clear_layer(FLASH))
        view.viewport_moved.connect(self.refresh)

    def set_layer(self, name: str, ranges: Iterable[Range], z: int = 0) -> None:
        """Replace a layer's ranges; a higher ``z`` draws over a lower one."""
        layer = _Layer(z=z, visible=self._layers[name].visible if name in self._layers else True)
        kept = sorted((r for r in ranges if r[1] > r[0]), key=lambda r: (r[0], r[1]))
        layer.ranges = kept
        layer.starts = [r[0] for r in kept]
        layer.longest = max((r[1] - r[0] for r in kept), default=0)
        self._layers[name] = layer
        self.refresh()
        if name != FLASH:
            self.layers_changed.emit()

    def set_spans(
        self,
        name: str,
        spans: Spans,
        make_format: Callable[[Hashable], QTextCharFormat],
        z: int = 0,
    ) -> None:
        """Replace a layer with presorted spans whose formats are made from their keys only
        when drawn: the cost on the UI thread follows what is on screen, not the document."""
        visible = self._layers[name].visible if name in self._layers else True
        self._layers[name] = _Layer(
            z, spans.ranges, spans.starts, spans.longest, visible, make=make_format
        )
        self.refresh()

    def clear_layer(self, name: str) -> None:
        """Remove a layer."""
        if self._layers.pop(name, None) is not None:
            self.refresh()
            if name != FLASH:
                self.layers_changed.emit()

    def set_layer_visible(self, name: str, visible: bool) -> None:
        """Show or hide a layer without forgetting its ranges (e.g. a "hide mentions" toggle)."""
        self._layers.setdefault(name, _Layer(z=0)).visible = visible
        self.refresh()
        self.layers_changed.emit()

    def layer_visible(self, name: str) -> bool:
        """Tell whether a layer is shown (a layer never set is)."""
        layer = self._layers.get(name)
        return layer is None or layer.visible

    def layer_names(self) -> list[str]:
        return list(self._layers)

    def flash(self, start: int, end: int, duration_ms: int = 900) -> None:
        """Briefly tint a range (where a jump landed)."""
        fmt = QTextCharFormat()
        color = QColor(self._view.palette().highlight().color())
        color.setAlpha(90)
        fmt.setBackground(color)
        self.set_layer(FLASH, [(start, end, fmt)], z=1000)
        self._flash_timer.start(duration_ms)

    def ranges_between(self, name: str, start: int, end: int) -> list[Range]:
        """Return a layer's ranges that meet ``[start, end)``."""
        layer = self._layers.get(name)
        if layer is None:
            return []
        first = bisect_left(layer.starts, start - layer.longest)
        last = bisect_left(layer.starts, end)
        return [
            (r[0], r[1], layer.format_of(r[2]))
            for r in layer.ranges[first:last]
            if r[1] > start and r[0] < end
        ]

    def ranges_at(self, name: str, offset: int) -> list[Range]:
        """Return a layer's ranges that hold ``offset`` (for a click or hover on a mark)."""
        return self.ranges_between(name, offset, offset + 1)

    def refresh(self) -> None:
        """Recompute the drawn selections soon (coalesced into one pass per event-loop turn)."""
        self._pending.start()

    def apply_now(self) -> None:
        """Draw the ranges that meet the visible blocks."""
        self._pending.stop()
        view = self._view
        start, end = view.visible_offsets()
        positions = view.positions
        selections: list[QTextEdit.ExtraSelection] = []
        layers = sorted(self._layers.items(), key=lambda item: item[1].z)
        for name, layer in layers:
            if not layer.visible:
                continue
            for r_start, r_end, fmt in self.ranges_between(name, start, end):
                cursor = QTextCursor(view.document())
                cursor.setPosition(positions.to_qt(max(r_start, start)))
                cursor.setPosition(
                    positions.to_qt(min(r_end, end)), QTextCursor.MoveMode.KeepAnchor
                )
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
        view.setExtraSelections(selections)
        self.applied.emit(len(selections))


__all__ = ["FLASH", "Range", "RangeMarks", "Spans", "sorted_spans"]
