"""The find bar under a reading pane: the words, the match count, next/previous, options."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QWidget


class _FindEdit(QLineEdit):
    """Enter finds the next match, Shift+Enter the previous, Escape closes the bar."""

    next_requested = Signal()
    previous_requested = Signal()
    close_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit()
            else:
                self.next_requested.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.close_requested.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """Asks for words and options; shows "3 of 12". The feature does the finding."""

    query_changed = Signal()  # the words or an option changed: find again
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.edit = _FindEdit(self)
        self.edit.setPlaceholderText("Find in this document")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel("", self)
        self.count.setObjectName("findCount")
        self.count.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.previous = QToolButton(self)
        self.previous.setText("↑")
        self.previous.setToolTip("Previous match (Shift+F3, Shift+Enter)")
        self.next = QToolButton(self)
        self.next.setText("↓")
        self.next.setToolTip("Next match (F3, Enter)")
        # Compact toggles, so that the bar fits a narrow pane (four panes at 1280 px).
        self.match_case = _toggle("Aa", "Match case", self)
        self.whole_word = _toggle("W", "Whole words only", self)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close (Escape)")
        self.edit.setMinimumWidth(90)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        for widget in (self.edit, self.count, self.previous, self.next, self.match_case,
                       self.whole_word, self.close_button):
            layout.addWidget(widget, 1 if widget is self.edit else 0)
        self.edit.textChanged.connect(self.query_changed)
        self.match_case.toggled.connect(self.query_changed)
        self.whole_word.toggled.connect(self.query_changed)
        self.edit.next_requested.connect(self.next_requested)
        self.edit.previous_requested.connect(self.previous_requested)
        self.next.clicked.connect(self.next_requested)
        self.previous.clicked.connect(self.previous_requested)
        self.edit.close_requested.connect(self.close)
        self.close_button.clicked.connect(self.close)
        self.hide()

    def open(self) -> None:
        """Show the bar with its words selected, ready to type over."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close(self) -> bool:
        was_visible = self.isVisible()
        self.hide()
        if was_visible:
            self.closed.emit()
        return True

    def show_count(self, current: int | None, total: int, pending: bool = False) -> None:
        """Show "3 of 12", "No matches" or nothing (no words)."""
        if pending:
            self.count.setText("…")
        elif not self.edit.text().strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText("No matches")
        else:
            self.count.setText(f"{(current or 0) + 1} of {total}")


def _toggle(text: str, tip: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setCheckable(True)
    return button
