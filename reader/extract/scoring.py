"""Score extraction against gold annotations: P, R and F1 over (passage, label) pairs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Pair = tuple[str, str]  # (passage key, normalised label)


@dataclass(frozen=True)
class Score:
    """Micro-averaged counts and measures."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> str:
        """Return ``P=… R=… F1=…`` with the counts."""
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(tp={self.true_positives} fp={self.false_positives} fn={self.false_negatives})"
        )


def normalise_label(label: str) -> str:
    """Return a label as compared: case folded, spaces collapsed."""
    return " ".join(label.casefold().split())


def score(gold: Iterable[Pair], predicted: Iterable[Pair]) -> Score:
    """Score predicted pairs against gold pairs (labels normalised)."""
    g = {(k, normalise_label(v)) for k, v in gold}
    p = {(k, normalise_label(v)) for k, v in predicted}
    return Score(len(g & p), len(p - g), len(g - p))
