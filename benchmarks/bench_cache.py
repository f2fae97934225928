"""The extraction cache: cold and warm extraction (actors and dates), bundled and 200 generated
documents whose passages are distinct texts (the ``cold`` row's note counts them).

Cold = an empty data folder, the model already loaded (its load time is in ``extract``); warm = a
new ``Library`` on the same data folder, as at a second start: the raw spans come from the cache
and the model runs on no passage (the row ``model runs, warm`` shows how many it did run on).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import scaled
from benchmarks.bench_library import make_corpus as generate
from reader.corpus.locate import bundled_corpus_dir
from reader.library import Library


def _row(measure: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {"benchmark": "cache", "measure": measure, "value": value, "unit": unit, **extra}


def make_corpus(folder: Path, count: int, seed: int = 7) -> Path:
    """Write ``count`` generated news documents (``bench_library``'s generator: every passage a
    text of its own, as in a real library), with a catalogue."""
    generate(folder, count, seed)
    return folder


def _distinct(library: Library) -> tuple[int, int]:
    """Return the body passages of the library and how many distinct texts they have."""
    texts = [
        doc.passage_text(p)
        for doc in map(library.documents.get, library.documents.ids())
        for p in doc.passages
        if not p.chrome
    ]
    return len(texts), len(set(texts))


def _words(library: Library) -> int:
    total = 0
    for doc_id in library.documents.ids():
        doc = library.documents.get(doc_id)
        total += sum(len(doc.passage_text(p).split()) for p in doc.passages if not p.chrome)
    return total


def _extract_all(library: Library) -> None:
    """Actors (model spans from the cache where it has them) and dates of every passage."""
    library.actors.extract_many()
    for doc_id in library.documents.ids():
        library.actors.passage_dates(doc_id)


def _measure(name: str, corpus: Path, data: Path) -> list[dict[str, Any]]:
    cold_lib = Library(corpus, data)
    cold_lib.actors.warm_up()
    words = _words(cold_lib)
    passages, distinct = _distinct(cold_lib)
    start = time.perf_counter()
    _extract_all(cold_lib)
    cold = time.perf_counter() - start
    cache = cold_lib.actors.extractor().cache
    written = getattr(cache, "bytes_written", 0)
    size = sum(p.stat().st_size for p in (data / "cache" / "extract").glob("*") if p.is_file())
    warm_lib = Library(corpus, data)
    start = time.perf_counter()
    _extract_all(warm_lib)
    warm = time.perf_counter() - start
    return [
        _row(
            f"{name}: cold",
            cold,
            "s",
            note=f"{words / cold:,.0f} words/s; {passages:,} passages, {distinct:,} distinct",
        ),
        _row(f"{name}: warm (second start)", warm, "s", note=f"{words / warm:,.0f} words/s"),
        _row(
            f"{name}: cache bytes written, cold",
            written / 1e6,
            "MB",
            note=f"the cache folder holds {size / 1e6:.2f} MB",
        ),
        _row(
            f"{name}: model runs, warm",
            warm_lib.actors.extractor().model_runs,
            "passages",
            target="0",
        ),
    ]


def run() -> list[dict[str, Any]]:
    """Time cold and warm extraction."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        rows += _measure("bundled corpus", bundled_corpus_dir(), root / "data1")
        count = scaled(200, 10)
        generated = make_corpus(root / "gen", count)
        rows += _measure(f"{count} documents", generated, root / "data2")
    return rows
