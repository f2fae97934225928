"""Same event elsewhere (issue 23): under the actors pane's dates, the passages of other
documents that most likely tell the event of the passage being read; activating one compares.

The list follows the active pane's current passage. ``lib.related`` reads the index and the full
text (a few to tens of milliseconds), so it runs on its own ``related`` lane, newest request
only. Activating an entry opens it in the other pane as one history step (``jump_to``), keeps
the reader's pane active (so the list stays and the next entry is one key away), scrolls the
other pane so that the two passages start at the same height, and marks what they share in both
(the ``compare`` layer): the "compare" state. Moving either pane to another passage, or Escape,
leaves it; Back returns to where the other pane was.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QTextCharFormat

from reader.library import Changes, RelatedPassage
from reader.ui.actors_feature import ActorsFeature
from reader.ui.context import WindowContext
from reader.ui.views.pane import ReadingPane
from reader.ui.views.related_panel import RelatedPanel
from reader.ui.views.text_view import ReadingView

RELATED_LANE = "related"
LIMIT = 8
COMPARE_LAYER = "compare"
# Moving through passages (J/K held down) asks for the passage the reader stops at, not for
# each one passed: finding them holds the interpreter for tens of milliseconds at 5,000
# documents, which the event loop then waits for (issue 27).
SETTLE_MS = 150
AGAIN_MS = 300  # while extraction runs, the list is asked again this long after a document
ALIGN_BAND = 0.6  # a passage whose top is lower than this share of the view is moved up first


@dataclass(frozen=True)
class Comparison:
    """Two passages side by side: the reader's (``pane``) and the related one (``other``)."""

    pane: ReadingPane
    doc_id: str
    index: int
    other: ReadingPane
    item: RelatedPassage


class RelatedFeature(QObject):
    """The list under the dates, and the compare state."""

    def __init__(self, window: WindowContext, actors: ActorsFeature) -> None:
        super().__init__(window.host)
        self.window = window
        window.tasks.add_lane(RELATED_LANE)
        self.panel = RelatedPanel(actors.pane)
        actors.pane.add_below_dates(self.panel)
        self.shown: tuple[str, int] | None = None  # the passage whose list is shown or asked
        self.comparison: Comparison | None = None
        self._opening = False  # while compare() moves the panes: the list stays as it is
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window.host)
        self.escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self.escape.setEnabled(False)  # only while comparing: Escape keeps its other uses
        self.escape.activated.connect(self.leave_compare)
        self.panel.chosen.connect(self.compare)
        window.passage_changed.connect(self._on_passage_changed)
        window.active_pane_changed.connect(lambda _pane: self.refresh())
        window.changes.changed.connect(self._on_changed)
        # Documents extracted in the background may be related: ask again, at most so often.
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(AGAIN_MS)
        self._again.timeout.connect(lambda: self.refresh(again=True))
        actors.controller.document_extracted.connect(lambda _doc: self._again.start())
        actors.controller.finished.connect(self._again.start)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.refresh)
        self.refresh()

    # -- the list ------------------------------------------------------------------------------
    def refresh(self, again: bool = False) -> None:
        """Show the related passages of the active pane's current passage (asked on the lane
        unless already shown, or ``again``)."""
        if self._opening:
            return
        pane = self.window.active_pane()
        index = pane.current_passage()
        if pane.doc is None or index is None or pane.pending is not None:
            self.shown = None
            self.panel.show_message("no passage yet")
            return
        wanted = (pane.doc.id, index)
        if wanted == self.shown and not again:
            return
        if again and wanted != self.shown:
            again = False  # another passage: say it is being found
        self.shown = wanted
        if not again:
            self.panel.show_message("finding…")
        library = self.window.library
        passage = f"{wanted[0]}:{wanted[1]}"

        def work() -> tuple[list[RelatedPassage], bool]:
            found = library.related.of(passage, limit=LIMIT, extract=False)
            return found, bool(library.actors.pending())

        self.window.tasks.run(
            RELATED_LANE, work, self._on_found, self._on_failed, key=RELATED_LANE
        )

    def _on_found(self, answer: tuple[list[RelatedPassage], bool]) -> None:
        found, partial = answer
        self.panel.show_items(found, "actors still being found" if partial else "")

    def _on_failed(self, exc: Exception) -> None:
        self.panel.show_message("could not be read (details in the status bar)")
        self.window.tasks.report_failure("Finding the same event elsewhere failed", exc)

    def _on_passage_changed(self, pane: ReadingPane, doc_id: str, index: int) -> None:
        comparison = self.comparison
        if comparison is not None:
            mine = pane is comparison.pane and (doc_id, index) != (
                comparison.doc_id, comparison.index
            )
            theirs = pane is comparison.other and (doc_id, index) != (
                comparison.item.doc_id, comparison.item.passage_index
            )
            if mine or theirs:
                self.leave_compare()
        if pane is self.window.active_pane():
            self._settle.start()  # (again): the list of where the reader stops

    def _on_changed(self, changes: Changes) -> None:
        if changes.everything or changes.registry or changes.documents_removed:
            self.refresh(again=True)

    # -- compare -------------------------------------------------------------------------------
    def compare(self, item: RelatedPassage) -> None:
        """Open ``item`` in the other pane beside the reader's passage, aligned and marked."""
        pane = self.window.active_pane()
        index = pane.current_passage()
        if pane.doc is None or index is None:
            return
        self.leave_compare()
        other = self.window.other_pane()
        self._opening = True
        try:
            self.window.jump_to(item.doc_id, item.start, pane=other)
            self.window.set_active_pane(pane)  # the reader's passage stays the one followed
        finally:
            self._opening = False
        self.comparison = Comparison(pane, pane.doc.id, index, other, item)
        self.escape.setEnabled(True)
        self.panel.show_comparing(item)
        if other.pending is None and other.doc is not None and other.doc.id == item.doc_id:
            self._align(self.comparison)
            return

        def loaded(doc_id: str) -> None:
            other.document_loaded.disconnect(loaded)
            current = self.comparison is not None and self.comparison.item is item
            if current and doc_id == item.doc_id:
                # After the load's own scrolling and layout settle.
                QTimer.singleShot(0, lambda: self._align_if_current(item))

        other.document_loaded.connect(loaded)

    def _align_if_current(self, item: RelatedPassage) -> None:
        if self.comparison is not None and self.comparison.item is item:
            self._align(self.comparison)

    def _align(self, comparison: Comparison) -> None:
        """Scroll the other pane so its passage starts at the height of the reader's, and mark
        what the two share."""
        doc = comparison.pane.doc
        if doc is None:
            return
        start = doc.passages[comparison.index].start
        mine, theirs = comparison.pane.view, comparison.other.view
        y = passage_top(mine, start)
        if y is None or not 0 <= y <= mine.viewport().height() * ALIGN_BAND:
            mine.go_to(start, reveal=False)  # the same passage, moved into view
            y = passage_top(mine, start) or 0.0
        align(theirs, comparison.item.start, y)
        reached = passage_top(theirs, comparison.item.start)
        if reached is not None and abs(reached - y) >= theirs.fontMetrics().lineSpacing():
            align(mine, start, reached)  # a short document cannot scroll there: meet it
        self._mark(mine, comparison.item.source_marks)
        self._mark(theirs, comparison.item.marks)

    def _mark(self, view: ReadingView, spans: tuple[tuple[int, int], ...]) -> None:
        fmt = QTextCharFormat()
        color = QColor(view.palette().color(QPalette.ColorRole.Highlight))
        color.setAlpha(70)
        fmt.setBackground(color)
        fmt.setFontUnderline(True)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        view.marks.set_layer(COMPARE_LAYER, [(s, e, fmt) for s, e in spans], z=50)

    def leave_compare(self) -> None:
        """Leave the compare state: the marks go, the panes stay where they are."""
        comparison, self.comparison = self.comparison, None
        self.escape.setEnabled(False)
        self.panel.show_comparing(None)
        if comparison is not None:
            comparison.pane.view.marks.clear_layer(COMPARE_LAYER)
            comparison.other.view.marks.clear_layer(COMPARE_LAYER)


def passage_top(view: ReadingView, offset: int) -> float | None:
    """Return the top of the line that holds ``offset``, in the view's viewport, or ``None``
    when it is not laid out (folded, or no document)."""
    if view.doc is None:
        return None
    block = view.document().findBlock(view.positions.to_qt(offset))
    if not block.isValid() or not block.isVisible():
        return None
    return float(view.blockBoundingGeometry(block).translated(view.contentOffset()).top())


def align(view: ReadingView, offset: int, y: float) -> None:
    """Scroll ``view`` (by whole lines, as QPlainTextEdit does) so that the line of ``offset``
    starts as near ``y`` as the document lets it, not below it. The jump's anchor is let go:
    it would put the line back at the top on the next relayout."""
    view.anchor = None
    bar = view.verticalScrollBar()
    top = passage_top(view, offset)
    while top is not None and top > y + 0.5 and bar.value() < bar.maximum():
        bar.setValue(bar.value() + 1)  # the line is too low: the text moves up
        top = passage_top(view, offset)
    while top is not None and bar.value() > bar.minimum():
        if top + view.fontMetrics().lineSpacing() > y + 0.5:
            break
        bar.setValue(bar.value() - 1)  # too high: the text moves down a line
        moved = passage_top(view, offset)
        if moved is None or moved <= top:
            break
        if moved > y + 0.5:  # one line too far: a tall line (a heading) above
            bar.setValue(bar.value() + 1)
            break
        top = moved


def install_related(window: WindowContext, actors: ActorsFeature) -> RelatedFeature:
    """Add the "Same event elsewhere" list to the actors pane, and the compare state."""
    return RelatedFeature(window, actors)
