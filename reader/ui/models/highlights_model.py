"""The highlights list: one row per highlight (colour, quote, note, tags, document, status),
behind a filter model (scope, colour, tag, document, words of quote and note).

Orphaned highlights (no longer found in their document's text) sort first and say so: they need
the user's attention.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from reader.core.highlight import PALETTE, Highlight

_Index = QModelIndex | QPersistentModelIndex
NEEDS_ATTENTION = "Needs attention: not found in the text"


@dataclass(frozen=True)
class HighlightRow:
    """A highlight with what the list shows beside it."""

    highlight: Highlight
    title: str
    label: str


def _one_line(text: str, width: int = 140) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


class HighlightsModel(QAbstractTableModel):
    """Highlights as rows; ``set_rows()`` is the one way in."""

    COLOR, QUOTE, NOTE, TAGS, DOCUMENT, STATUS = range(6)
    HEADERS = ("Colour", "Quote", "Note", "Tags", "Document", "Status")
    HighlightRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    DocIdRole = Qt.ItemDataRole.UserRole + 3
    ColorRole = Qt.ItemDataRole.UserRole + 4
    TagsRole = Qt.ItemDataRole.UserRole + 5
    SearchRole = Qt.ItemDataRole.UserRole + 6
    OrphanRole = Qt.ItemDataRole.UserRole + 7
    SortRole = Qt.ItemDataRole.UserRole + 8

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HighlightRow] = []

    def set_rows(self, rows: Sequence[HighlightRow]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[HighlightRow]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def _display(self, row: HighlightRow, column: int) -> str:
        h = row.highlight
        values = {
            self.COLOR: row.label,
            self.QUOTE: _one_line(h.quote),
            self.NOTE: _one_line(h.note),
            self.TAGS: ", ".join(h.tags),
            self.DOCUMENT: row.title,
            self.STATUS: NEEDS_ATTENTION if h.needs_attention else h.status,
        }
        return values.get(column, "")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        h = row.highlight
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.quote if index.column() != self.NOTE else h.note or None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self.COLOR:
            return QColor(PALETTE.get(h.color, "#cccccc"))
        if role == Qt.ItemDataRole.ForegroundRole and h.needs_attention:
            return QColor("#c92a2a")
        return self._user_data(row, role)

    def _user_data(self, row: HighlightRow, role: int) -> object:
        h = row.highlight
        values: dict[int, object] = {
            self.HighlightRole: h,
            self.IdRole: h.id,
            self.DocIdRole: h.doc_id,
            self.ColorRole: h.color,
            self.TagsRole: list(h.tags),
            self.SearchRole: f"{h.quote}\n{h.note}".casefold(),
            self.OrphanRole: h.needs_attention,
            # Orphans first, then by document and place in it.
            self.SortRole: (0 if h.needs_attention else 1, row.title.casefold(), h.start),
        }
        return values.get(role)


class HighlightsFilterModel(QSortFilterProxyModel):
    """Filters highlights by document, colour, tag and the words of the quote and note."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc_id: str | None = None
        self.color: str | None = None
        self.tag: str | None = None
        self.words: list[str] = []
        self.setSortRole(HighlightsModel.SortRole)

    def set_filter(
        self,
        *,
        doc_id: str | None = None,
        color: str | None = None,
        tag: str | None = None,
        text: str = "",
    ) -> None:
        """Keep only rows of that document, colour and tag whose quote or note holds every word
        of ``text`` (``None`` = any)."""
        self.beginFilterChange()
        self.doc_id, self.color, self.tag = doc_id, color, tag
        self.words = text.casefold().split()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        h = index.data(HighlightsModel.HighlightRole)
        if not isinstance(h, Highlight):
            return False
        if self.doc_id is not None and h.doc_id != self.doc_id:
            return False
        if self.color is not None and h.color != self.color:
            return False
        if self.tag is not None and self.tag not in h.tags:
            return False
        haystack = str(index.data(HighlightsModel.SearchRole))
        return all(word in haystack for word in self.words)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a = left.data(HighlightsModel.SortRole)
        b = right.data(HighlightsModel.SortRole)
        if isinstance(a, tuple) and isinstance(b, tuple):
            return a < b
        return False
