"""The ``highlights`` and ``notes`` commands: contracts, conventions and re-anchoring."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from reader.library import Library
from tests.unit.cli_helpers import run

DOC = "qatar-peace-dialogue"
KEYS = {
    "id",
    "doc_id",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "note",
    "color",
    "label",
    "tags",
    "created",
    "modified",
    "status",
}


def listed(capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "highlights", "list", "--json", *extra)
    assert code == 0, err
    rows = json.loads(out)["highlights"]
    assert isinstance(rows, list)
    return rows


def a_unique_phrase(doc: str) -> str:
    text = Library().documents.get(doc).text
    for start in range(0, len(text) - 40, 7):
        phrase = text[start : start + 40]
        if text.count(phrase) == 1 and "\n" not in phrase:
            return phrase
    raise AssertionError("no unique phrase")


def test_add_by_quote_prints_the_id_and_lists_every_key(capsys: pytest.CaptureFixture[str]) -> None:
    phrase = a_unique_phrase(DOC)
    code, out, err = run(
        capsys,
        "highlights",
        "add",
        DOC,
        "--quote",
        phrase,
        "--note",
        "why",
        "--color",
        "blue",
        "--tag",
        "t1",
        "--tag",
        "t2",
    )
    assert code == 0 and err == ""
    new_id = out.strip()
    (row,) = listed(capsys)
    assert set(row) == KEYS
    assert row["id"] == new_id and row["quote"] == phrase and row["status"] == "anchored"
    assert (row["note"], row["color"], row["label"], row["tags"]) == (
        "why",
        "blue",
        None,
        ["t1", "t2"],
    )
    text = Library().documents.get(DOC).text
    assert text[row["start"] : row["end"]] == phrase  # type: ignore[misc]


def test_add_by_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "highlights", "add", DOC, "--start", "10", "--end", "30")
    assert code == 0
    (row,) = listed(capsys, "--doc", DOC)
    assert (row["start"], row["end"], row["id"]) == (10, 30, out.strip())


def test_a_folded_quote_stores_the_documents_own_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus_dir: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    path = corpus / f"{DOC}.txt"
    path.write_text(path.read_text() + "\n\nShe said \u201cit\u2019s over\u201d \u2014\n  twice.\n")
    code, _, err = run(
        capsys, "--corpus", str(corpus), "highlights", "add", DOC, "--quote", '"it\'s over" - twice'
    )
    assert code == 0, err
    (row,) = listed(capsys, "--corpus", str(corpus))
    assert row["quote"] == "\u201cit\u2019s over\u201d \u2014\n  twice"


def test_an_ambiguous_quote_needs_an_occurrence(capsys: pytest.CaptureFixture[str]) -> None:
    text = Library().documents.get(DOC).text
    count = text.count("Taliban")
    assert count > 1
    code, out, err = run(capsys, "highlights", "add", DOC, "--quote", "Taliban")
    assert code == 1 and out == ""
    expected = f"the quote occurs {count} times in {DOC}; choose one with --occurrence 1..{count}"
    assert err == f"error: {expected}\n"
    code, _, _ = run(capsys, "highlights", "add", DOC, "--quote", "Taliban", "--occurrence", "2")
    assert code == 0
    (row,) = listed(capsys)
    second = text.index("Taliban", text.index("Taliban") + 1)
    assert row["start"] == second
    code, _, err = run(
        capsys, "highlights", "add", DOC, "--quote", "Taliban", "--occurrence", str(count + 1)
    )
    assert code == 1 and err.startswith("error: occurrence")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--quote", "no such words anywhere in it"], "error: the quote is not in"),
        (["--start", "10"], "error: --start and --end go together"),
        (["--start", "30", "--end", "10"], "error: the span 30:10 is not inside"),
        (["--quote", "x", "--start", "1", "--end", "2"], "error: give either --quote"),
        ([], "error: give either --quote"),
    ],
)
def test_refused_adds_say_why_in_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "highlights", "add", DOC, *argv)
    assert code == 1 and out == ""
    assert err.startswith(message) and err.count("\n") == 1 and "Traceback" not in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "highlights", "add", DOC, "--start", "1", "--end", "2", "--color", "red"
    )
    assert code == 2 and "invalid choice" in err
    code, _, _ = run(capsys, "highlights", "add", DOC, "--start", "one", "--end", "2")
    assert code == 2


def test_an_unknown_document_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "highlights", "add", "no-such-doc", "--start", "1", "--end", "3")
    assert code == 1 and err.startswith("error: no document")
    code, _, err = run(capsys, "highlights", "list", "--doc", "no-such-doc")
    assert code == 1 and err.startswith("error: no document")


def test_edit_tag_untag_note_colour_and_remove(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "highlights", "add", DOC, "--start", "0", "--end", "9", "--tag", "a")
    hid = out.strip()
    code, out, err = run(
        capsys,
        "highlights",
        "edit",
        hid,
        "--note",
        "n",
        "--color",
        "green",
        "--tag",
        "b",
        "--tag",
        "c",
        "--untag",
        "a",
    )
    assert code == 0 and out == "" and hid in err
    (row,) = listed(capsys)
    assert (row["note"], row["color"], row["tags"]) == ("n", "green", ["b", "c"])
    assert row["modified"] >= row["created"]  # type: ignore[operator]
    code, _, err = run(capsys, "highlights", "edit", hid)
    assert code == 1 and err.startswith("error: nothing to change")
    code, _, _ = run(capsys, "highlights", "remove", hid)
    assert code == 0 and listed(capsys) == []
    code, _, err = run(capsys, "highlights", "remove", hid)
    assert code == 1 and err == f"error: no highlight with id {hid}\n"
    code, _, err = run(capsys, "highlights", "edit", hid, "--note", "x")
    assert code == 1 and err.startswith("error: no highlight")


def test_colors_set_and_label_in_the_listing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "highlights", "colors", "--set", "yellow=claim", "--set", "green=evidence"
    )
    assert code == 0
    assert out.splitlines()[0].split() == ["yellow", "#ffe066", "claim"]
    run(capsys, "highlights", "add", DOC, "--start", "0", "--end", "9")
    (row,) = listed(capsys)
    assert row["label"] == "claim"
    code, out, _ = run(capsys, "highlights", "colors", "--set", "yellow=", "--json")
    colors = json.loads(out)["colors"]
    assert [c["label"] for c in colors] == [None, "evidence", None, None, None]
    code, _, err = run(capsys, "highlights", "colors", "--set", "red=x")
    assert code == 1 and "palette" in err
    code, _, err = run(capsys, "highlights", "colors", "--set", "yellow")
    assert code == 1 and "COLOR=LABEL" in err


def test_text_listing_flags_orphans(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus_dir: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    phrase = a_unique_phrase(DOC)
    run(capsys, "--corpus", str(corpus), "highlights", "add", DOC, "--quote", phrase)
    path = corpus / f"{DOC}.txt"
    path.write_text(path.read_text().replace(phrase, "(removed)"))
    code, out, _ = run(capsys, "highlights", "list", "--corpus", str(corpus))
    assert code == 0 and "NEEDS ATTENTION" in out
    (row,) = listed(capsys, "--corpus", str(corpus))
    assert row["status"] == "orphaned" and row["quote"] == phrase


def test_highlights_follow_a_document_edited_on_disk(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus_dir: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    phrase = a_unique_phrase(DOC)
    run(capsys, "--corpus", str(corpus), "highlights", "add", DOC, "--quote", phrase)
    path = corpus / f"{DOC}.txt"
    path.write_text("A new first paragraph.\n\n" + path.read_text())
    (row,) = listed(capsys, "--corpus", str(corpus))
    text = path.read_text()
    assert row["status"] == "moved" and text[row["start"] : row["end"]] == phrase  # type: ignore[misc]
    path.write_text(text.replace(phrase, phrase[:5] + "X" + phrase[6:]))
    (row,) = listed(capsys, "--corpus", str(corpus))
    assert row["status"] == "moved" and row["quote"] == phrase[:5] + "X" + phrase[6:]


def test_notes_get_and_set(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "notes", "get", DOC)
    assert code == 0 and out == ""
    code, out, err = run(capsys, "notes", "set", DOC, "first thoughts")
    assert code == 0 and out == "" and DOC in err
    assert run(capsys, "notes", "get", DOC)[1] == "first thoughts\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("line one\nline two\n"))
    assert run(capsys, "notes", "set", DOC, "-")[0] == 0
    code, out, _ = run(capsys, "notes", "get", DOC, "--json")
    note = json.loads(out)
    assert note["text"] == "line one\nline two\n" and note["doc_id"] == DOC
    code, _, err = run(capsys, "notes", "set", "no-such-doc", "x")
    assert code == 1 and err.startswith("error: no document")


def test_global_options_after_the_subcommand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus_dir: Path
) -> None:
    data = tmp_path / "elsewhere"
    code, _, _ = run(
        capsys,
        "highlights",
        "add",
        DOC,
        "--start",
        "0",
        "--end",
        "5",
        "--data-dir",
        str(data),
        "--corpus",
        str(corpus_dir),
    )
    assert code == 0
    assert (data / "highlights" / f"{DOC}.json").exists()
    assert listed(capsys) == []  # the default data folder was not touched
    assert len(listed(capsys, "--data-dir", str(data))) == 1


def test_a_damaged_file_is_reported_on_stderr(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "highlights", "add", DOC, "--start", "0", "--end", "5")
    (data_dir / "highlights" / f"{DOC}.json").write_text("{{{")
    code, out, err = run(capsys, "highlights", "list", "--json")
    assert code == 0 and len(json.loads(out)["highlights"]) == 1
    assert err.startswith("warning: ") and "damaged" in err and "restored" in err


def test_highlights_of_a_document_not_in_the_library_can_still_be_listed(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    lib = Library(corpus_dir)
    h = lib.highlights.add(DOC, 0, 9)
    lib.highlights.restore_all([h.__class__(**{**h.__dict__, "doc_id": "gone-away"})])
    (row,) = listed(capsys, "--doc", "gone-away")
    assert row["doc_id"] == "gone-away" and row["id"] == h.id
    assert listed(capsys, "--doc", DOC) == []  # moved, not copied


def test_add_and_edit_can_answer_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "highlights", "add", DOC, "--start", "0", "--end", "9", "--json")
    added = json.loads(out)
    assert code == 0 and set(added) == KEYS
    code, out, _ = run(capsys, "highlights", "edit", added["id"], "--tag", "x", "--json")
    edited = json.loads(out)
    assert code == 0 and edited["tags"] == ["x"] and edited["id"] == added["id"]


def test_occurrence_needs_a_quote(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "highlights", "add", DOC, "--start", "0", "--end", "9", "--occurrence", "1"
    )
    assert code == 1 and err == "error: --occurrence goes with --quote\n"


def test_highlights_alone_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "highlights", "add", DOC, "--start", "0", "--end", "9", "--note", "seen")
    code, out, _ = run(capsys, "highlights")
    assert code == 0 and f"{DOC} 0:9" in out and "seen" in out
