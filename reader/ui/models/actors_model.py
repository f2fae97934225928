"""Item models of the actors pane: a passage's actors grouped by kind, its dates, and the
passages found for the chosen actors."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from reader.core import words
from reader.core.actors import ACTOR_KINDS, Actor, ActorKind
from reader.core.cooccurrence import PassageMatch
from reader.core.date_words import date_in_words
from reader.core.dates import DateMention
from reader.core.snippets import snippet

Index = QModelIndex | QPersistentModelIndex

KIND_LABELS: dict[ActorKind, str] = {
    "person": "People",
    "state": "States",
    "organization": "Organisations",
    "group": "Groups",
    "place": "Places",
}
# Distinct for the common kinds of colour blindness (Okabe–Ito palette).
KIND_COLORS: dict[ActorKind, str] = {
    "person": "#0072B2",
    "state": "#D55E00",
    "organization": "#009E73",
    "group": "#CC79A7",
    "place": "#E69F00",
}
DATE_COLOR = "#6B6B6B"


def kind_icon(kind: ActorKind, size: int = 12) -> QIcon:
    """Return a filled disc in the kind's colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(KIND_COLORS[kind]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


@dataclass(frozen=True)
class ActorRow:
    """An actor of the current passage: how often this passage and the library mention it."""

    actor: Actor
    mentions: int
    library_count: int | None


def count_text(count: int | None) -> str:
    return "…" if count is None else f"{count} ¶"


class ActorsModel(QAbstractItemModel):
    """Kinds at the top (only those present), their actors below; two columns: name, passages."""

    ActorIdRole = Qt.ItemDataRole.UserRole + 1
    KindRole = Qt.ItemDataRole.UserRole + 2
    CountRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[ActorKind, list[ActorRow]]] = []
        # One disc per kind: the view asks for it on every paint (a pixmap drawn each time was
        # ~5% of the UI thread while reading and extracting at 1,000 documents).
        self._icons: dict[ActorKind, QIcon] = {}

    def set_rows(self, rows: list[ActorRow]) -> None:
        """Replace the actors (grouped by kind, kinds in a fixed order, actors as given)."""
        self.beginResetModel()
        self._groups = [
            (kind, [r for r in rows if r.actor.kind == kind])
            for kind in ACTOR_KINDS
            if any(r.actor.kind == kind for r in rows)
        ]
        self.endResetModel()

    def rows(self) -> list[ActorRow]:
        return [r for _, group in self._groups for r in group]

    def index_of(self, actor_id: str) -> QModelIndex:
        """Return the index of an actor's row (column 0), invalid if it is not listed."""
        for g, (_, group) in enumerate(self._groups):
            for r, row in enumerate(group):
                if row.actor.id == actor_id:
                    return self.index(r, 0, self.index(g, 0))
        return QModelIndex()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(child.internalId()) - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            kind, group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return f"{KIND_LABELS[kind]} ({len(group)})"
            if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
                return self._icon(kind)
            return kind if role == self.KindRole else None
        row = self._groups[int(index.internalId()) - 1][1][index.row()]
        return self._actor_data(row, index.column(), role)

    def _icon(self, kind: ActorKind) -> QIcon:
        if kind not in self._icons:
            self._icons[kind] = kind_icon(kind)
        return self._icons[kind]

    def _actor_data(self, row: ActorRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.actor.name if column == 0 else count_text(row.library_count)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icon(row.actor.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            count = "not counted yet" if row.library_count is None else row.library_count
            return (
                f"{row.actor.name} ({row.actor.kind}): "
                f"{words.count(row.mentions, 'mention')} here, "
                f"passages in the library: {count}. Enter lists them; Ctrl+Enter narrows."
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.ActorIdRole:
            return row.actor.id
        if role == self.KindRole:
            return row.actor.kind
        if role == self.CountRole:
            return row.library_count
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Actor", "Passages")[section] if 0 <= section < 2 else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def date_label(date: DateMention) -> str:
    """Return a date as the pane lists it: its value in words, then the words of the text."""
    words = date_in_words(date.value, date.mod)
    quote = " ".join(date.text.split())
    if not words:
        return f"“{quote}” (not placed)"
    return words if quote.casefold() == words.casefold() else f"{words}  ·  “{quote}”"


class DatesModel(QAbstractListModel):
    """The dates of the current passage, in text order."""

    ValueRole = Qt.ItemDataRole.UserRole + 1
    StartRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DateMention] = []

    def set_rows(self, rows: list[DateMention]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[DateMention]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        date = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return date_label(date)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{date.value or 'not placed'} ({date.granularity})"
        if role == self.ValueRole:
            return date.value
        if role == self.StartRole:
            return date.start
        return None


def result_html(match: PassageMatch) -> str:
    """Return a result as rich text: the document and its date (class ``head``: the delegate
    colours it for the row's state), then the snippet with the mentions in bold."""
    doc, passage = match.document, match.passage
    text = doc.passage_text(passage)
    spans = [(s - passage.start, e - passage.start) for s, e in match.spans()]
    body = "".join(
        f"<b>{html.escape(part)}</b>" if strong else html.escape(part)
        for part, strong in snippet(text, spans)
    )
    date = date_in_words(doc.meta.published) or "undated"
    title = html.escape(doc.meta.title)
    return (
        f"<div class='head'><span style='font-weight:600'>{title}</span>"
        f" · {html.escape(date)} · ¶{passage.number}</div><div>{body}</div>"
    )


class ResultsModel(QAbstractListModel):
    """The passages that mention the chosen actors, in document-date order."""

    HtmlRole = Qt.ItemDataRole.UserRole + 1
    DocIdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[PassageMatch, str]] = []

    def set_rows(self, rows: list[PassageMatch]) -> None:
        self.beginResetModel()
        self._rows = [(m, result_html(m)) for m in rows]
        self.endResetModel()

    def match_at(self, row: int) -> PassageMatch:
        return self._rows[row][0]

    def matches(self) -> list[PassageMatch]:
        return [m for m, _ in self._rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        found, rich = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{found.document.meta.title} ¶{found.passage.number}"
        if role == self.HtmlRole:
            return rich
        if role == self.DocIdRole:
            return found.document.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Enter or click opens this passage beside the one you are reading"
        return None

