"""Command-line conventions: global options anywhere, stdout/stderr, exit codes, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli_helpers import run


def test_docs_json_lists_the_five_documents(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "docs", "--json")
    assert code == 0 and err == ""
    docs = json.loads(out)["documents"]
    assert len(docs) == 5
    keys = {
        "id",
        "title",
        "author",
        "site",
        "published",
        "source_kind",
        "url",
        "origin",
        "imported",  # when an imported document was added (None for the corpus's)
        "passage_count",
        "char_count",
    }
    for doc in docs:
        assert set(doc) == keys
        assert doc["origin"] == "corpus"
    assert sum(d["passage_count"] for d in docs) == 87
    assert {d["url"] for d in docs} == {None}  # unknown values are null


def test_docs_show_json_adds_passages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "docs", "show", "qatar-peace-dialogue", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["id"] == "qatar-peace-dialogue" and doc["passage_count"] == 9
    first = doc["passages"][0]
    assert set(first) == {"id", "index", "start", "end", "chrome", "text"}
    assert first["id"] == "qatar-peace-dialogue:0" and first["chrome"] is True


@pytest.mark.parametrize("where", ["before", "after", "after-sub"])
def test_global_options_work_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus_dir: Path, where: str
) -> None:
    data = tmp_path / "elsewhere"
    opts = ["--corpus", str(corpus_dir), "--data-dir", str(data)]
    if where == "before":
        argv = [*opts, "docs", "edit", "qatar-peace-dialogue", "--title", "T1"]
    elif where == "after":
        argv = ["docs", *opts, "edit", "qatar-peace-dialogue", "--title", "T1"]
    else:
        argv = ["docs", "edit", "qatar-peace-dialogue", "--title", "T1", *opts]
    code, out, err = run(capsys, *argv)
    assert code == 0 and out == ""
    assert "updated" in err
    assert (data / "overrides" / "qatar-peace-dialogue.json").is_file()


def test_data_dir_is_created_if_missing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder"
    code, _, _ = run(capsys, "--data-dir", str(target), "docs")
    assert code == 0 and target.is_dir()


def test_unknown_document_is_refused_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "docs", "show", "no-such-doc")
    assert code == 1 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1


def test_missing_corpus_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--corpus", str(tmp_path / "nope"), "docs")
    assert code == 1 and out == "" and err.startswith("error: corpus folder not found")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "docs", "--no-such-flag")
    assert code == 2 and out == "" and "usage:" in err


def test_bad_published_date_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "docs", "edit", "qatar-peace-dialogue", "--published", "May 2015")
    assert code == 1 and "YYYY" in err and "Traceback" not in err


def test_edit_shows_in_listing(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "docs", "edit", "qatar-peace-dialogue", "--published", "2015-05-04", "--url", "")
    _, out, _ = run(capsys, "docs", "--json")
    docs = {d["id"]: d for d in json.loads(out)["documents"]}
    assert docs["qatar-peace-dialogue"]["published"] == "2015-05-04"
    assert docs["qatar-peace-dialogue"]["url"] is None


def test_plain_listing_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "docs")
    assert code == 0
    assert len(out.strip().splitlines()) == 5 and "The Qatar Peace Dialogue" in out


def test_a_json_list_printed_an_item_at_a_time_is_print_json_s_bytes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reader.cli.common import print_json, print_json_list

    cases: list[list[object]] = [[], [{}], [{"a": [1, {"b": "x\ny"}], "c": []}, {"d": "é"}]]
    for items in [*cases, [1, "s", None, []]]:
        print_json({"documents": items})
        whole = capsys.readouterr().out
        print_json_list("documents", iter(items))
        assert capsys.readouterr().out == whole
