"""The real program: highlight, export to every format, import into a fresh data folder."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_highlights_program import reader

DOC = "qatar-peace-dialogue"


def test_export_and_import_from_the_shell(data_dir: Path, tmp_path: Path) -> None:
    added = reader(data_dir, "highlights", "add", DOC, "--quote", "peace talks", "--occurrence",
                   "1", "--note", "a, \"note\"\n---", "--tag", "doha")
    assert added.returncode == 0, added.stderr
    for fmt in ("md", "csv", "json"):
        done = reader(data_dir, "export", "--format", fmt, "--out", str(tmp_path / f"all.{fmt}"))
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == str(tmp_path / f"all.{fmt}")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    imported = reader(fresh, "highlights", "import", str(tmp_path / "all.json"))
    assert imported.returncode == 0, imported.stderr
    before = json.loads(reader(data_dir, "highlights", "list", "--json").stdout)
    after = json.loads(reader(fresh, "highlights", "list", "--json").stdout)
    assert after == before and len(after["highlights"]) == 1
    link = json.loads((tmp_path / "all.json").read_text("utf-8"))["first"]["items"][0]
    opened = reader(fresh, "open", link["target"]["source"], "--json")
    assert opened.returncode == 0, opened.stderr
    assert json.loads(opened.stdout)["quote"] == "peace talks"
    bad = reader(fresh, "open", "reader://open/nope?start=0")
    assert bad.returncode == 1 and bad.stderr.startswith("error: ")


def test_open_link_starts_the_window_at_that_place(data_dir: Path) -> None:
    doc_id = "norway-peace-diplomacy"
    shown = reader(data_dir, "docs", "show", doc_id, "--json")
    last = json.loads(shown.stdout)["passages"][-1]
    link = f"reader://open/{doc_id}?start={last['start']}&end={last['end']}"
    env = {"READER_QUIT_AFTER_MS": "3000"}
    done = reader(data_dir, "open", link, extra_env=env)
    assert done.returncode == 0, done.stderr
    state = json.loads((data_dir / "state" / "window.json").read_text(encoding="utf-8"))
    panes = [p for p in state["panes"] if p["doc_id"] == doc_id]
    assert panes and panes[0]["offset"] <= last["start"] < last["end"]
    assert panes[0]["offset"] >= json.loads(shown.stdout)["passages"][-2]["start"]
