"""The real program: a user's highlight task from the shell, then the files on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = "norway-peace-diplomacy"


def reader(
    data_dir: Path, *argv: str, stdin: str | None = None, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "READER_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen",
           **(extra_env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_highlight_annotate_list_and_notes_from_the_shell(data_dir: Path) -> None:
    added = reader(
        data_dir,
        "highlights",
        "add",
        DOC,
        "--start",
        "100",
        "--end",
        "160",
        "--note",
        "first",
        "--tag",
        "norway",
    )
    assert added.returncode == 0, added.stderr
    hid = added.stdout.strip()
    assert reader(data_dir, "highlights", "edit", hid, "--color", "purple").returncode == 0
    assert reader(data_dir, "notes", "set", DOC, "-", stdin="typed\nin a pipe\n").returncode == 0
    listed = reader(data_dir, "highlights", "list", "--json")
    (row,) = json.loads(listed.stdout)["highlights"]
    assert (row["id"], row["color"], row["note"], row["tags"]) == (
        hid,
        "purple",
        "first",
        ["norway"],
    )
    assert reader(data_dir, "notes", "get", DOC).stdout == "typed\nin a pipe\n"
    on_disk = json.loads((data_dir / "highlights" / f"{DOC}.json").read_text())
    assert on_disk["schema"] == 1 and hid in json.dumps(on_disk["highlights"])
    missing = reader(data_dir, "highlights", "remove", "0b6a3b9e-2b1f-4d8e-9a55-000000000000")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr.startswith("error: no highlight")
