"""``python main.py`` as a user starts it: the window comes up, a second start hands over, and
the window closes cleanly, saving its state."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
from pathlib import Path

from reader.ui.app import HANDED_OVER
from reader.ui.single_instance import send_message, server_name

ROOT = Path(__file__).resolve().parents[2]
NOISE = "This plugin does not support"


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(READER_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen", **extra)
    return env


def _read_line(process: subprocess.Popen[str], timeout: float) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            process.kill()
            raise AssertionError("the window did not paint in time")
    return process.stdout.readline().strip()


def _messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if NOISE not in line]


def test_the_window_comes_up_and_exits_cleanly(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "main.py"],
        cwd=ROOT,
        env=_env(data_dir, READER_STARTUP_PROBE="1", READER_QUIT_AFTER_MS="3000"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    painted, shown, peak = done.stdout.splitlines()
    assert (painted, shown) == ("painted", "shown")
    # The window's own peak memory, not the test process's (which a fork would count).
    assert peak.startswith("peak_mb ") and 30 < float(peak.split()[1]) < 2_000
    assert _messages(done.stderr) == []
    state = json.loads((data_dir / "state" / "window.json").read_text(encoding="utf-8"))
    assert len(state["panes"]) == 2 and all(p["doc_id"] for p in state["panes"])


def test_a_second_start_hands_over_then_the_first_quits_on_request(
    data_dir: Path, qapp: object
) -> None:
    first = subprocess.Popen(
        [sys.executable, "main.py"],
        cwd=ROOT,
        env=_env(data_dir, READER_STARTUP_PROBE="1", READER_QUIT_AFTER_MS="60000"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _read_line(first, 30) == "painted"
        second = subprocess.run(
            [sys.executable, "main.py"],
            cwd=ROOT,
            env=_env(data_dir),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 0
        assert _messages(second.stderr) == [HANDED_OVER]
        assert send_message(server_name(data_dir), {"command": "quit"})
        _, stderr = first.communicate(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0
    assert _messages(stderr) == []


def test_nothing_slow_is_imported_on_the_way_to_the_window() -> None:
    code = (
        "import sys, reader.cli.main, reader.ui.app;"
        "print(sorted(m for m in ('fitz', 'pymupdf', 'spacy') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
