"""The extraction cache on disk: a second start runs the model on nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.extract.model import RawSpan, raw_key
from reader.library import Library
from reader.store.extract_cache import RawSpanDiskCache


def _cache(root: Path) -> RawSpanDiskCache:
    return RawSpanDiskCache(root / "cache" / "extract", root / "damaged")


def test_spans_survive_a_new_process(tmp_path: Path) -> None:
    key = raw_key("Sergey Lavrov met the Taliban.", "m1")
    _cache(tmp_path).put_many({key: [RawSpan("PERSON", 0, 13)]})
    fresh = _cache(tmp_path)
    assert fresh.get_many([key, raw_key("other", "m1")]) == [[RawSpan("PERSON", 0, 13)], None]
    assert (fresh.hits, fresh.misses) == (1, 1)


def test_an_empty_result_is_cached_too(tmp_path: Path) -> None:
    key = raw_key("Nothing here.", "m1")
    _cache(tmp_path).put_many({key: []})
    assert _cache(tmp_path).get_many([key]) == [[]]


def test_entries_of_an_older_model_version_are_dropped(tmp_path: Path) -> None:
    old, new = raw_key("Same text", "m1"), raw_key("Same text", "m2")
    cache = _cache(tmp_path)
    cache.put_many({old: [RawSpan("GPE", 0, 4)]})
    cache.put_many({new: [RawSpan("GPE", 0, 4)]})
    assert _cache(tmp_path).get_many([old, new]) == [None, [RawSpan("GPE", 0, 4)]]


def test_a_damaged_shard_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    key = raw_key("Kabul", "m1")
    folder = tmp_path / "cache" / "extract"
    folder.mkdir(parents=True)
    (folder / f"{key[:2]}.jsonl").write_text("{broken")
    cache = _cache(tmp_path)
    assert cache.get_many([key]) == [None]
    assert len(list((tmp_path / "damaged").iterdir())) == 1
    cache.put_many({key: [RawSpan("GPE", 0, 5)]})
    assert _cache(tmp_path).get_many([key]) == [[RawSpan("GPE", 0, 5)]]


def _same_shard(count: int) -> list[str]:
    """Return ``count`` keys of one shard (the key's first two hex digits)."""
    keys: list[str] = []
    n = 0
    while len(keys) < count:
        key = raw_key(f"passage {n}", "m1")
        if key.startswith("ab"):
            keys.append(key)
        n += 1
    return keys


def test_new_entries_are_appended_not_the_shard_rewritten(tmp_path: Path) -> None:
    keys = _same_shard(41)
    cache = _cache(tmp_path)
    cache.put_many({k: [RawSpan("PERSON", 0, 5)] for k in keys[:40]})
    shard = tmp_path / "cache" / "extract" / "ab.jsonl"
    before = shard.read_bytes()
    written = cache.bytes_written
    cache.put_many({keys[40]: [RawSpan("GPE", 1, 6)]})
    after = shard.read_bytes()
    assert after.startswith(before)  # what was there is left as it was
    assert cache.bytes_written - written == len(after) - len(before) < 200
    fresh = _cache(tmp_path)
    assert fresh.get_many(keys[39:]) == [[RawSpan("PERSON", 0, 5)], [RawSpan("GPE", 1, 6)]]


def test_a_line_torn_by_a_crash_loses_only_its_entry(tmp_path: Path) -> None:
    keys = _same_shard(3)
    _cache(tmp_path).put_many({keys[0]: [RawSpan("ORG", 0, 3)]})
    shard = tmp_path / "cache" / "extract" / "ab.jsonl"
    with shard.open("ab") as out:
        out.write(b'["' + keys[1].encode() + b'",[["PER')  # the crash came mid-line
    cache = _cache(tmp_path)
    assert cache.get_many(keys[:2]) == [[RawSpan("ORG", 0, 3)], None]
    cache.put_many({keys[2]: [RawSpan("GPE", 0, 4)]})
    assert _cache(tmp_path).get_many(keys) == [[RawSpan("ORG", 0, 3)], None, [RawSpan("GPE", 0, 4)]]


def test_a_shard_of_the_old_format_is_replaced(tmp_path: Path) -> None:
    key = _same_shard(1)[0]
    folder = tmp_path / "cache" / "extract"
    folder.mkdir(parents=True)
    (folder / "ab.json").write_text('{"schema": 1, "entries": {}}')
    _cache(tmp_path).put_many({key: []})
    assert sorted(p.name for p in folder.iterdir()) == ["ab.jsonl"]


def test_an_upgrade_keeps_the_old_format_s_entries(tmp_path: Path) -> None:
    from reader.extract.model import spans_to_json

    old, new = _same_shard(2)
    folder = tmp_path / "cache" / "extract"
    folder.mkdir(parents=True)
    entries = {old: spans_to_json([RawSpan("GPE", 0, 6)])}
    (folder / f"{old[:2]}.json").write_text(json.dumps({"schema": 1, "entries": entries}))
    assert _cache(tmp_path).get_many([old]) == [[RawSpan("GPE", 0, 6)]]  # read before a write
    _cache(tmp_path).put_many({new: []})
    assert sorted(p.name for p in folder.iterdir()) == [f"{old[:2]}.jsonl"]
    assert _cache(tmp_path).get_many([old, new]) == [[RawSpan("GPE", 0, 6)], []]


@pytest.mark.spacy_model
def test_a_second_start_runs_the_model_on_no_passage(data_dir: Path) -> None:
    first = Library()
    cold = first.actors.extract_many()
    assert first.actors.extractor().model_runs > 0
    second = Library()  # a new start: nothing in memory, the cache on disk
    warm = second.actors.extract_many()
    assert second.actors.extractor().model_runs == 0
    assert [d.passages for d in warm] == [d.passages for d in cold]
