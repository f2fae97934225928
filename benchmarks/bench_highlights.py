"""Highlight store latency: add and edit at 100 / 1,000 / 10,000 highlights, and loading them.

Highlights are spread over 200 generated documents (and, separately, 2,000 in one document).
Each operation goes through the facade, as the window and the command line call it, and each
write is a full locked read-modify-write with fsync. The store is filled directly, one write per
document, so that filling does not dominate the run.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import is_short, scaled
from reader.core.highlight import make_highlight
from reader.core.model import DocId
from reader.library import Library
from reader.store.datadir import DataDir
from reader.store.highlights import HighlightStore

ROOT = Path(__file__).resolve().parents[1]
DOCS = scaled(200, 10)
SAMPLES = scaled(200, 10)
TARGET_MS = 20.0
WORDS = (
    "peace",
    "talks",
    "envoy",
    "Doha",
    "Kabul",
    "delegation",
    "ceasefire",
    "round",
    "agreement",
    "officials",
    "said",
    "the",
    "of",
    "and",
    "in",
    "to",
    "a",
    "on",
    "for",
    "with",
    "was",
    "were",
)


def _corpus(folder: Path, count: int, rng: random.Random) -> list[str]:
    folder.mkdir(parents=True)
    entries, ids = [], []
    for i in range(count):
        doc_id = f"doc-{i:03d}"
        paragraphs = (" ".join(rng.choice(WORDS) for _ in range(90)) for _ in range(8))
        (folder / f"{doc_id}.txt").write_text("\n\n".join(paragraphs) + "\n")
        entries.append(
            f'[[document]]\nid = "{doc_id}"\nfile = "{doc_id}.txt"\ntitle = "{doc_id}"\n'
        )
        ids.append(doc_id)
    (folder / "catalog.toml").write_text("\n".join(entries))
    return ids


def _fill(library: Library, data: Path, docs: list[str], total: int, rng: random.Random) -> None:
    """Store ``total`` highlights spread over ``docs``, one write per document."""
    store = HighlightStore(DataDir(data))
    for n, doc_id in enumerate(docs):
        share = total // len(docs) + (1 if n < total % len(docs) else 0)
        doc = library.documents.get(doc_id)
        made = []
        for _ in range(share):
            start = rng.randrange(0, len(doc.text) - 60)
            made.append(
                make_highlight(
                    DocId(doc_id),
                    doc.text,
                    doc.content_hash,
                    (start, start + 40),
                    note="a note",
                    tags=["t"],
                )
            )
        if made:
            store.put_many(DocId(doc_id), made)


def _timed(op: Callable[[], object], samples: int = SAMPLES) -> list[float]:
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        op()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _rows(name: str, what: str, times: list[float]) -> list[dict[str, Any]]:
    p95 = statistics.quantiles(times, n=20)[-1]
    return [
        {
            "benchmark": "highlights",
            "measure": f"{what} median, {name}",
            "value": statistics.median(times),
            "unit": "ms",
        },
        {
            "benchmark": "highlights",
            "measure": f"{what} p95, {name}",
            "value": p95,
            "unit": "ms",
            "target": f"< {TARGET_MS:.0f}" if "10,000" in name else "",
        },
    ]


def _scenario(
    root: Path, name: str, docs: list[str], total: int, corpus: Path
) -> list[dict[str, Any]]:
    rng = random.Random(total)
    data = root / f"data-{total}-{len(docs)}"
    library = Library(corpus, data)
    _fill(library, data, docs, total, rng)
    existing = [h.id for h in library.highlights.list()]  # warm, as a window that shows them

    def add() -> None:
        doc_id = rng.choice(docs)
        library.highlights.add(doc_id, 10, 50, note="benchmark", tags=["b"])

    def edit() -> None:
        library.highlights.edit(rng.choice(existing), note=f"edited {rng.random()}")

    return [*_rows(name, "add", _timed(add)), *_rows(name, "edit", _timed(edit))]


def _fresh_process_edits(corpus: Path, data: Path, sample: DocId) -> list[float]:
    """Time ``highlights edit`` run as a new process from a shell, as a user runs it."""
    times = []
    env = dict(os.environ, READER_EXTRACT_MODEL="off")
    for n in range(scaled(10, 2)):
        some = HighlightStore(DataDir(data)).highlights(sample)[0].id
        command = [sys.executable, str(ROOT / "main.py"), "highlights", "edit", some, "--note",
                   f"cold {n}", "--corpus", str(corpus), "--data-dir", str(data)]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _load_all(root: Path, corpus: Path, docs: list[str], total: int) -> list[dict[str, Any]]:
    """Time loading every highlight of the largest scenario, and an edit in a fresh process."""
    data = root / f"data-{total}-{len(docs)}"
    sample = DocId(docs[len(docs) * 3 // 4])
    times_store = _timed(lambda: HighlightStore(DataDir(data)).all_highlights(), 5)
    times_facade = _timed(lambda: Library(corpus, data).highlights.list(), 5)
    cold_edit = _fresh_process_edits(corpus, data, sample)
    return [
        {
            "benchmark": "highlights",
            "measure": f"load all {total:,} (store)",
            "value": statistics.median(times_store),
            "unit": "ms",
        },
        {
            "benchmark": "highlights",
            "measure": f"load all {total:,} (facade, with re-anchor check)",
            "value": statistics.median(times_facade),
            "unit": "ms",
            "note": f"includes reading {len(docs)} documents",
        },
        {
            "benchmark": "highlights",
            "measure": f"edit by id in a fresh process, {total:,}",
            "value": statistics.median(cold_edit),
            "unit": "ms",
            "note": "`highlights edit ID --note` as a new process: start-up, find, write",
        },
    ]


def run() -> list[dict[str, Any]]:
    """Measure add/edit latency at several sizes and the time to load all highlights."""
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        docs = _corpus(corpus, DOCS, random.Random(0))
        totals = (100, 1_000, 10_000) if not is_short() else (100,)
        for total in totals:
            rows += _scenario(root, f"{total:,} over {DOCS} docs", docs, total, corpus)
        one = scaled(2_000, 100)
        rows += _scenario(root, f"{one:,} in one doc", docs[:1], one, corpus)
        rows += _load_all(root, corpus, docs, totals[-1])
    return rows
