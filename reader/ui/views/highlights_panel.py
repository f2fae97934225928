"""The highlights panel: the current document's highlights or the whole library's, filtered by
colour (shown with its label), tag, document and words of the quote and note. A click jumps to a
highlight; an orphan (needing attention) can be re-placed on text selected again."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.highlight import ColorLabel, Highlight
from reader.core.words import count
from reader.ui.models.highlights_model import HighlightRow, HighlightsFilterModel, HighlightsModel
from reader.ui.palette import attention_color
from reader.ui.views.highlight_toolbar import swatch

THIS_DOCUMENT, WHOLE_LIBRARY = 0, 1


class HighlightsPanel(QWidget):
    """Lists highlights; says which one the user wants to go to or re-place."""

    jump_requested = Signal(object)  # Highlight
    replace_requested = Signal(str)  # highlight id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightsPanel")
        self.current_doc: str | None = None
        self.model = HighlightsModel(self)
        self.proxy = HighlightsFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.scope = QComboBox(self)
        self.scope.addItems(["This document", "Whole library"])
        self.color = QComboBox(self)
        self.tag = QComboBox(self)
        self.document = QComboBox(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Words in the quote or note")
        self.search.setClearButtonEnabled(True)
        self.tree = self._make_tree()
        self.attention = QLabel(self)
        self.attention.setWordWrap(True)
        self._colour_attention()
        self.replace_button = QPushButton("Re-place on the selected text", self)
        self.replace_button.setToolTip(
            "Select this highlight's text again in its document, then press this button"
        )
        self.replace_button.setEnabled(False)
        self.replace_button.hide()  # shown while an orphan is chosen
        self.count = QLabel(self)
        self._layout()
        self.scope.currentIndexChanged.connect(self.apply_filter)
        for box in (self.color, self.tag, self.document):
            box.currentIndexChanged.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)
        self.tree.clicked.connect(self._on_clicked)
        self.tree.activated.connect(self._on_clicked)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.replace_button.clicked.connect(self._on_replace_clicked)
        self.set_palette([])

    def _make_tree(self) -> QTreeView:
        tree = QTreeView(self)
        tree.setModel(self.proxy)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setSortingEnabled(True)
        tree.sortByColumn(HighlightsModel.DOCUMENT, Qt.SortOrder.AscendingOrder)
        header = tree.header()
        header.setSectionResizeMode(HighlightsModel.QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # Fixed widths: fitting a column to its contents asks every row on each reset.
        header.resizeSection(HighlightsModel.COLOR, 80)
        header.resizeSection(HighlightsModel.NOTE, 84)
        header.resizeSection(HighlightsModel.DOCUMENT, 84)
        for column in (HighlightsModel.TAGS, HighlightsModel.STATUS):
            tree.setColumnHidden(column, True)
        return tree

    def _layout(self) -> None:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.scope, 0, 0)
        grid.addWidget(self.document, 0, 1)
        grid.addWidget(self.color, 1, 0)
        grid.addWidget(self.tag, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(grid)
        layout.addWidget(self.search)
        layout.addWidget(self.attention)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.replace_button)
        layout.addWidget(self.count)

    def _colour_attention(self) -> None:
        self.attention.setStyleSheet(f"color: {attention_color(self.palette()).name()};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_attention()  # the theme changed: a red that reads on it

    def sizeHint(self) -> QSize:
        return QSize(400, 420)

    # -- contents --------------------------------------------------------------------------
    def set_palette(self, palette: Sequence[ColorLabel]) -> None:
        """Offer each colour of the palette, shown with its label."""
        current = self.color.currentData()
        self.color.blockSignals(True)
        self.color.clear()
        self.color.addItem("Any colour", None)
        for c in palette:
            text = f"{c.label} ({c.color})" if c.label else c.color
            self.color.addItem(swatch(c.hex), text, c.color)
        self.color.setCurrentIndex(max(self.color.findData(current), 0))
        self.color.blockSignals(False)

    def set_highlights(self, rows: Sequence[HighlightRow], titles: dict[str, str]) -> None:
        """Show these highlights (every document's); the filters decide which are listed."""
        current = self.current()
        self.model.set_rows(rows)
        self._refill_choices(titles)
        self.apply_filter()
        if current is not None:
            self.select(current.id)

    def replace_document(
        self, doc_id: str, rows: Sequence[HighlightRow], titles: dict[str, str]
    ) -> None:
        """Show a document's highlights anew (the others' rows stay as they are)."""
        self.model.replace_document(doc_id, rows)
        self._refill_choices(titles)
        self._update_counts()

    def _refill_choices(self, titles: dict[str, str]) -> None:
        rows = self.model.rows()
        tags = sorted({t for r in rows for t in r.highlight.tags}, key=str.casefold)
        self._refill(self.tag, "Any tag", [(t, t) for t in tags])
        docs = sorted(
            {r.highlight.doc_id for r in rows}, key=lambda d: (titles.get(d) or d).casefold()
        )
        self._refill(self.document, "Any document", [(titles.get(d) or d, d) for d in docs])

    @staticmethod
    def _refill(box: QComboBox, any_text: str, items: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(any_text, None)
        for text, data in items:
            box.addItem(text, data)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.blockSignals(False)

    def set_current_document(self, doc_id: str | None) -> None:
        """Follow the active pane's document (used by the "This document" scope)."""
        if doc_id != self.current_doc:
            self.current_doc = doc_id
            self.apply_filter()

    def apply_filter(self) -> None:
        whole = self.scope.currentIndex() == WHOLE_LIBRARY
        self.document.setEnabled(whole)
        self.tree.setColumnHidden(HighlightsModel.DOCUMENT, not whole)
        doc_id = self.document.currentData() if whole else (self.current_doc or "")
        self.proxy.set_filter(
            doc_id=doc_id,
            color=self.color.currentData(),
            tag=self.tag.currentData(),
            text=self.search.text(),
        )
        self._update_counts()

    def _update_counts(self) -> None:
        shown = self.proxy.rowCount()
        orphans = sum(
            1 for r in range(shown) if self.proxy.index(r, 0).data(HighlightsModel.OrphanRole)
        )
        self.attention.setText(
            f"{count(orphans, 'highlight')} {'needs' if orphans == 1 else 'need'} attention: "
            "their text was not found. Open one, select its text again, and press Re-place."
            if orphans
            else ""
        )
        self.attention.setVisible(bool(orphans))
        self.count.setText(f"{shown} of {self.model.rowCount()} highlights")

    def visible_highlights(self) -> list[Highlight]:
        return [
            self.proxy.index(r, 0).data(HighlightsModel.HighlightRole)
            for r in range(self.proxy.rowCount())
        ]

    def current(self) -> Highlight | None:
        h = self.tree.currentIndex().data(HighlightsModel.HighlightRole)
        return h if isinstance(h, Highlight) else None

    def select(self, highlight_id: str) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(HighlightsModel.IdRole) == highlight_id:
                self.tree.setCurrentIndex(index)
                return True
        return False

    def row_rect_center(self, highlight_id: str) -> object:
        """Return the centre of a highlight's row in the list's viewport (for a click)."""
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, HighlightsModel.QUOTE)
            if index.data(HighlightsModel.IdRole) == highlight_id:
                return self.tree.visualRect(index).center()
        return None

    # -- events ----------------------------------------------------------------------------
    def _on_clicked(self, index: QModelIndex) -> None:
        h = index.data(HighlightsModel.HighlightRole)
        if isinstance(h, Highlight):
            self.jump_requested.emit(h)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        orphan = bool(current.data(HighlightsModel.OrphanRole))
        self.replace_button.setEnabled(orphan)
        self.replace_button.setVisible(orphan)

    def _on_replace_clicked(self) -> None:
        h = self.current()
        if h is not None:
            self.replace_requested.emit(h.id)
