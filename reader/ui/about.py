"""Help › About: the version, and where the program keeps the user's data and its log."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from reader import __version__

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def about_text(data_folder: Path, corpus_folder: Path, log_file: Path | None) -> str:
    """Return the About box's text."""
    lines = [
        f"Reference Reader {__version__}",
        "",
        f"Your data folder (highlights, notes, corrections, cache): {data_folder}",
        f"The corpus: {corpus_folder}",
        f"The log: {log_file}" if log_file else "No log file is kept.",
    ]
    return "\n".join(lines)


def install_about(window: MainWindow, log_file: Path | None) -> QAction:
    """Add Help › About to ``window``."""
    library = window.library
    action = QAction("&About Reference Reader", window)
    action.setMenuRole(QAction.MenuRole.AboutRole)

    def show() -> None:
        text = about_text(library.data.root, library.corpus_dir, log_file)
        box = QMessageBox(
            QMessageBox.Icon.Information, "About Reference Reader", text, parent=window
        )
        box.open()

    action.triggered.connect(lambda _checked=False: show())
    return window.add_action("&Help", action)
