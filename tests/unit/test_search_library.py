"""``lib.search`` and ``search`` on the command line: the filters resolved at query time (actors
by name, id and alias; dates by overlap; documents), imports found, replaced and gone, and the
JSON's shape with offsets into the document."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.extract.dates_index import value_interval
from reader.library import Library, QueryError, SearchHit


@pytest.fixture
def library(corpus_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")
    return Library(corpus_dir, data_dir)


def spans_text(library: Library, hit: SearchHit) -> list[str]:
    text = library.documents.get(hit.doc_id).text
    return [text[s:e] for s, e in hit.matches]


def test_actor_filter_resolves_names_ids_and_aliases(library: Library) -> None:
    by_name = library.search.run('actor:"United States"', limit=500)
    assert by_name
    assert library.search.run("actor:united-states", limit=500) == by_name
    assert library.search.run("actor:USA", limit=500) == by_name  # a gazetteer alias
    assert library.search.run("actor:u.s.", limit=500) == by_name
    words = {w for h in by_name for w in spans_text(library, h)}
    assert {"U.S.", "United States"} <= words or {"US", "United States"} <= words
    for hit in by_name:
        actors, _dates = library.actors.passage(hit.doc_id, hit.passage_index)
        assert actors is not None
        assert "united-states" in {a.actor.id for a in actors.actors}
    assert library.search.run("actor:Atlantis", limit=500) == []


def test_date_filter_finds_passages_overlapping_the_period(library: Library) -> None:
    found = library.search.run("date:2021-08..2021-12", limit=500)
    assert found
    low, high = dt.date(2021, 8, 1), dt.date(2021, 12, 31)
    for hit in found:
        _actors, dates = library.actors.passage(hit.doc_id, hit.passage_index)
        intervals = [value_interval(d.value) for d in dates if d.value]
        assert any(i and i[0] <= high and low <= i[1] for i in intervals)
    open_end = library.search.run("date:2021-08..", limit=500)
    assert {h.passage_id for h in found} <= {h.passage_id for h in open_end}
    year = {h.passage_id for h in library.search.run("date:2021", limit=500)}
    assert {h.passage_id for h in found} <= year


def test_filters_combine_with_words(library: Library) -> None:
    both = library.search.run("taliban actor:Norway date:2021..", limit=500)
    assert both
    norway = {h.passage_id for h in library.search.run("actor:Norway", limit=500)}
    dated = {h.passage_id for h in library.search.run("date:2021..", limit=500)}
    taliban = {h.passage_id for h in library.search.run("taliban", limit=500)}
    assert {h.passage_id for h in both} == norway & dated & taliban
    one = library.search.run("doc:qatar-peace-dialogue peace", limit=500)
    assert one and {h.doc_id for h in one} == {"qatar-peace-dialogue"}


def test_a_bad_query_raises_with_its_reason(library: Library) -> None:
    with pytest.raises(QueryError, match="not closed"):
        library.search.run('"peace talks')


def test_imported_documents_are_found_replaced_and_gone(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "field-notes.txt"
    path.write_text("Field notes\n\nThe zeppelin landed in Mazar at dawn.\n", encoding="utf-8")
    (result,) = library.imports.import_paths([path])
    assert result.doc_id is not None
    (hit,) = library.search.run("zeppelins")
    assert hit.doc_id == result.doc_id and spans_text(library, hit) == ["zeppelin"]
    path.write_text("Field notes\n\nThe airship landed in Mazar at dusk.\n", encoding="utf-8")
    library.imports.replace(result.doc_id, path)
    assert library.search.run("zeppelin") == []
    assert [h.doc_id for h in library.search.run("airship dusk")] == [result.doc_id]
    library.imports.remove(result.doc_id)
    assert library.search.run("airship") == []


def test_cli_json_has_the_documented_shape(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "peace", "talks", "--json", "--limit", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"query", "results"} and out["query"] == "peace talks"
    assert len(out["results"]) == 3
    for row in out["results"]:
        assert set(row) == {
            "doc_id", "passage_id", "passage_index", "start", "end", "score", "snippet",
            "matches",
        }
        text = library.documents.get(row["doc_id"]).text
        assert row["passage_id"] == f"{row['doc_id']}:{row['passage_index']}"
        assert all(set(m) == {"start", "end"} for m in row["matches"])
        words = {text[m["start"] : m["end"]].lower() for m in row["matches"]}
        assert words <= {"peace", "talks", "talk", "talking", "talked"} and "peace" in words
        assert all(row["start"] <= m["start"] < m["end"] <= row["end"] for m in row["matches"])
    scores = [r["score"] for r in out["results"]]
    assert scores == sorted(scores)


def test_cli_plain_output_and_quoted_filters(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "actor:United States", "talks"]) == 0  # the shell took the quotes
    out = capsys.readouterr().out
    hits = library.search.run('actor:"United States" talks', limit=20)
    assert hits
    assert out.startswith(f"{hits[0].title}  ({hits[0].doc_id})\n  ¶{hits[0].passage_index + 1}")
    assert "[talks]" in out.lower() or "[talk]" in out.lower()
    assert main(["search", '"peace talks']) == 1
    assert "error: the query does not parse: a quote mark" in capsys.readouterr().err
    # An exclusion is a word of the query, not an option; options may follow the query.
    assert main(["search", "taliban", "-women", "--json", "--limit", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "taliban -women" and len(out["results"]) == 2
    for row in out["results"]:
        passage = library.documents.get(row["doc_id"]).text[row["start"] : row["end"]]
        assert "taliban" in passage.lower() and "women" not in passage.lower()
