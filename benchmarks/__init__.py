"""Benchmarks: ``python -m benchmarks.run [--short] [NAME ...]``.

``--short`` (what CI runs) makes every benchmark small — fewer runs, fewer documents — so that
each one still runs end to end and none rots; its numbers are not the ones the docs quote.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

SHORT_ENV = "READER_BENCH_SHORT"


def is_short() -> bool:
    """Tell whether the benchmarks run in the short mode."""
    return os.environ.get(SHORT_ENV) == "1"


def scaled(full: int, short: int) -> int:
    """Return ``short`` in the short mode, else ``full``."""
    return short if is_short() else full


def p95(values: Sequence[float]) -> float:
    """Return the 95th percentile of ``values`` (the nearest rank; NaN for none)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def sizes_from_env(name: str, full: tuple[int, ...], short: tuple[int, ...]) -> tuple[int, ...]:
    """Return the sizes the environment variable ``name`` lists (comma-separated), else
    ``short`` in the short mode and ``full`` otherwise."""
    found = tuple(int(v) for v in os.environ.get(name, "").split(",") if v.strip())
    return found or (short if is_short() else full)
