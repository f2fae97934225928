"""``python main.py related PASSAGE_ID --json`` as a user runs it, on the made-up corpus of two
reports of one meeting: the other report comes first, a bad id fails with a one-line error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "related"


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "READER_DATA_DIR": str(data_dir), "READER_EXTRACT_MODEL": "off"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--corpus", str(CORPUS), "related", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_related_finds_the_other_report(data_dir: Path) -> None:
    done = run(data_dir, "harbour-gazette:1", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["passage_id"] == "harbour-gazette:1"
    assert [r["passage_id"] for r in answer["related"]] == ["nordic-wire:2", "quota-review:1"]
    assert answer["related"][0]["shared_dates"] == ["2021-03-12"]
    again = run(data_dir, "harbour-gazette:1", "--json")  # the index is reused, same answer
    assert json.loads(again.stdout) == answer
    bad = run(data_dir, "harbour-gazette:99")
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.startswith("error: ") and len(bad.stderr.strip().splitlines()) == 1
