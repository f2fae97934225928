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
        self._others_subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, subscriber: Subscriber, others_only: bool = False) -> Callable[[], None]:
        """Call ``subscriber(changes)`` for every change from now on (``others_only``: only for
        other processes' changes, which a part must learn of; its own it knows); return the
        unsubscriber."""
        chosen = self._others_subscribers if others_only else self._subscribers
        with self._lock:
            chosen.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in chosen:
                    chosen.remove(subscriber)

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
            self._deliver(found, others=True)
        return found

    def start_listening(self) -> None:
        """Hear only of other processes' changes made from now on."""
        self._journal.mark_read()

    def _deliver(self, changes: Changes, others: bool = False) -> None:
        with self._lock:
            subscribers = [*(self._others_subscribers if others else []), *self._subscribers]
        for subscriber in subscribers:
            try:
                subscriber(changes)
            except Exception:  # one view's failure must not stop the others hearing
                log.exception("a change subscriber failed")

    @property
    def journal_path(self) -> str:
        """The journal's file, for a file-system watcher."""
        return str(self._journal.path)
