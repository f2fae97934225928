"""Background work: named lanes of one thread each, results back on the UI thread.

``io`` owns files and TinyDB (neither is safe across threads); later features add an ``nlp``
lane. A task's result comes back through a queued signal and its callback runs on the UI thread.
A task submitted with a key gets a generation number: when a newer task with the same key was
submitted meanwhile, the older result is stale and dropped (a pane switching documents quickly
only ever shows the last one).

No failure is silent: every failed task is logged with its traceback, and one submitted without
``on_failed`` takes the default path, ``task_failed``, which the window shows in its status bar
with "Details…" (``reader.ui.errors``). A task that ends because the window closed its library
(``LibraryClosed``: the child process it waited for was stopped) is not a failure.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from reader.library import LibraryClosed

log = logging.getLogger(__name__)

IO = "io"


@dataclass(frozen=True)
class _Outcome:
    key: str | None
    generation: int
    ok: bool
    value: Any
    on_done: Callable[[Any], None]
    on_failed: Callable[[Exception], None] | None


class TaskManager(QObject):
    """Runs functions on lanes and calls back on the UI thread."""

    # Emitted from a worker thread; the receiver lives on the UI thread, so it is queued.
    _outcome_ready = Signal(object)
    # (lane key or "", delivered) after each callback ran or a stale result was dropped.
    task_settled = Signal(str, bool)
    # (what failed, in the user's words; the exception): a failure nobody else handled.
    task_failed = Signal(str, object)

    def __init__(self, parent: QObject | None = None, lanes: tuple[str, ...] = (IO,)) -> None:
        super().__init__(parent)
        self._lanes: dict[str, ThreadPoolExecutor] = {}
        self._generations: dict[str, int] = {}
        self._shut_down = False
        self._outcome_ready.connect(self._on_outcome_ready)
        for lane in lanes:
            self.add_lane(lane)

    def add_lane(self, name: str) -> None:
        """Add a lane of one worker thread (a no-op if it exists)."""
        if name not in self._lanes:
            self._lanes[name] = ThreadPoolExecutor(1, thread_name_prefix=f"reader-{name}")

    def run(
        self,
        lane: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None] | None = None,
        key: str | None = None,
    ) -> int:
        """Run ``work`` on ``lane``; call ``on_done(result)`` or ``on_failed(exc)`` on the UI
        thread unless a newer task with the same ``key`` was submitted; without ``on_failed`` a
        failure is reported (``report_failure``). Return the generation."""
        generation = 0
        if key is not None:
            generation = self._generations.get(key, 0) + 1
            self._generations[key] = generation
        if self._shut_down:
            # The window is closing: a last save must not be lost, and no thread is left to
            # race with, so the work runs here and now.
            self._work(work, key, generation, on_done, on_failed)
            return generation
        self._lanes[lane].submit(self._work, work, key, generation, on_done, on_failed)
        return generation

    def _work(
        self,
        work: Callable[[], Any],
        key: str | None,
        generation: int,
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None] | None,
    ) -> None:
        try:
            outcome = _Outcome(key, generation, True, work(), on_done, on_failed)
        except Exception as exc:  # handed to the UI thread, which decides what the user sees
            outcome = _Outcome(key, generation, False, exc, on_done, on_failed)
        self._outcome_ready.emit(outcome)

    @property
    def is_shut_down(self) -> bool:
        """Whether the lanes were stopped (work submitted now runs on the calling thread)."""
        return self._shut_down

    def is_current(self, key: str, generation: int) -> bool:
        """Tell whether ``generation`` is the newest task submitted under ``key``."""
        return self._generations.get(key, 0) == generation

    def _on_outcome_ready(self, outcome: _Outcome) -> None:
        if outcome.key is not None and not self.is_current(outcome.key, outcome.generation):
            self.task_settled.emit(outcome.key, False)
            return
        if not outcome.ok and isinstance(outcome.value, LibraryClosed):
            # The window is closing and stopped the child this task waited for: no failure.
            log.debug("background task ended: the library was closed")
            self.task_settled.emit(outcome.key or "", False)
            return
        if outcome.ok:
            outcome.on_done(outcome.value)
        elif outcome.on_failed is not None:
            log.warning("background task failed (handled)", exc_info=outcome.value)
            outcome.on_failed(outcome.value)
        else:
            self.report_failure("Background work failed", outcome.value)
        self.task_settled.emit(outcome.key or "", True)

    def report_failure(self, what: str, exc: BaseException) -> None:
        """Log a failure with its traceback and tell the user (``task_failed``)."""
        log.error("%s", what, exc_info=exc)
        self.task_failed.emit(what, exc)

    def shutdown(self) -> None:
        """Stop the lanes: drop what has not started, wait for running tasks; work submitted
        afterwards runs at once on the calling thread."""
        self._shut_down = True
        for executor in self._lanes.values():
            executor.shutdown(wait=True, cancel_futures=True)
