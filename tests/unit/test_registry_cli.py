"""``actors`` corrections on the command line: every view follows, across restarts, and undoes.

Each ``main([...])`` call opens the library afresh, as a new process would, so every check
after a correction is also a check that it persisted.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from reader.library import MODEL_ENV_VAR, Library
from reader.store.registry import CORRECTIONS_FILE
from tests.unit.cli_helpers import run
from tests.unit.export_helpers import fact_text, highlight_sections, split_front_matter


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV_VAR, "off")


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out) if "--json" in argv else out


def actors(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in ok(capsys, "actors", "--json")["actors"]}


def passages(capsys: pytest.CaptureFixture[str], actor: str) -> list[str]:
    code, out, _ = run(capsys, "actors", "show", actor, "--json")
    return [] if code else [p["passage"] for p in json.loads(out)["passages"]]


def extracted(capsys: pytest.CaptureFixture[str], doc: str) -> list[set[str]]:
    found = ok(capsys, "extract", doc, "--json")["documents"][0]["passages"]
    return [{a["id"] for a in p["actors"]} for p in found]


DOC = "taliban-international-diplomacy"


def test_actors_json_gives_the_registry_keys(capsys: pytest.CaptureFixture[str]) -> None:
    us = actors(capsys)["united-states"]
    assert set(us) == {
        "id", "name", "kind", "aliases", "passages", "documents", "first_date", "last_date",
    }
    assert {"US", "U.S."} <= set(us["aliases"]) and "United States" not in us["aliases"]
    assert us["documents"] == 5 and us["first_date"] == "2015-05"
    assert us["last_date"] == "2024-01-25" and us["passages"] >= us["documents"]


def test_merge_follows_everywhere_persists_and_undoes(capsys: pytest.CaptureFixture[str]) -> None:
    before = actors(capsys)
    taliban_passages = passages(capsys, "taliban")
    assert any("taliban" in p for p in extracted(capsys, DOC))
    ok(capsys, "actors", "merge", "Taliban", "afghanistan")
    after = actors(capsys)
    assert "taliban" not in after
    assert after["afghanistan"]["passages"] > before["afghanistan"]["passages"]
    assert "Taliban" in after["afghanistan"]["aliases"]
    assert set(taliban_passages) <= set(passages(capsys, "afghanistan"))
    assert passages(capsys, "taliban") == passages(capsys, "afghanistan")  # by its old name
    assert not any("taliban" in p for p in extracted(capsys, DOC))
    history = ok(capsys, "actors", "history", "--json")["corrections"]
    assert [(c["op"], c["actor"], c["target"]) for c in history] == [
        ("merge", "taliban", "afghanistan")
    ]
    ok(capsys, "actors", "undo")
    assert actors(capsys) == before
    assert passages(capsys, "taliban") == taliban_passages
    assert any("taliban" in p for p in extracted(capsys, DOC))
    assert ok(capsys, "actors", "history", "--json") == {"corrections": []}


def test_rename_and_kind_keep_the_id(capsys: pytest.CaptureFixture[str]) -> None:
    before = passages(capsys, "doha")
    ok(capsys, "actors", "rename", "doha", "Doha, Qatar")
    ok(capsys, "actors", "kind", "Doha, Qatar", "state")
    doha = actors(capsys)["doha"]
    assert (doha["name"], doha["kind"]) == ("Doha, Qatar", "state")
    assert passages(capsys, "doha") == before
    shown = ok(capsys, "actors", "doha")
    assert shown.startswith("Doha, Qatar (state)")
    found = ok(capsys, "extract", DOC, "--json")["documents"][0]["passages"]
    names = {(a["name"], a["kind"]) for p in found for a in p["actors"] if a["id"] == "doha"}
    assert names == {("Doha, Qatar", "state")}
    ok(capsys, "actors", "undo")
    ok(capsys, "actors", "undo")
    assert (actors(capsys)["doha"]["name"], actors(capsys)["doha"]["kind"]) == ("Doha", "place")


def test_split_and_alias(capsys: pytest.CaptureFixture[str]) -> None:
    us = actors(capsys)["united-states"]
    ok(capsys, "actors", "split", "united-states", "Washington")
    after = actors(capsys)
    assert "Washington" not in after["united-states"]["aliases"]
    assert after["washington"]["kind"] == "state"
    assert after["united-states"]["passages"] < us["passages"]
    ok(capsys, "actors", "alias", "United States", "washington")
    assert "washington" not in actors(capsys)
    assert actors(capsys)["united-states"] == us
    ok(capsys, "actors", "undo")
    ok(capsys, "actors", "undo")
    assert actors(capsys)["united-states"] == us


def test_reject_everywhere_or_in_one_passage(capsys: pytest.CaptureFixture[str]) -> None:
    where = passages(capsys, "kazakhstan")
    assert where == [f"{DOC}:7"]
    ok(capsys, "actors", "reject", "kazakhstan", "--passage", f"{DOC}:6")
    assert passages(capsys, "kazakhstan") == where  # not in that passage anyway
    ok(capsys, "actors", "reject", "kazakhstan", "--passage", f"{DOC}:7")
    assert passages(capsys, "kazakhstan") == [] and "kazakhstan" not in actors(capsys)
    assert "kazakhstan" not in extracted(capsys, DOC)[7]
    ok(capsys, "actors", "undo")
    assert passages(capsys, "kazakhstan") == where
    doha = passages(capsys, "doha")
    ok(capsys, "actors", "reject", "Doha")
    assert passages(capsys, "doha") == []
    ok(capsys, "actors", "undo")
    assert passages(capsys, "doha") == doha


def test_corrections_survive_re_extraction(capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "actors", "merge", "taliban", "afghanistan")
    library = Library()
    library.index.get()
    # A gazetteer change drops every stored result: everything is resolved again.
    library.actors.add_gazetteer_entry("Nobody Special", "person")
    assert library.index.get().actor_counts() == {}
    assert "taliban" not in library.actors.counts()
    found = library.actors.extract(DOC).passages
    assert "taliban" not in {a.actor.id for p in found for a in p.actors}
    library.close()
    assert "taliban" not in actors(capsys)
    assert not any("taliban" in p for p in extracted(capsys, DOC))


def test_the_history_is_a_private_file_in_the_data_folder(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    ok(capsys, "actors", "rename", "doha", "Ad Dawhah")
    path = data_dir / CORRECTIONS_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["corrections"][0]["name"] == "Ad Dawhah"
    history = ok(capsys, "actors", "history")
    assert "rename doha to 'Ad Dawhah'" in history


def test_actor_arguments_and_mistakes(capsys: pytest.CaptureFixture[str]) -> None:
    assert passages(capsys, "US") == passages(capsys, "united-states")  # an alias
    code, _, err = run(capsys, "actors", "merge", "nobody", "taliban")
    assert code == 1 and "no actor has the id, name or alias 'nobody'" in err
    code, _, err = run(capsys, "actors", "merge", "taliban", "taliban")
    assert code == 1 and "into itself" in err
    code, _, err = run(capsys, "actors", "split", "taliban", "Kabul")
    assert code == 1 and "no mention of Taliban is worded 'Kabul'" in err
    code, _, err = run(capsys, "actors", "kind", "taliban", "country")
    assert code == 1 and "kind must be one of" in err
    code, _, err = run(capsys, "actors", "rename", "taliban")
    assert code == 1 and "usage: actors rename ACTOR NAME" in err
    code, _, err = run(capsys, "actors", "taliban", "extra")
    assert code == 1 and "not a verb" in err
    code, _, err = run(capsys, "actors", "undo")
    assert code == 1 and "nothing to undo" in err
    code, _, err = run(capsys, "actors", "reject", "taliban", "--passage", "nowhere")
    assert code == 1 and "DOCUMENT:INDEX" in err


def test_an_ambiguous_name_lists_the_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "actors", "rename", "doha", "Pakistan")
    code, _, err = run(capsys, "actors", "merge", "Pakistan", "taliban")
    assert code == 1 and "names more than one actor" in err
    assert "doha (Pakistan, place)" in err and "pakistan (Pakistan, state)" in err
    code, _, err = run(capsys, "actors", "Pakistan")
    assert code == 1 and "names more than one actor" in err
    assert passages(capsys, "pakistan")  # an id is never ambiguous


def test_an_actor_whose_id_is_a_verb_is_reached_with_show(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ok(capsys, "actors", "split", "russia", "Moscow")
    ok(capsys, "actors", "rename", "moscow", "undo")
    ok(capsys, "actors", "merge", "moscow", "russia")  # id moscow stays; now merged
    ok(capsys, "actors", "undo")
    ok(capsys, "actors", "split", "united-states", "Washington")
    ok(capsys, "actors", "alias", "washington", "Kabul")
    assert passages(capsys, "washington")
    code, _, err = run(capsys, "actors", "show")
    assert code == 1 and "usage: actors show ACTOR" in err


def test_exports_follow_a_correction(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    library = Library()
    found = library.actors.extract(DOC).passages
    index = next(p.passage_index for p in found if "taliban" in p.actor_ids())
    passage = library.documents.get(DOC).passages[index]
    library.highlights.add(DOC, passage.start, passage.start + 20)
    out = tmp_path / "h.md"

    def actors_line() -> str:
        ok(capsys, "export", "--format", "md", "--out", str(out), "--doc", DOC)
        _, body = split_front_matter(out.read_text("utf-8"))
        return fact_text(highlight_sections(body)[0]["facts"], "Actors")

    assert "Taliban" in actors_line().split(" · ")
    ok(capsys, "actors", "rename", "taliban", "Islamic Emirate")
    names = actors_line().split(" · ")
    assert "Islamic Emirate" in names and "Taliban" not in names
    ok(capsys, "actors", "undo")
    assert "Taliban" in actors_line().split(" · ")
