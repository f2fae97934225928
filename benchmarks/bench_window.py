"""The real window while it works: does it ever freeze? (issue 27)

The real ``MainWindow`` (``build_window``, as ``python main.py`` makes it, offscreen unless
``QT_QPA_PLATFORM`` says otherwise), on generated libraries (``bench_library``'s news generator,
about 1,000 words a document) with the rules only (``READER_EXTRACT_MODEL=off``), measured:

- the worst gap between ticks of a 5 ms timer on the UI thread (how long the window could not
  respond), from the first paint until extraction finishes (or ``READER_BENCH_WINDOW_CAP_S``);
- key-to-paint latency: every 60 ms a J or K press is due (down to the end, then up); the ticker
  sends it (``QTest.keyClick`` through the shortcut map, as a real key) and the latency runs from
  when it was due to the next paint of the pane's viewport, so a stalled event loop counts in full
  (a press that scrolls nothing, at an end of the text, waits for no paint and is counted apart);
- the longest full (generation-2) garbage collection, on any thread;
- the CPU the process uses while idle after extraction (``getrusage`` over 10 s, or
  ``READER_BENCH_WINDOW_IDLE_S``);
- the CPU time of the window's process over the measured span, and of its children (the
  extraction child, reaped when the window closes), beside the machine's load average: the
  machine may be shared;
- bytes written by the window's process during extraction (``/proc/self/io``, index and cache
  together; the extraction child, which writes the results, is not counted)
  and the size of the extraction cache folder.

Scenarios: extraction at each size of ``READER_BENCH_WINDOW_SIZES`` (default 1,000 and 5,000;
short mode 30), and opening a 20 MB document (``READER_BENCH_WINDOW_BIG_MB``; short mode 1 MB)
in a library of 20 small ones, measured from the first paint until the document is shown with
its marks, or the cap.
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import is_short, p95, scaled
from benchmarks.bench_library import make_corpus
from benchmarks.news_text import news_text

TICK_MS = 5
KEY_EVERY_S = 0.06
SIZES_ENV = "READER_BENCH_WINDOW_SIZES"
CAP_ENV = "READER_BENCH_WINDOW_CAP_S"
BIG_ENV = "READER_BENCH_WINDOW_BIG_MB"
IDLE_ENV = "READER_BENCH_WINDOW_IDLE_S"
TARGETS = {"gap": "≤ 100", "p95": "≤ 50", "cpu": "< 1"}


@dataclass
class _Probe:
    """The ticker, the keys and the paints: one object on the UI thread."""

    pane: Any
    worst_gap: float = 0.0
    latencies: list[float] = field(default_factory=list)
    skipped: int = 0
    unmoved: int = 0
    _last: float = 0.0
    _next_key: float = 0.0
    _due: float | None = None
    _down: bool = True

    def start(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self._next_key = self._last + KEY_EVERY_S
        self.pane.view.viewport().installEventFilter(self._filter())
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _filter(self) -> Any:
        from PySide6.QtCore import QEvent, QObject

        probe = self

        class PaintFilter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and probe._due is not None:
                    probe.latencies.append(time.perf_counter() - probe._due)
                    probe._due = None
                return False

        self._paint_filter = PaintFilter()
        return self._paint_filter

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst_gap = max(self.worst_gap, now - self._last)
        self._last = now
        if now < self._next_key:
            return
        # One press per period at most: presses due during a stall are one press late by the
        # whole stall (counted in full), not a backlog replayed afterwards.
        due, self._next_key = self._next_key, max(self._next_key, now) + KEY_EVERY_S
        if self._due is not None:  # the last press has not painted yet: the user waits
            self.skipped += 1
            return
        self._press(due)

    def _press(self, due: float) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        view = self.pane.view
        if view.doc is None:  # not shown yet: nothing a key could move
            return
        key = Qt.Key.Key_J if self._down else Qt.Key.Key_K
        before = view.verticalScrollBar().value()
        self._due = due
        QTest.keyClick(view, key)
        if view.verticalScrollBar().value() == before:
            # Nothing scrolled (an end of the text): no paint to wait for; turn around.
            self._due = None
            self.unmoved += 1
            self._down = not self._down


class _GcWatch:
    """The longest full collection, on any thread (``gc.callbacks``)."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.count = 0
        self._started: dict[int, float] = {}

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        import threading

        me = threading.get_ident()
        if phase == "start":
            self._started[me] = time.perf_counter()
        elif me in self._started:
            self.worst = max(self.worst, time.perf_counter() - self._started.pop(me))
            self.count += 1


def _written() -> int:
    try:
        for line in Path("/proc/self/io").read_text().splitlines():
            if line.startswith("write_bytes:"):
                return int(line.split()[1])
    except OSError:
        pass
    return -1


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0


def _cap_s() -> float:
    return float(os.environ.get(CAP_ENV) or scaled(1_800, 120))


def _wait_s(seconds: float) -> None:
    """Run the event loop for ``seconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _session(corpus: Path, data: Path, doc_id: str, idle_s: float) -> dict[str, Any]:
    """Open the window on ``doc_id``, measure until extraction finishes, then idle."""
    from reader.library import Library
    from reader.store.window_state import PaneState, WindowState
    from reader.ui.app import application, build_window
    from reader.ui.tasks import TaskManager

    application()
    library = Library(corpus, data)
    library.state.save_window(WindowState(panes=(PaneState(doc_id, 0),)))
    tasks = TaskManager()
    window = build_window(library, tasks)
    window.resize(1280, 720)
    watch = _GcWatch()
    gc.callbacks.append(watch)
    children = _cpu(resource.RUSAGE_CHILDREN)
    try:
        measured = _measure(window, doc_id, idle_s)
    finally:
        gc.callbacks.remove(watch)
        window.close()
        library.actors.close()
        tasks.shutdown()
        window.deleteLater()
        _wait_s(0.05)
    return measured | {
        "gc": watch.worst * 1000,
        "gc_count": watch.count,
        "cache": _folder_bytes(data / "cache" / "extract"),
        "load": os.getloadavg()[0],
        "cpu_children": _cpu(resource.RUSAGE_CHILDREN) - children,
    }


def _measure(window: Any, doc_id: str, idle_s: float) -> dict[str, Any]:
    """Show the window and measure from its first paint until extraction finishes (or the
    cap); then the idle CPU."""
    from PySide6.QtCore import QEventLoop, QTimer

    from reader.ui.actors_feature import ActorsFeature

    loop = QEventLoop()
    probe = _Probe(window.panes[0])
    state: dict[str, Any] = {"finished": False}

    def on_first_paint() -> None:
        feature = window.findChild(ActorsFeature)
        feature.controller.finished.connect(lambda: state.update(finished=True))
        feature.controller.finished.connect(loop.quit)
        state.update(
            controller=feature.controller, painted=time.perf_counter(), written=_written(),
            cpu=_cpu(),
        )
        probe.start()

    def on_opened(_pane: object, opened: str) -> None:
        if opened == doc_id and "shown" not in state:
            state["shown"] = time.perf_counter() - state.get("painted", time.perf_counter())

    window.first_painted.connect(on_first_paint)
    window.document_opened.connect(on_opened)
    window.show()
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(loop.quit)
    timeout.start(int(_cap_s() * 1000))
    loop.exec()
    timeout.stop()
    probe.stop()
    controller = state["controller"]
    return {
        "seconds": time.perf_counter() - state["painted"],
        "cpu_window": _cpu() - state["cpu"],
        "written": _written() - state["written"],
        "gap": probe.worst_gap * 1000,
        "latencies": [v * 1000 for v in probe.latencies],
        "skipped": probe.skipped,
        "unmoved": probe.unmoved,
        "finished": state["finished"],
        "done": len(controller.done),
        "total": controller.total,
        "shown": state.get("shown", float("nan")),
        "idle_cpu": _idle_cpu(idle_s) if state["finished"] else float("nan"),
    }


def _idle_cpu(seconds: float) -> float:
    """Return the CPU (% of one core) used while the window idles for ``seconds``."""
    _wait_s(1.0)  # let the last results settle
    cpu, wall = _cpu(), time.perf_counter()
    _wait_s(seconds)
    return 100 * (_cpu() - cpu) / (time.perf_counter() - wall)


def _rows(tag: str, m: dict[str, Any]) -> list[dict[str, Any]]:
    lat = sorted(m["latencies"]) or [float("nan")]
    late = p95(lat)
    span = (
        f"until extraction finished ({m['seconds']:.0f} s)"
        if m["finished"]
        else f"first {m['seconds']:.0f} s (cap): {m['done']:,} of {m['total']:,} docs"
    )

    def row(measure: str, value: float, unit: str, target: str = "", note: str = "") -> dict:
        return {"benchmark": "window", "measure": f"{tag}: {measure}", "value": value,
                "unit": unit, "target": target, "note": note}  # fmt: skip

    return [
        row("worst UI gap", m["gap"], "ms", TARGETS["gap"],
            f"{span}; load average {m['load']:.1f} on {os.cpu_count()} cores"),
        row("key→paint median", statistics.median(lat), "ms", "",
            f"{len(m['latencies'])} presses; {m['skipped']} due while one was unpainted, "
            f"{m['unmoved']} moved nothing"),
        row("key→paint p95", late, "ms", TARGETS["p95"]),
        row("key→paint max", lat[-1], "ms"),
        row("longest full GC (any thread)", m["gc"], "ms", "", f"{m['gc_count']} full GCs"),
        row("idle CPU after extraction", m["idle_cpu"], "% core", TARGETS["cpu"],
            "getrusage over the idle period" if m["finished"] else "not reached (cap)"),
        row("CPU of the window's process", m["cpu_window"], "s", "",
            f"over the {m['seconds']:.0f} s measured; its children (extraction): "
            f"{m['cpu_children']:.1f} s"),
        row("bytes written by the window's process", m["written"] / 1e6, "MB", "",
            f"extraction cache folder: {m['cache'] / 1e6:.2f} MB"),
    ]  # fmt: skip


def _sizes() -> list[int]:
    if os.environ.get(SIZES_ENV):
        return [int(s) for s in os.environ[SIZES_ENV].split(",") if s.strip()]
    return [30] if is_short() else [1_000, 5_000]


def _big_document(root: Path) -> tuple[Path, str, float]:
    mb = float(os.environ.get(BIG_ENV) or (1 if is_short() else 20))
    corpus = root / "corpus"
    make_corpus(corpus, 20)
    (corpus / "big.txt").write_text(news_text(int(mb * 1_000_000)), "utf-8")
    with (corpus / "catalog.toml").open("a", encoding="utf-8") as catalog:
        catalog.write('\n[[document]]\nid = "big"\nfile = "big.txt"\ntitle = "Big"\n')
    return corpus, "big", mb


def run() -> Iterator[dict[str, Any]]:
    """Yield each scenario's rows as soon as it is measured."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    old = os.environ.get("READER_EXTRACT_MODEL")
    os.environ["READER_EXTRACT_MODEL"] = "off"
    idle_s = float(os.environ.get(IDLE_ENV) or (3.0 if is_short() else 10.0))
    try:
        for size in _sizes():
            with tempfile.TemporaryDirectory() as tmp:
                make_corpus(Path(tmp) / "corpus", size)
                m = _session(Path(tmp) / "corpus", Path(tmp) / "data", "doc-0", idle_s)
            yield from _rows(f"{size:,} docs, extracting", m)
        with tempfile.TemporaryDirectory() as tmp:
            corpus, doc_id, mb = _big_document(Path(tmp))
            m = _session(corpus, Path(tmp) / "data", doc_id, idle_s)
        yield from _rows(f"{mb:g} MB document, opening + extracting", m)
        yield {"benchmark": "window", "measure": f"{mb:g} MB document: shown after",
               "value": m["shown"] * 1000, "unit": "ms",
               "note": "first paint → the pane shows it"}  # fmt: skip
    finally:
        if old is None:
            os.environ.pop("READER_EXTRACT_MODEL", None)
        else:
            os.environ["READER_EXTRACT_MODEL"] = old
