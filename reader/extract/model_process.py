"""The spaCy model in a child process, behind the same interface as ``SpacyModel``.

Loading the model holds the GIL for ~50 ms at a stretch (measured: `benchmarks/bench_pane.py`),
which a window's event loop must not wait for, so the window runs the model in one child
process started with ``spawn`` (forking a process that runs Qt threads can deadlock). The
calling thread blocks on the child's answer with the GIL released; resolution, dates and the
cache stay in the parent, so nothing else changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from reader.extract.child_process import IDLE_STOP_S, ChildProcess
from reader.extract.model import MODEL_NAME, ModelUnavailable, RawSpan, SpacyModel

__all__ = ["IDLE_STOP_S", "ProcessSpacyModel"]


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
        self._child = ChildProcess(idle_stop_s)
        self._loaded_in = 0  # the child (its number) that loaded the model

    @property
    def idle_stop_s(self) -> float:
        return self._child.idle_stop_s

    def _call(self, fn: Any, *args: Any) -> Any:
        try:
            return self._child.call(fn, self.name, *args)
        except BrokenProcessPool as exc:
            raise ModelUnavailable(f"the spaCy process stopped: {exc}") from None

    def running(self) -> bool:
        """Tell whether the child process is up."""
        return self._child.running()

    def load(self) -> None:
        """Start the child and load the model there (once per child); raise ModelUnavailable
        if it cannot be loaded."""
        if self._loaded_in != self._child.starts or not self._child.running():
            self._call(_child_load)
            self._loaded_in = self._child.starts

    def raw_spans(self, texts: Sequence[str], batch_size: int = 64) -> list[list[RawSpan]]:
        """Return the raw spans of each text, in order, computed in the child."""
        spans: list[list[RawSpan]] = self._call(_child_raw_spans, list(texts), batch_size)
        return spans

    def shutdown(self) -> None:
        """Stop the child process now, even mid-task (a caller waiting gets ModelUnavailable);
        it is started again if needed."""
        self._child.shutdown()
