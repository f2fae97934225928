"""The library index (``reader/index``) on generated libraries of news-like text, in isolation.

N documents of about 1,000 words each (people with titles, states, organisations, places from
the gazetteer, dates in many forms), extracted with the rules only (no model), then timed:
building the whole index, the library list, the actor counts, the passages of the most
mentioned actor, the passages where two actors meet, the start-up check with nothing changed,
and one document changed. ``READER_BENCH_INDEX_SIZES=200`` (comma-separated) runs other sizes;
the default is 1,000 and 5,000 documents.
"""

from __future__ import annotations

import functools
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from benchmarks import sizes_from_env
from reader.core.actors import DocumentActors
from reader.core.dates import DateMention
from reader.core.model import DocId, Document, DocumentMeta
from reader.corpus.loader import build_document
from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.dates import dates_by_passage
from reader.extract.gazetteer import load_gazetteer
from reader.index import DocumentEntry, LibraryIndex, Stamp

T = TypeVar("T")
SIZES_ENV_VAR = "READER_BENCH_INDEX_SIZES"
DEFAULT_SIZES = (1_000, 5_000)
# Distinct documents actually extracted; larger libraries reuse their results under new ids,
# dates and names of files, so that extraction (timed in ``extract``/``cache``) does not
# dominate a benchmark of the index.
EXTRACTED = 250

GIVEN = (
    "Ana", "Omar", "Li", "Sara", "Ivan", "Amir", "Lena", "Paulo", "Mina", "Karim", "Elena",
    "Tomas", "Nadia", "Felix", "Ruth", "Jonas", "Yusuf", "Ingrid", "Malik", "Chiara",
)
FAMILY = (
    "Rossi", "Haidari", "Chen", "Novak", "Petrov", "Sharif", "Okafor", "Silva", "Kato",
    "Mendes", "Weber", "Haddad", "Lindqvist", "Moreau", "Tanaka", "Kowalski", "Baptiste",
)
TITLES = ("Minister", "President", "Ambassador", "General", "Envoy", "Senator")
VERBS = ("met", "called", "criticised", "praised", "warned", "wrote to", "visited", "hosted")
WHEN = (
    "on {d} {m} {y}",
    "in {m} {y}",
    "last week",
    "on Tuesday",
    "in {y}",
    "early in {m}",
    "next month",
    "in the spring of {y}",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
FILLER = (
    "the talks covered trade, security and the return of refugees",
    "officials said the meeting was constructive but no agreement was signed",
    "analysts expect further rounds before the end of the negotiations",
    "the statement was published after several hours of discussion",
    "observers noted that the positions of both sides remained far apart",
)


def _row(measure: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {"benchmark": "index", "measure": measure, "value": value, "unit": unit, **extra}


def _cast(rng: random.Random, names: dict[str, list[str]]) -> dict[str, list[str]]:
    """Return who a story is about: a few people, states, bodies and places."""
    people = {f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in range(rng.randint(3, 6))}
    bodies = names["state"] + names["organization"] + names["group"]
    return {
        "people": sorted(people),
        "others": rng.sample(bodies, rng.randint(4, 8)),
        "places": rng.sample(names["place"], rng.randint(2, 4)),
    }


def _sentence(rng: random.Random, cast: dict[str, list[str]]) -> str:
    person = rng.choice(cast["people"])
    # A person is introduced with a title; later, often by the surname alone.
    who = rng.choice([f"{rng.choice(TITLES)} {person}", person, person.split()[-1]])
    when = rng.choice(WHEN).format(
        d=rng.randint(1, 28), m=rng.choice(MONTHS), y=rng.randint(1995, 2025)
    )
    return (
        f"{who} {rng.choice(VERBS)} representatives of {rng.choice(cast['others'])} in "
        f"{rng.choice(cast['places'])} {when}, and {rng.choice(FILLER)}."
    )


def news_text(rng: random.Random, names: dict[str, list[str]], words: int = 1_000) -> str:
    """Return a news-like text of about ``words`` words in passages of three to five sentences."""
    cast = _cast(rng, names)
    passages: list[str] = []
    count = 0
    while count < words:
        passage = " ".join(_sentence(rng, cast) for _ in range(rng.randint(3, 5)))
        passages.append(passage)
        count += len(passage.split())
    return "\n\n".join(passages)


def _names() -> dict[str, list[str]]:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    names: dict[str, list[str]] = {}
    for entry in gazetteer.entries:
        names.setdefault(entry.kind, []).append(entry.name)
    return names


Extracted = tuple[DocumentActors, list[list[DateMention]]]


def extracted_library(count: int, seed: int = 13) -> tuple[list[Extracted], float, int]:
    """Return ``count`` documents with their actors and dates, the time spent extracting the
    distinct ones, and the words in all."""
    distinct = min(count, EXTRACTED)
    base, seconds = _extracted(distinct, seed)
    rng = random.Random(seed + count)
    library = [_copy(base[n % distinct], n, rng) for n in range(count)]
    return library, seconds, sum(len(r.document.text.split()) for r, _ in library)


@functools.cache
def _extracted(count: int, seed: int) -> tuple[list[Extracted], float]:
    """Generate and extract ``count`` distinct documents (once per run: slow)."""
    rng = random.Random(seed)
    names = _names()
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    extractor = ActorExtractor(gazetteer, model=None)
    texts = [news_text(rng, names) for _ in range(count)]
    start = time.perf_counter()
    base = [_extract(extractor, n, texts[n], rng) for n in range(count)]
    return base, time.perf_counter() - start


def _meta(n: int, rng: random.Random) -> DocumentMeta:
    published = rng.choice([None, f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}"])
    return DocumentMeta(
        DocId(f"doc-{n}"), f"doc-{n}.txt", f"Dispatch {n}", site="Wire", published=published
    )


def _extract(extractor: ActorExtractor, n: int, text: str, rng: random.Random) -> Extracted:
    doc = build_document(_meta(n, rng), text)
    return extractor.extract(doc), dates_by_passage(doc.text, doc.passages, doc.meta.published)


def _copy(source: Extracted, n: int, rng: random.Random) -> Extracted:
    actors, dates = source
    old = actors.document
    meta = _meta(n, rng)
    passages = tuple(type(p)(meta.id, p.index, p.start, p.end, p.chrome) for p in old.passages)
    doc = Document(meta, old.text, old.content_hash, passages)
    return DocumentActors(doc, actors.passages), dates


def _timed(work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def _stamp(doc: Document) -> Stamp:
    return Stamp(len(doc.text.encode("utf-8")), 1_700_000_000_000_000_000, doc.meta.id)


def _changed_since(index: LibraryIndex, library: list[Extracted]) -> list[DocId]:
    """The start-up check: which documents' stamps differ from the index's."""
    known = index.stamps()
    return [a.document.id for a, _ in library if known.get(a.document.id) != _stamp(a.document)]


def measure(count: int, folder: Path) -> list[dict[str, Any]]:
    """Build an index of ``count`` documents in ``folder`` and time its reads and upkeep."""
    library, extract_seconds, words = extracted_library(count)
    tag = f"{count:,} docs"
    index = LibraryIndex(folder / "library.sqlite3", folder / "damaged", "rules/bench")

    def build() -> None:
        index.put_documents(
            DocumentEntry(a.document.meta, "corpus", _stamp(a.document), a.document)
            for a, _ in library
        )
        index.put_extractions(library)

    _, build_seconds = _timed(build)
    summaries, list_seconds = _timed(index.summaries)
    counts, count_seconds = _timed(index.actor_counts)
    ranked = sorted(counts.values(), key=lambda pair: -pair[1])
    top, second = ranked[0][0], ranked[1][0]
    occurrences, top_seconds = _timed(lambda: index.actor_occurrences(top.id))
    both, pair_seconds = _timed(lambda: index.passages_mentioning([top.id, second.id]))
    unchanged, check_seconds = _timed(lambda: _changed_since(index, library))
    one_changed = _change_one(index, library)
    doc_id = library[count // 3][0].document.id
    one, one_seconds = _timed(lambda: index.document(doc_id))
    assert one is not None
    _, actors_seconds = _timed(lambda: index.document_actors(one))
    by_date, dates_seconds = _timed(index.date_occurrences)
    date_counts, date_counts_seconds = _timed(index.date_counts)
    busiest = max(date_counts, key=lambda v: date_counts[v])
    on_date, on_date_seconds = _timed(lambda: index.date_passages(busiest))
    index.close()
    size = sum(p.stat().st_size for p in folder.glob("library.sqlite3*"))
    reopened, open_seconds = _timed(
        lambda: LibraryIndex(folder / "library.sqlite3", folder / "damaged", "rules/bench")
    )
    _, quick_check_seconds = _timed(reopened.check)
    reopened.close()
    assert len(summaries) == count and not unchanged
    return [
        _row(f"{tag}: extract (rules, distinct docs only)", extract_seconds, "s",
             note=f"{min(count, EXTRACTED)} docs; {words:,} words in the library"),
        _row(f"{tag}: build the index", build_seconds, "s",
             note=f"{count / build_seconds:,.0f} docs/s"),
        _row(f"{tag}: summaries()", list_seconds, "s"),
        _row(f"{tag}: actor_counts()", count_seconds, "s", note=f"{len(counts):,} actors"),
        _row(f"{tag}: actor_occurrences(top actor)", top_seconds, "s",
             note=f"{top.name}: {len(occurrences):,} passages"),
        _row(f"{tag}: passages_mentioning(two actors)", pair_seconds, "s",
             note=f"{top.name} + {second.name}: {len(both):,} passages"),
        _row(f"{tag}: start-up check, nothing changed", check_seconds, "s"),
        _row(f"{tag}: one document changed (check, put text, store results)", one_changed, "s"),
        _row(f"{tag}: document(one) + document_actors(it)", one_seconds + actors_seconds, "s"),
        _row(f"{tag}: date_occurrences() (loads every dated document)", dates_seconds, "s",
             note=f"{len(by_date):,} values"),
        _row(f"{tag}: date_counts()", date_counts_seconds, "s"),
        _row(f"{tag}: date_passages(busiest value)", on_date_seconds, "s",
             note=f"{busiest}: {len(on_date):,} passages"),
        _row(f"{tag}: open the index (no quick check)", open_seconds, "s"),
        _row(f"{tag}: check() (SQLite quick check)", quick_check_seconds, "s"),
        _row(f"{tag}: index file size", size / 1e6, "MB"),
    ]  # fmt: skip


def _change_one(index: LibraryIndex, library: list[Extracted]) -> float:
    actors, _ = library[len(library) // 2]
    old = actors.document
    doc = build_document(old.meta, old.text + "\n\nThe Taliban answered Norway on 4 May 2022.")
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    extractor = ActorExtractor(gazetteer, model=None)
    fresh = extractor.extract(doc)
    fresh_dates = dates_by_passage(doc.text, doc.passages, doc.meta.published)
    stamp = Stamp(len(doc.text.encode("utf-8")), 1_700_000_000_000_000_001, doc.meta.id)
    start = time.perf_counter()
    changed = [d for d, s in index.stamps().items() if d == doc.id and s != stamp]
    index.put_document(doc, "corpus", stamp)
    stale = index.needs_extraction()
    index.put_extraction(fresh, fresh_dates)
    seconds = time.perf_counter() - start
    assert changed == [doc.id] and stale == [doc.id]
    return seconds


def sizes() -> tuple[int, ...]:
    """Return the library sizes to measure (``READER_BENCH_INDEX_SIZES``, else the default)."""
    return sizes_from_env(SIZES_ENV_VAR, DEFAULT_SIZES, DEFAULT_SIZES)


def run() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for count in sizes():
        with tempfile.TemporaryDirectory() as tmp:
            rows.extend(measure(count, Path(tmp)))
    return rows
