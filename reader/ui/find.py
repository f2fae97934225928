"""Find in the open document (Ctrl+F): a find bar under each pane, every match marked through
the pane's range marks (only visible blocks become selections), next and previous (F3,
Shift+F3, Enter), the match count, case and whole-word options; accents and case fold by
default (``reader/core/find.py``). Folding a long text and matching run on a ``find`` lane,
newest request only, so typing never waits for a 20 MB document.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat

from reader.core.find import FindOptions, find_all, fold
from reader.ui.views.find_bar import FindBar

if TYPE_CHECKING:
    from reader.ui.context import WindowContext
    from reader.ui.views.pane import ReadingPane

FIND_LANE = "find"
MATCH_LAYER, CURRENT_LAYER = "find", "find-current"
MATCH_Z, CURRENT_Z = 15, 16  # over highlights (10), under a jump's flash


def _format(color: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(color))
    fmt.setForeground(QColor("#15161a"))  # dark text on the tint, in either palette
    return fmt


class PaneFind(QObject):
    """One pane's find bar and its matches."""

    def __init__(self, feature: FindFeature, pane: ReadingPane) -> None:
        super().__init__(pane)
        self.feature = feature
        self.pane = pane
        self.bar = FindBar(pane)
        layout = pane.layout()
        if layout is not None:
            layout.addWidget(self.bar)
        self.matches: list[tuple[int, int]] = []
        self.current: int | None = None
        self._folded: tuple[str, FindOptions, str] | None = None  # (doc hash, options, folded)
        self.bar.query_changed.connect(self.search)
        self.bar.next_requested.connect(lambda: self.step(1))
        self.bar.previous_requested.connect(lambda: self.step(-1))
        self.bar.closed.connect(self._on_closed)
        pane.document_loaded.connect(lambda _doc: self.search())

    def options(self) -> FindOptions:
        return FindOptions(self.bar.match_case.isChecked(), self.bar.whole_word.isChecked())

    def search(self) -> None:
        """Find the bar's words in the pane's document (on the find lane)."""
        doc = self.pane.doc
        query = self.bar.edit.text()
        if doc is None or not query.strip() or not self.bar.isVisible():
            self._show([])
            return
        options, cached = self.options(), self._folded
        same = cached is not None and cached[0] == doc.content_hash and cached[1] == options
        reuse = cached[2] if cached is not None and same else None

        def work() -> tuple[list[tuple[int, int]], tuple[str, FindOptions, str]]:
            folded = reuse if reuse is not None else fold(doc.text, options)
            return find_all(doc.text, query, options, folded), (doc.content_hash, options, folded)

        self.bar.show_count(None, 0, pending=True)
        self.feature.window.tasks.run(FIND_LANE, work, self._on_found, key=f"find-{id(self)}")

    def _on_found(self, result: tuple[list[tuple[int, int]], tuple[str, FindOptions, str]]) -> None:
        matches, self._folded = result
        view = self.pane.view
        self._show([m for m in matches if view.is_shown(m[0])])

    def _show(self, matches: list[tuple[int, int]]) -> None:
        self.matches = matches
        marks = self.pane.view.marks
        marks.set_layer(MATCH_LAYER, [(s, e, self.feature.match_format) for s, e in matches],
                        z=MATCH_Z)
        if not matches:
            self.current = None
            marks.clear_layer(CURRENT_LAYER)
            self.bar.show_count(None, 0)
            return
        top = self.pane.view.top_offset()
        self.current = min(bisect.bisect_left(matches, (top, -1)), len(matches) - 1)
        self._show_current()

    def step(self, delta: int) -> None:
        """Go to the next (``delta`` = 1) or previous match, round the end of the document."""
        if not self.matches:
            return
        now = self.current if self.current is not None else -1 if delta > 0 else 0
        self.current = (now + delta) % len(self.matches)
        self._show_current()

    def _show_current(self) -> None:
        assert self.current is not None
        start, end = self.matches[self.current]
        view = self.pane.view
        view.marks.set_layer(CURRENT_LAYER, [(start, end, self.feature.current_format)],
                             z=CURRENT_Z)
        first, last = view.visible_offsets()
        if not first <= start < last:
            view.go_to(start, reveal=False)
        self.bar.show_count(self.current, len(self.matches))

    def _on_closed(self) -> None:
        self.matches, self.current = [], None
        self.pane.view.marks.clear_layer(MATCH_LAYER)
        self.pane.view.marks.clear_layer(CURRENT_LAYER)
        self.pane.view.setFocus()


class FindFeature(QObject):
    """Ctrl+F, F3 and Shift+F3 in the active pane."""

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window.host)
        self.window = window
        window.tasks.add_lane(FIND_LANE)
        self.match_format = _format("#ffd27f")
        self.current_format = _format("#ff9f43")
        self.panes: dict[int, PaneFind] = {}

    def for_pane(self, pane: ReadingPane) -> PaneFind:
        key = id(pane)
        if key not in self.panes:
            self.panes[key] = PaneFind(self, pane)
            pane.destroyed.connect(lambda _o=None: self.panes.pop(key, None))
        return self.panes[key]

    def open(self) -> None:
        found = self.for_pane(self.window.active_pane())
        found.bar.open()
        found.search()

    def step(self, delta: int) -> None:
        found = self.for_pane(self.window.active_pane())
        if not found.bar.isVisible() or not found.bar.edit.text().strip():
            self.open()
        else:
            found.step(delta)


def install_find(window: WindowContext) -> FindFeature:
    """Add Edit › Find in document… (Ctrl+F), Find next (F3) and Find previous (Shift+F3)."""
    feature = FindFeature(window)
    for text, key, slot in (
        ("&Find in document…", "Ctrl+F", feature.open),
        ("Find &next", "F3", lambda: feature.step(1)),
        ("Find &previous", "Shift+F3", lambda: feature.step(-1)),
    ):
        action = QAction(text, window.host)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False, run=slot: run())
        window.add_action("&Edit", action)
    return feature
