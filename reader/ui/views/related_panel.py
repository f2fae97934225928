"""The "Same event elsewhere" section of the actors pane: a caption that says what it shows (or
why nothing), and the passages of other documents, activated by click or Enter."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.words import count
from reader.library import RelatedPassage
from reader.ui.models.related_model import RelatedModel
from reader.ui.views.actor_results import HtmlDelegate, ResultsList, heading_color

Index = QModelIndex | QPersistentModelIndex
CAPTION = "Same event elsewhere"


class ChipDelegate(HtmlDelegate):
    """The rich-text rows, with the reasons' chips on a ground taken from the palette (so they
    read in the light and the dark theme alike)."""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        ground = option.palette.color(QPalette.ColorRole.Midlight).name()
        if option.state & QStyle.StateFlag.State_Selected:
            # The selection's own text colour on a deeper shade of it, not on a light grey.
            ground = option.palette.color(QPalette.ColorRole.Highlight).darker(135).name()
        doc.setDefaultStyleSheet(
            f".head {{ color: {heading_color(option).name()}; }} "
            f".chip {{ background-color: {ground}; }}"
        )
        doc.setDocumentMargin(6)
        doc.setHtml(str(index.data(RelatedModel.HtmlRole) or ""))
        doc.setTextWidth(max(option.rect.width(), 120))
        return doc


class RelatedPanel(QWidget):
    """The caption and the list; ``chosen(RelatedPassage)`` when one is activated."""

    chosen = Signal(object)  # RelatedPassage

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relatedPanel")
        self.caption = QLabel(CAPTION, self)
        self.caption.setObjectName("relatedCaption")
        self.caption.setWordWrap(True)
        self.state = QLabel("", self)  # what is being compared, while it is
        self.state.setObjectName("relatedState")
        self.state.setWordWrap(True)
        self.state.hide()
        self.model = RelatedModel(self)
        self.list = ResultsList(self)
        self.list.setObjectName("relatedList")
        self.list.setItemDelegate(ChipDelegate(self.list))
        self.list.setModel(self.model)
        self.list.result_chosen.connect(lambda row: self.chosen.emit(self.model.item_at(row)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.state)
        self.show_message("")

    def show_comparing(self, item: RelatedPassage | None) -> None:
        """Say which passage is open beside the reader's (``None``: no longer comparing)."""
        self.state.setVisible(item is not None)
        if item is not None:
            self.state.setText(
                f"Comparing with ¶{item.passage_index + 1} of “{item.title}” "
                "(marked in both panes; Esc or moving on leaves, Back returns)"
            )

    def show_items(self, items: list[RelatedPassage], note: str = "") -> None:
        """Show the passages found (none: say so, the list folds away)."""
        if items != self.model.rows():
            current = self.list.currentIndex()
            chosen = current.data(RelatedModel.PassageIdRole) if current.isValid() else None
            self.model.set_rows(items)
            # Asked again while documents are extracted: the reader's place in the list stays.
            for row, item in enumerate(items):
                if item.passage_id == chosen:
                    self.list.setCurrentIndex(self.model.index(row, 0))
        if items:
            text = f"{CAPTION}: {count(len(items), 'passage')}, best first"
        else:
            text = f"{CAPTION}: no other document shares enough with this passage"
        self.caption.setText(f"{text} ({note})" if note else text)
        self._show_list(bool(items))

    def show_message(self, message: str) -> None:
        """Show a state instead of results ("finding…", no passage yet)."""
        self.model.set_rows([])
        self.caption.setText(f"{CAPTION}: {message}" if message else CAPTION)
        self._show_list(False)

    def _show_list(self, shown: bool) -> None:
        """Show the list, or fold it away: then the caption takes one line and the actors
        above get the height."""
        self.list.setVisible(shown)
        vertical = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Maximum
        self.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)
