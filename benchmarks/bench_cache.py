"""The extraction cache: cold and warm extraction (actors and dates), bundled and 200 documents.

Cold = an empty data folder, the model already loaded (its load time is in ``extract``); warm = a
new ``Library`` on the same data folder, as at a second start: the raw spans come from the cache
and the model runs on no passage (the row ``model runs, warm`` shows how many it did run on).
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import scaled
from reader.corpus.locate import bundled_corpus_dir
from reader.library import Library


def _row(measure: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {"benchmark": "cache", "measure": measure, "value": value, "unit": unit, **extra}


def make_corpus(folder: Path, count: int, seed: int = 7) -> Path:
    """Write ``count`` documents made of shuffled seed passages, with a catalogue."""
    source = Library()
    pool = [
        source.documents.get(d).passage_text(p)
        for d in source.documents.ids()
        for p in source.documents.get(d).passages
    ]
    rng = random.Random(seed)
    entries = []
    for n in range(count):
        body = rng.sample(pool, 20)
        # A line of its own makes each document's passages distinct texts for the cache.
        body.insert(0, f"Dispatch number {n} of the generated corpus")
        (folder / f"doc-{n}.txt").write_text("\n\n".join(body), encoding="utf-8")
        year = 2000 + n % 25
        entries.append(
            f'[[document]]\nid = "doc-{n}"\nfile = "doc-{n}.txt"\ntitle = "Doc {n}"\n'
            f'published = "{year}-0{1 + n % 9}-1{n % 9}"\n'
        )
    (folder / "catalog.toml").write_text("\n".join(entries), encoding="utf-8")
    return folder


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
    start = time.perf_counter()
    _extract_all(cold_lib)
    cold = time.perf_counter() - start
    warm_lib = Library(corpus, data)
    start = time.perf_counter()
    _extract_all(warm_lib)
    warm = time.perf_counter() - start
    return [
        _row(f"{name}: cold", cold, "s", note=f"{words / cold:,.0f} words/s"),
        _row(f"{name}: warm (second start)", warm, "s", note=f"{words / warm:,.0f} words/s"),
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
        generated = make_corpus(root / "gen", count) if (root / "gen").mkdir() is None else root
        rows += _measure(f"{count} documents", generated, root / "data2")
    return rows
