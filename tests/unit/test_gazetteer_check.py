"""The gazetteers' problems are kept for the files' contents, and found again when one changes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.library import MODEL_ENV_VAR, Library
from reader.store.gazetteer_check import CHECK_FILE, checked_problems


def test_the_check_runs_again_only_when_a_file_changes(tmp_path: Path) -> None:
    files = [tmp_path / "a.toml", tmp_path / "b.toml"]
    files[0].write_text("one")
    calls: list[int] = []

    def check() -> list[str]:
        calls.append(1)
        return [f"problem {len(calls)}"]

    cache = tmp_path / "cache"
    assert checked_problems(cache, files, check) == ["problem 1"]
    assert checked_problems(cache, files, check) == ["problem 1"] and len(calls) == 1
    files[1].write_text("")  # a file that appears, even empty, is a change
    assert checked_problems(cache, files, check) == ["problem 2"]
    files[0].write_text("two")
    assert checked_problems(cache, files, check) == ["problem 3"]
    (cache / CHECK_FILE).write_text("{not json")  # damaged: checked again, and rewritten
    assert checked_problems(cache, files, check) == ["problem 4"]
    assert json.loads((cache / CHECK_FILE).read_text())["problems"] == ["problem 4"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_not_a_missing_one(tmp_path: Path) -> None:
    files = [tmp_path / "a.toml"]
    assert checked_problems(tmp_path, files, lambda: []) == []
    files[0].write_text("x")
    files[0].chmod(0)
    assert checked_problems(tmp_path, files, lambda: ["unreadable"]) == ["unreadable"]


def test_a_broken_user_gazetteer_is_reported_at_every_listing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MODEL_ENV_VAR, "off")
    (data_dir / "gazetteer.user.toml").write_text("[[actor]\nname = ", "utf-8")
    for _ in range(2):  # the first check, then the kept one (nothing extracted by these)
        warnings = Library(data_dir=data_dir).actors.warnings()
        assert any("your gazetteer was not read" in w for w in warnings)
    (data_dir / "gazetteer.user.toml").unlink()
    warnings = Library(data_dir=data_dir).actors.warnings()
    assert not any("your gazetteer" in w for w in warnings)
