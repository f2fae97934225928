"""Export time for 10,000 highlights to each format, and the JSON import back.

10,000 highlights with notes and tags are spread over the five documents of the bundled corpus.
Each export goes through the facade as the command line calls it: gather (highlights, notes,
passages, actors per passage), render, atomic write with fsync. Actors come from the gazetteer
and rules (``READER_EXTRACT_MODEL=off``), so the figure is the export's own cost, not spaCy's;
the render-only rows isolate the writers.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import scaled
from reader.core.highlight import make_highlight
from reader.core.model import DocId
from reader.corpus.locate import bundled_corpus_dir
from reader.export import render
from reader.export.model import FORMATS
from reader.library import Library

# The annotated PDF lays out whole documents, one per file: bench_pdf_export measures it.
TEXT_FORMATS = tuple(f for f in FORMATS if f != "pdf")

TOTAL = scaled(10_000, 300)
RUNS = scaled(3, 1)
TARGET_S = 5.0
NOTES = ("", "a short note", 'a note, with "quotes"\nand a second line', "# not a heading")


def _fill(library: Library, rng: random.Random) -> None:
    made = []
    ids = library.documents.ids()
    for n in range(TOTAL):
        doc = library.documents.get(ids[n % len(ids)])
        start = rng.randrange(0, len(doc.text) - 80)
        made.append(
            make_highlight(
                DocId(doc.id),
                doc.text,
                doc.content_hash,
                (start, start + rng.randrange(10, 80)),
                note=rng.choice(NOTES),
                tags=rng.sample(["doha", "later", "key", "check"], 2),
            )
        )
    library.highlights.restore_all(made)


def _median_s(call: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _row(measure: str, value: float, note: str = "", target: str = "") -> dict[str, Any]:
    return {
        "benchmark": "export",
        "measure": measure,
        "value": value,
        "unit": "s",
        "target": target,
        "note": note,
    }


def run() -> list[dict[str, Any]]:
    """Return the export and import times for 10,000 highlights."""
    old = os.environ.get("READER_EXTRACT_MODEL")
    os.environ["READER_EXTRACT_MODEL"] = "off"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return _measure(Path(tmp))
    finally:
        if old is None:
            os.environ.pop("READER_EXTRACT_MODEL", None)
        else:
            os.environ["READER_EXTRACT_MODEL"] = old


def _measure(tmp: Path) -> list[dict[str, Any]]:
    library = Library(bundled_corpus_dir(), tmp / "data")
    _fill(library, random.Random(8))
    rows = [
        _row(
            f"gather {TOTAL:,} highlights",
            _median_s(library.exports.gather),
            "highlights, notes, passages, actors, dates",
        )
    ]
    export = library.exports.gather()
    for fmt in TEXT_FORMATS:
        size = len(render(export, fmt))
        rows.append(
            _row(
                f"render only, {fmt}",
                _median_s(lambda f=fmt: render(export, f)),
                f"{size / 1e6:.1f} MB",
            )
        )
    for fmt in TEXT_FORMATS:
        out = tmp / f"all.{fmt}"
        rows.append(
            _row(
                f"export {TOTAL:,} to {fmt} (facade)",
                _median_s(lambda f=fmt, o=out: library.exports.export(f, o)),
                "gather + render + atomic write",
                f"< {TARGET_S:.0f}",
            )
        )
    per_doc = tmp / "per-doc"
    rows.append(
        _row(
            "export to md, --per-document",
            _median_s(lambda: library.exports.export("md", per_doc, per_document=True)),
            f"{len(library.documents.ids())} files",
        )
    )
    fresh = Library(bundled_corpus_dir(), tmp / "empty")
    t0 = time.perf_counter()
    fresh.exports.import_highlights(tmp / "all.json")
    rows.append(
        _row(
            f"import {TOTAL:,} from json into an empty folder", time.perf_counter() - t0, "one run"
        )
    )
    return rows
