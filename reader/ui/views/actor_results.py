"""The passages found for the chosen actors: a list of rich-text rows, and the chips that say
which actors it is narrowed to."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from reader.core.actors import Actor
from reader.ui.models.actors_model import KIND_COLORS, ResultsModel

Index = QModelIndex | QPersistentModelIndex


def heading_color(option: QStyleOptionViewItem) -> QColor:
    """Return the colour of a result's heading: muted on the list, the selection's own text
    colour on a selected row (grey on the selection's blue would not read)."""
    palette = option.palette
    if option.state & QStyle.StateFlag.State_Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.PlaceholderText)


class HtmlDelegate(QStyledItemDelegate):
    """Paints a row's ``HtmlRole`` rich text, wrapped to the view's width."""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDefaultStyleSheet(f".head {{ color: {heading_color(option).name()}; }}")
        doc.setDocumentMargin(6)
        doc.setHtml(str(index.data(ResultsModel.HtmlRole) or ""))
        doc.setTextWidth(max(option.rect.width(), 120))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        rect = option.rect
        painter.translate(rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                context.palette.ColorRole.Text,
                option.palette.color(option.palette.ColorRole.HighlightedText),
            )
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self.initStyleOption(option, index)
        view = option.widget
        if isinstance(view, QAbstractItemView):
            option.rect.setWidth(view.viewport().width())
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


class ResultsList(QListView):
    """A list that opens a result on Enter as well as on click."""

    result_chosen = Signal(int)  # row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actorResults")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setItemDelegate(HtmlDelegate(self))
        self.setAlternatingRowColors(True)
        self.clicked.connect(lambda index: self.result_chosen.emit(index.row()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.result_chosen.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class FilterChips(QWidget):
    """ "Passages with: [Norway ×] [Taliban ×]": the actors the results are narrowed to."""

    removed = Signal(str)  # actor id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._layout.setSpacing(4)
        self.caption = QLabel("Choose an actor (click or Enter) to list its passages", self)
        self.caption.setWordWrap(True)
        self._layout.addWidget(self.caption)
        self._layout.addStretch(1)
        self.chips: list[QToolButton] = []

    def set_actors(self, actors: list[Actor]) -> None:
        for chip in self.chips:
            chip.setParent(None)
            chip.deleteLater()
        self.chips = []
        if not actors:
            self.caption.setText("Choose an actor (click or Enter) to list its passages")
            return
        self.caption.setText("Passages with")
        for actor in actors:
            chip = QToolButton(self)
            chip.setText(f"{actor.name}  ×")
            chip.setToolTip(f"Stop narrowing to {actor.name}")
            chip.setStyleSheet(
                f"QToolButton {{ border: 1px solid {KIND_COLORS[actor.kind]};"
                " border-radius: 8px; padding: 1px 6px; }"
            )
            chip.clicked.connect(lambda _c=False, a=actor.id: self.removed.emit(a))
            self.chips.append(chip)
            self._layout.insertWidget(len(self.chips), chip)
