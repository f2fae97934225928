"""The spaCy model in a child process, behind the same interface as ``SpacyModel``.

Loading the model holds the GIL for ~50 ms at a stretch (measured: `benchmarks/bench_pane.py`),
which a window's event loop must not wait for, so the window runs the model in one child
process started with ``spawn`` (forking a process that runs Qt threads can deadlock). The
calling thread blocks on the child's answer with the GIL released; resolution, dates and the
cache stay in the parent, so nothing else changes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from reader.extract.model import MODEL_NAME, ModelUnavailable, RawSpan, SpacyModel

# Seconds without a call after which the child stops (it restarts on the next call, ~2 s).
IDLE_STOP_S = 30.0


def _child_init() -> None:
    # The reader's window shares the machine: the model yields the CPU to it.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(5)


def _child_load(name: str) -> bool:
    SpacyModel(name).load()
    return True


def _child_raw_spans(name: str, texts: list[str], batch_size: int) -> list[list[RawSpan]]:
    return SpacyModel(name).raw_spans(texts, batch_size)


class ProcessSpacyModel(SpacyModel):
    """``SpacyModel``'s interface, answered by a spawned child process that owns the model.

    The child (~185 MB) starts on the first call that needs the model and stops once no call
    has come for ``idle_stop_s`` seconds, so reading with a warm cache holds no model; the next
    call starts it again. The version key comes from the installed packages, without the child.
    """

    def __init__(self, name: str = MODEL_NAME, idle_stop_s: float = IDLE_STOP_S) -> None:
        super().__init__(name)
        self.idle_stop_s = idle_stop_s
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._loaded = False
        self._busy = 0
        self._idle_timer: threading.Timer | None = None

    def _call(self, fn: Any, *args: Any) -> Any:
        with self._lock:
            self._cancel_idle_timer()
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    1, mp_context=multiprocessing.get_context("spawn"), initializer=_child_init
                )
                self._loaded = False
            pool = self._pool
            self._busy += 1
        try:
            return pool.submit(fn, self.name, *args).result()
        except BrokenProcessPool as exc:
            raise ModelUnavailable(f"the spaCy process stopped: {exc}") from None
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

    def load(self) -> None:
        """Start the child and load the model there (once per child); raise ModelUnavailable
        if it cannot be loaded."""
        if not self._loaded:
            self._call(_child_load)
            self._loaded = True

    def raw_spans(self, texts: Sequence[str], batch_size: int = 64) -> list[list[RawSpan]]:
        """Return the raw spans of each text, in order, computed in the child."""
        spans: list[list[RawSpan]] = self._call(_child_raw_spans, list(texts), batch_size)
        return spans

    def shutdown(self) -> None:
        """Stop the child process now, even mid-task (a caller waiting gets ModelUnavailable);
        it is started again if needed."""
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
