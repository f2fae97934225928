"""Errors reach the user: a failed background task in the status bar (with "Details…"), an
unexpected exception anywhere in a dialog; both are logged, and the window goes on.

``install_error_reporting`` wires this up for a window (the composition root calls it); it sets
``sys.excepthook`` and ``threading.excepthook`` and puts the old hooks back when asked.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMessageBox, QPushButton, QWidget

from reader.ui.tasks import TaskManager

log = logging.getLogger(__name__)

NOTICE_MS = 30_000  # how long a failure stays in the status bar


def describe(exc: BaseException) -> str:
    """Return an exception's traceback as text, for "Details…"."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def _where_logged(log_file: Path | None) -> str:
    return f"The details are in the log: {log_file}" if log_file else "No log file is kept."


class FailureNotice(QWidget):
    """The status bar's note of the last failure, with a "Details…" button."""

    def __init__(self, window: QMainWindow, log_file: Path | None) -> None:
        super().__init__(window)
        self.setObjectName("failureNotice")
        self._log_file = log_file
        self._details = ""
        self.label = QLabel(self)
        self.details_button = QPushButton("Details…", self)
        self.details_button.clicked.connect(self.show_details)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.details_button)
        self._timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self._timer.timeout.connect(self.hide)
        window.statusBar().addWidget(self, 1)
        self.hide()
        self.dialog: QMessageBox | None = None

    def show_failure(self, what: str, exc: object) -> None:
        """Show ``what`` failed (with why) until the next one or for 30 s."""
        self.label.setText(f"{what}: {exc}")
        self._details = describe(exc) if isinstance(exc, BaseException) else str(exc)
        self.show()
        self._timer.start()

    def show_details(self) -> None:
        """Open a dialog with the failure's traceback and where the log is."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, "What went wrong", self.label.text(), parent=self
        )
        box.setInformativeText(_where_logged(self._log_file))
        box.setDetailedText(self._details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = box
        box.open()


class UnexpectedErrors(QObject):
    """Shows a dialog for an exception nobody caught, on any thread; the program goes on."""

    # Emitted from any thread; the receiver lives on the UI thread, so it is queued there.
    _arrived = Signal(str, str)

    def __init__(self, window: QMainWindow, log_file: Path | None) -> None:
        super().__init__(window)
        self._window = window
        self._log_file = log_file
        self.dialog: QMessageBox | None = None
        self._arrived.connect(self._show)

    def excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """``sys.excepthook``: log, then tell the user."""
        log.critical("unexpected error", exc_info=(kind, exc, tb))
        text = "".join(traceback.format_exception(kind, exc, tb))
        self._arrived.emit(f"{kind.__name__}: {exc}", text)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: the same for a thread's uncaught exception."""
        if args.exc_value is None or args.exc_type is SystemExit:
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, summary: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one at a time; the rest are in the log
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Reference Reader: unexpected error",
            f"Something went wrong: {summary}\n\nThe program goes on; your saved work is safe.",
            parent=self._window,
        )
        box.setInformativeText(_where_logged(self._log_file))
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = box
        box.open()


def install_error_reporting(
    window: QMainWindow, tasks: TaskManager, log_file: Path | None
) -> Callable[[], None]:
    """Report task failures in ``window``'s status bar and unexpected exceptions in a dialog;
    return a function that puts the previous exception hooks back."""
    notice = FailureNotice(window, log_file)
    tasks.task_failed.connect(notice.show_failure)
    errors = UnexpectedErrors(window, log_file)
    old_hook, old_thread_hook = sys.excepthook, threading.excepthook
    sys.excepthook = errors.excepthook
    threading.excepthook = errors.thread_excepthook

    def restore() -> None:
        sys.excepthook, threading.excepthook = old_hook, old_thread_hook

    return restore
