"""The held-out evaluation sets (tests/data/heldout/, tests/data/unseen/): loading and scoring.

Both folders share one layout (catalog.toml, the texts, gold/<id>.json), so one loader and scorer
serve the tests and benchmarks of each.

These documents were written and annotated after the extraction rules, without reading them, so
their scores estimate how extraction generalises; the seed scores are a ceiling. Actors are scored
like the seeds (set of canonical names per passage, micro-averaged over (passage, name) pairs) and
dates like the date gold (multiset of TIMEX3 values per passage). Only body passages are scored.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.model import Document
from reader.extract.actors import ActorExtractor
from reader.extract.dates import dates_by_passage
from reader.extract.scoring import Pair
from reader.extract.scoring import Score as ActorScore
from reader.extract.scoring import score as score_actors
from reader.library import Library
from tests.quality_dates import Pairs
from tests.quality_dates import Score as DateScore
from tests.quality_dates import score as score_dates

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
FLOOR_FILE = Path(__file__).resolve().parent / "data" / "heldout_floor.json"
UNSEEN = Path(__file__).resolve().parent / "data" / "unseen"
UNSEEN_FLOOR_FILE = Path(__file__).resolve().parent / "data" / "unseen_floor.json"
BLIND = Path(__file__).resolve().parent / "data" / "blind"
BLIND_FLOOR_FILE = Path(__file__).resolve().parent / "data" / "blind_floor.json"
DEV = Path(__file__).resolve().parent / "data" / "dev"
DEV_FLOOR_FILE = Path(__file__).resolve().parent / "data" / "dev_floor.json"


@dataclass(frozen=True)
class GoldDocument:
    """One held-out document with its gold: per passage index, actor names and date mentions."""

    document: Document
    reference: str
    actors: dict[int, list[str]]
    dates: dict[int, list[dict[str, Any]]]


def load_heldout(library: Library | None = None) -> list[GoldDocument]:
    """Return every held-out document with its gold annotations."""
    return load_gold_set(HELDOUT, library)


def load_unseen(library: Library | None = None) -> list[GoldDocument]:
    """Return every document of the unseen set (tests/data/unseen/) with its gold annotations."""
    return load_gold_set(UNSEEN, library)


def load_blind(library: Library | None = None) -> list[GoldDocument]:
    """Return the frozen blind set (tests/data/blind/): measured once, never tuned on."""
    return load_gold_set(BLIND, library)


def load_dev(library: Library | None = None) -> list[GoldDocument]:
    """Return the development set (tests/data/dev/), whose errors guide fixes."""
    return load_gold_set(DEV, library)


def load_gold_set(folder: Path, library: Library | None = None) -> list[GoldDocument]:
    """Return every document of an evaluation folder (catalog.toml + gold/) with its gold."""
    library = library or Library(corpus_dir=folder)
    out: list[GoldDocument] = []
    for path in sorted((folder / "gold").glob("*.json")):
        entry = json.loads(path.read_text("utf-8"))
        passages = {int(i): p for i, p in entry["passages"].items()}
        out.append(
            GoldDocument(
                document=library.documents.get(entry["doc_id"]),
                reference=entry["reference"],
                actors={i: p["actors"] for i, p in passages.items()},
                dates={i: p["dates"] for i, p in passages.items()},
            )
        )
    return out


def actor_pairs(gold: list[GoldDocument], extractor: ActorExtractor) -> tuple[set[Pair], set[Pair]]:
    """Return the (gold, predicted) (passage key, canonical name) pairs of the held-out set."""
    wanted: set[Pair] = set()
    found: set[Pair] = set()
    for entry in gold:
        result = extractor.extract(entry.document)
        for index, names in entry.actors.items():
            key = f"{entry.document.id}:{index}"
            wanted |= {(key, n) for n in names}
            found |= {(key, am.actor.name) for am in result.passages[index].actors}
    return wanted, found


def actor_score(gold: list[GoldDocument], extractor: ActorExtractor) -> ActorScore:
    """Score actor extraction on the held-out set."""
    return score_actors(*actor_pairs(gold, extractor))


def date_pairs(entry: GoldDocument) -> tuple[Pairs, Pairs]:
    """Return the (gold, predicted) (passage index, value) multisets of one document."""
    doc = entry.document
    found = dates_by_passage(doc.text, doc.passages, entry.reference)
    predicted: Pairs = Counter(
        (i, m.value) for i, mentions in enumerate(found) if i in entry.dates for m in mentions
    )
    wanted: Pairs = Counter(
        (i, m["value"]) for i, mentions in entry.dates.items() for m in mentions
    )
    return wanted, predicted


def date_score(gold: list[GoldDocument]) -> DateScore:
    """Score date extraction on the held-out set (micro-averaged over all documents)."""
    result = DateScore(0, 0, 0)
    for entry in gold:
        result = result + score_dates(*date_pairs(entry))
    return result


def floors(path: Path = FLOOR_FILE) -> dict[str, float]:
    """Return the floors of a set (held-out by default): actors_f1, …, dates_f1, …"""
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return {k: float(v) for k, v in data.items() if isinstance(v, int | float)}
