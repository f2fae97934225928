"""Wires the actors-and-dates pane into the window: extraction in the background, the dock,
the mention marks, the status bar note and the View actions.

``install_actors_pane(window)`` is the one call (from ``reader.ui.app.build_window``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

from reader.core.actors import PassageActors
from reader.core.cooccurrence import PassageMatch
from reader.core.dates import DateMention
from reader.library import Changes
from reader.ui import layout_state
from reader.ui.actions import dock_action
from reader.ui.context import WindowContext
from reader.ui.extraction import DocumentFacts, ExtractionController, ExtractionStatus
from reader.ui.mentions import MentionMarks
from reader.ui.views.actors_dock import ActorsPane
from reader.ui.views.pane import ReadingPane

START_DELAY_MS = 200  # after the first paint, so that the open documents load first
DOCK_WIDTH = 380
MIN_DOCK_WIDTH = 360


class ActorsFeature(QObject):
    """The pane following the active pane's current passage, and everything it needs."""

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window.host)
        self.window = window
        self.controller = ExtractionController(window.library, window.tasks, self)
        self.pane = ActorsPane(window.host)
        self.dock = window.add_dock(
            "Actors and dates", self.pane, "actorsDock", Qt.DockWidgetArea.RightDockWidgetArea
        )
        # Without a saved layout the dock starts at a width that fits its results.
        self._size_dock = not window.library.state.window().dock_layout
        if window.first_paint_done and self._size_dock:
            # A first start, installed after the first paint: the docks are laid out again with
            # this one, now and once the window has taken it in (resizeDocks needs that).
            layout_state.default_docks(window.host)
            QTimer.singleShot(0, self._lay_out_first_start)
        self.status = ExtractionStatus(self.controller, window)
        self.mentions = MentionMarks(window, self.controller, self._on_mention_clicked)
        self._add_actions()
        window.passage_changed.connect(self._on_passage_changed)
        window.active_pane_changed.connect(lambda _pane: self.refresh())
        # What the pane shows changes when the shown document's actors arrive or the counts
        # are read again (at most once a second), not with every other document: rebuilding
        # the pane per document cost the UI thread at thousands of documents.
        self.controller.document_extracted.connect(self._on_document_extracted)
        self.controller.counts_read.connect(self.refresh)
        self.controller.facts_loaded.connect(self._on_facts_loaded)
        self.pane.filter_changed.connect(self._on_filter_changed)
        self.pane.result_chosen.connect(self._on_result_chosen)
        self.controller.finished.connect(self._on_finished)
        window.changes.changed.connect(self._on_changed)
        if window.first_paint_done:
            self._on_first_painted()
        else:
            window.first_painted.connect(self._on_first_painted)

    def _add_actions(self) -> None:
        self.toggle_action = dock_action(
            self.dock, "Actors and &dates", "Ctrl+Shift+A", self.pane.tree
        )
        self.window.add_action("&View", self.toggle_action)
        self.focus_action = QAction("&Actors and dates of the passage", self.window.host)
        self.focus_action.setShortcut(QKeySequence("F7"))
        self.focus_action.triggered.connect(self.focus_pane)
        self.window.add_action("&Go", self.focus_action)
        self.mentions_action = QAction("Show &mentions", self.window.host)
        self.mentions_action.setCheckable(True)
        self.mentions_action.setChecked(True)
        self.mentions_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.mentions_action.toggled.connect(self.mentions.set_visible)
        self.window.add_action("&View", self.mentions_action)

    def focus_pane(self) -> None:
        """Show the pane and put the keyboard in its list of actors."""
        self.dock.show()
        self.dock.raise_()
        self.pane.tree.setFocus()
        if self.pane.selected_actor() is None and self.pane.model.rows():
            first = self.pane.model.index_of(self.pane.model.rows()[0].actor.id)
            self.pane.tree.setCurrentIndex(first)

    def _on_first_painted(self) -> None:
        if self._size_dock:
            self._fit_width()
        QTimer.singleShot(START_DELAY_MS, self.start)

    def _on_changed(self, changes: Changes) -> None:
        if changes.everything:
            self.controller.reload_facts()
        elif changes.registry:  # a correction re-resolved these documents
            self.controller.reload_facts(sorted(changes.actors))
        # The user's gazetteer changed (here or on the command line): find the actors again,
        # the open documents first; the model's cached spans make this quick.
        if changes.gazetteer:
            self.controller.start([p.doc_id for p in self.window.panes if p.doc_id])
        elif changes.documents_added or changes.documents_changed:
            self.controller.add(sorted(changes.documents_added | changes.documents_changed))

    def _fit_width(self) -> None:
        # The panes keep most of the width; the column's tabs (a laptop's first start) fit.
        width = min(DOCK_WIDTH, max(self.window.host.width() // 4, MIN_DOCK_WIDTH))
        self.window.host.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)

    def _lay_out_first_start(self) -> None:
        layout_state.default_docks(self.window.host)
        self._fit_width()

    def start(self) -> None:
        """Start extracting the library (the documents in the panes first)."""
        if not self.controller.running and not self.controller.done:
            first = [p.doc_id for p in self.window.panes if p.doc_id]
            self.controller.start(first)

    # -- following the reader -------------------------------------------------------------------
    def _on_passage_changed(self, pane: ReadingPane, _doc_id: str, _index: int) -> None:
        if pane is self.window.active_pane():
            self.refresh()

    def _on_document_extracted(self, doc_id: str) -> None:
        if self.window.active_pane().doc_id == doc_id:
            self.refresh()

    def _on_facts_loaded(self, doc_id: str) -> None:
        if self.window.active_pane().doc_id == doc_id:
            self.refresh()

    def refresh(self) -> None:
        """Show the active pane's current passage (from the facts the controller holds: the UI
        thread never reads a whole document's facts from the index)."""
        pane = self.window.active_pane()
        doc = pane.doc
        index = pane.current_passage()
        if doc is None or index is None or pane.pending is not None:
            self.pane.show_passage("No passage yet", None, [], {})
            return
        facts = self.controller.cached_facts(doc.id)
        actors, dates = _passage_of(facts, index)
        where = f"¶{index + 1} of “{doc.meta.title}”"
        if facts is None:
            where += " — finding actors and dates…"
        counts: dict[str, int | None] = {
            am.actor.id: self.controller.count(am.actor.id)
            for am in (actors.actors if actors is not None else ())
        }
        self.pane.show_passage(where, actors, dates, counts)

    def _on_mention_clicked(self, actor_id: str) -> None:
        # The click also moves the current passage (throttled): select once the pane shows it.
        QTimer.singleShot(0, lambda: self._select(actor_id))

    def _select(self, actor_id: str) -> None:
        self.refresh()
        self.dock.show()
        self.pane.select_actor(actor_id)

    # -- results ----------------------------------------------------------------------------------
    def _on_filter_changed(self, actor_ids: list[str]) -> None:
        if actor_ids:
            self.controller.find_passages(actor_ids, self._on_results)

    def _on_results(self, matches: list[PassageMatch]) -> None:
        self.pane.show_results(matches)

    def _on_finished(self) -> None:
        self.refresh()
        for pane in self.window.panes:
            self.mentions.mark(pane)  # tooltips carry the library's final counts
        if self.pane.filter:
            self._on_filter_changed([a.id for a in self.pane.filter])

    def _on_result_chosen(self, match: PassageMatch) -> None:
        passage = match.passage
        self.window.jump_to(match.document.id, passage.start, passage.end)


def install_actors_pane(window: WindowContext) -> ActorsFeature:
    """Add the actors-and-dates pane to a window: before its saved layout is restored, or
    after its first paint (then the dock takes its saved place, or the first start's place)."""
    window.library.actors.run_model_in_process()
    # Resolution in a thread of the window held the GIL, and its full collections with it.
    window.library.actors.extract_in_child(window.library.corpus_dir)
    return ActorsFeature(window)


def _passage_of(
    facts: DocumentFacts | None, index: int
) -> tuple[PassageActors | None, list[DateMention]]:
    if facts is None or not 0 <= index < len(facts.actors.passages):
        return None, []
    return facts.actors.passages[index], facts.dates[index]
