"""Ctrl+C and SIGTERM stop the real window cleanly: its state is saved and no process it
started (the spaCy child, multiprocessing's resource tracker) is left behind."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _descendants(pid: int) -> set[int]:
    """Return the ids of every live process below ``pid``."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name may hold spaces and parentheses: the fields follow the last ")".
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        children = [p for p, pp in parents.items() if pp == parent]
        found.update(children)
        todo.extend(children)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(data_dir: Path, **env: str) -> subprocess.Popen[str]:
    environ = dict(os.environ, READER_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    environ.update(READER_STARTUP_PROBE="1", **env)
    process = subprocess.Popen(
        [sys.executable, "main.py"], cwd=ROOT, env=environ, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(60):
            process.kill()
            raise AssertionError("the window did not paint in time")
    assert process.stdout.readline().strip() == "painted"
    return process


def _wait_for(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
@pytest.mark.spacy_model
def test_sigterm_ends_the_model_process_and_saves_the_state(data_dir: Path) -> None:
    # A cold cache: extraction starts the spaCy child right after the first paint.
    process = _start(data_dir)
    try:
        assert _wait_for(lambda: len(_descendants(process.pid)) >= 2, 60), "no child started"
        children = _descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signal.SIGTERM
    assert _wait_for(lambda: not any(_alive(p) for p in children), 10), [
        p for p in children if _alive(p)
    ]
    state = json.loads((data_dir / "state" / "window.json").read_text(encoding="utf-8"))
    assert len(state["panes"]) == 2


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_ctrl_c_closes_the_window_and_saves_the_state(data_dir: Path) -> None:
    process = _start(data_dir, READER_EXTRACT_MODEL="off")
    try:
        process.send_signal(signal.SIGINT)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signal.SIGINT
    assert (data_dir / "state" / "window.json").is_file()
    assert "stopping on signal SIGINT" in (data_dir / "logs" / "reader.log").read_text("utf-8")
