"""The highlights list: one row per highlight (colour, quote, note, tags, document, status),
behind a filter model (scope, colour, tag, document, words of quote and note).

Orphaned highlights (no longer found in their document's text) sort first and say so: they need
the user's attention.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication

from reader.core.highlight import PALETTE, Highlight
from reader.ui.models.table import HeaderedTableModel
from reader.ui.palette import attention_color

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


def _sort_key(row: HighlightRow) -> str:
    # Orphans first, then by document and place in it; a string, so that the proxy compares in
    # C++ (a Python lessThan took 300 ms for 2,000 rows).
    h = row.highlight
    return f"{0 if h.needs_attention else 1}\x00{row.title.casefold()}\x00{h.start:012d}"


def _search_text(row: HighlightRow) -> str:
    return f"{row.highlight.quote}\n{row.highlight.note}".casefold()


class HighlightsModel(HeaderedTableModel):
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
        self._sort_keys: list[str] = []
        self._search: list[str] = []

    def set_rows(self, rows: Sequence[HighlightRow]) -> None:
        """Replace every row (kept grouped by document, for ``replace_document``)."""
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: r.highlight.doc_id)
        self._sort_keys = [_sort_key(r) for r in self._rows]
        self._search = [_search_text(r) for r in self._rows]
        self.endResetModel()

    def replace_document(self, doc_id: str, rows: Sequence[HighlightRow]) -> None:
        """Replace one document's rows: removed and inserted, so that a sorted, filtered view
        only places these (a reset of 2,000 rows re-sorts everything: ~180 ms)."""
        mine = [i for i, r in enumerate(self._rows) if r.highlight.doc_id == doc_id]
        if mine:
            first, last = mine[0], mine[-1]  # contiguous: rows are grouped by document
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            del self._sort_keys[first : last + 1]
            del self._search[first : last + 1]
            self.endRemoveRows()
        if rows:
            end = len(self._rows)
            self.beginInsertRows(QModelIndex(), end, end + len(rows) - 1)
            self._rows.extend(rows)
            self._sort_keys.extend(_sort_key(r) for r in rows)
            self._search.extend(_search_text(r) for r in rows)
            self.endInsertRows()

    def rows(self) -> list[HighlightRow]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)



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
        if role == self.SortRole and index.column() not in (self.DOCUMENT, self.STATUS):
            return self._display(row, index.column()).casefold()  # that column's own order
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.quote if index.column() != self.NOTE else h.note or None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self.COLOR:
            return QColor(PALETTE.get(h.color, "#cccccc"))
        if role == Qt.ItemDataRole.ForegroundRole and h.needs_attention:
            return attention_color(QGuiApplication.palette())
        return self._user_data(index.row(), role)

    def _user_data(self, row: int, role: int) -> object:
        h = self._rows[row].highlight
        if role == self.HighlightRole:
            return h
        if role == self.SortRole:
            return self._sort_keys[row]
        if role == self.SearchRole:
            return self._search[row]
        if role == self.IdRole:
            return h.id
        if role == self.DocIdRole:
            return h.doc_id
        if role == self.ColorRole:
            return h.color
        if role == self.TagsRole:
            return list(h.tags)
        if role == self.OrphanRole:
            return h.needs_attention
        return None


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
