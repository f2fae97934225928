"""Library search: query latency (median and p95 per kind of query and overall, the top 20 with
snippets and match offsets) and the full text's build time, on the bundled corpus and on a
generated library.

The generated library reuses ``bench_index``'s news-like documents (rule-based extraction):
each document joins ``PARTS`` of them, about 5,000 words, so 1,000 documents hold about five
million words. Its documents go into the index in one batch (the full text left to the
background build, as for a first start), then the build is timed; a query asked before the
build (every passage scanned) is timed too. Queries run through ``Search.run`` — parsing,
filters resolved through actor names and date values, BM25, snippets and offsets.

``READER_BENCH_SEARCH_SIZES`` overrides the generated sizes (default 1,000; short mode 30).
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from benchmarks import p95, scaled, sizes_from_env
from benchmarks.bench_index import extracted_library
from benchmarks.natural_text import extracted_natural
from reader.core.actors import DocumentActors, Mention, PassageActors
from reader.core.dates import DateMention
from reader.core.model import DocId, DocumentMeta
from reader.corpus.loader import build_document
from reader.corpus.locate import resources_dir
from reader.index import DocumentEntry, LibraryIndex, Stamp
from reader.library import Library
from reader.library.documents import Documents
from reader.library.indexing import IndexHandle
from reader.library.search import Search

SIZES_ENV_VAR = "READER_BENCH_SEARCH_SIZES"
PARTS = 5  # generated documents joined into one of about 5,000 words
NATURAL_PARTS = 2  # Zipf-text documents (about 2,400 words each) joined into one
NATURAL_BASES = 250  # distinct Zipf-text documents extracted (the rest repeat them)
BANDS = (("0.1%", 0.001), ("1%", 0.01), ("5%", 0.05), ("20%", 0.2))
BAND_WORDS = 4
_WORD = re.compile(r"[a-z]+")
LIMIT = 20
TARGET_P95_MS = 10.0
QUERIES: dict[str, tuple[str, ...]] = {
    "words": ("refugees", "minister talks", "Tanaka Okafor", "warned security", "Kato"),
    "phrase": ('"no agreement was signed"', '"return of refugees"', '"President Ana"'),
    "or": ("Haidari OR Lindqvist", "praised OR criticised", "Ingrid OR Yusuf OR Chiara"),
    "exclusion": ("talks -trade", "Minister -President", "refugees -security -trade"),
    "prefix": ("negot*", "Lindq*", "constr*"),
    "actor": ("actor:Norway", 'actor:"United States" talks', "actor:Taliban refugees"),
    "date": ("date:2021", "date:2020-03..2020-06 refugees", "date:..1996"),
    "doc": ("doc:doc-17 talks", "doc:doc-3"),
    "combined": ('talks actor:Norway date:2010..', '"the talks" -trade date:2000..2005'),
}
CORPUS_QUERIES: dict[str, tuple[str, ...]] = {
    "words": ("taliban", "peace talks", "women rights", "doha"),
    "phrase": ('"peace talks"', '"United States"'),
    "or": ("Kabul OR Doha", "Russia OR China"),
    "exclusion": ("taliban -women", "talks -peace"),
    "prefix": ("negoti*", "diplom*"),
    "actor": ("actor:Norway", 'actor:"United States" talks'),
    "date": ("date:2021", "date:2018..2019 taliban"),
    "doc": ("doc:qatar-peace-dialogue peace",),
    "combined": ("taliban actor:Norway date:2021..",),
}
Extracted = tuple[DocumentActors, list[list[DateMention]]]


def _row(corpus: str, measure: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {"benchmark": f"search {corpus}", "measure": measure, "value": value, "unit": unit,
            **extra}



def latencies(search: Search, queries: dict[str, tuple[str, ...]], corpus: str
              ) -> list[dict[str, Any]]:
    """Time every query (one warm-up, then ``runs`` each); return rows per kind and overall."""
    runs = scaled(7, 2)
    rows: list[dict[str, Any]] = []
    every: list[float] = []
    every_cpu: list[float] = []
    first: list[float] = []
    for kind, texts in queries.items():
        timed: list[float] = []
        cpu: list[float] = []
        for text in texts:
            start = time.perf_counter()
            search.run(text, limit=LIMIT)
            first.append((time.perf_counter() - start) * 1000)
            for _ in range(runs):
                start, start_cpu = time.perf_counter(), time.thread_time()
                search.run(text, limit=LIMIT)
                timed.append((time.perf_counter() - start) * 1000)
                cpu.append((time.thread_time() - start_cpu) * 1000)
        every += timed
        every_cpu += cpu
        rows.append(_row(corpus, f"{kind}: median / p95", statistics.median(timed), "ms",
                         note=f"p95 {p95(timed):.2f} ms over {len(timed)} runs; "
                              f"CPU p95 {p95(cpu):.2f} ms"))
    rows.append(_row(corpus, "all queries: median", statistics.median(every), "ms"))
    rows.append(_row(corpus, "all queries: p95", p95(every), "ms",
                     target=f"< {TARGET_P95_MS:g} ms", note=f"top {LIMIT}, snippets, offsets"))
    # The wall time counts the other programs of a busy machine; the CPU time does not.
    rows.append(_row(corpus, "all queries: p95 CPU time", p95(every_cpu), "ms",
                     target=f"< {TARGET_P95_MS:g} ms",
                     note=f"median {statistics.median(every_cpu):.2f} ms"))
    rows.append(_row(corpus, "first run of a query: p95", p95(first), "ms",
                     note="words not yet in the tokenizer's cache"))
    return rows


def bundled_corpus() -> list[dict[str, Any]]:
    """Index the bundled corpus in a fresh data folder (rule-based extraction), time queries."""
    os.environ["READER_EXTRACT_MODEL"] = "off"
    with tempfile.TemporaryDirectory() as data:
        library = Library(data_dir=Path(data))
        start = time.perf_counter()
        library.documents.sync_index()
        library.search.build_all()
        seconds = time.perf_counter() - start
        library.actors.ensure()
        rows = [_row("bundled", "index + full text build", seconds, "s",
                     note=f"{len(library.documents.ids())} documents")]
        rows += latencies(library.search, CORPUS_QUERIES, "bundled")
        library.close()
    return rows


def _joined(bases: Sequence[Extracted], n: int, parts_per_doc: int = PARTS) -> Extracted:
    """Return document ``n``: ``parts_per_doc`` generated documents joined, with their actors
    and dates moved to the joined text."""
    parts = [bases[(n * parts_per_doc + k) % len(bases)] for k in range(parts_per_doc)]
    base_meta = parts[0][0].document.meta
    meta = DocumentMeta(DocId(f"doc-{n}"), f"doc-{n}.txt", f"Dispatch {n}", site="Wire",
                        published=base_meta.published)
    doc = build_document(meta, "\n\n".join(p[0].document.text for p in parts))
    actors: list[PassageActors] = []
    dates: list[list[DateMention]] = []
    offset = 0
    for part_actors, part_dates in parts:
        for passage, ds in zip(part_actors.passages, part_dates, strict=True):
            moved = tuple(
                type(am)(am.actor, tuple(
                    Mention(m.start + offset, m.end + offset, m.text, m.actor_id)
                    for m in am.mentions
                ))
                for am in passage.actors
            )
            actors.append(PassageActors(meta.id, len(actors), moved))
            dates.append([d.shifted(offset) for d in ds])
        offset += len(part_actors.document.text) + 2
    assert len(actors) == len(doc.passages), "the joined text cut into other passages"
    return DocumentActors(doc, tuple(actors)), dates


class _Current:
    """The generated index is current by construction: nothing to sync."""

    def sync_index(self) -> None:
        return None


class _Handle:
    def __init__(self, index: LibraryIndex) -> None:
        self._index = index

    def get(self) -> LibraryIndex:
        return self._index


def generated(count: int, folder: Path) -> list[dict[str, Any]]:
    """Build the templated library of ``count`` documents, time its full text and queries."""
    print(f"  search: generating {count} templated documents …", file=sys.stderr)
    bases, _seconds, _words = extracted_library(min(250, count * PARTS))
    library = [_joined(bases, n) for n in range(count)]
    search, index, rows = _indexed_library(library, folder, f"{count:,} docs, templated")
    print("  search: querying …", file=sys.stderr)
    rows += latencies(search, QUERIES, f"{count:,} docs, templated")
    index.close()
    return rows


def natural(count: int, folder: Path) -> list[dict[str, Any]]:
    """Build a library of ``count`` documents with Zipf-distributed words (``natural_text``),
    time its full text and queries of words by the share of passages they stand in."""
    print(f"  search: generating {count} documents of Zipf text …", file=sys.stderr)
    bases = extracted_natural(min(NATURAL_BASES, count * NATURAL_PARTS))
    library = [_joined(bases, n, NATURAL_PARTS) for n in range(count)]
    corpus = f"{count:,} docs, Zipf words"
    search, index, rows = _indexed_library(library, folder, corpus)
    print("  search: querying …", file=sys.stderr)
    rows += latencies(search, banded_queries(library), corpus)
    index.close()
    return rows


def banded_queries(library: Sequence[Extracted]) -> dict[str, tuple[str, ...]]:
    """Return queries of words chosen by the share of passages they stand in, alone, in
    pairs, as prefixes and with filters."""
    counts: Counter[str] = Counter()
    passages = 0
    for actors, _dates in library:
        doc = actors.document
        for p in doc.passages:
            if not p.chrome:
                passages += 1
                counts.update(set(_WORD.findall(doc.text[p.start:p.end].lower())))
    shares = sorted((n / passages, term) for term, n in counts.items())
    bands: dict[str, list[str]] = {}
    for label, share in BANDS:
        near = sorted(shares, key=lambda pair: abs(pair[0] - share))[:BAND_WORDS]
        bands[label] = [term for _share, term in near]
    rare, few, some, many = (bands[label] for label, _ in BANDS)
    return {
        **{f"word in ~{label} of passages": tuple(words) for label, words in bands.items()},
        "two words": tuple(f"{a} {b}" for a, b in zip(few, some, strict=False)),
        "two common words": tuple(f"{a} {b}" for a, b in zip(some, many, strict=False)),
        "OR": tuple(f"{a} OR {b}" for a, b in zip(rare, few, strict=False)),
        "exclusion": tuple(f"{a} -{b}" for a, b in zip(some, few, strict=False)),
        "prefix": tuple(f"{w[:4]}*" for w in few if len(w) > 5),
        "actor filter": tuple(f"actor:Norway {w}" for w in few),
        "date filter": tuple(f"date:2010..2015 {w}" for w in some),
    }


def _indexed_library(
    library: Sequence[Extracted], folder: Path, corpus: str
) -> tuple[Search, LibraryIndex, list[dict[str, Any]]]:
    """Index a generated library (the full text in the background's steps) and return its
    search, its index and the rows of its build."""
    print("  search: indexing …", file=sys.stderr)
    words = sum(len(a.document.text.split()) for a, _ in library)
    index = LibraryIndex(folder / "library.sqlite3", folder / "damaged", "rules/bench")
    start = time.perf_counter()
    index.put_documents(
        DocumentEntry(a.document.meta, "corpus", Stamp(len(a.document.text), 1, a.document.id),
                      a.document)
        for a, _ in library
    )
    put_seconds = time.perf_counter() - start
    index.put_extractions(library)
    gazetteers = [resources_dir() / "gazetteer.toml"]
    search = Search(cast(Documents, _Current()), cast(IndexHandle, _Handle(index)), gazetteers,
                    lambda: None)
    start = time.perf_counter()
    search.run("talks -trade", limit=LIMIT)
    scan_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    while index.build_search(50):
        pass
    build_seconds = time.perf_counter() - start
    rows = [
        _row(corpus, "documents, words", len(library), "docs", note=f"{words:,} words"),
        _row(corpus, "index documents (no full text)", put_seconds, "s"),
        _row(corpus, "full text build (background)", build_seconds, "s",
             note=f"{words / build_seconds / 1e6:.2f} M words/s"),
        _row(corpus, "a query before the build (scan)", scan_ms, "ms"),
    ]
    return search, index, rows


def sizes() -> tuple[int, ...]:
    """Return the generated sizes (``READER_BENCH_SEARCH_SIZES``, else the default)."""
    return sizes_from_env(SIZES_ENV_VAR, (1_000,), (30,))


def run() -> list[dict[str, Any]]:
    rows = bundled_corpus()
    for count in sizes():
        with tempfile.TemporaryDirectory() as tmp:
            rows += natural(count, Path(tmp))
        with tempfile.TemporaryDirectory() as tmp:
            rows += generated(count, Path(tmp))
    return rows
