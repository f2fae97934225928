"""The model layer: raw spans are a pure function of the text, cacheable, and serialisable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.gazetteer import load_gazetteer
from reader.extract.model import (
    EXTRACTOR_VERSION,
    RawSpan,
    SpacyModel,
    raw_key,
    spans_from_json,
    spans_to_json,
)
from reader.library import Library


class DictCache:
    """A raw-span cache in memory, as issue 4's cache on disk will be."""

    def __init__(self) -> None:
        self.data: dict[str, list[RawSpan]] = {}

    def get_many(self, keys: Sequence[str]) -> list[list[RawSpan] | None]:
        return [self.data.get(k) for k in keys]

    def put_many(self, items: Mapping[str, Sequence[RawSpan]]) -> None:
        self.data.update({k: list(v) for k, v in items.items()})


_spans = st.lists(
    st.builds(RawSpan, st.text(max_size=12), st.integers(0, 10**6), st.integers(0, 10**6))
)


@given(_spans)
def test_raw_spans_survive_json(spans: list[RawSpan]) -> None:
    assert spans_from_json(spans_to_json(spans)) == spans


def test_malformed_cached_spans_are_refused() -> None:
    with pytest.raises(ValueError):
        spans_from_json([["PERSON", 0]])


def test_the_key_changes_with_the_text_and_the_version() -> None:
    assert raw_key("Kabul", "v1") == raw_key("Kabul", "v1")
    assert raw_key("Kabul", "v1") != raw_key("Kabul.", "v1")
    assert raw_key("Kabul", "v1") != raw_key("Kabul", "v2")


@pytest.mark.spacy_model
def test_raw_spans_are_a_pure_function_of_the_text() -> None:
    model = SpacyModel()
    text = "Moscow says Sergey Lavrov met the Taliban in Doha."
    first, second = model.raw_spans([text, text])
    assert first == second and first
    assert all(0 <= s.start < s.end <= len(text) for s in first)
    assert {text[s.start : s.end] for s in first if s.label == "PERSON"} == {"Sergey Lavrov"}


@pytest.mark.spacy_model
def test_a_warm_start_with_a_cache_runs_the_model_on_nothing() -> None:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    cache = DictCache()
    docs = [Library().documents.get(d) for d in Library().documents.ids()]
    cold = ActorExtractor(gazetteer, SpacyModel(), cache)
    cold_results = cold.extract_many(docs)
    assert cold.model_runs == sum(1 for d in docs for p in d.passages if not p.chrome)
    assert EXTRACTOR_VERSION in cold.model_version()
    warm = ActorExtractor(gazetteer, SpacyModel(), cache)
    assert warm.extract_many(docs) == cold_results
    assert warm.model_runs == 0


@pytest.mark.spacy_model
def test_warming_up_loads_the_model() -> None:
    assert Library().actors.warm_up() is True
