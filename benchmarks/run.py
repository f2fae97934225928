"""Run the benchmarks and print one table: ``python -m benchmarks.run [--short] [NAME ...]``.

``--short`` sets ``READER_BENCH_SHORT=1``: benchmarks that have a short mode (``pdf_export``,
``pdf_import``) run a smaller case, for a quick check; the others ignore it.

Each ``benchmarks/bench_<name>.py`` has ``run() -> list[dict]``; every dict is one row with the
keys ``benchmark``, ``measure``, ``value``, ``unit`` and optionally ``target`` and ``note``.
Benchmarks use a temporary data folder and never touch the user's files.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile
from pathlib import Path
from typing import Any


def discover() -> list[str]:
    """Return the names of the benchmark modules, sorted."""
    folder = Path(__file__).resolve().parent
    return sorted(
        m.name[6:] for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_")
    )


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def print_table(rows: list[dict[str, Any]]) -> None:
    """Print rows as an aligned plain-text table."""
    headers = ["benchmark", "measure", "value", "unit", "target", "note"]
    cells = [[_fmt(r.get(h, "")) for h in headers] for r in rows]
    widths = [
        max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-" * len(line))
    for c in cells:
        print("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)))


def main(argv: list[str]) -> int:
    """Run the named benchmarks (default: all) and print the table."""
    if "--short" in argv:
        os.environ["READER_BENCH_SHORT"] = "1"
        argv = [a for a in argv if a != "--short"]
    names = argv or discover()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["READER_DATA_DIR"] = tmp
        for name in names:
            module = importlib.import_module(f"benchmarks.bench_{name}")
            print(f"running {name} …", file=sys.stderr)
            rows.extend(module.run())
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
