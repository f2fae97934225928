"""One spawned child process that starts on demand and stops when idle.

The window's heavy work (the spaCy model, extraction) runs in such a child: a thread of the
window would hold the GIL, and its garbage collections with it, while the event loop waits.
The child is started with ``spawn`` (forking a process that runs Qt threads can deadlock), at a
lower priority, so on a busy machine the window gets the CPU first. The calling thread blocks
on the child's answer with the GIL released.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

# Seconds without a call after which the child stops (it restarts on the next call).
IDLE_STOP_S = 30.0


def _child_init() -> None:
    # The reader's window shares the machine: the child yields the CPU to it.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(5)


class ChildProcess:
    """Runs functions in one spawned child; the child starts on the first ``call`` and stops
    once no call has come for ``idle_stop_s`` seconds (the next call starts it again).
    ``starts`` counts the children started, so a caller can tell a fresh one."""

    def __init__(self, idle_stop_s: float = IDLE_STOP_S) -> None:
        self.idle_stop_s = idle_stop_s
        self.starts = 0
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._busy = 0
        self._idle_timer: threading.Timer | None = None

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Return ``fn(*args)`` computed in the child (``fn`` and ``args`` picklable); raise
        what it raised, or ``BrokenProcessPool`` if the child died."""
        with self._lock:
            self._cancel_idle_timer()
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    1, mp_context=multiprocessing.get_context("spawn"), initializer=_child_init
                )
                self.starts += 1
            pool = self._pool
            self._busy += 1
        try:
            return pool.submit(fn, *args).result()
        finally:
            with self._lock:
                self._busy -= 1
                if self._busy == 0 and self._pool is not None:
                    self._start_idle_timer()

    def _start_idle_timer(self) -> None:
        timer = threading.Timer(self.idle_stop_s, self._stop_if_idle)
        timer.daemon = True
        self._idle_timer = timer
        timer.start()

    def _cancel_idle_timer(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None

    def _stop_if_idle(self) -> None:
        with self._lock:
            # A call that came meanwhile replaced or cancelled this timer: the child is in use.
            if self._busy or self._idle_timer is not threading.current_thread():
                return
            self._idle_timer = None
            pool, self._pool = self._pool, None
        _stop_pool(pool)

    def running(self) -> bool:
        """Tell whether the child process is up."""
        with self._lock:
            return self._pool is not None

    def shutdown(self) -> None:
        """Stop the child now, even mid-task (a caller waiting gets ``BrokenProcessPool`` or
        ``CancelledError``); it is started again if needed."""
        with self._lock:
            self._cancel_idle_timer()
            pool, self._pool = self._pool, None
        _stop_pool(pool)


def _stop_pool(pool: ProcessPoolExecutor | None) -> None:
    if pool is None:
        return
    # Python 3.11 has no public way to stop a busy worker; its processes are reachable.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)
