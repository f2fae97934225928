"""Start-up: process start to the first painted main window, against a bare PySide6 window.

Both are measured in the same run, alternately, as subprocesses (offscreen unless a display is
set), from just before the process is spawned to the line it prints at its window's first paint.
The app also reports when both seed documents are shown (texts load after the first paint).
"""

from __future__ import annotations

import os
import selectors
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import scaled

ROOT = Path(__file__).resolve().parents[1]
RUNS = scaled(7, 1)
TARGET_RATIO = 1.5

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Probe(QObject):
    done = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.resize(1440, 900)
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def _env(data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(READER_DATA_DIR=data_dir, READER_STARTUP_PROBE="1", READER_QUIT_AFTER_MS="100")
    return env


def _time_lines(command: list[str], env: dict[str, str], wanted: tuple[str, ...]) -> list[float]:
    """Return seconds from spawn to each wanted line of stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    times: list[float] = []
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while len(times) < len(wanted) and selector.select(60):
            line = process.stdout.readline().strip()
            if not line:
                break
            if line == wanted[len(times)]:
                times.append(time.perf_counter() - start)
    process.wait(60)
    if len(times) < len(wanted):
        raise RuntimeError(f"{command[1]} did not report {wanted}")
    return times


def measure(runs: int = RUNS) -> dict[str, float]:
    """Return median seconds: bare window painted, app painted, app documents shown."""
    bare, painted, shown = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as data:
            env = _env(data)
            bare.extend(_time_lines([sys.executable, "-c", BARE_WINDOW], env, ("painted",)))
            app = _time_lines([sys.executable, "main.py"], env, ("painted", "shown"))
            painted.append(app[0])
            shown.append(app[1])
    return {
        "bare": statistics.median(bare),
        "painted": statistics.median(painted),
        "shown": statistics.median(shown),
    }


def run() -> list[dict[str, Any]]:
    """Time the app's start against a bare window."""
    times = measure()
    ratio = times["painted"] / times["bare"]
    note = f"median of {RUNS}, alternating, {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}"
    row = {"benchmark": "startup", "unit": "ms", "note": note}
    return [
        {**row, "measure": "bare PySide6 window painted", "value": times["bare"] * 1000},
        {**row, "measure": "app window painted (bundled corpus)", "value": times["painted"] * 1000},
        {**row, "measure": "app: both documents shown", "value": times["shown"] * 1000},
        {
            **row,
            "measure": "painted: app / bare",
            "value": ratio,
            "unit": "x",
            "target": f"< {TARGET_RATIO}",
        },
    ]
