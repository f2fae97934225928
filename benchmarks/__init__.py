"""Benchmarks: ``python -m benchmarks.run [--short] [NAME ...]``.

``--short`` (what CI runs) makes every benchmark small — fewer runs, fewer documents — so that
each one still runs end to end and none rots; its numbers are not the ones the docs quote.
"""

from __future__ import annotations

import os

SHORT_ENV = "READER_BENCH_SHORT"


def is_short() -> bool:
    """Tell whether the benchmarks run in the short mode."""
    return os.environ.get(SHORT_ENV) == "1"


def scaled(full: int, short: int) -> int:
    """Return ``short`` in the short mode, else ``full``."""
    return short if is_short() else full
