"""The scaling benchmark's text is varied (people and definitions keep coming as it grows) and
its exponent is the slope of time against size on log scales."""

from __future__ import annotations

import re

import pytest

from benchmarks.bench_scaling import SHORT_ENV_VAR, SIZES_ENV_VAR, exponent, plan
from benchmarks.news_text import news_text
from reader.library import MODEL_ENV_VAR


def test_the_exponent_of_a_power_law_is_its_power() -> None:
    sizes = [0.5, 1.0, 2.0, 5.0, 20.0]
    assert exponent(sizes, [3.0 * s for s in sizes]) == pytest.approx(1.0)
    assert exponent(sizes, [0.1 * s**2 for s in sizes]) == pytest.approx(2.0)


def _definitions(text: str) -> set[str]:
    return set(re.findall(r"\(([A-Z]{2,})\)", text))


def test_news_text_is_deterministic_long_enough_and_keeps_introducing_people() -> None:
    small, large = news_text(50_000), news_text(100_000)
    assert len(small) >= 50_000 and large.startswith(small[:40_000])
    assert news_text(50_000) == small
    people = {m for m in re.findall(r"\b[A-Z][a-z]+ ([A-Z][a-z]{5,})\b", large)}
    early = {m for m in re.findall(r"\b[A-Z][a-z]+ ([A-Z][a-z]{5,})\b", small)}
    assert len(people) > 1.7 * len(early) > 100
    assert len(_definitions(large)) > len(_definitions(small))


def test_short_mode_and_chosen_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SIZES_ENV_VAR, raising=False)
    monkeypatch.delenv(SHORT_ENV_VAR, raising=False)
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    assert plan() == ((0.5, 1.0, 2.0, 5.0, 20.0), 3)
    monkeypatch.setenv(SHORT_ENV_VAR, "1")
    assert plan() == ((0.1, 0.2, 0.4), 1)
    monkeypatch.setenv(SIZES_ENV_VAR, "0.05")
    assert plan() == ((0.05,), 1)
    monkeypatch.setenv(MODEL_ENV_VAR, "off")
    assert plan() == ((0.05,), 0)
