"""The actors pane: how long the window's event loop stalls while the library is extracted.

A 5 ms ``QTimer`` ticks on the UI thread from the window's first paint (and, separately, from
the start of extraction) until extraction of the
bundled corpus has finished; the longest gap between two ticks is the longest the window could
not respond. Measured from a cold cache with the spaCy model in a spawned child process (what
the window does), from a warm cache (a second start: the model runs on nothing), without the
model (rules only), and, for comparison, with the model loaded in a thread of the window's
process (what the window does not do). Also: the time the pane takes to show a passage.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer

from benchmarks import is_short, scaled
from reader.library import MODEL_ENV_VAR, Library
from reader.ui.actors_feature import ActorsFeature
from reader.ui.app import application, build_window
from reader.ui.main_window import MainWindow
from reader.ui.tasks import TaskManager

TICK_MS = 5
RUNS = scaled(3, 1)
TARGET_MS = 50.0


class _Ticker:
    """Records the longest gap between ticks of a 5 ms timer on the UI thread."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0
        self.extracting = False
        self.worst_extracting = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        if self.extracting:
            self.worst_extracting = max(self.worst_extracting, now - self.last)
        self.last = now

    def on_progress(self, _done: int, _total: int) -> None:
        self.extracting = True


def _window(library: Library, tasks: TaskManager, in_process: bool) -> MainWindow:
    if in_process:
        # Installs the pane right after the first paint; the model runs in a child.
        return build_window(library, tasks)
    window = MainWindow(library, tasks)
    ActorsFeature(window)  # the same pane, the model in the nlp thread
    window.restore_state(library.state.window())
    return window


def _extract_once(data_dir: Path, in_process: bool = True) -> dict[str, float]:
    """Open the window, extract the library, return the worst stall and times (ms)."""
    application()
    library = Library(data_dir=data_dir)
    tasks = TaskManager()
    window = _window(library, tasks, in_process)
    ticker = _Ticker()
    loop = QEventLoop()
    painted: list[float] = []

    def on_first_paint() -> None:
        # Connected after the pane's installer (build_window's), so the pane is there now.
        painted.append(time.perf_counter())
        feature = window.findChild(ActorsFeature)
        feature.controller.finished.connect(loop.quit)
        feature.controller.progressed.connect(ticker.on_progress)
        ticker.start()

    window.first_painted.connect(on_first_paint)
    started = time.perf_counter()
    window.show()
    QTimer.singleShot(180_000, loop.quit)
    loop.exec()
    finished = time.perf_counter()
    total = finished - started
    ticker.timer.stop()
    feature = window.findChild(ActorsFeature)
    refresh = _refresh_cost(window, feature)
    window.close()
    library.actors.close()
    tasks.shutdown()
    window.deleteLater()
    QTimer.singleShot(0, loop.quit)
    loop.exec()
    runs = library.actors.extractor().model_runs
    return {
        "stall": ticker.worst_extracting * 1000,
        "stall_all": ticker.worst * 1000,
        "total": total * 1000,
        "after_paint": (finished - painted[0]) * 1000,
        "refresh": refresh,
        "runs": runs,
    }


def _refresh_cost(window: MainWindow, feature: Any) -> float:
    """Return the longest time (ms) the pane took to show a passage of the open documents."""
    worst = 0.0
    for pane in window.panes:
        doc = pane.doc
        if doc is None:
            continue
        window.set_active_pane(pane)
        for passage in doc.passages:
            pane.throttle.last = (doc.id, passage.index)
            start = time.perf_counter()
            feature.refresh()
            worst = max(worst, time.perf_counter() - start)
    return worst * 1000


def _row(measure: str, value: float, unit: str = "ms", note: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {"benchmark": "pane", "measure": measure, "value": value, "unit": unit}
    if unit == "ms" and "stall" in measure:
        row["target"] = f"<= {TARGET_MS:.0f}"
    if note:
        row["note"] = note
    return row


def _cold(runs: int, in_process: bool = True) -> list[dict[str, float]]:
    out = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            out.append(_extract_once(Path(tmp), in_process))
    return out


def _stall_rows(
    label: str, results: list[dict[str, float]], note: str = ""
) -> list[dict[str, Any]]:
    stalls = [r["stall"] for r in results]
    spread = f"{len(stalls)} runs: " + ", ".join(f"{x:.0f}" for x in stalls)
    return [
        _row(f"longest UI stall, {label} (median)", statistics.median(stalls), note=note),
        _row(f"longest UI stall, {label} (worst run)", max(stalls), note=spread),
    ]


def run() -> list[dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows: list[dict[str, Any]] = []
    model_setting = os.environ.pop(MODEL_ENV_VAR, None)
    try:
        cold = _cold(RUNS)
        rows += _stall_rows("cold cache, model in a child process", cold, "what the window does")
        first = cold[0]
        rows.append(
            _row(
                "longest UI stall from the first paint, cold cache",
                max(r["stall_all"] for r in cold),
                note="includes laying out the two documents",
            )
        )
        rows.append(
            _row(
                "extraction done, cold cache",
                statistics.median(r["total"] for r in cold),
                note=f"{first['runs']} model runs",
            )
        )
        with tempfile.TemporaryDirectory() as tmp:
            _extract_once(Path(tmp))
            warm = _extract_once(Path(tmp))
        rows.append(_row("longest UI stall, warm cache", warm["stall"]))
        rows.append(
            _row("extraction done, warm cache", warm["total"], note=f"{warm['runs']} model runs")
        )
        rows.append(
            _row(
                "pane filled after the first paint, warm cache",
                warm["after_paint"],
                note="target <= 500 (issue 15)",
            )
        )
        rows.append(_row("pane shows a passage (worst)", first["refresh"]))
        os.environ[MODEL_ENV_VAR] = "off"
        rows += _stall_rows("rules only (no model)", _cold(RUNS))
        os.environ.pop(MODEL_ENV_VAR, None)
        if not is_short():
            rows += _stall_rows(
                "model in a thread", _cold(1, in_process=False), "comparison: why a child process"
            )
    finally:
        if model_setting is not None:
            os.environ[MODEL_ENV_VAR] = model_setting
    return rows
