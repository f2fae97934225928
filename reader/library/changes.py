"""The library's change feed: every change published to this process's subscribers, and
written to the journal that other processes read (``reader/store/journal.py``)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from reader.core.changes import Changes
from reader.store.journal import ChangeJournal

log = logging.getLogger(__name__)

Subscriber = Callable[[Changes], None]


class ChangeFeed:
    """Publishes change records; subscribers are called in the publishing thread."""

    def __init__(self, journal: ChangeJournal) -> None:
        self._journal = journal
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber(changes)`` for every change from now on; return the unsubscriber."""
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, changes: Changes) -> Changes:
        """Tell this process's subscribers and the other processes; return ``changes``."""
        if not changes:
            return changes
        self._journal.append(changes)
        self._deliver(changes)
        return changes

    def poll_others(self) -> Changes | None:
        """Read the other processes' changes since the last poll and deliver them here."""
        found = self._journal.read_new()
        if found:
            self._deliver(found)
        return found

    def start_listening(self) -> None:
        """Hear only of other processes' changes made from now on."""
        self._journal.mark_read()

    def _deliver(self, changes: Changes) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(changes)
            except Exception:  # one view's failure must not stop the others hearing
                log.exception("a change subscriber failed")

    @property
    def journal_path(self) -> str:
        """The journal's file, for a file-system watcher."""
        return str(self._journal.path)
