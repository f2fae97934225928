"""Loading the library: catalogue, text, passages and chrome for the bundled corpus."""

from __future__ import annotations

import statistics
import time
from typing import Any

from benchmarks import scaled
from reader.library import Library


def run() -> list[dict[str, Any]]:
    """Time a cold load of every document of the bundled corpus."""
    times = []
    for _ in range(scaled(20, 2)):
        start = time.perf_counter()
        library = Library()
        for doc_id in library.documents.ids():
            library.documents.get(doc_id)
        times.append(time.perf_counter() - start)
    return [
        {
            "benchmark": "corpus",
            "measure": "load 5 seed documents (median of 20)",
            "value": statistics.median(times) * 1000,
            "unit": "ms",
        }
    ]
