"""``python main.py extract --json`` as a user runs it: the library and a file, with the model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.spacy_model
def test_extract_gives_actors_for_the_library_and_a_file(tmp_path: Path, data_dir: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(
        "Zalmay Khalilzad met Mullah Baradar in Doha.\n\nKhalilzad said Washington was ready.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "READER_DATA_DIR": str(data_dir)}
    env.pop("READER_EXTRACT_MODEL", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "extract", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and "recall is reduced" not in done.stderr, done.stderr
    docs = json.loads(done.stdout)["documents"]
    assert len(docs) == 5
    body = [p for d in docs for p in d["passages"] if not p["chrome"]]
    with_actors = [p for p in body if p["actors"]]
    assert len(with_actors) >= 0.9 * len(body)  # a few passages (Persian quotes) name no one
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "extract", str(note), "--published", "2020-02-29"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Zalmay Khalilzad (person), Abdul Ghani Baradar (person), Doha (place)" in done.stdout
    assert "¶2  Zalmay Khalilzad (person), United States (state)" in done.stdout
