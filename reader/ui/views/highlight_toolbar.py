"""The small toolbar by a selection (a button per palette colour, with its label; copy with
citation) and the in-place editor of a highlight (colour, note, tags, delete).

Both float over a reading view's viewport, as its children, so they scroll away with nothing and
never take a window of their own; neither owns data: they say what the user chose.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.highlight import ColorLabel, Highlight

NOTE_SAVE_DELAY_MS = 600


def swatch(hex_color: str, size: int = 14) -> QIcon:
    """Return a square icon of a colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(hex_color))
    return QIcon(pixmap)


def color_text(color: ColorLabel) -> str:
    """Return what a colour is called for the user: its label, else its name."""
    return color.label or color.color


def _color_button(parent: QWidget, color: ColorLabel, checkable: bool = False) -> QToolButton:
    button = QToolButton(parent)
    button.setIcon(swatch(color.hex))
    button.setIconSize(QSize(12, 12))
    button.setText(color_text(color))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setToolTip(f"Highlight in {color.color}" + (f" ({color.label})" if color.label else ""))
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the reading view's selection
    button.setCheckable(checkable)
    button.setAutoRaise(True)
    button.setObjectName(f"color-{color.color}")
    return button


EDITOR_WIDTH = 420  # the editor's width when the pane has room for it
MARGIN = 4  # between a floating widget and the edge of the pane


def set_compact(buttons: list[QToolButton], compact: bool) -> None:
    """Show colour buttons as labelled swatches, or (``compact``) as bare swatches whose
    tooltip says the label."""
    style = (
        Qt.ToolButtonStyle.ToolButtonIconOnly
        if compact
        else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    )
    for button in buttons:
        button.setToolButtonStyle(style)
        button.setIconSize(QSize(16, 16) if compact else QSize(12, 12))


def place_near(widget: _Floating, anchor: QRect, area: QRect) -> None:
    """Fit a floating widget to ``area``'s width, then move it just below ``anchor`` (above it
    when there is no room), inside ``area``."""
    widget.fit_width(area.width() - 2 * MARGIN)
    widget.adjustSize()
    size = widget.size().expandedTo(widget.minimumSizeHint())
    widget.resize(size)
    left, right = area.left() + MARGIN, area.right() - MARGIN
    x = min(max(anchor.left(), left), max(right - size.width(), left))
    y = anchor.bottom() + 6
    if y + size.height() > area.bottom():
        y = max(anchor.top() - size.height() - 6, area.top())
    widget.move(QPoint(x, y))


def _drop(row: QHBoxLayout, buttons: Iterable[QToolButton]) -> None:
    """Take old colour buttons out of their row now: deleted later, they would still be laid out
    (and widen the row) until the event loop comes round."""
    for button in buttons:
        row.removeWidget(button)
        button.hide()
        button.deleteLater()


def _row_width(row: QHBoxLayout, widgets: list[QToolButton]) -> int:
    """Return the width a row of buttons asks for."""
    spacing = row.spacing() if row.spacing() >= 0 else 6
    return sum(w.sizeHint().width() for w in widgets) + spacing * max(len(widgets) - 1, 0)


class _Floating(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.hide()

    def fit_width(self, available: int) -> None:
        """Lay out for at most ``available`` pixels of width."""


class SelectionToolbar(_Floating):
    """Shown by a selection: highlight it in a colour, or copy it with its citation."""

    color_chosen = Signal(str)
    cite_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("selectionToolbar")
        self.buttons: dict[str, QToolButton] = {}
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(3, 2, 3, 2)
        self._layout.setSpacing(1)
        self.cite_button = QToolButton(self)
        self.cite_button.setText("Cite")
        self.cite_button.setToolTip("Copy with citation (Ctrl+Shift+C)")
        self.cite_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cite_button.setAutoRaise(True)
        self.cite_button.clicked.connect(self.cite_requested)
        self._layout.addWidget(self.cite_button)

    def set_palette(self, colors: list[ColorLabel]) -> None:
        """Show one button per colour, labelled with what the user says it means."""
        _drop(self._layout, self.buttons.values())
        self.buttons = {}
        for index, color in enumerate(colors):
            button = _color_button(self, color)
            button.clicked.connect(lambda _c=False, name=color.color: self.color_chosen.emit(name))
            self._layout.insertWidget(index, button)
            self.buttons[color.color] = button

    def fit_width(self, available: int) -> None:
        """Labelled colours when they fit, else bare swatches (their tooltips say the label)."""
        buttons = list(self.buttons.values())
        set_compact(buttons, False)
        margins = self._layout.contentsMargins()
        # Measured from the buttons, not the layout's size hint (cached from the last style).
        wanted = _row_width(self._layout, [*buttons, self.cite_button])
        if wanted + margins.left() + margins.right() + 2 * self.frameWidth() > available:
            set_compact(buttons, True)
        self._layout.invalidate()


class HighlightEditor(_Floating):
    """Edits one highlight in place: colour, note (saved as typed, debounced), tags, delete."""

    color_chosen = Signal(str, str)  # highlight id, colour
    note_edited = Signal(str, str)  # highlight id, note
    tags_edited = Signal(str, list)  # highlight id, tags
    delete_requested = Signal(str)
    cite_requested = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("highlightEditor")
        self.highlight: Highlight | None = None
        self.buttons: dict[str, QToolButton] = {}
        self.colors_row = QHBoxLayout()
        self.colors_row.setSpacing(1)
        self.colors_row.addStretch(1)  # swatches to the left, however wide the editor
        self.quote = QLabel(self)
        self.quote.setWordWrap(True)
        self.quote.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("highlightNote")
        self.note.setPlaceholderText("Note")
        self.note.setFixedHeight(84)
        self.tags = QLineEdit(self)
        self.tags.setObjectName("highlightTags")
        self.tags.setPlaceholderText("Tags, separated by commas")
        self.delete_button = QToolButton(self)
        self.delete_button.setText("Delete")
        self.cite_button = QToolButton(self)
        self.cite_button.setText("Copy with citation")
        self.cite_button.setToolTip("Copy with citation (Ctrl+Shift+C)")
        self.close_button = QToolButton(self)
        self.close_button.setText("Done")
        self._lay_out()
        self.setFixedWidth(EDITOR_WIDTH)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.commit_note)
        self.note.textChanged.connect(self._note_timer.start)
        self.tags.editingFinished.connect(self._commit_tags)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.cite_button.clicked.connect(self._on_cite_clicked)
        self.close_button.clicked.connect(self.close_editor)

    def _lay_out(self) -> None:
        buttons = self._buttons_row = QHBoxLayout()
        for button in (self.cite_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(self.colors_row)
        layout.addWidget(self.quote)
        layout.addWidget(self.note)
        layout.addWidget(self.tags)
        layout.addLayout(buttons)

    def set_palette(self, colors: list[ColorLabel]) -> None:
        _drop(self.colors_row, self.buttons.values())
        self.buttons = {}
        for color in colors:
            button = _color_button(self, color, checkable=True)
            button.clicked.connect(lambda _c=False, name=color.color: self._on_color(name))
            self.colors_row.insertWidget(len(self.buttons), button)
            self.buttons[color.color] = button

    def fit_width(self, available: int) -> None:
        """Take ``EDITOR_WIDTH``, or the pane's width when narrower: the colours become bare
        swatches and "Copy with citation" becomes "Cite" when their rows would not fit."""
        width = max(min(EDITOR_WIDTH, available), 160)
        self.setFixedWidth(width)
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        inner = width - (margins.left() + margins.right() if margins is not None else 0)
        colours = list(self.buttons.values())
        set_compact(colours, False)
        self.cite_button.setText("Copy with citation")
        if _row_width(self.colors_row, colours) > inner:
            set_compact(colours, True)
        row = [self.cite_button, self.delete_button, self.close_button]
        if _row_width(self._buttons_row, row) + 24 > inner:
            self.cite_button.setText("Cite")

    def show_highlight(self, highlight: Highlight) -> None:
        """Show a highlight's colour, quote, note and tags for editing."""
        if self.highlight is not None and self.highlight.id != highlight.id:
            self.commit()
        self.highlight = highlight
        for name, button in self.buttons.items():
            button.setChecked(name == highlight.color)
        quote = " ".join(highlight.quote.split())
        self.quote.setText(quote if len(quote) < 160 else quote[:159] + "…")
        if self.note.toPlainText() != highlight.note:
            self.note.blockSignals(True)
            self.note.setPlainText(highlight.note)
            self.note.blockSignals(False)
        self.tags.setText(", ".join(highlight.tags))
        self.show()
        self.raise_()

    def update_highlight(self, highlight: Highlight) -> None:
        """Take a newer version of the shown highlight without disturbing what is being typed."""
        if self.highlight is None or highlight.id != self.highlight.id:
            return
        self.highlight = highlight
        for name, button in self.buttons.items():
            button.setChecked(name == highlight.color)
        if not self._note_timer.isActive() and not self.note.hasFocus():
            self.show_highlight(highlight)

    def commit(self) -> None:
        """Send what was typed and not yet sent."""
        if self._note_timer.isActive():
            self.commit_note()
        self._commit_tags()

    def commit_note(self) -> None:
        self._note_timer.stop()
        h = self.highlight
        if h is not None and self.note.toPlainText() != h.note:
            self.note_edited.emit(h.id, self.note.toPlainText())

    def _commit_tags(self) -> None:
        h = self.highlight
        if h is None:
            return
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        if tuple(dict.fromkeys(tags)) != h.tags:
            self.tags_edited.emit(h.id, tags)

    def close_editor(self) -> None:
        self.commit()
        self.highlight = None
        self.hide()

    def _on_color(self, color: str) -> None:
        if self.highlight is not None:
            self.color_chosen.emit(self.highlight.id, color)

    def _on_delete_clicked(self) -> None:
        if self.highlight is not None:
            self._note_timer.stop()
            highlight_id = self.highlight.id
            self.highlight = None
            self.hide()
            self.delete_requested.emit(highlight_id)

    def _on_cite_clicked(self) -> None:
        if self.highlight is not None:
            self.cite_requested.emit(self.highlight.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_editor()
            return
        super().keyPressEvent(event)
