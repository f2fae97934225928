"""The timeline: paint time with 10,000 dates over 50 documents (generated), at 1280x720.

The dates mix what extraction finds (days most, then months, years, weeks, ranges and a few
decades) and cluster in some years, as news does. Each case is a zoom step — the marks laid out
again, then painted (``QWidget.render`` into an image, what a repaint costs) — and a repaint
alone (hovering: the same marks). Views: everything (2006–2024), one year, one month.
``--short``: 1,000 dates over 10 documents, fewer runs.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from typing import Any

from PySide6.QtGui import QImage

from benchmarks import scaled
from reader.core.dates import Granularity
from reader.core.timeline import TimelineData, TimelineDocument, TimelineItem, in_time_order
from reader.ui.app import application
from reader.ui.views.timeline_panel import TimelinePanel

DATES = scaled(10_000, 1_000)
DOCUMENTS = scaled(50, 10)
RUNS = scaled(15, 3)
SIZE = (1280, 720)
TARGET_MS = 50.0  # a zoom step that keeps up with the wheel


def generate(dates: int, documents: int, seed: int = 7) -> TimelineData:
    """Return ``dates`` items over ``documents`` documents, 2006–2024, clustered by year."""
    rng = random.Random(seed)
    years = list(range(2006, 2025))
    weights = [1 + (y - 2005) ** 1.5 for y in years]  # recent years are spoken of more
    docs = tuple(
        _published(f"doc-{n:02d}", f"Generated document {n}", f"{rng.choice(years)}-06-01")
        for n in range(documents)
    )
    items = [_item(rng, rng.choices(years, weights)[0], f"doc-{n % documents:02d}", n)
             for n in range(dates)]  # fmt: skip
    return TimelineData(docs, in_time_order(items))


def _published(doc_id: str, title: str, published: str) -> TimelineDocument:
    day = dt.date.fromisoformat(published)
    return TimelineDocument(doc_id, title, published, day, day)


def _item(rng: random.Random, year: int, doc_id: str, n: int) -> TimelineItem:
    roll = rng.random()
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    granularity: Granularity = "day"
    if roll < 0.6:
        value, first, last = day.isoformat(), day, day
    elif roll < 0.75:
        granularity = "month"
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        value = f"{year}-{first.month:02d}"
    elif roll < 0.85:
        granularity = "year"
        value, first, last = str(year), dt.date(year, 1, 1), dt.date(year, 12, 31)
    elif roll < 0.95:
        granularity = "week"
        first = day - dt.timedelta(days=day.weekday())
        last = first + dt.timedelta(days=6)
        value = f"{first.isocalendar()[0]}-W{first.isocalendar()[1]:02d}"
    elif roll < 0.99:
        last = day + dt.timedelta(days=rng.randrange(1, 20))
        value, first = f"{day.isoformat()}/{last.isoformat()}", day
    else:
        granularity = "decade"
        decade = year // 10 * 10
        value, first, last = str(year)[:3], dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31)
    return TimelineItem(value, first, last, granularity, doc_id, n % 200, n, n + 5, value,
                        "A generated passage that speaks of this date.")  # fmt: skip


def _median_ms(work: Any) -> tuple[float, float]:
    """Return the median CPU time of the UI thread and the median wall time, in ms: on a
    shared machine the wall time also counts other processes' turns."""
    cpu, wall = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.thread_time()
        work()
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def run() -> list[dict[str, Any]]:
    """Time a zoom step (layout + paint) and a repaint for three views of the timeline."""
    application()
    data = generate(DATES, DOCUMENTS)
    panel = TimelinePanel()
    panel.resize(*SIZE)
    panel.show()
    panel.show_data(data, fit=True)
    view = panel.view
    image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)

    def paint() -> None:
        view.render(image)

    def zoom_step() -> None:
        view._changed()  # what a zoom or a pan does: the marks are laid out again
        paint()

    rows: list[dict[str, Any]] = []
    label = f"{DATES:,} dates, {DOCUMENTS} documents"
    views = {"2006-2024": (dt.date(2006, 1, 1), dt.date(2024, 12, 31)),
             "one year": (dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
             "one month": (dt.date(2022, 1, 1), dt.date(2022, 1, 31))}  # fmt: skip
    for name, (first, last) in views.items():
        view.show_period(first, last)
        marks = len(view.marks)  # of the lanes scrolled into view, as painted
        for measure, work in (("zoom step (layout + paint)", zoom_step), ("repaint", paint)):
            cpu, wall = _median_ms(work)
            rows.append({"benchmark": "timeline", "measure": f"{measure}, {name}",
                         "value": cpu, "unit": "ms CPU", "target": f"< {TARGET_MS:.0f}",
                         "note": f"{label}; {marks:,} marks; wall {wall:.0f} ms"})  # fmt: skip
    panel.close()
    return rows
