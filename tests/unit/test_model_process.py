"""The spaCy model in a spawned child process: same answers as in-process, errors come back."""

from __future__ import annotations

import time

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


@pytest.mark.slow
def test_an_idle_child_stops_and_comes_back_on_demand() -> None:
    model = ProcessSpacyModel("no-such-model-here", idle_stop_s=0.2)
    try:
        assert not model.running()
        assert not model.available()  # the call starts the child, which answers
        deadline = time.monotonic() + 10
        while model.running() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not model.running()
        assert not model.available()  # started again on demand
    finally:
        model.shutdown()
    assert not model.running()


def test_the_version_key_comes_without_starting_the_child() -> None:
    model = ProcessSpacyModel("no-such-model-here")
    with pytest.raises(ModelUnavailable, match="not installed"):
        model.version()
    assert not model.running()
