"""Ctrl+C and SIGTERM stop the window cleanly: state saved, child processes ended, exit.

Python runs a signal handler only when the interpreter gets control, which a Qt event loop
waiting in C++ never gives it. So the handler's C part writes the signal number to a socket
(``signal.set_wakeup_fd``), a ``QSocketNotifier`` wakes the loop, and the window is closed from
the loop like any close (``closeEvent`` saves the state); ``run_app`` then ends the children.
"""

from __future__ import annotations

import logging
import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopOnSignal(QObject):
    """Closes ``window`` and quits the application on SIGINT or SIGTERM."""

    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self.received: int | None = None  # the signal that stopped the program, if one did
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wakeup)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._old_handlers = {s: signal.signal(s, self._note) for s in STOP_SIGNALS}

    def _note(self, signum: int, _frame: FrameType | None) -> None:
        # Runs when Python next gets control; the wakeup byte already woke the loop.
        self.received = self.received or signum

    def _on_wakeup(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        stops = [b for b in data if b in STOP_SIGNALS]
        if not stops:
            return
        self.received = self.received or stops[0]
        log.info("stopping on signal %s", signal.Signals(stops[0]).name)
        self._window.close()  # saves the window's state
        self._app.quit()

    def exit_status(self, status: int) -> int:
        """Return the process's exit status: 128 + the signal's number if one stopped it."""
        return 128 + self.received if self.received else status

    def uninstall(self) -> None:
        """Put the previous handlers and wakeup fd back and close the socket pair."""
        signal.set_wakeup_fd(self._old_fd)
        for signum, handler in self._old_handlers.items():
            signal.signal(signum, handler)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
