"""Actor and date mentions marked in the reading panes, with a tooltip on hover and a click
that selects the actor in the actors pane.

Two range-mark layers per pane (``actor-mentions``, ``date-mentions``): an underline in the
actor kind's colour over a faint tint, a dotted underline for dates. Each mark's format carries
what it stands for (``UserProperty``), so hover and click read it back from ``ranges_at``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QTextCharFormat, QTextFormat
from PySide6.QtWidgets import QToolTip

from reader.core.date_words import date_in_words
from reader.core.words import count as count_of
from reader.ui.extraction import FACTS, built_uncollected
from reader.ui.models.actors_model import DATE_COLOR, KIND_COLORS
from reader.ui.views.range_marks import Spans, sorted_spans

if TYPE_CHECKING:
    from reader.core.actors import ActorKind
    from reader.core.dates import Mod
    from reader.core.model import Document
    from reader.ui.context import WindowContext
    from reader.ui.extraction import DocumentFacts, ExtractionController
    from reader.ui.views.pane import ReadingPane

ACTOR_LAYER = "actor-mentions"
DATE_LAYER = "date-mentions"
ACTOR_PROPERTY = QTextFormat.Property.UserProperty
TIP_PROPERTY = QTextFormat.Property.UserProperty + 1
TINT_ALPHA = 26
DATE_TINT = "#808080"  # neutral: dates are not actors


def _actor_format(kind_color: str, actor_id: str, tip: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    color = QColor(kind_color)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(color)
    tint = QColor(color)
    tint.setAlpha(TINT_ALPHA)
    fmt.setBackground(tint)
    fmt.setProperty(ACTOR_PROPERTY, actor_id)
    fmt.setProperty(TIP_PROPERTY, tip)
    return fmt


def _date_format(tip: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(QColor(DATE_COLOR))
    tint = QColor(DATE_TINT)
    tint.setAlpha(TINT_ALPHA + 14)
    fmt.setBackground(tint)
    fmt.setProperty(TIP_PROPERTY, tip)
    return fmt


def mention_spans(facts: DocumentFacts) -> tuple[Spans, Spans]:
    """Return a document's actor and date mentions as sorted spans keyed by what their format
    shows (thread-safe: no Qt object is made)."""
    actors = (
        (m.start, m.end, (am.actor.kind, am.actor.id, am.actor.name))
        for passage in facts.actors.passages
        for am in passage.actors
        for m in am.mentions
    )
    dates = ((d.start, d.end, (d.value, d.mod)) for ds in facts.dates for d in ds)
    return sorted_spans(actors), sorted_spans(dates)


def _same_text(facts: DocumentFacts, doc: Document) -> bool:
    # By hash: comparing a 20 MB text would cost the UI thread milliseconds.
    return facts.actors.document.content_hash == doc.content_hash


def _date_format_of(key: Hashable) -> QTextCharFormat:
    value, mod = cast("tuple[str | None, Mod | None]", key)
    words = date_in_words(value, mod)
    return _date_format(f"{words} ({value})" if words else "a date that could not be placed")


class MentionMarks(QObject):
    """Marks every pane's mentions as its document's facts arrive; hover and click on them."""

    marked = Signal(object)  # pane: its mention layers were set from its document's facts

    def __init__(
        self,
        window: WindowContext,
        controller: ExtractionController,
        on_actor_clicked: Callable[[str], None],
    ) -> None:
        super().__init__(window.host)
        self.window = window
        self.controller = controller
        self.visible = True
        self._on_actor_clicked = on_actor_clicked
        self._watched: set[int] = set()
        window.document_opened.connect(lambda pane, _doc: self.mark(pane))
        controller.document_extracted.connect(self._on_document_extracted)
        controller.facts_loaded.connect(self._on_document_extracted)

    def _on_document_extracted(self, doc_id: str) -> None:
        for pane in self.window.panes:
            if pane.doc is not None and pane.doc.id == doc_id:
                self.mark(pane)

    def mark(self, pane: ReadingPane) -> None:
        """Set a pane's mention layers from its document's facts (empty until extracted).

        The facts are read and the spans sorted on a worker (``facts`` lane); formats are made
        only for the mentions drawn (``RangeMarks.set_spans``): a 20 MB document's marks cost
        the UI thread what is on screen."""
        self._watch(pane)
        doc = pane.doc
        facts = self.controller.cached_facts(doc.id) if doc is not None else None
        marks = pane.view.marks
        if facts is None or doc is None or not _same_text(facts, doc):
            marks.clear_layer(ACTOR_LAYER)
            marks.clear_layer(DATE_LAYER)
            return
        if self.controller.tasks.is_shut_down:
            return  # the window closed
        self.controller.tasks.run(
            FACTS,
            lambda: built_uncollected(lambda: mention_spans(facts)),
            lambda spans: self._show(pane, facts, spans),
            key=f"mentions-{id(pane)}",
        )

    def _show(self, pane: ReadingPane, facts: DocumentFacts, spans: tuple[Spans, Spans]) -> None:
        doc = pane.doc
        if pane not in self.window.panes or doc is None or not _same_text(facts, doc):
            return
        marks = pane.view.marks
        marks.set_spans(ACTOR_LAYER, spans[0], self._actor_format, z=10)
        marks.set_spans(DATE_LAYER, spans[1], _date_format_of, z=9)
        marks.set_layer_visible(ACTOR_LAYER, self.visible)
        marks.set_layer_visible(DATE_LAYER, self.visible)
        self.marked.emit(pane)

    def _actor_format(self, key: Hashable) -> QTextCharFormat:
        kind, actor_id, name = cast("tuple[ActorKind, str, str]", key)
        count = self.controller.count(actor_id)
        tip = f"{name} — {kind}" + (
            f" · {count_of(count, 'passage')} in the library" if count else ""
        )
        return _actor_format(KIND_COLORS[kind], actor_id, tip)

    def set_visible(self, visible: bool) -> None:
        """Show or hide the mention marks in every pane."""
        self.visible = visible
        for pane in self.window.panes:
            pane.view.marks.set_layer_visible(ACTOR_LAYER, visible)
            pane.view.marks.set_layer_visible(DATE_LAYER, visible)

    # -- hover and click -----------------------------------------------------------------------
    def _watch(self, pane: ReadingPane) -> None:
        if id(pane) not in self._watched:
            self._watched.add(id(pane))
            pane.view.viewport().installEventFilter(self)

    def mention_at(self, pane: ReadingPane, point: QPoint) -> QTextCharFormat | None:
        """Return the format of the mention under a viewport point (an actor's before a
        date's), or ``None``."""
        if not self.visible:
            return None
        offset = pane.view.offset_at(point)
        if offset is None:
            return None
        for layer in (ACTOR_LAYER, DATE_LAYER):
            found = pane.view.marks.ranges_at(layer, offset)
            if found:
                return found[0][2]
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The event's type first: while a window is torn down its viewports still send events,
        # and the panes must not be touched then.
        kind = event.type()
        if kind not in (QEvent.Type.ToolTip, QEvent.Type.MouseButtonRelease):
            return False
        pane = self._pane_of(watched)
        if pane is None:
            return False
        if kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            fmt = self.mention_at(pane, event.pos())
            if fmt is not None:
                QToolTip.showText(event.globalPos(), str(fmt.property(TIP_PROPERTY)), pane.view)
                return True
            QToolTip.hideText()
        elif event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if pane.view.textCursor().hasSelection():
                return False  # the reader selected text, not a mention
            fmt = self.mention_at(pane, event.position().toPoint())
            actor_id = fmt.property(ACTOR_PROPERTY) if fmt is not None else None
            if actor_id:
                self._on_actor_clicked(str(actor_id))
        return False

    def _pane_of(self, viewport: QObject) -> ReadingPane | None:
        for pane in self.window.panes:
            if pane.view.viewport() is viewport:
                return pane
        return None


__all__ = ["ACTOR_LAYER", "DATE_LAYER", "MentionMarks"]
