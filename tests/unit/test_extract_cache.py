"""The extraction cache on disk: a second start runs the model on nothing."""

from __future__ import annotations

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
    (folder / f"{key[:2]}.json").write_text("{broken")
    cache = _cache(tmp_path)
    assert cache.get_many([key]) == [None]
    assert len(list((tmp_path / "damaged").iterdir())) == 1
    cache.put_many({key: [RawSpan("GPE", 0, 5)]})
    assert _cache(tmp_path).get_many([key]) == [[RawSpan("GPE", 0, 5)]]


@pytest.mark.spacy_model
def test_a_second_start_runs_the_model_on_no_passage(data_dir: Path) -> None:
    first = Library()
    cold = first.actors.extract_many()
    assert first.actors.extractor().model_runs > 0
    second = Library()  # a new start: nothing in memory, the cache on disk
    warm = second.actors.extract_many()
    assert second.actors.extractor().model_runs == 0
    assert [d.passages for d in warm] == [d.passages for d in cold]
