"""The library search panel: a query field, a line that says what happened (how many passages,
or why the query does not parse), and the passages found, grouped under their documents."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from reader.library import SearchHit
from reader.ui.models.actors_model import ResultsModel
from reader.ui.views.actor_results import ResultsList

TYPING_PAUSE_MS = 150  # a query runs once typing pauses this long (or on Enter)
PLACEHOLDER = 'Search the library: words, "a phrase", OR, -word, talk*, actor:, date:, doc:'
HIT_ROLE = Qt.ItemDataRole.UserRole + 20  # the row's SearchHit (None on a document's heading)


def grouped(hits: Sequence[SearchHit]) -> list[tuple[str, list[SearchHit]]]:
    """Return the hits by document, documents in the order of their best passage (the hits
    come best first), each document's passages best first."""
    groups: dict[str, list[SearchHit]] = {}
    for hit in hits:
        groups.setdefault(hit.doc_id, []).append(hit)
    return list(groups.items())


def snippet_html(hit: SearchHit) -> str:
    """Return a hit's row: its ¶ number and its snippet, the matching words in bold."""
    parts = [
        f"<b>{html.escape(text)}</b>" if strong else html.escape(text)
        for text, strong in hit.snippet
    ]
    return f"<span class='head'>¶{hit.passage_index + 1}</span>&nbsp; {''.join(parts)}"


class QueryEdit(QLineEdit):
    """The query field: Down moves into the results."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    """The query, what came of it, and the results; ``query_changed`` once typing pauses."""

    query_changed = Signal(str)
    hit_chosen = Signal(object)  # SearchHit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.edit = QueryEdit(self)
        self.edit.setObjectName("searchQuery")
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setToolTip(PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel("", self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = QStandardItemModel(self)
        self.results = ResultsList(self)
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._emit_query)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.returnPressed.connect(self._emit_query)
        self.edit.down_pressed.connect(self._into_results)
        self.results.result_chosen.connect(self._on_row_chosen)

    def _emit_query(self) -> None:
        self._timer.stop()
        self.query_changed.emit(self.edit.text())

    def _into_results(self) -> None:
        first = self._first_hit_row()
        if first is not None:
            self.results.setFocus()
            self.results.setCurrentIndex(self.model.index(first, 0))

    def _first_hit_row(self) -> int | None:
        for row in range(self.model.rowCount()):
            if self.hit_at(row) is not None:
                return row
        return None

    def hit_at(self, row: int) -> SearchHit | None:
        """Return the hit of a row (``None`` for a document's heading)."""
        item = self.model.item(row)
        value = item.data(HIT_ROLE) if item is not None else None
        return value if isinstance(value, SearchHit) else None

    def _on_row_chosen(self, row: int) -> None:
        hit = self.hit_at(row)
        if hit is not None:
            self.hit_chosen.emit(hit)

    # -- what the feature shows ------------------------------------------------------------------
    def show_busy(self) -> None:
        self.status.setText("Searching…")

    def show_error(self, message: str) -> None:
        """Say why the query does not parse (the last results are cleared)."""
        self.model.clear()
        self.status.setText(f"⚠ {message}")
        self.status.setProperty("error", True)

    def show_hits(self, hits: Sequence[SearchHit], note: str = "") -> None:
        """Show the hits grouped by document, and how many."""
        self.model.clear()
        self.status.setProperty("error", False)
        groups = grouped(hits)
        for doc_id, found in groups:
            head = QStandardItem()
            count = f"{len(found)} passage" + ("s" if len(found) != 1 else "")
            head.setData(
                f"<b>{html.escape(found[0].title)}</b> <span class='head'>— {count}</span>",
                ResultsModel.HtmlRole,
            )
            head.setData(None, HIT_ROLE)
            head.setToolTip(doc_id)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.model.appendRow(head)
            for hit in found:
                row = QStandardItem()
                row.setData(snippet_html(hit), ResultsModel.HtmlRole)
                row.setData(hit, HIT_ROLE)
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.model.appendRow(row)
        if not hits:
            text = "No passage matches."
        else:
            passages = f"{len(hits)} passage" + ("s" if len(hits) != 1 else "")
            documents = f"{len(groups)} document" + ("s" if len(groups) != 1 else "")
            text = f"{passages} in {documents}"
        self.status.setText(text + (f" — {note}" if note else ""))

    def clear(self) -> None:
        self.model.clear()
        self.status.setText("")

    def index_of_hit(self, number: int) -> QModelIndex:
        """Return the model index of the ``number``-th hit row (0 = the best), for tests."""
        seen = -1
        for row in range(self.model.rowCount()):
            if self.hit_at(row) is not None:
                seen += 1
                if seen == number:
                    return self.model.index(row, 0)
        return QModelIndex()
