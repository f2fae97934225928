"""The date gold of the seed documents and the per-passage score, shared by test and benchmark."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.model import Document
from reader.library import Library

DATA = Path(__file__).resolve().parent / "data"
GOLD_FILE = DATA / "dates_gold.json"
FLOOR_FILE = DATA / "quality_floor_dates.json"

# (passage index, value) pairs of one document; value None for an unresolvable date.
Pairs = Counter[tuple[int, str | None]]
Predictor = Callable[[Document, str | None], list[list[str | None]]]


@dataclass(frozen=True)
class Score:
    """Micro-averaged counts and their precision, recall and F1."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def line(self) -> str:
        counts = f"tp={self.tp} fp={self.fp} fn={self.fn}"
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} ({counts})"


def load_gold() -> list[dict[str, Any]]:
    """Return the gold documents: id, reference, passages {index: [{text, value, mod}]}."""
    data: dict[str, Any] = json.loads(GOLD_FILE.read_text(encoding="utf-8"))
    return list(data["documents"])


def gold_pairs(entry: dict[str, Any]) -> Pairs:
    """Return the (passage index, value) multiset of one gold document."""
    return Counter(
        (int(index), mention["value"])
        for index, mentions in entry["passages"].items()
        for mention in mentions
    )


def score(gold: Pairs, predicted: Pairs) -> Score:
    """Compare two multisets of (passage index, value) pairs."""
    tp = sum((gold & predicted).values())
    return Score(tp, sum(predicted.values()) - tp, sum(gold.values()) - tp)


def score_corpus(predict: Predictor, library: Library | None = None) -> dict[str, Score]:
    """Score a predictor (document, reference -> values per passage) on every gold document."""
    library = library or Library()
    results: dict[str, Score] = {}
    for entry in load_gold():
        document = library.documents.get(entry["id"])
        values = predict(document, entry["reference"])
        predicted: Pairs = Counter(
            (index, value) for index, found in enumerate(values) for value in found
        )
        results[entry["id"]] = score(gold_pairs(entry), predicted)
    return results


def total(scores: Sequence[Score]) -> Score:
    """Return the micro-average of several scores."""
    result = Score(0, 0, 0)
    for item in scores:
        result = result + item
    return result
