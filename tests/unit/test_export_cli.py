"""``export``, ``highlights import`` and ``open`` through the command line and the facade."""

from __future__ import annotations

import csv
import errno
import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.core.links import ReaderLink, format_link
from reader.library import Library
from tests.unit.export_helpers import (
    HOSTILE_NOTES,
    as_rendered,
    fact_text,
    highlight_sections,
    split_front_matter,
)

QATAR = "qatar-peace-dialogue"
NORWAY = "norway-peace-diplomacy"


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    # Actors from the gazetteer and rules only: the same facade path, without loading spaCy.
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")


@pytest.fixture
def library(corpus_dir: Path) -> Library:
    lib = Library(corpus_dir)
    lib.highlights.add(
        QATAR,
        *lib.highlights.find_quote(QATAR, "peace talks", 1),
        note='first, "note"',
        color="green",
        tags=["doha", "talks"],
    )
    lib.highlights.add(QATAR, 300, 360, note=HOSTILE_NOTES[1], tags=["later"])
    lib.highlights.add(NORWAY, 100, 160, note="# heading\n```")
    lib.highlights.set_note(QATAR, "My notes\n---\n- list")
    lib.state.set_color_label("green", "evidence")
    return lib


def run(*argv: str) -> int:
    return main(list(argv))


def test_export_markdown_from_the_command_line(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.md"
    assert run("export", "--format", "md", "--out", str(out)) == 0
    assert capsys.readouterr().out.strip() == str(out)
    front, body = split_front_matter(out.read_text("utf-8"))
    assert front["scope"] == "all documents"
    assert set(front["tags"]) == {"doha", "talks", "later"}
    sections = highlight_sections(body)
    stored = [  # documents in catalogue order, highlights in text order
        h
        for d in library.documents.ids()
        for h in sorted(library.highlights.list(d), key=lambda h: h.start)
    ]
    assert [s["note"] for s in sections] == [as_rendered(h.note) for h in stored]
    assert [s["quote"] for s in sections] == [as_rendered(h.quote) for h in stored]
    colours = [fact_text(s["facts"], "Colour") for s in sections]
    assert colours == [h.color + (" (evidence)" if h.color == "green" else "") for h in stored]
    assert "My notes\n---\n- list" in body.replace("\\", "")


def test_markdown_carries_the_actors_and_location_of_the_passage(
    library: Library, tmp_path: Path
) -> None:
    out = tmp_path / "q.md"
    assert run("export", "--format", "md", "--out", str(out), "--doc", QATAR) == 0
    front, body = split_front_matter(out.read_text("utf-8"))
    assert front["title"] == library.documents.metadata(QATAR).title
    h = min(library.highlights.list(QATAR), key=lambda h: h.start)
    doc = library.documents.get(QATAR)
    passage = doc.passage_at(h.start)
    assert passage is not None
    names = [a.actor.name for a in library.actors.extract(QATAR).passages[passage.index].actors]
    assert names, "the passage names actors the gazetteer knows"
    section = highlight_sections(body)[0]
    assert fact_text(section["facts"], "Actors") == " · ".join(names)
    assert fact_text(section["facts"], "Location") == (
        f"¶ {passage.number}, characters {h.start}–{h.end}"
    )


def test_export_csv_and_json_filter_by_tag(library: Library, tmp_path: Path) -> None:
    assert run("export", "--format", "csv", "--out", str(tmp_path / "t.csv"), "--tag", "doha") == 0
    with (tmp_path / "t.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Note"] for r in rows] == ['first, "note"']
    assert rows[0]["Title"] == library.documents.metadata(QATAR).title
    out = str(tmp_path / "t.json")
    assert run("export", "--format", "json", "--out", out, "--tag", "later") == 0
    items = json.loads((tmp_path / "t.json").read_text("utf-8"))["first"]["items"]
    highlights = [i for i in items if i["motivation"] == "highlighting"]
    assert [i["body"][0]["value"] for i in highlights] == [HOSTILE_NOTES[1]]


def test_per_document_writes_one_file_per_document(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    assert run("export", "--format", "md", "--out", str(folder), "--per-document") == 0
    assert sorted(p.name for p in folder.iterdir()) == [f"{NORWAY}.md", f"{QATAR}.md"]
    front, _ = split_front_matter((folder / f"{QATAR}.md").read_text("utf-8"))
    assert front["title"] == library.documents.metadata(QATAR).title
    assert front["author"] == library.documents.metadata(QATAR).author


def test_unknown_document_is_refused(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("export", "--format", "md", "--out", str(tmp_path / "x.md"), "--doc", "nope") == 1
    assert capsys.readouterr().err.startswith("error: no document with id 'nope'")
    assert not (tmp_path / "x.md").exists()


def test_bad_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        run("export", "--format", "pdfx", "--out", str(tmp_path / "x"))
    assert exc.value.code == 2


def test_unwritable_path_is_one_error_line_and_no_file(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    out = blocker / "sub" / "all.md"
    assert run("export", "--format", "md", "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot write {out}") and err.count("\n") == 1
    assert "Traceback" not in err
    assert blocker.read_text() == "x"


def test_out_is_a_folder_without_per_document(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("export", "--format", "csv", "--out", str(tmp_path)) == 1
    assert "is a folder" in capsys.readouterr().err


def test_full_disk_leaves_the_old_file_and_no_temporary(
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "exports" / "all.json"
    out.parent.mkdir()
    out.write_text("the previous export")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    assert run("export", "--format", "json", "--out", str(out)) == 1
    assert capsys.readouterr().err == f"error: cannot write {out}: No space left on device\n"
    assert out.read_text() == "the previous export"
    assert sorted(p.name for p in out.parent.iterdir()) == ["all.json"]


def test_nothing_to_export_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "--format", "md", "--out", str(tmp_path / "d"), "--per-document") == 0
    assert "nothing to export" in capsys.readouterr().err


# -- open LINK ---------------------------------------------------------------------------------
def test_open_prints_where_a_link_points(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    h = min(library.highlights.list(QATAR), key=lambda h: h.start)
    link = format_link(ReaderLink(h.doc_id, h.start, h.end, h.id))
    assert run("open", link, "--json") == 0
    row = json.loads(capsys.readouterr().out)
    assert row["doc_id"] == QATAR
    assert (row["start"], row["end"], row["quote"]) == (h.start, h.end, "peace talks")
    assert row["highlight"] == h.id
    assert run("open", link, "--print") == 0
    assert "“peace talks”" in capsys.readouterr().out


def test_open_follows_a_highlight_that_moved(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    h = min(library.highlights.list(QATAR), key=lambda h: h.start)
    stale = format_link(ReaderLink(h.doc_id, 5, 9, h.id))
    assert run("open", stale, "--json") == 0
    row = json.loads(capsys.readouterr().out)
    assert (row["start"], row["end"]) == (h.start, h.end)


@pytest.mark.parametrize(
    "link",
    [
        "https://example.org/",
        "reader://open/Bad_Id?start=1",
        "reader://open/qatar-peace-dialogue?start=x",
        "reader://open/qatar-peace-dialogue?start=9&end=3",
        "reader://open/no-such-doc?start=0",
        "reader://open/qatar-peace-dialogue?start=0&end=99999999",
    ],
)
def test_open_a_bad_link_is_an_error(link: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("open", link) == 1  # refused before any window would open
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_json_and_markdown_carry_the_dates_and_actors_of_the_passage(
    corpus_dir: Path, tmp_path: Path
) -> None:
    lib = Library(corpus_dir)
    doc = lib.documents.get(NORWAY)
    dated = lib.actors.passage_dates(NORWAY)
    actors = lib.actors.extract(NORWAY).passages
    passage = next(p for p in doc.passages if dated[p.index] and actors[p.index].actors)
    h = lib.highlights.add(NORWAY, passage.start, passage.end)
    want_dates = [{"text": d.text, "value": d.value} for d in dated[passage.index]]
    want_actors = [a.actor.name for a in actors[passage.index].actors]
    lib.exports.export("json", tmp_path / "x.json")
    [item] = json.loads((tmp_path / "x.json").read_text("utf-8"))["first"]["items"]
    assert item["id"] == f"urn:uuid:{h.id}"
    assert (item["rr:dates"], item["rr:actors"]) == (want_dates, want_actors)
    assert item["rr:passage"] == passage.number
    lib.exports.export("md", tmp_path / "x.md")
    _front, body = split_front_matter((tmp_path / "x.md").read_text("utf-8"))
    [section] = highlight_sections(body)
    assert fact_text(section["facts"], "Dates") == " · ".join(
        d["text"] + (f" ({d['value']})" if d["value"] else "") for d in want_dates
    )


@pytest.mark.parametrize("per_document", [False, True])
def test_progress_moves_forward_and_ends_at_the_total(
    library: Library, tmp_path: Path, per_document: bool
) -> None:
    seen: list[tuple[int, int]] = []
    out = tmp_path / ("folder" if per_document else "all.md")
    library.exports.export(
        "md", out, per_document=per_document, progress=lambda d, t: seen.append((d, t))
    )
    fractions = [d / t for d, t in seen]
    assert fractions == sorted(fractions)
    assert seen[-1][0] == seen[-1][1]
    assert len(seen) == len(library.documents.ids()) + (2 if per_document else 1)


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for a test (restored after it)."""
    before = os.umask(0o022)
    os.umask(before)

    def set_umask(value: int) -> None:
        os.umask(value)

    yield set_umask
    os.umask(before)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_export_files_get_the_users_normal_permissions(
    library: Library, tmp_path: Path, umask: Callable[[int], None], mask: int, mode: int
) -> None:
    umask(mask)
    out = tmp_path / "all.csv"
    assert run("export", "--format", "csv", "--out", str(out)) == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode
    folder = tmp_path / "each"
    assert run("export", "--format", "md", "--out", str(folder), "--per-document") == 0
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {mode}
    # The data folder's own files stay private.
    (stored,) = [p for p in (library.data.root / "highlights").glob("*.json") if QATAR in p.name]
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600


def test_replacing_an_export_keeps_the_files_mode(
    library: Library, tmp_path: Path, umask: Callable[[int], None]
) -> None:
    umask(0o022)
    out = tmp_path / "all.md"
    out.write_text("the previous export")
    out.chmod(0o604)
    assert run("export", "--format", "md", "--out", str(out)) == 0
    assert out.read_text("utf-8") != "the previous export"
    assert stat.S_IMODE(out.stat().st_mode) == 0o604
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_csv_export_has_color_and_tags_after_the_readwise_columns(
    library: Library, tmp_path: Path
) -> None:
    out = tmp_path / "t.csv"
    assert run("export", "--format", "csv", "--out", str(out), "--tag", "doha") == 0
    with out.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [
        "Highlight", "Title", "Author", "URL", "Note", "Location", "Date", "Color", "Tags"
    ]
    with out.open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["Color"], row["Tags"]) == ("green", "doha, talks")
