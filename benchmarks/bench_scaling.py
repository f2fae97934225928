"""Extraction time and peak memory against a document's length (issue 26).

Each size is varied generated news (``benchmarks/news_text.py``: new people, bodies and
abbreviations all along, so nothing repeats), extracted by the facade as ``main.py extract FILE``
does (actors, then dates), in a child process of its own with a fresh data folder (no cached
model spans, no memory left over from another size). Time is the child's CPU time for reading
and extracting the file (the machine is shared: CPU time is steadier than the wall clock, which
the note gives); peak memory is the child's own VmHWM (``ru_maxrss`` would count this
process's). The exponent is the slope of log(time) against log(size), least squares: 1 is linear.

Sizes: 0.5, 1, 2, 5 and 20 MB without the model, the first three with it too. Short mode, for
CI (``python -m benchmarks.run --short scaling`` or ``READER_BENCH_SHORT=1``): 0.1, 0.2 and
0.4 MB, the first with the model. ``READER_BENCH_SCALING_SIZES=0.1,0.2`` sets the sizes (MB);
``READER_EXTRACT_MODEL=off`` leaves the model out.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.news_text import news_text
from reader.corpus.locate import project_root
from reader.library import MODEL_ENV_VAR

SIZES_MB = (0.5, 1.0, 2.0, 5.0, 20.0)
SHORT_SIZES_MB = (0.1, 0.2, 0.4)
WITH_MODEL = 3  # the first sizes are extracted with the model as well
SHORT_WITH_MODEL = 1
SHORT_ENV_VAR = "READER_BENCH_SHORT"  # set by ``benchmarks.run --short``
SIZES_ENV_VAR = "READER_BENCH_SCALING_SIZES"
EXPONENT_TARGET = 1.1
MEMORY_TARGET_MB = 1000


def _row(measure: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {"benchmark": "scaling", "measure": measure, "value": value, "unit": unit, **extra}


def plan() -> tuple[tuple[float, ...], int]:
    """Return the sizes (MB) to measure and how many of the first also run with the model."""
    short = os.environ.get(SHORT_ENV_VAR, "") not in ("", "0")
    sizes = SHORT_SIZES_MB if short else SIZES_MB
    with_model = SHORT_WITH_MODEL if short else WITH_MODEL
    chosen = os.environ.get(SIZES_ENV_VAR, "")
    if chosen:
        sizes = tuple(float(s) for s in chosen.split(","))
    if os.environ.get(MODEL_ENV_VAR, "").lower() in ("0", "off", "no"):
        with_model = 0  # the model switched off, as for the app
    return sizes, min(with_model, len(sizes))


def exponent(sizes: list[float], seconds: list[float]) -> float:
    """Return the least-squares slope of log(seconds) against log(sizes)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-9)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread


def _measure(path: Path, model: bool, data_dir: Path) -> dict[str, float]:
    env = {**os.environ, "READER_DATA_DIR": str(data_dir)}
    env[MODEL_ENV_VAR] = "on" if model else "off"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_scaling", str(path)],
        cwd=project_root(),
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    if model and not result["model"]:
        raise RuntimeError("the spaCy model is not available: no model-on measurement")
    return result


def _rows_of(label: str, mb: float, m: dict[str, float]) -> list[dict[str, Any]]:
    note = f"wall {m['wall']:.1f} s; {m['words'] / 1000:,.0f}k words; {m['actors']:,.0f} actors"
    return [
        _row(f"time, {mb:g} MB, {label}", m["cpu"], "s cpu", note=note),
        _row(f"peak memory, {mb:g} MB, {label}", m["rss_mb"], "MB", target=f"< {MEMORY_TARGET_MB}"),
    ]


def run() -> list[dict[str, Any]]:
    """Measure every size, model off then on; then the exponents and the largest size."""
    sizes, with_model = plan()
    rows: list[dict[str, Any]] = []
    cpu: dict[bool, list[float]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        for i, mb in enumerate(sizes):
            path = Path(tmp) / f"news-{mb:g}mb.txt"
            path.write_text(news_text(int(mb * 1_000_000)), encoding="utf-8")
            for model in (False, True) if i < with_model else (False,):
                label = "model on" if model else "model off"
                print(f"  scaling: {mb:g} MB, {label} …", file=sys.stderr)
                m = _measure(path, model, Path(tmp) / f"data-{mb:g}-{label[-3:].strip()}")
                rows += _rows_of(label, mb, m)
                cpu[model].append(m["cpu"])
            path.unlink()
    for model in (False, True):
        n = len(cpu[model])
        if n >= 2:
            label = "model on" if model else "model off"
            slope = exponent(list(sizes[:n]), cpu[model])
            note = f"{sizes[0]:g}–{sizes[n - 1]:g} MB"
            target = f"≤ {EXPONENT_TARGET}"
            rows.append(_row(f"exponent, {label}", slope, "", target=target, note=note))
    last = sizes[-1]
    rows.append(_row(f"time at {last:g} MB, model off", cpu[False][-1], "s cpu"))
    return rows


def _child(path: Path) -> None:
    """Extract one file as ``main.py extract FILE`` does and print what it cost, as JSON."""
    from reader.library import Library

    library = Library()
    with_model = library.actors.warm_up()  # the model's load time is not the document's
    wall, cpu = time.perf_counter(), time.process_time()
    result = library.actors.extract_file(path)
    dates = library.actors.dates_of(result.document)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    doc = result.document
    words = sum(len(doc.passage_text(p).split()) for p in doc.passages)
    actors = len({am.actor.id for pa in result.passages for am in pa.actors})
    from reader.library.program import peak_memory_mb

    out = {"cpu": cpu, "wall": wall, "rss_mb": peak_memory_mb(), "words": words, "actors": actors}
    print(json.dumps({**out, "dates": sum(map(len, dates)), "model": with_model}))


if __name__ == "__main__":
    _child(Path(sys.argv[1]))
