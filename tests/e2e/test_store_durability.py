"""Kills, damage and concurrent writers lose nothing (real processes, real files)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.library import Library

WORKER = Path(__file__).with_name("store_worker.py")
ROOT = Path(__file__).resolve().parents[2]


def start_worker(corpus: Path, data: Path, count: int, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(corpus), str(data), str(count), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def wait_ready(proc: subprocess.Popen[str]) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line == "ready\n", proc.stderr.read() if proc.stderr else line


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_highlight(
    tmp_path: Path, corpus_dir: Path
) -> None:
    data = tmp_path / "data"
    rng = random.Random(6)
    acknowledged: set[str] = set()
    edited: set[str] = set()
    kills = torn = 0
    # At least 20 kills however loaded the machine (up to 5 minutes); then more until 45 s.
    started = time.monotonic()
    while kills < 80 and time.monotonic() - started < (45 if kills >= 20 else 300):
        proc = start_worker(corpus_dir, data, 10_000, "edit")
        wait_ready(proc)
        assert proc.stdout is not None
        # Let it run through a random number of adds, then kill it in the middle of whatever
        # it is doing (most of an add's time is the write).
        lines = [proc.stdout.readline().strip() for _ in range(rng.randint(0, 50))]
        time.sleep(rng.uniform(0, 0.004))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        lines += [line for line in rest.splitlines() if line]
        acknowledged.update(line for line in lines if not line.startswith("="))
        edited.update(line[1:] for line in lines if line.startswith("="))
        kills += 1
        leftovers = list((data / "highlights").glob(".*.tmp"))  # killed mid-write
        torn += bool(leftovers)
        for tmp in leftovers:
            tmp.unlink()
        library = Library(corpus_dir, data)
        stored = {h.id: h for h in library.highlights.list()}
        lost = acknowledged - set(stored)
        assert not lost, f"lost after kill {kills} ({torn} mid-write so far): {lost}"
        assert all(stored[i].note == "edited" for i in edited), f"an edit lost at kill {kills}"
        assert library.damage_reports() == []
    assert kills >= 20 and len(acknowledged) > kills and edited


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path, corpus_dir: Path) -> None:
    data = tmp_path / "data"
    library = Library(corpus_dir, data)
    doc = library.documents.ids()[0]
    shared = library.highlights.add(doc, 0, 10)
    procs = [start_worker(corpus_dir, data, 40, "share", shared.id) for _ in range(3)]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    lines = [line for out, _ in outputs for line in out.splitlines() if line != "ready"]
    ids = {line for line in lines if not line.startswith("+")}
    tags = {line[1:] for line in lines if line.startswith("+")}
    assert len(ids) == 120 and len(tags) == 120
    fresh = Library(corpus_dir, data)
    stored = {h.id: h for h in fresh.highlights.list()}
    assert ids <= set(stored)
    assert tags <= set(stored[shared.id].tags)
    assert len(stored) == 121 and fresh.damage_reports() == []
