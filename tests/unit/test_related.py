"""The same event in other documents (issue 23): the pure scoring, ``lib.related`` on a made-up
corpus whose right answers are known, the user's corrections, and the ``related`` command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reader.core import related as scoring
from reader.library import Library, LibraryError

from .cli_helpers import run

RELATED_CORPUS = Path(__file__).resolve().parents[1] / "data" / "related"
MEETING = "harbour-gazette:1"  # Reykjavik, 12 March 2021: two ministers settle the quotas
SAME_MEETING = "nordic-wire:2"  # the same meeting in another outlet's words
YEAR_LATER = "quota-review:1"  # the same two ministers in Oslo, April 2022
UNRELATED = {
    "harbour-gazette:3", "nordic-wire:3", "quota-review:2",  # snow, football, a bridge
    "valley-notes:1", "valley-notes:2", "valley-notes:3",  # a choir, a harvest, paintings
    *(f"{doc}:{i}" for doc in ("harbour-gazette", "nordic-wire") for i in range(4, 10)),  # buses…
}  # fmt: skip


@pytest.fixture
def library(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")
    return Library(RELATED_CORPUS, data_dir)


def day(value: str, first: str, last: str | None = None) -> scoring.DateValue:
    start = dt.date.fromisoformat(first)
    return scoring.DateValue(value, start, dt.date.fromisoformat(last) if last else start)


# -- the scoring -----------------------------------------------------------------------------
def test_rarer_actors_weigh_more() -> None:
    assert scoring.rarity(2, 1000) > scoring.rarity(50, 1000) > scoring.rarity(500, 1000)
    assert scoring.rarity(1000, 1000) == 0.0
    assert scoring.rarity(0, 1000) == 0.0  # unknown: no weight rather than infinite


def test_a_shared_day_weighs_more_than_a_month_than_a_year() -> None:
    here = [day("2021-03-12", "2021-03-12")]
    weights = [
        scoring.shared_dates(here, [other])[0].weight
        for other in (
            day("2021-03-12", "2021-03-12"),
            day("2021-W10", "2021-03-08", "2021-03-14"),
            day("2021-03", "2021-03-01", "2021-03-31"),
            day("2021", "2021-01-01", "2021-12-31"),
        )
    ]
    assert weights == sorted(weights, reverse=True) and len(set(weights)) == 4
    assert weights[0] == scoring.DAY_WEIGHT
    # A range that covers the day overlaps; one that ends before it does not.
    assert scoring.shared_dates(here, [day("range", "2021-03-10", "2021-03-13")])
    assert not scoring.shared_dates(here, [day("range", "2021-03-01", "2021-03-11")])
    assert not scoring.shared_dates(here, [day("2022-03-12", "2022-03-12")])
    # A decade says nothing of an event.
    assert not scoring.shared_dates(here, [day("202", "2020-01-01", "2029-12-31")])


def test_rank_keeps_other_documents_above_the_floor_one_each() -> None:
    meeting = (day("d", "2021-03-12"),)
    source = scoring.PassageEvidence("a", 0, {"envoy": (), "country": ()}, meeting)
    weights = {"envoy": 4.0, "country": 0.2}
    candidates = [
        scoring.PassageEvidence("a", 5, {"envoy": ()}),  # the same document: never listed
        scoring.PassageEvidence("b", 1, {"envoy": (), "country": ()}, (day("d", "2021-03-12"),)),
        scoring.PassageEvidence("b", 2, {"envoy": ()}),  # b's second best: one per document
        scoring.PassageEvidence("c", 0, {"envoy": ()}, words=0.2),
        scoring.PassageEvidence("d", 0, {"country": ()}, words=0.3),  # common actor, a few words
        scoring.PassageEvidence("e", 0, {}),  # nothing in common
    ]
    found = scoring.rank(source, candidates, weights, limit=10)
    assert [(r.doc_id, r.index) for r in found] == [("b", 1), ("c", 0)]
    assert found[0].shared_actors == ("envoy", "country")  # rarest first
    assert [d.there.value for d in found[0].shared_dates] == ["d"]
    assert scoring.rank(source, candidates, weights, limit=1) == found[:1]


# -- the library on a made-up corpus -----------------------------------------------------------
def test_the_other_report_of_the_meeting_ranks_first(library: Library) -> None:
    found = library.related.of(MEETING)
    assert [r.passage_id for r in found] == [SAME_MEETING, YEAR_LATER]
    first, later = found
    assert first.score > later.score
    assert {"halvard-strandli", "sigrun-vatnsdal"} <= set(first.shared_actors)
    assert [(d.value, d.other_value) for d in first.shared_dates] == [("2021-03-12", "2021-03-12")]
    # The meeting a year later shares the people, not the day.
    assert {"halvard-strandli", "sigrun-vatnsdal"} <= set(later.shared_actors)
    assert "2021-03-12" not in [d.other_value for d in later.shared_dates]
    # Symmetric: from the other report, this one comes first.
    assert library.related.of(SAME_MEETING)[0].passage_id == MEETING


def test_unrelated_passages_are_absent(library: Library) -> None:
    for passage in (MEETING, SAME_MEETING, YEAR_LATER):
        assert not {r.passage_id for r in library.related.of(passage)} & UNRELATED
    for passage in sorted(UNRELATED):
        assert library.related.of(passage) == [], passage  # an empty list is an answer


def test_marks_and_snippet_name_what_is_shared(library: Library) -> None:
    first = library.related.of(MEETING)[0]
    there = library.documents.get(first.doc_id).text
    here = library.documents.get("harbour-gazette").text
    marked_there = {there[s:e] for s, e in first.marks}
    marked_here = {here[s:e] for s, e in first.source_marks}
    assert {"Sigrun Vatnsdal", "Halvard Strandli", "12 March 2021"} <= marked_there
    assert {"Sigrun Vatnsdal", "Halvard Strandli", "12 March 2021"} <= marked_here
    passage = library.documents.get("harbour-gazette").passages[1]
    assert all(passage.start <= s < e <= passage.end for s, e in first.source_marks)
    assert "Sigrun Vatnsdal" in [t for t, strong in first.snippet if strong]
    assert first.title == "Talks on the fishing quotas" and first.published == "2021-03-14"
    assert "Halvard Strandli" in first.actor_names


def test_unknown_passages_are_refused(library: Library) -> None:
    with pytest.raises(LibraryError, match="no document"):
        library.related.of("no-such-doc:1")
    with pytest.raises(LibraryError, match="no passage"):
        library.related.of("harbour-gazette:99")
    with pytest.raises(LibraryError, match="not a passage id"):
        library.related.of("harbour-gazette")


def test_the_users_corrections_are_respected(library: Library) -> None:
    library.related.of(MEETING)  # extracts the library
    library.registry.reject("halvard-strandli")
    found = library.related.of(MEETING)
    assert found[0].passage_id == SAME_MEETING
    assert all("halvard-strandli" not in r.shared_actors for r in found)
    # A merge: the passages now share the merged actor under the target's id.
    library.registry.merge("sigrun-vatnsdal", "reykjavik")
    first = library.related.of(MEETING)[0]
    assert "sigrun-vatnsdal" not in first.shared_actors and "reykjavik" in first.shared_actors


# -- the command line --------------------------------------------------------------------------
def test_cli_json_has_the_documented_shape(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")
    code, out, _err = run(capsys, "--corpus", str(RELATED_CORPUS), "related", MEETING, "--json")
    assert code == 0
    answer = json.loads(out)
    assert list(answer) == ["passage_id", "related"] and answer["passage_id"] == MEETING
    first = answer["related"][0]
    assert list(first) == [
        "passage_id", "doc_id", "score", "shared_actors", "shared_dates", "snippet",
    ]  # fmt: skip
    assert first["passage_id"] == SAME_MEETING and first["doc_id"] == "nordic-wire"
    assert isinstance(first["score"], float) and first["shared_dates"] == ["2021-03-12"]
    assert "halvard-strandli" in first["shared_actors"]
    code, out, _err = run(
        capsys, "--corpus", str(RELATED_CORPUS), "related", MEETING, "--json", "--limit", "1"
    )
    assert len(json.loads(out)["related"]) == 1


def test_cli_plain_output_and_errors(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")
    corpus = ["--corpus", str(RELATED_CORPUS)]
    code, out, _err = run(capsys, *corpus, "related", MEETING)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Talks on the fishing quotas  (nordic-wire, 2021-03-14)"
    assert lines[1].startswith("  ¶3 ") and "[Sigrun Vatnsdal]" in lines[1]
    assert "actors: " in lines[2] and "dates: 12 March 2021" in lines[2]
    code, out, err = run(capsys, *corpus, "related", "valley-notes:1")
    assert (code, out) == (0, "") and "no passage of another document" in err
    code, out, err = run(capsys, *corpus, "related", "nordic-wire:40")
    assert code == 1 and out == "" and err.startswith("error: ") and "no passage" in err
    code, _out, err = run(capsys, *corpus, "related", "missing:0")
    assert code == 1 and "no document with id 'missing'" in err
    code, _out, err = run(capsys, *corpus, "related", MEETING, "--limit", "0")
    assert code == 1 and "--limit" in err
