"""The "Same event elsewhere" list's model: passages of other documents, each as rich text (its
document and date, ¶ number, a snippet with the shared words emphasised, and the reasons as
chips: the shared actors, coloured by kind, then the shared dates)."""

from __future__ import annotations

import html
from typing import Any, cast

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reader.core.actors import ActorKind
from reader.core.date_words import date_in_words
from reader.library import RelatedPassage
from reader.ui.models.actors_model import DATE_COLOR, KIND_COLORS, ResultsModel

Index = QModelIndex | QPersistentModelIndex
MAX_CHIPS = 6  # more reasons than this are counted, not shown


def chip(text: str, color: str) -> str:
    """Return a reason as a chip: a dot in its colour, then its words on a tinted ground (the
    delegate's ``.chip`` style gives the ground, from the palette)."""
    return (
        f"<span class='chip'>&nbsp;<span style='color:{color}'>●</span>&nbsp;"
        f"{html.escape(text)}&nbsp;</span>"
    )


def related_html(item: RelatedPassage) -> str:
    """Return a row's rich text."""
    when = f" · {html.escape(date_in_words(item.published))}" if item.published else ""
    head = (
        f"<span class='head'>{html.escape(item.title)}{when} · ¶{item.passage_index + 1}</span>"
    )
    body = "".join(
        f"<b>{html.escape(t)}</b>" if strong else html.escape(t) for t, strong in item.snippet
    )
    chips = [
        chip(name, KIND_COLORS.get(cast(ActorKind, kind), DATE_COLOR))
        for name, kind in zip(item.actor_names, item.actor_kinds, strict=True)
    ]
    chips += [chip(d.other_text, DATE_COLOR) for d in item.shared_dates]
    more = len(chips) - MAX_CHIPS
    reasons = " ".join(chips[:MAX_CHIPS]) + (f" +{more}" if more > 0 else "")
    if not reasons:
        reasons = "<span class='head'>similar wording</span>"
    return f"{head}<br>{body}<div style='margin-top:4px'>{reasons}</div>"


class RelatedModel(QAbstractListModel):
    """The passages of other documents about the same event, best first."""

    HtmlRole = ResultsModel.HtmlRole  # the actors pane's rich-text delegate paints it
    PassageIdRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[RelatedPassage, str]] = []

    def set_rows(self, rows: list[RelatedPassage]) -> None:
        self.beginResetModel()
        self._rows = [(r, related_html(r)) for r in rows]
        self.endResetModel()

    def rows(self) -> list[RelatedPassage]:
        return [r for r, _ in self._rows]

    def item_at(self, row: int) -> RelatedPassage:
        return self._rows[row][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, rich = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.title} ¶{item.passage_index + 1}"
        if role == self.HtmlRole:
            return rich
        if role == self.PassageIdRole:
            return item.passage_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Enter or click compares this passage with yours, side by side"
        return None
