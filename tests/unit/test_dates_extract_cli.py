"""``extract`` fills each passage's ``dates``: normalised, with document offsets, none in chrome."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.library import MODEL_ENV_VAR, Library


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV_VAR, "off")  # dates need no model; keep the tests fast


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, _ = capsys.readouterr()
    return code, out


def _documents(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    code, out = run(capsys, "extract", *argv, "--json")
    assert code == 0
    documents: list[dict[str, Any]] = json.loads(out)["documents"]
    return documents


def _values(document: dict[str, Any]) -> list[tuple[int, str, str | None]]:
    return [(p["index"], d["text"], d["value"]) for p in document["passages"] for d in p["dates"]]


def test_extract_json_gives_normalised_dates(capsys: pytest.CaptureFixture[str]) -> None:
    (doc,) = _documents(capsys, "afghanistan-looks-to-russia")
    assert _values(doc) == [
        (4, "Wednesday", "2018-08-22"),
        (7, "Tuesday", "2018-08-21"),
        (8, "Tuesday", "2018-08-21"),
        (8, "Sept. 4", "2018-09-04"),
        (11, "July", "2018-07"),
        (12, "the early 1990s", "199"),
        (12, "the previous decade", "198"),
    ]
    first = doc["passages"][12]["dates"][0]
    assert first == {
        "start": first["start"],
        "end": first["end"],
        "text": "the early 1990s",
        "value": "199",
        "granularity": "decade",
        "mod": "START",
    }


def test_dates_have_document_offsets_and_chrome_has_none(
    capsys: pytest.CaptureFixture[str],
) -> None:
    library = Library()
    documents = _documents(capsys)
    assert sum(len(p["dates"]) for d in documents for p in d["passages"]) >= 30
    for doc in documents:
        text = library.documents.get(doc["id"]).text
        for p in doc["passages"]:
            assert not (p["chrome"] and p["dates"])
            for d in p["dates"]:
                assert p["start"] <= d["start"] < d["end"] <= p["end"]
                assert text[d["start"] : d["end"]] == d["text"]


def test_a_corrected_published_date_re_resolves_the_dates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        run(capsys, "docs", "edit", "afghanistan-looks-to-russia", "--published", "2019-08-22")[0]
        == 0
    )
    (doc,) = _documents(capsys, "afghanistan-looks-to-russia")
    assert (8, "Sept. 4", "2019-09-04") in _values(doc)


def test_a_file_takes_its_reference_date_from_published(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("The talks, set for Sept. 4, will open on Tuesday.\n", encoding="utf-8")
    (doc,) = _documents(capsys, str(path), "--published", "2018-08-22")
    assert _values(doc) == [(0, "Sept. 4", "2018-09-04"), (0, "Tuesday", "2018-08-28")]
    (doc,) = _documents(capsys, str(path))
    assert _values(doc) == [(0, "Sept. 4", None), (0, "Tuesday", None)]


def test_the_listing_shows_the_dates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "extract", "norway-peace-diplomacy")
    assert code == 0
    line = next(row for row in out.splitlines() if "January 2022" in row)
    assert line.endswith("| 23–25\xa0January 2022")  # the words once; the value is for --json
