"""Damaged files, told in the window: a message bar with "Show the file", and a line on stderr.

The store moves a file it cannot read to ``damaged/`` (and restores a backup, or starts empty);
``Library.damage_reports()`` says so. Without this, the window showed "0 of 0 highlights" and no
word. The reports are checked when something may have read a file: a change arrived, the
highlights (re)loaded, a document opened. Nothing polls.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolBar, QWidget

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class DamageBar(QWidget):
    """A bar above the panes: what was moved aside, "Show the file" and "Dismiss"."""

    def __init__(self, damaged_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = damaged_folder
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # paths and reasons are data
        self.message.setWordWrap(True)
        self.show_button = QPushButton("Show the file", self)
        self.show_button.clicked.connect(self.show_file)
        self.dismiss_button = QPushButton("Dismiss", self)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.message, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.dismiss_button)
        self.setStyleSheet("DamageBar { background: palette(highlight); }")

    def show_file(self) -> None:
        """Open the folder the damaged files were moved to."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(self._folder))


class DamageNotice:
    """Shows each new damage report in the bar and prints it on stderr, once."""

    def __init__(self, window: MainWindow, printed: set[str]) -> None:
        self._window = window
        self._seen: list[str] = []
        self._printed = set(printed)  # said on stderr already (at start-up)
        self.toolbar = QToolBar("Damaged files", window)
        self.toolbar.setObjectName("damage_notice")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.bar = DamageBar(str(window.library.data.damaged), self.toolbar)
        self.toolbar.addWidget(self.bar)
        self.bar.dismiss_button.clicked.connect(self.toolbar.hide)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.hide()

    def check(self, *_args: object) -> None:
        """Show and print the damage reports not seen yet."""
        new = [m for m in self._window.library.damage_reports() if m not in self._seen]
        if not new:
            return
        self._seen += new
        for message in new:
            if message not in self._printed:
                print(f"warning: {message}", file=sys.stderr)
        count = len(self._seen)
        lead = "A file could not be read" if count == 1 else f"{count} files could not be read"
        self.bar.message.setText(f"{lead}. " + " ".join(self._seen[-3:]))
        self.toolbar.show()


def install_damage_notice(window: MainWindow, printed: set[str]) -> DamageNotice:
    """Add the damaged-file bar to the window and check whenever files may have been read."""
    notice = DamageNotice(window, printed)
    window.changes.changed.connect(notice.check)
    window.document_opened.connect(notice.check)
    window.highlighting.all_loaded.connect(notice.check)
    window.highlighting.highlights_changed.connect(notice.check)
    notice.check()
    return notice
