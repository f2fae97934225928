"""The actors overview: every actor of the library as a table row (name, kind, aliases,
passages, documents, first and last date), behind a sort and filter proxy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reader.ui.models.table import HeaderedTableModel

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class OverviewRow:
    """One actor as the overview shows it."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    passages: int
    documents: int
    first_date: str | None
    last_date: str | None


class ActorOverviewModel(HeaderedTableModel):
    """Actors as rows; ``set_rows()`` is the one way in."""

    NAME, KIND, ALIASES, PASSAGES, DOCUMENTS, FIRST, LAST = range(7)
    HEADERS = ("Name", "Kind", "Aliases", "Passages", "Documents", "First date", "Last date")
    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2
    SearchRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OverviewRow] = []

    def set_rows(self, rows: Sequence[OverviewRow]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[OverviewRow]:
        return list(self._rows)

    def row_of(self, actor_id: str) -> int | None:
        """Return the row of an actor, or None."""
        return next((i for i, r in enumerate(self._rows) if r.id == actor_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)



    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SortRole:
            return self._sort(row, column)
        if role == self.IdRole:
            return row.id
        if role == self.SearchRole:
            return " ".join((row.name, row.id, row.kind, *row.aliases))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ALIASES and row.aliases:
            return "\n".join(row.aliases)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.PASSAGES, self.DOCUMENTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: OverviewRow, column: int) -> str:
        values = (
            row.name,
            row.kind,
            ", ".join(row.aliases),
            str(row.passages),
            str(row.documents),
            row.first_date or "—",
            row.last_date or "—",
        )
        return values[column] if 0 <= column < len(values) else ""

    def _sort(self, row: OverviewRow, column: int) -> Any:
        # Numbers sort as numbers; undated actors after the dated ones.
        if column == self.PASSAGES:
            return row.passages
        if column == self.DOCUMENTS:
            return row.documents
        if column in (self.FIRST, self.LAST):
            date = row.first_date if column == self.FIRST else row.last_date
            return date or "\uffff"
        return self._display(row, column).casefold()


class ActorOverviewProxy(QSortFilterProxyModel):
    """Sorts by the model's sort role; the filter matches name, id, kind and aliases."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(ActorOverviewModel.SortRole)
        self.setFilterRole(ActorOverviewModel.SearchRole)
        self.setFilterKeyColumn(ActorOverviewModel.NAME)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
