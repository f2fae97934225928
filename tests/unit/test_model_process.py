"""The spaCy model in a spawned child process: same answers as in-process, errors come back."""

from __future__ import annotations

import pytest

from reader.extract.model import ModelUnavailable, SpacyModel
from reader.extract.model_process import ProcessSpacyModel


@pytest.mark.slow
def test_a_model_that_cannot_load_says_so_and_the_child_stops() -> None:
    model = ProcessSpacyModel("no-such-model-here")
    try:
        with pytest.raises(ModelUnavailable, match="no-such-model-here"):
            model.load()
        assert not model.available()
    finally:
        model.shutdown()
    model.shutdown()  # twice is harmless


@pytest.mark.slow
@pytest.mark.spacy_model
def test_the_child_finds_what_the_model_finds_in_process() -> None:
    texts = ["Norway hosted the Taliban in Oslo.", "Jonas Gahr Støre met Amir Khan Muttaqi."]
    local = SpacyModel()
    if not local.available():
        pytest.skip("the spaCy model is not installed")
    remote = ProcessSpacyModel()
    try:
        assert remote.version() == local.version()
        assert remote.raw_spans(texts) == local.raw_spans(texts)
    finally:
        remote.shutdown()
