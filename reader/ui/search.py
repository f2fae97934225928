"""Search the library (Ctrl+Shift+F): a dock with the query and the passages found, grouped by
document. A query runs on the ``search`` lane, newest only (a result that arrives after a newer
query was typed is dropped); a query that does not parse says why in the panel. Choosing a
passage opens it in the pane showing its document, else the other pane, as one history step
(``jump_to``, as the actors pane's results do).

The same lane builds the full text of a library indexed in one go, a few documents per task,
so a query waits for one short step at most; until it is done a search scans the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from reader.library import Changes, QueryError, SearchHit
from reader.ui.views.search_panel import SearchPanel

if TYPE_CHECKING:
    from reader.ui.context import WindowContext

SEARCH_LANE = "search"
RESULT_LIMIT = 200
BUILD_STEP = 20  # documents per background step of the full-text build
BUILD_DELAY_MS = 5_000  # after the first paint, or when the panel first opens


class SearchFeature(QObject):
    """The search dock, its queries and the background build of the full text."""

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window.host)
        self.window = window
        window.tasks.add_lane(SEARCH_LANE)
        self.panel = SearchPanel(window.host)
        self.dock = window.add_dock(
            "Search", self.panel, "searchDock", Qt.DockWidgetArea.LeftDockWidgetArea
        )
        if not window.extra_state.get("search_dock_placed"):
            self._place_first_time()
        self.building = False
        self.to_build: int | None = None  # documents left to add to the full text, once known
        self.last_query = ""
        self.panel.query_changed.connect(self.run)
        self.panel.hit_chosen.connect(self.open_hit)
        window.changes.changed.connect(self._on_changed)
        self.action = QAction("&Search the library…", window.host)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.action.triggered.connect(self.open)
        window.add_action("&Edit", self.action)
        # Not at once: start-up (the open documents, the palette, extraction) goes first.
        QTimer.singleShot(BUILD_DELAY_MS, self.build)

    def _place_first_time(self) -> None:
        # A first start: a tab beside the library, out of sight until asked for.
        library = self.window.library_view.parentWidget()
        if isinstance(library, QDockWidget) and library is not self.dock:
            self.window.host.tabifyDockWidget(library, self.dock)
            library.raise_()
        self.dock.hide()
        self.window.extra_state["search_dock_placed"] = True
        self.window.schedule_save()

    def open(self) -> None:
        """Show the dock and put the keyboard in the query, its text selected."""
        if self.to_build is None:
            self.build()
        self.dock.show()
        self.dock.raise_()
        self.panel.edit.setFocus()
        self.panel.edit.selectAll()

    # -- queries ---------------------------------------------------------------------------------
    def run(self, text: str) -> None:
        """Run a query on the search lane; only the newest query's answer is shown."""
        self.last_query = text
        if not text.strip():
            # Through the lane too: it makes any answer still on its way stale.
            self.window.tasks.run(
                SEARCH_LANE, lambda: None, lambda _n: self.panel.clear(), key=SEARCH_LANE
            )
            return
        self.panel.show_busy()
        library = self.window.library

        def work() -> tuple[list[SearchHit], bool] | QueryError:
            try:
                # Extraction runs on its own lane: a filter waits for none of it.
                hits = library.search.run(text, limit=RESULT_LIMIT, extract=False)
            except QueryError as exc:  # the user's typing, not a failure to log
                return exc
            query = library.search.parse(text)
            partial = bool(query.actors or query.dates) and bool(library.actors.pending())
            return hits, partial

        self.window.tasks.run(SEARCH_LANE, work, self._on_hits, self._on_failed, key=SEARCH_LANE)

    def _on_hits(self, answer: tuple[list[SearchHit], bool] | QueryError) -> None:
        if isinstance(answer, QueryError):
            self.panel.show_error(str(answer))
            return
        hits, partial = answer
        notes = []
        if partial:
            notes.append("actors and dates are still being found: more may match")
        if self.to_build:
            notes.append(f"{self.to_build} documents still being indexed (scanned meanwhile)")
        self.panel.show_hits(hits, "; ".join(notes))

    def _on_failed(self, exc: Exception) -> None:
        self.panel.show_error("The search failed (details in the status bar).")
        self.window.tasks.report_failure("Searching the library failed", exc)

    def open_hit(self, hit: SearchHit) -> None:
        """Open a passage found: in the pane showing its document, else the other pane."""
        self.window.jump_to(hit.doc_id, hit.start, hit.end)

    # -- the full text -----------------------------------------------------------------------------
    def build(self) -> None:
        """Add the documents missing from the full text, a step at a time, on the search lane."""
        if self.building:
            return
        self.building = True
        library = self.window.library
        self.window.tasks.run(
            SEARCH_LANE,
            lambda: library.search.build(BUILD_STEP),
            self._on_built,
            self._on_failed_build,
        )

    def _on_built(self, remaining: int) -> None:
        self.building = False
        self.to_build = remaining
        if remaining:
            self.build()

    def _on_failed_build(self, exc: Exception) -> None:
        self.building = False
        self.window.tasks.report_failure("Indexing the library's full text failed", exc)

    def _on_changed(self, changes: Changes) -> None:
        documents = changes.documents_added | changes.documents_changed | changes.documents_removed
        if changes.everything or documents:
            self.build()
            if self.dock.isVisible() and self.last_query.strip():
                self.run(self.last_query)


def install_search(window: WindowContext) -> SearchFeature:
    """Add Edit › Search the library… (Ctrl+Shift+F) and its dock."""
    return SearchFeature(window)
