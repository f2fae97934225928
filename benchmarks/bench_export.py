"""Export time for 10,000 highlights to each format, and the JSON import back.

10,000 highlights with notes and tags are spread over a generated library of 1,000 documents
(``READER_BENCH_EXPORT_DOCS`` chooses another size; ``bench_library``'s generator), as a user's
highlights spread over their library: an export gathers the passages, actors and dates of every
highlighted document. Each export goes through the facade as the command line calls it: gather,
render, atomic write with fsync. Actors come from the gazetteer and rules
(``READER_EXTRACT_MODEL=off``): the model's cost is in ``extract``, and the first row times
extracting the library once, before the exports (which then read the index); the render-only rows
isolate the writers.
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
from benchmarks.bench_library import make_corpus
from reader.core.highlight import make_highlight
from reader.core.model import DocId
from reader.export import render
from reader.export.model import FORMATS
from reader.library import Library

# The annotated PDF lays out whole documents, one per file: bench_pdf_export measures it.
TEXT_FORMATS = tuple(f for f in FORMATS if f != "pdf")

TOTAL = scaled(10_000, 300)
DOCS_ENV_VAR = "READER_BENCH_EXPORT_DOCS"
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


def _documents() -> int:
    return int(os.environ.get(DOCS_ENV_VAR) or scaled(1_000, 20))


def _measure(tmp: Path) -> list[dict[str, Any]]:
    count = _documents()
    corpus = tmp / "corpus"
    make_corpus(corpus, count)
    library = Library(corpus, tmp / "data")
    _fill(library, random.Random(8))
    t0 = time.perf_counter()
    library.actors.ensure()
    rows = [
        _row(
            f"extract {count:,} documents first (rules)",
            time.perf_counter() - t0,
            "once, before the exports; they read the index",
        ),
        _row(
            f"gather {TOTAL:,} highlights over {count:,} documents",
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
    fresh = Library(corpus, tmp / "empty")
    t0 = time.perf_counter()
    fresh.exports.import_highlights(tmp / "all.json")
    rows.append(
        _row(
            f"import {TOTAL:,} from json into an empty folder", time.perf_counter() - t0, "one run"
        )
    )
    return rows
