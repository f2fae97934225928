"""The same event in other documents (``lib.related``, issue 23): time per passage on the
bundled corpus and on generated libraries, and the top three of five chosen passages of the
bundled corpus (printed as notes, for a reader to judge).

The generated libraries are ``bench_search``'s, in the index with their full text built:
documents of Zipf-distributed words (``natural_text``: a long tail of rare words, as a real
library has), and ``bench_index``'s templated news, five joined into one of about 5,000 words,
whose people, states and filler sentences repeat across documents, so that every passage has
many candidates: hard cases for the time, not tests of the ranking. Timed: ``Related.of`` for
passages spread over the library (warm: the date values read once), the whole call — the index
reads, the scoring, the snippets.

``READER_BENCH_RELATED_SIZES`` overrides the generated sizes (default 1,000; short mode 30).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from benchmarks import p95, scaled, sizes_from_env
from benchmarks.bench_index import extracted_library
from benchmarks.bench_search import NATURAL_BASES, NATURAL_PARTS, PARTS, _Current, _Handle, _joined
from benchmarks.natural_text import extracted_natural
from reader.index import DocumentEntry, LibraryIndex, Stamp
from reader.library import Library
from reader.library.documents import Documents
from reader.library.indexing import IndexHandle
from reader.library.related import Related

SIZES_ENV_VAR = "READER_BENCH_RELATED_SIZES"
TARGET_MS = 30.0
# Five passages of the bundled corpus, each about one event or meeting (¶ = index + 1).
CHOSEN = (
    "norway-peace-diplomacy:8",  # the Oslo meetings of 23–25 January 2022
    "afghan-insight-regional-conferences:3",  # Kabul hosts Iran, Pakistan, China, Russia…
    "afghan-insight-regional-conferences:13",  # Kabir, Bekken and the Doha meeting
    "afghanistan-looks-to-russia:8",  # Lavrov announces the Moscow peace conference
    "qatar-peace-dialogue:3",  # peace activists and the Taliban gather in Qatar
)

class _Known(_Current):
    """The generated index is current and holds every document asked for."""

    def __contains__(self, doc_id: object) -> bool:
        return True


def _row(corpus: str, measure: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {"benchmark": f"related {corpus}", "measure": measure, "value": value, "unit": unit,
            **extra}



def timed(related: Related, passages: Sequence[str], corpus: str) -> list[dict[str, Any]]:
    """Time ``related.of`` for each passage, the first time (its words not yet cut by the
    tokenizer, their counts not yet known) and again; return the rows."""
    related.of(passages[0], extract=False)
    first: list[float] = []
    again: list[float] = []
    cpu: list[float] = []  # the first requests' processor time: a shared machine's waits apart
    found = 0
    for passage in passages:
        for times in (first, again):
            start, started = time.perf_counter(), time.process_time()
            answer = related.of(passage, extract=False)
            times.append((time.perf_counter() - start) * 1000)
            if times is first:
                cpu.append((time.process_time() - started) * 1000)
        found += len(answer)
    return [
        _row(corpus, "per passage: median", statistics.median(first), "ms",
             note=f"{len(first)} passages, {found / len(first):.1f} related each on average"),
        _row(corpus, "per passage: p95", p95(first), "ms", target=f"<= {TARGET_MS:g} ms",
             note=f"first request of each passage; max {max(first):.1f} ms; "
             f"processor time p95 {p95(cpu):.1f} ms"),
        _row(corpus, "per passage again: median / p95", statistics.median(again), "ms",
             note=f"p95 {p95(again):.2f} ms (its words already analysed)"),
    ]


def bundled_corpus() -> list[dict[str, Any]]:
    """Time every body passage of the bundled corpus; list the chosen passages' top three."""
    os.environ.setdefault("READER_EXTRACT_MODEL", "off")
    with tempfile.TemporaryDirectory() as data:
        library = Library(data_dir=Path(data))
        library.documents.sync_index()
        library.search.build_all()
        library.actors.ensure()
        passages = [
            f"{doc_id}:{p.index}"
            for doc_id in library.documents.ids()
            for p in library.documents.get(doc_id).passages
            if not p.chrome
        ]
        rows = timed(library.related, passages[:: scaled(1, 10)], "bundled")
        for passage in CHOSEN:
            rows.append(_top_three(library, passage))
        library.close()
    return rows


def _top_three(library: Library, passage: str) -> dict[str, Any]:
    doc_id, _, index = passage.rpartition(":")
    text = library.documents.get(doc_id).passages[int(index)]
    words = library.documents.get(doc_id).text[text.start : text.end][:70].replace("\n", " ")
    top = library.related.of(passage, limit=3)
    listed = " | ".join(
        f"{r.passage_id} ({r.score:.1f}: {', '.join(r.actor_names[:3]) or 'words'}"
        f"{'; ' + ', '.join(d.other_text for d in r.shared_dates[:2]) if r.shared_dates else ''})"
        for r in top
    )
    return _row("bundled", f"top 3 for {passage}", len(top), "found",
                note=f"«{words}…» -> {listed or 'nothing'}")


def generated(count: int, folder: Path, zipf: bool) -> list[dict[str, Any]]:
    """Build a generated library of ``count`` documents with its full text; time passages.
    ``zipf``: ``natural_text``'s Zipf-distributed words (a real library's long tail of rare
    words), else ``bench_index``'s templated news (a few hundred words, every one common)."""
    kind = "Zipf words" if zipf else "templated"
    print(f"  related: generating {count} documents ({kind}) …", file=sys.stderr)
    if zipf:
        natural = extracted_natural(min(NATURAL_BASES, count * NATURAL_PARTS))
        library = [_joined(natural, n, NATURAL_PARTS) for n in range(count)]
    else:
        bases, _seconds, _words = extracted_library(min(250, count * PARTS))
        library = [_joined(bases, n) for n in range(count)]
    print("  related: indexing …", file=sys.stderr)
    index = LibraryIndex(folder / "library.sqlite3", folder / "damaged", "rules/bench")
    index.put_documents(
        DocumentEntry(a.document.meta, "corpus", Stamp(len(a.document.text), 1, a.document.id),
                      a.document)
        for a, _ in library
    )
    index.put_extractions(library)
    while index.build_search(50):
        pass
    related = Related(cast(Documents, _Known()), cast(IndexHandle, _Handle(index)),
                      lambda: None, lambda: None)
    step = max(1, count // scaled(100, 10))
    passages = [
        f"{a.document.id}:{p.index}"
        for a, _ in library[::step]
        for p in a.document.passages[:: max(1, len(a.document.passages) // 2)]
    ]
    print(f"  related: timing {len(passages)} passages …", file=sys.stderr)
    rows = timed(related, passages, f"{count:,} docs, {kind}")
    index.close()
    return rows


def sizes() -> tuple[int, ...]:
    """Return the generated sizes (``READER_BENCH_RELATED_SIZES``, else the default)."""
    return sizes_from_env(SIZES_ENV_VAR, (1_000,), (30,))


def run() -> list[dict[str, Any]]:
    rows = bundled_corpus()
    for count in sizes():
        for zipf in (True, False):
            with tempfile.TemporaryDirectory() as tmp:
                rows += generated(count, Path(tmp), zipf)
    return rows
