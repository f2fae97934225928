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


def _child_init() -> None:
    # The reader's window shares the machine: the model yields the CPU to it.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(5)


def _child_version(name: str) -> str:
    return SpacyModel(name).version()


def _child_raw_spans(name: str, texts: list[str], batch_size: int) -> list[list[RawSpan]]:
    return SpacyModel(name).raw_spans(texts, batch_size)


class ProcessSpacyModel(SpacyModel):
    """``SpacyModel``'s interface, answered by a spawned child process that owns the model."""

    def __init__(self, name: str = MODEL_NAME) -> None:
        super().__init__(name)
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._version: str | None = None

    def _call(self, fn: Any, *args: Any) -> Any:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    1, mp_context=multiprocessing.get_context("spawn"), initializer=_child_init
                )
            pool = self._pool
        try:
            return pool.submit(fn, self.name, *args).result()
        except BrokenProcessPool as exc:
            raise ModelUnavailable(f"the spaCy process stopped: {exc}") from None

    def load(self) -> str:
        """Start the child and load the model there (once); raise ModelUnavailable if it
        cannot be loaded. Return the model's version."""
        if self._version is None:
            self._version = str(self._call(_child_version))
        return self._version

    def available(self) -> bool:
        """Tell whether the model loads."""
        try:
            self.load()
        except ModelUnavailable:
            return False
        return True

    def version(self) -> str:
        """Return ``<name>-<version>`` of the model in the child."""
        return self.load()

    def raw_spans(self, texts: Sequence[str], batch_size: int = 64) -> list[list[RawSpan]]:
        """Return the raw spans of each text, in order, computed in the child."""
        spans: list[list[RawSpan]] = self._call(_child_raw_spans, list(texts), batch_size)
        return spans

    def shutdown(self) -> None:
        """Stop the child process now, even mid-task (a caller waiting gets ModelUnavailable);
        it is started again if needed."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        # Python 3.11 has no public way to stop a busy worker; its processes are reachable.
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(5)
