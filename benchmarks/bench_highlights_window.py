"""Highlights in the window: drawing many in one pane, updating the panel, and how soon a
highlight added on the command line is drawn.

Offscreen, in a temporary data folder: 2,000 highlights (random spans, every colour) in one
seed document; then five `python main.py highlights add` runs against the open window.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import scaled

COUNT = scaled(2000, 100)
ADDS = scaled(5, 1)
DOC = "afghan-insight-regional-conferences"
OTHER = "norway-peace-diplomacy"
ROOT = Path(__file__).resolve().parents[1]


def _seed(library: Any) -> None:
    from reader.core import highlight as hl

    doc = library.documents.get(DOC)
    rng = random.Random(1)
    made = []
    while len(made) < COUNT:
        start = rng.randrange(0, len(doc.text) - 60)
        end = start + rng.randrange(5, 60)
        if doc.text[start:end].strip():
            made.append(
                hl.make_highlight(
                    doc.id, doc.text, doc.content_hash, (start, end), color=rng.choice(hl.COLORS)
                )
            )
    library.highlights.restore_all(made)


def _wait(signal: Any, timeout_ms: int = 10_000) -> float:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    signal.connect(loop.quit)
    timer.start(timeout_ms)
    started = time.perf_counter()
    loop.exec()
    signal.disconnect(loop.quit)
    timed_out = not timer.isActive()
    timer.stop()
    if timed_out:  # a failure, not a value: the window never answered
        raise TimeoutError(f"no {signal} within {timeout_ms / 1000:.0f} s")
    return (time.perf_counter() - started) * 1000


def _time_ui(window: Any) -> dict[str, float]:
    pane = next(p for p in window.panes if p.doc_id == DOC)
    docks = window.highlighting.docks
    timings: dict[str, float] = {}
    started = time.perf_counter()
    window.highlighting.render(pane)
    pane.view.marks.apply_now()
    timings["draw"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    docks.update_panel()
    timings["panel_all"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    docks.update_document(OTHER)
    timings["panel_one"] = (time.perf_counter() - started) * 1000
    return timings


def _time_command_line_adds(window: Any, data: Path) -> list[float]:
    latencies = []
    for i in range(ADDS):
        command = [sys.executable, str(ROOT / "main.py"), "highlights", "add", OTHER,
                   "--start", str(200 + 10 * i), "--end", str(205 + 10 * i),
                   "--data-dir", str(data)]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        latencies.append(_wait(window.highlighting.highlights_changed))
    return latencies


def run() -> list[dict[str, Any]]:
    """Time drawing, the panel and a command-line add reaching the window."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.library import Library
    from reader.store.window_state import PaneState, WindowState
    from reader.ui.app import application, build_window
    from reader.ui.tasks import TaskManager

    app = application()
    data = Path(tempfile.mkdtemp(prefix="bench-hlui-"))
    library = Library(data_dir=data)
    _seed(library)
    library.state.save_window(WindowState(panes=(PaneState(DOC, 0), PaneState(OTHER, 0))))
    tasks = TaskManager()
    window = build_window(library, tasks)
    window.show()
    _wait(window.highlighting.all_loaded)
    app.processEvents()
    try:
        timings = _time_ui(window)
        latencies = _time_command_line_adds(window, data)
    finally:
        window.close()
        tasks.shutdown()
        shutil.rmtree(data, ignore_errors=True)
    row = {"benchmark": "highlights_window", "unit": "ms"}
    return [
        {**row, "measure": f"draw {COUNT} highlights in one pane", "value": timings["draw"]},
        {**row, "measure": f"panel: reload all ({COUNT} rows)", "value": timings["panel_all"]},
        {**row, "measure": f"panel: replace one document's rows ({COUNT} shown)",
         "value": timings["panel_one"]},
        {**row, "measure": f"command-line add drawn, median of {ADDS}",
         "value": statistics.median(latencies), "target": "< 1000",
         "note": "from the command's exit to the window's redraw"},
    ]  # fmt: skip
