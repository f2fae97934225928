"""``extract`` on the command line, and the library's actor facade (rule-based extractor)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.library import MODEL_ENV_VAR, Library, LibraryError
from tests.unit.cli_helpers import run


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV_VAR, "off")


def test_extract_json_has_exactly_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "extract", "afghanistan-looks-to-russia", "--json")
    assert code == 0 and "recall is reduced" in err
    (doc,) = json.loads(out)["documents"]
    assert set(doc) == {"id", "path", "title", "published", "passages"}
    assert doc["path"] is None and doc["published"] == "2018-08-22"
    passage = doc["passages"][9]
    assert set(passage) == {"id", "index", "start", "end", "chrome", "text", "actors", "dates"}
    assert passage["dates"] == []
    (actor,) = passage["actors"]
    assert set(actor) == {"id", "name", "kind", "mentions"}
    assert (actor["id"], actor["name"], actor["kind"]) == (
        "united-states",
        "United States",
        "state",
    )
    assert [set(m) for m in actor["mentions"]] == [{"start", "end", "text"}]


def test_offsets_are_into_the_document_text(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "extract", "--json")
    docs = json.loads(out)["documents"]
    assert len(docs) == 5
    library = Library()
    for doc in docs:
        text = library.documents.get(doc["id"]).text
        for p in doc["passages"]:
            assert text[p["start"] : p["end"]] == p["text"]
            assert not (p["chrome"] and p["actors"])
            for actor in p["actors"]:
                for m in actor["mentions"]:
                    assert p["start"] <= m["start"] < m["end"] <= p["end"]
                    assert text[m["start"] : m["end"]] == m["text"]


def test_a_file_argument_is_read_with_its_reference_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "Notes on talks.txt"
    path.write_text("Moscow says the Taliban will come.\n\nMeetings in Doha.\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(path), "--published", "2019-02-03", "--json")
    assert code == 0
    (doc,) = json.loads(out)["documents"]
    assert (doc["id"], doc["path"], doc["published"]) == ("notes-on-talks", str(path), "2019-02-03")
    actors = [[a["name"] for a in p["actors"]] for p in doc["passages"]]
    assert actors == [["Russia", "Taliban"], ["Doha"]]
    assert doc["id"] not in Library().documents.ids()  # not added to the library


def test_the_listing_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", "qatar-peace-dialogue")
    assert code == 0
    assert "¶4  Taliban (group), Qatar (state), Pakistan (state), Afghanistan (state)" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "no-such-doc"], "no document with id 'no-such-doc'"),
        (["extract", "--published", "May 2019"], "--published must be YYYY-MM-DD"),
    ],
)
def test_mistakes_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.startswith("error: ") and message in err and "Traceback" not in err


def test_actor_passages_are_in_document_date_order() -> None:
    found = Library().actors.passages("taliban")
    dates = [o.document.meta.published for o in found]
    assert dates == sorted(dates)  # 2015-05 … 2024-01-25, all five documents are dated
    assert {o.document.id for o in found} == set(Library().documents.ids())
    assert all(o.actor.name == "Taliban" and o.mentions.mentions for o in found)
    assert all(not o.passage.chrome for o in found)


def test_a_user_gazetteer_entry_is_kept_and_wins(data_dir: Path) -> None:
    library = Library()
    assert not library.actors.user_gazetteer_path.exists()
    before = library.actors.extract("afghanistan-looks-to-russia").passages[2]
    assert "Will Racke" not in [am.actor.name for am in before.actors]
    library.actors.add_gazetteer_entry("Will Racke", "person", ("Racke",))
    assert library.actors.user_gazetteer_path == data_dir / "gazetteer.user.toml"
    result = Library().actors.extract("afghanistan-looks-to-russia")
    assert "Will Racke" in [am.actor.name for am in result.passages[2].actors]


def test_warming_up_without_the_model_says_recall_is_reduced() -> None:
    library = Library()
    assert library.actors.warm_up() is False
    assert any("recall is reduced" in w for w in library.actors.warnings())


def test_a_gazetteer_entry_needs_a_known_kind_and_a_name() -> None:
    library = Library()
    with pytest.raises(LibraryError, match="kind must be one of"):
        library.actors.add_gazetteer_entry("Somebody", "tribe")  # type: ignore[arg-type]
    with pytest.raises(LibraryError, match="needs a name"):
        library.actors.add_gazetteer_entry("  ", "person")
    assert not library.actors.user_gazetteer_path.exists()


def test_actors_lists_the_library_and_the_passages_of_one_actor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "actors", "--json")
    assert code == 0
    rows = json.loads(out)["actors"]
    assert rows[0]["passages"] >= rows[-1]["passages"]
    # Today's keys as they were (the registry's keys are added: tests/unit/test_registry_cli.py).
    kazakhstan = {"id": "kazakhstan", "name": "Kazakhstan", "kind": "state", "passages": 1}
    assert any(kazakhstan.items() <= row.items() for row in rows)
    code, out, _ = run(capsys, "actors", "kazakhstan", "--json")
    assert code == 0
    found = json.loads(out)
    assert found["actor"] == {"id": "kazakhstan", "name": "Kazakhstan"}
    (row,) = found["passages"]
    assert row["passage"] == "taliban-international-diplomacy:7"
    assert {m["text"] for m in row["mentions"]} == {
        "Kazakhstan",
        "Republic of Kazakhstan",
        "Astana",
    }
    code, _, err = run(capsys, "actors", "nobody")
    assert code == 1 and "error: no passage mentions" in err


def test_gazetteer_add_writes_the_users_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, _, err = run(
        capsys, "gazetteer", "add", "Will Racke", "--kind", "person", "--alias", "Racke"
    )
    assert code == 0 and "added Will Racke (person)" in err
    assert 'name = "Will Racke"' in (data_dir / "gazetteer.user.toml").read_text("utf-8")
    code, _, _ = run(capsys, "gazetteer", "add", "X", "--kind", "tribe")
    assert code == 2


def test_actors_names_passages_by_their_number_and_ids_only_in_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Issue 25: people count passages from 1 (¶), as the window, citations and exports do.
    code, out, _ = run(capsys, "actors", "kazakhstan")
    assert code == 0
    assert "taliban-international-diplomacy ¶8" in out
    assert "taliban-international-diplomacy:7" not in out
    code, out, _ = run(capsys, "actors", "kazakhstan", "--json")
    (row,) = json.loads(out)["passages"]
    assert (row["passage"], row["index"], row["number"]) == (
        "taliban-international-diplomacy:7",
        7,
        8,
    )


def test_passage_numbers_do_not_depend_on_the_chrome_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # ¶ counts folded page furniture too, so a better chrome rule never renumbers a passage.
    from reader.corpus import loader

    library = Library()
    doc_id = "taliban-international-diplomacy"
    before = [(p.number, p.start) for p in library.documents.get(doc_id).passages]
    meta = library.documents.metadata(doc_id)
    text = library.documents.get(doc_id).text
    for verdict in (True, False):
        monkeypatch.setattr(loader, "classify_chrome", lambda ps, v=verdict: [v] * len(ps))
        rebuilt = loader.build_document(meta, text)
        assert [(p.number, p.start) for p in rebuilt.passages] == before


def test_extract_prints_dates_in_words_and_keeps_the_value_in_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "extract", "afghanistan-looks-to-russia")
    assert code == 0
    line = next(row for row in out.splitlines() if "the early 1990s" in row)
    assert not re.search(r"= \d{3}\b", line)  # no raw TIMEX decade such as "199"
    assert "the previous decade = the 1980s" in line
    assert "Tuesday = 21 August 2018" in out
    code, out, _ = run(capsys, "extract", "afghanistan-looks-to-russia", "--json")
    (doc,) = json.loads(out)["documents"]
    values = {d["text"]: d["value"] for p in doc["passages"] for d in p["dates"]}
    assert values["the early 1990s"] == "199"



def test_the_whole_library_streams_what_each_document_says(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The whole library is read from the index a document at a time (its dates as stored);
    # named documents are extracted and dated one by one: both print the same bytes.
    ids = Library().documents.ids()
    for flags in (["--json"], []):
        code, whole, err = run(capsys, "extract", *flags)
        assert code == 0 and "recall is reduced" in err
        _, named, _ = run(capsys, "extract", *ids, *flags)
        assert whole == named
        if flags:
            assert [d["id"] for d in json.loads(whole)["documents"]] == ids


def test_extract_all_yields_each_document_in_library_order_lazily() -> None:
    library = Library()
    found = library.actors.extract_all()
    first, dates = next(found)  # a generator: one document, not a list of the library
    assert first.document.id == library.documents.ids()[0]
    assert dates == library.actors.passage_dates(first.document.id)
    rest = [result.document.id for result, _ in found]
    assert [first.document.id, *rest] == library.documents.ids()
