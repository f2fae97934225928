"""``timeline``: the library's dates that have a value, in time order, with their passages."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from reader.library import MODEL_ENV_VAR, Library
from tests.unit.cli_helpers import run


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV_VAR, "off")


def dates(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    code, out, _ = run(capsys, "timeline", *argv, "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["dates"]
    found: list[dict[str, Any]] = data["dates"]
    return found


KEYS = ["value", "from", "to", "granularity", "doc_id", "passage_id", "start", "end", "text"]


def test_json_lists_every_valued_date_in_time_order(capsys: pytest.CaptureFixture[str]) -> None:
    found = dates(capsys)
    assert found and all(list(d) == KEYS for d in found)
    assert all(d["value"] for d in found)
    keys = [(d["from"], d["to"]) for d in found]
    assert keys == sorted(keys)
    years = {int(d["from"][:4]) for d in found}
    assert {2006, 2018, 2021, 2022, 2024} <= years
    # every mention is where extract says: the document's text at its offsets
    lib = Library()
    for d in found:
        doc = lib.documents.get(d["doc_id"])
        assert doc.text[d["start"]:d["end"]] == d["text"]
        passage = doc.passages[int(d["passage_id"].rsplit(":", 1)[1])]
        assert passage.start <= d["start"] < d["end"] <= passage.end
        assert dt.date.fromisoformat(d["from"]) <= dt.date.fromisoformat(d["to"])


def test_from_and_to_are_the_first_and_last_day(capsys: pytest.CaptureFixture[str]) -> None:
    by_value = {d["value"]: d for d in dates(capsys)}
    assert (by_value["2006"]["from"], by_value["2006"]["to"]) == ("2006-01-01", "2006-12-31")
    assert (by_value["199"]["from"], by_value["199"]["to"]) == ("1990-01-01", "1999-12-31")
    week = by_value["2024-W05"]
    assert (week["from"], week["to"]) == ("2024-01-29", "2024-02-04")
    assert by_value["2024-02-18/2024-02-19"]["to"] == "2024-02-19"


def test_actor_by_id_name_or_alias_and_several(capsys: pytest.CaptureFixture[str]) -> None:
    everything = dates(capsys)
    norway = dates(capsys, "--actor", "norway")
    assert norway and len(norway) < len(everything)
    assert dates(capsys, "--actor", "Norway") == norway
    us = dates(capsys, "--actor", "united-states")
    assert us and dates(capsys, "--actor", "U.S.") == us  # an alias, as 'actors ACTOR' reads it
    lib = Library()
    named = {(o.document.id, o.passage.index) for o in lib.actors.passages("norway")}
    assert all((d["doc_id"], int(d["passage_id"].split(":")[1])) in named for d in norway)
    both = dates(capsys, "--actor", "Norway", "--actor", "Doha")
    doha = {(o.document.id, o.passage.index) for o in lib.actors.passages("doha")}
    assert both and all(
        (d["doc_id"], int(d["passage_id"].split(":")[1])) in named & doha for d in both
    )
    assert len(both) < len(norway)


def test_doc_filter_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    found = dates(capsys, "--doc", "afghanistan-looks-to-russia")
    assert found and {d["doc_id"] for d in found} == {"afghanistan-looks-to-russia"}
    code, _, err = run(capsys, "timeline", "--doc", "no-such-doc")
    assert code != 0 and "no-such-doc" in err
    code, _, err = run(capsys, "timeline", "--actor", "Atlantis")
    assert code != 0 and "Atlantis" in err


def test_plain_output_reads_as_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "timeline", "--actor", "norway")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "passages naming Norway"
    assert lines[1].startswith("2006-01-01 … 2006-12-31")
    assert "norway-peace-diplomacy ¶7" in lines[1]
    assert "“2006”" in lines[2]
