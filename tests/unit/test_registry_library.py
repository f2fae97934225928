"""The registry in the library: corrections never run the model, reach other processes as
change records, and a correction made during extraction still reaches its results; the history
file's damage and a newer program's entries are handled."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from reader.core.actors import ActorId
from reader.core.registry import Correction
from reader.extract.model import RawSpan
from reader.library import MODEL_ENV_VAR, Changes, Library
from reader.store.registry import CORRECTIONS_FILE, CorrectionStore

DOC = "taliban-international-diplomacy"


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV_VAR, "off")


class CountingModel:
    """Stands in for spaCy: finds nothing, counts the passages it is asked about."""

    def __init__(self) -> None:
        self.texts = 0

    def load(self) -> Any:
        return None

    def version(self) -> str:
        return "counting-1"

    def raw_spans(self, texts: Sequence[str]) -> list[list[RawSpan]]:
        self.texts += len(texts)
        return [[] for _ in texts]


def test_a_correction_resolves_again_from_the_cached_spans_without_the_model() -> None:
    library = Library()
    model = CountingModel()
    library.actors.extractor().model = model  # type: ignore[assignment]
    library.actors.ensure()
    assert model.texts > 0
    ran = model.texts
    result = library.registry.merge("taliban", "afghanistan")
    assert DOC in result.documents
    assert model.texts == ran  # every passage came from the cache
    assert "taliban" not in library.actors.counts()
    library.registry.undo()
    assert model.texts == ran and "taliban" in library.actors.counts()


def test_other_processes_hear_of_a_correction(data_dir: Path) -> None:
    window, cli = Library(), Library()
    window.actors.ensure()
    window.changes.start_listening()
    heard: list[Changes] = []
    window.changes.subscribe(heard.append)
    assert window.actors.count("taliban")  # the window has read (and cached) the counts
    result = cli.registry.reject("taliban")
    found = window.changes.poll_others()
    assert found is not None and found.registry and set(result.documents) <= found.actors
    assert heard and window.actors.count("taliban") is None


def test_a_correction_made_during_extraction_reaches_its_results() -> None:
    library, other = Library(), Library()
    index = library.index.get()
    real = index.put_extraction

    def put_late(*args: Any) -> bool:
        # Another process corrects after these were resolved, before they are stored: its
        # re-resolving found nothing of them in the index.
        other.registry._store.append(Correction("reject", ActorId("taliban")))
        return real(*args)

    index.put_extraction = put_late  # type: ignore[method-assign]
    library.actors.ensure([DOC])
    facts = library.actors.facts(DOC)
    assert facts is not None
    assert not any("taliban" in p.actor_ids() for p in facts.actors.passages)


def test_a_damaged_history_is_moved_aside(data_dir: Path) -> None:
    (data_dir / CORRECTIONS_FILE).write_text("{not json")
    store = CorrectionStore(data_dir / CORRECTIONS_FILE, data_dir / "lock", data_dir / "damaged")
    assert store.corrections() == ()
    assert store.damages and (data_dir / "damaged").exists()
    assert store.pop() is None


def test_a_newer_programs_corrections_are_kept_but_not_applied(data_dir: Path) -> None:
    path = data_dir / CORRECTIONS_FILE
    entries = [{"op": "rename", "actor": "doha", "name": "Ad Dawhah"}, {"op": "translate"}]
    path.write_text(json.dumps({"schema": 1, "corrections": entries}))
    library = Library()
    library.actors.ensure()
    assert [c.op for c in library.registry.history()] == ["rename"]
    library.registry.rename("russia", "Russian Federation")
    kept = json.loads(path.read_text())["corrections"]
    assert [c.get("op") for c in kept] == ["rename", "translate", "rename"]
    library.registry.undo()
    assert [c.get("op") for c in json.loads(path.read_text())["corrections"]] == [
        "rename",
        "translate",
    ]


def test_an_index_without_the_words_table_gets_it_filled(data_dir: Path) -> None:
    library = Library()
    library.actors.ensure()
    before = library.registry.overview()
    path = library.index.get().path
    library.close()
    with sqlite3.connect(path) as conn:  # an index written by the program before this table
        conn.execute("DROP TABLE actor_words")
    again = Library()
    assert again.registry.overview(extract=False) == before
    us = next(s for s in before if s.actor.id == "united-states")
    assert {"US", "U.S.", "United States"} <= set(us.words)
    again.close()


def test_the_words_follow_documents_as_they_are_extracted_again(data_dir: Path) -> None:
    library = Library()
    library.actors.ensure()
    before = library.registry.overview()
    library.actors.add_gazetteer_entry("Nobody Special", "person")  # every result dropped
    assert library.registry.overview(extract=False) == []
    assert library.registry.overview() == before
