"""A library of thousands of documents as fast as one of five (issue 13): the commands a user
runs, each a fresh process as from a shell, on generated libraries of news-like text.

For each size: a corpus folder of N documents (about 1,000 words each; ``bench_index``'s
generator), a data folder with 10,000 highlights spread over them, the rules standing in for the
model (``READER_EXTRACT_MODEL=off``). The first ``docs --json`` and ``actors --json`` build the
index (cold); the rows after them are warm. ``READER_BENCH_LIBRARY_SIZES`` (comma-separated)
chooses the sizes (default 5 and 1,000; 5,000 takes about half an hour to extract cold).

``READER_BENCH_LIBRARY_DIR`` keeps the generated libraries in that folder (``<size>/corpus`` and
``<size>/data``) and reuses them on the next run: the corpus, the cold index and the highlights
are made once, and later runs measure the warm rows only (the cold rows are those of the first
run, printed from the folder's record).
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_index import _names, news_text

ROOT = Path(__file__).resolve().parents[1]
SIZES_ENV_VAR = "READER_BENCH_LIBRARY_SIZES"
DIR_ENV_VAR = "READER_BENCH_LIBRARY_DIR"
READY = "cold-rows.json"
DEFAULT_SIZES = (5, 1_000)
HIGHLIGHTS = 10_000
WINDOW_RUNS = 3
CLI_RUNS = 3  # each warm command's runs (the median is reported)
TARGETS = {
    "docs --json": "≤ 0.5 s at 5,000",
    "actors --json": "≤ 0.5 s at 5,000",
    "actors ACTOR": "≤ 0.3 s at 5,000",
    "highlights add": "≤ 0.3 s at 5,000",
    "highlights list --json": "≤ 1 s at 5,000",
    "export --format md": "≤ 3 s at 5,000",
}


def _row(size: int, measure: str, value: float, unit: str, note: str = "") -> dict[str, Any]:
    target = "" if "(cold" in measure else TARGETS.get(measure, "")
    return {
        "benchmark": "library",
        "measure": f"{measure}, {size:,} docs",
        "value": value,
        "unit": unit,
        "target": target,
        "note": note,
    }


def make_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` generated documents and their ``catalog.toml`` into ``folder``."""
    rng = random.Random(seed)
    names = _names()
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for n in range(count):
        (folder / f"doc-{n}.txt").write_text(news_text(rng, names), "utf-8")
        published = f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines.append(
            f'[[document]]\nid = "doc-{n}"\nfile = "doc-{n}.txt"\ntitle = "Dispatch {n}"\n'
            f'site = "Wire"\npublished = "{published}"\n'
        )
    (folder / "catalog.toml").write_text("\n".join(lines), "utf-8")


def _env(data: Path) -> dict[str, str]:
    # Bytecode is written and reused, as an installed program's is: without it every process
    # would compile the program's modules again (~0.2 s), which no user pays.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(READER_DATA_DIR=str(data), READER_EXTRACT_MODEL="off", QT_QPA_PLATFORM="offscreen")
    return env


def timed(corpus: Path, data: Path, *argv: str) -> tuple[float, str]:
    """Run one command as a fresh process; return its wall time and stdout."""
    seconds, _cpu, out = timed_cpu(corpus, data, *argv)
    return seconds, out


def timed_cpu(corpus: Path, data: Path, *argv: str) -> tuple[float, float, str]:
    """Run one command as a fresh process; return its wall time, its CPU time (user + system:
    near the wall time on an idle machine, less waiting for the disk) and stdout."""
    command = [sys.executable, str(ROOT / "main.py"), "--corpus", str(corpus), *argv]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=_env(data), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, done.stdout


def _add_highlights(corpus: Path, data: Path, count: int) -> None:
    """Store ``count`` highlights spread over the library (through the facade, in process)."""
    os.environ["READER_EXTRACT_MODEL"] = "off"
    from reader.core.highlight import make_highlight
    from reader.library import Library

    library = Library(corpus, data)
    rng = random.Random(3)
    ids = library.documents.ids()
    made = []
    for n in range(count):
        doc = library.documents.get(ids[n % len(ids)])
        start = rng.randrange(0, max(1, len(doc.text) - 80))
        made.append(
            make_highlight(
                doc.id,
                doc.text,
                doc.content_hash,
                (start, start + 60),
                note=f"note {n}",
                tags=["bench"],
            )
        )
    library.highlights.restore_all(made)


def window_start(corpus: Path, data: Path) -> tuple[float, float]:
    """Return seconds to the window's first paint and the process's peak memory (MB)."""
    env = _env(data) | {"READER_STARTUP_PROBE": "1", "READER_QUIT_AFTER_MS": "1500"}
    command = [sys.executable, str(ROOT / "main.py"), "--corpus", str(corpus)]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    painted = peak = float("nan")
    for line in process.stdout:
        if line.strip() == "painted":
            painted = time.perf_counter() - start
        elif line.startswith("peak_mb "):  # the window's own (ru_maxrss counts this process's)
            peak = float(line.split()[1])
    process.wait()
    return painted, peak


def window_best(corpus: Path, data: Path, runs: int = WINDOW_RUNS) -> tuple[float, float]:
    """Return the quickest first paint of a few starts (the least disturbed by other work on
    the machine) and the largest peak memory."""
    found = [window_start(corpus, data) for _ in range(runs)]
    return min(p for p, _m in found), max(m for _p, m in found)


def _prepare(size: int, root: Path) -> list[dict[str, Any]]:
    """Make the corpus, the cold index and the highlights in ``root`` once; return the cold
    rows (measured now, or recorded by the run that made them)."""
    corpus, data = root / "corpus", root / "data"
    ready = root / READY
    if ready.exists():
        recorded: list[dict[str, Any]] = json.loads(ready.read_text("utf-8"))
        return [r | {"note": (r.get("note") or "") + " (recorded)"} for r in recorded]
    make_corpus(corpus, size)
    rows = []
    seconds, _ = timed(corpus, data, "docs", "--json")
    rows.append(_row(size, "docs --json (cold: builds the index)", seconds, "s"))
    seconds, _ = timed(corpus, data, "actors", "--json")
    rows.append(_row(size, "actors --json (cold: extracts every document)", seconds, "s"))
    _add_highlights(corpus, data, HIGHLIGHTS)
    ready.write_text(json.dumps(rows), "utf-8")
    return rows


def _warm_rows(size: int, root: Path) -> list[dict[str, Any]]:
    corpus, data = root / "corpus", root / "data"
    rows = []

    def measure(measure: str, *argv: str, note: str = "", runs: int = CLI_RUNS) -> str:
        # The median of a few runs: one run on a shared machine is off by a third either way.
        found = [timed_cpu(corpus, data, *argv) for _ in range(runs)]
        seconds = statistics.median(f[0] for f in found)
        cpu = statistics.median(f[1] for f in found)
        median = f"median of {runs}; " if runs > 1 else ""
        rows.append(_row(size, measure, seconds, "s", f"{median}cpu {cpu:.2f} s {note}".strip()))
        return found[-1][2]

    for argv in (("docs", "--json"), ("actors", "--json")):
        out = measure(" ".join(argv), *argv)
    top = json.loads(out)["actors"][0]["id"]
    measure("actors ACTOR", "actors", top, note=top)
    # The summaries are stored until a write changes what they are made of: the first listing
    # after a correction summarises every actor again (then the correction is undone).
    timed(corpus, data, "actors", "rename", top, "Renamed For The Benchmark")
    measure("actors --json, first after a correction", "actors", "--json", runs=1)
    timed(corpus, data, "actors", "undo")
    added = measure(
        "highlights add", "highlights", "add", "doc-0", "--start", "0", "--end", "9", runs=1
    )
    timed(corpus, data, "highlights", "list", "--json")  # the page cache warm for both
    out = measure("highlights list --json", "highlights", "list", "--json")
    count = len(json.loads(out)["highlights"])
    rows[-1]["note"] += f"; {count:,}"
    out_file = root / "export.md"
    measure("export --format md", "export", "--format", "md", "--out", str(out_file))
    rows[-1]["note"] += f"; {count:,}"
    timed(corpus, data, "highlights", "remove", added.strip())
    painted, memory = window_best(corpus, data)
    rows.append(_row(size, "window: first paint", painted, "s", f"best of {WINDOW_RUNS}"))
    rows.append(_row(size, "window: peak memory", memory, "MB"))
    return rows


def run_size(size: int) -> list[dict[str, Any]]:
    keep = os.environ.get(DIR_ENV_VAR)
    if keep:
        root = Path(keep) / str(size)
        root.mkdir(parents=True, exist_ok=True)
        return _prepare(size, root) + _warm_rows(size, root)
    with tempfile.TemporaryDirectory() as tmp:
        return _prepare(size, Path(tmp)) + _warm_rows(size, Path(tmp))


def bundled_window() -> tuple[float, float]:
    """Return the window's first paint and peak memory on the bundled corpus (warm index, no
    highlights): what the targets at 5,000 documents compare with."""
    corpus = ROOT / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        timed(corpus, data, "actors", "--json")  # builds and fills the index
        window_start(corpus, data)  # the first start lays out the window for the first time
        return window_best(corpus, data)


def _compared(rows: list[dict[str, Any]], painted: float, memory: float) -> list[dict[str, Any]]:
    """Say, beside each window row, how it compares with the bundled corpus's."""
    for row in rows:
        if row["measure"].startswith("window: first paint"):
            row["note"] += f"; {row['value'] / painted:.2f}× the bundled corpus's"
            row["target"] = "≤ 1.5× the bundled corpus's at 5,000"
        elif row["measure"].startswith("window: peak memory"):
            row["note"] = f"{row['value'] - memory:+.0f} MB over the bundled corpus's"
            row["target"] = "≤ +100 MB over the bundled corpus's at 5,000"
    return rows


def run() -> list[dict[str, Any]]:
    sizes = os.environ.get(SIZES_ENV_VAR)
    chosen = [int(s) for s in sizes.split(",")] if sizes else list(DEFAULT_SIZES)
    if os.environ.get("READER_BENCH_SHORT"):
        chosen = [min(s, 50) for s in chosen]
    painted, memory = bundled_window()
    rows = [
        _row(0, "window: first paint (bundled corpus)", painted, "s"),
        _row(0, "window: peak memory (bundled corpus)", memory, "MB"),
    ]
    for row in rows:
        row["measure"] = row["measure"].removesuffix(", 0 docs")
    return rows + _compared([row for size in chosen for row in run_size(size)], painted, memory)
