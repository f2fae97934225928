"""The window's one adapter from the library's change records to a Qt signal.

Changes made in this process (on any lane) arrive through the library's feed; changes made by
other processes (the command line while the window runs) arrive through the change journal,
read on the ``io`` lane when a file-system watcher or a slow check says it grew. Either way
``changed`` is emitted on the UI thread with one ``Changes`` record, and every view refreshes
from what it names: nothing polls per feature.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from reader.library import Changes, Library
from reader.ui.tasks import IO, TaskManager

# A watcher can miss a change (a file replaced, a network folder): look again this often. One
# stat of one file: no cost while idle.
CHECK_MS = 1000


class ChangeStream(QObject):
    """Emits ``changed(Changes)`` on the UI thread for every change to the library."""

    changed = Signal(object)  # Changes
    _arrived = Signal(object)  # from any thread; queued to the UI thread

    def __init__(self, library: Library, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._tasks = tasks
        self._reading = False
        self._again = False
        self._arrived.connect(self._on_arrived)
        self._unsubscribe = library.changes.subscribe(self._arrived.emit)
        library.changes.start_listening()
        journal = Path(library.changes.journal_path)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.addPath(str(journal.parent))
        if journal.exists():
            self._watcher.addPath(str(journal))
        self._watcher.fileChanged.connect(self.check)
        self._watcher.directoryChanged.connect(self.check)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def _on_arrived(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def check(self, *_args: object) -> None:
        """Read what other processes wrote to the journal (on the io lane)."""
        if self._reading:
            self._again = True  # a line may have landed after the running read began
            return
        self._reading = True
        self._again = False
        try:
            self._tasks.run(IO, self._library.changes.poll_others, self._on_read, self._on_read)
        except RuntimeError:  # the lanes are shut down: the window is closing
            self._reading = False

    def _on_read(self, _result: object) -> None:
        self._reading = False
        journal = self._library.changes.journal_path
        if journal not in self._watcher.files() and Path(journal).exists():
            self._watcher.addPath(journal)  # created (or started afresh) since
        if self._again:
            self.check()

    def stop(self) -> None:
        """Stop hearing of changes (the window is closing; its lanes are about to stop)."""
        self._timer.stop()
        self._unsubscribe()
        for paths in (self._watcher.files(), self._watcher.directories()):
            if paths:
                self._watcher.removePaths(paths)


__all__ = ["ChangeStream", "Changes"]
