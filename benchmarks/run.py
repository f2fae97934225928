"""Run the benchmarks and print one table: ``python -m benchmarks.run [--short] [NAME ...]``.

``--short`` sets ``READER_BENCH_SHORT=1``: every benchmark runs a smaller case (fewer runs, fewer
documents), so that CI runs each end to end and none rots; see ``benchmarks/__init__.py``.

Each ``benchmarks/bench_<name>.py`` has ``run()`` returning (or yielding) dicts; each is one row
with the keys ``benchmark``, ``measure``, ``value``, ``unit`` and optionally ``target``, ``note``.
Benchmarks use a temporary data folder and never touch the user's files.

Rows are printed as each benchmark returns them, so a long run shows its numbers as it goes and
a benchmark that fails loses nothing already measured: it prints an error row, the others still
run, and the exit code is 1 at the end.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from benchmarks import SHORT_ENV

HEADERS = ("benchmark", "measure", "value", "unit", "target", "note")
# Fixed widths: rows are printed as they come, before the widest cell is known.
WIDTHS = (18, 58, 10, 9, 12, 0)


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


def format_row(row: dict[str, Any]) -> str:
    """Return one row as a line of the table (a cell wider than its column pushes the rest)."""
    cells = [_fmt(row.get(h, "")) for h in HEADERS]
    return "  ".join(c.ljust(w) for c, w in zip(cells, WIDTHS, strict=True)).rstrip()


def print_row(row: dict[str, Any]) -> None:
    """Print one row at once (flushed: a pipe or a log file sees it now)."""
    print(format_row(row), flush=True)


def print_header() -> None:
    line = format_row(dict(zip(HEADERS, HEADERS, strict=True)))
    print(line)
    print("-" * max(len(line), 120), flush=True)


def error_row(name: str, exc: BaseException) -> dict[str, Any]:
    """Return the row that stands for a benchmark that failed."""
    return {
        "benchmark": name,
        "measure": "FAILED",
        "value": "error",
        "unit": "",
        "note": f"{type(exc).__name__}: {exc}".replace("\n", " ")[:300],
    }


def run_one(name: str) -> bool:
    """Run one benchmark, printing its rows; print an error row and return False if it fails."""
    print(f"running {name} …", file=sys.stderr, flush=True)
    try:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        for row in module.run():  # a list, or a generator that yields rows as it measures
            print_row(row)
    except Exception as exc:  # one failure must not lose the others' rows
        traceback.print_exc(file=sys.stderr)
        print_row(error_row(name, exc))
        return False
    return True


def main(argv: list[str]) -> int:
    """Run the named benchmarks (default: all), printing each row as it comes; ``--short`` runs
    each in its short mode (CI). Return 1 if any failed."""
    if "--short" in argv:
        os.environ[SHORT_ENV] = "1"
        argv = [a for a in argv if a != "--short"]
    names = argv or discover()
    failed: list[str] = []
    print_header()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["READER_DATA_DIR"] = tmp
        for name in names:
            if not run_one(name):
                failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
