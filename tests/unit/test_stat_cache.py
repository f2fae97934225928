"""The extractor's version is kept in the cache folder for its files' stamps: read back while
they are unchanged, computed again when one changes, appears or goes, or the model is switched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.corpus.locate import resources_dir
from reader.library import indexing
from reader.library.indexing import VERSION_FILE, extraction_version
from reader.store.stat_cache import cached_by_stats


def test_a_value_is_computed_again_only_when_a_file_changes(tmp_path: Path) -> None:
    one, two = tmp_path / "one.toml", tmp_path / "two.toml"
    one.write_text("a", "utf-8")
    record = tmp_path / "cache" / "value.json"
    calls: list[str] = []

    def compute() -> str:
        calls.append("x")
        return f"value {len(calls)}"

    assert cached_by_stats(record, [one, two], "", compute) == "value 1"
    assert cached_by_stats(record, [one, two], "", compute) == "value 1"  # read back
    two.write_text("appears", "utf-8")
    assert cached_by_stats(record, [one, two], "", compute) == "value 2"
    one.write_text("longer now", "utf-8")
    assert cached_by_stats(record, [one, two], "", compute) == "value 3"
    stamp = os.stat(one).st_mtime_ns
    os.utime(one, ns=(stamp + 5_000_000_000, stamp + 5_000_000_000))  # same size, touched
    assert cached_by_stats(record, [one, two], "", compute) == "value 4"
    assert cached_by_stats(record, [one, two], "other", compute) == "value 5"
    two.unlink()
    assert cached_by_stats(record, [one, two], "other", compute) == "value 6"
    record.write_text("{not json", "utf-8")  # a damaged record is rebuilt
    assert cached_by_stats(record, [one, two], "other", compute) == "value 7"
    assert cached_by_stats(record, [one, two], "other", compute) == "value 7"


def test_the_cached_version_is_the_computed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "gazetteer.user.toml"
    gazetteers = [resources_dir() / "gazetteer.toml", user]
    for model in ("off", "on"):
        monkeypatch.setenv(indexing.MODEL_ENV_VAR, model)
        assert extraction_version(gazetteers, tmp_path) == extraction_version(gazetteers)
    assert (tmp_path / VERSION_FILE).exists()

    def computed(paths: list[Path]) -> str:
        raise AssertionError("computed again although nothing changed")

    with monkeypatch.context() as patched:
        patched.setattr(indexing, "_extraction_version", computed)
        extraction_version(gazetteers, tmp_path)  # the model still "on": read back
    monkeypatch.setenv(indexing.MODEL_ENV_VAR, "off")
    rules = extraction_version(gazetteers, tmp_path)
    assert rules == extraction_version(gazetteers) and "/rules/" in rules
    user.write_text('[[actor]]\nname = "Someone New"\nkind = "person"\n', "utf-8")
    assert extraction_version(gazetteers, tmp_path) == extraction_version(gazetteers) != rules
