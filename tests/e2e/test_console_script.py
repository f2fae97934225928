"""The installed console script and main.py, run as a user would, from another folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["READER_DATA_DIR"] = str(data_dir)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_console_script_from_another_directory(tmp_path: Path, data_dir: Path) -> None:
    script = shutil.which("reference-reader", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.fail("the console script 'reference-reader' is not installed (pip install -e .)")
    done = subprocess.run(
        [script, "docs", "--json"],
        cwd=tmp_path,
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["documents"]) == 5


def test_main_py_from_another_directory(tmp_path: Path, data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "docs", "show", "norway-peace-diplomacy", "--json"],
        cwd=tmp_path,
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["passage_count"] == 11


def test_user_mistake_gives_no_traceback(tmp_path: Path, data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "docs", "show", "missing"],
        cwd=tmp_path,
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: no document with id 'missing' (see 'docs' for the list)"
    ]
