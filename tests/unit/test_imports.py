"""Importing the user's own files: formats and encodings, identity, replacing, removing, and
every bad input as one ``error:`` line with nothing else touched."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import pytest

from reader.corpus.importers import UnreadableFile, read_file
from reader.library import Changes, Library, LibraryError
from tests.unit.cli_helpers import run

HTML = """<html><head><meta charset="utf-8"><title>Talks | Example News</title>
<meta property="og:title" content="Talks resume in Doha">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-01-25T10:00:00Z">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://example.org/talks"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | Share this</nav>
<article><h1>Talks resume in Doha</h1>
<p>The Taliban and United States envoys met in Doha on Tuesday, officials said. The talks lasted
four hours and covered prisoner exchanges and the withdrawal timetable.</p>
<p>Norway offered to host a further round next week, according to a statement from the foreign
ministry in Oslo, which has followed the talks closely since they began.</p></article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
<script>var tracking = "do not import me";</script><style>p { color: red }</style>
</body></html>"""

MARKDOWN = """---
title: Field notes
author: A. Writer
date: 2023-05-02
---
# Meeting in Oslo

The **Taliban** delegation met *Norwegian* officials in [Oslo](https://example.org).

- Qatar hosted the first round.
- Germany paid for the second.

> A quoted line.
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- formats ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "encoding", "guessed"),
    [
        ("Genève talks: café — “quoted”.\n".encode(), "utf-8", False),
        (codecs.BOM_UTF8 + "Genève talks: café.\n".encode(), "utf-8-sig", False),
        ("Genève talks: café.\n".encode("utf-16"), "utf-16", False),
        ("Genève talks in the café: “quoted” — 3 March.\n".encode("cp1252"), "cp1252", True),
    ],
)
def test_text_in_each_common_encoding(
    tmp_path: Path, raw: bytes, encoding: str, guessed: bool
) -> None:
    found = read_file(write(tmp_path, "a.txt", raw))
    assert found.text.startswith("Genève talks")
    assert (found.encoding, found.encoding_guessed) == (encoding, guessed)


def test_latin1_is_read_with_a_guess(tmp_path: Path) -> None:
    found = read_file(write(tmp_path, "l.txt", "Ministre des affaires étrangères à Genève.\n"
                            .encode("latin-1")))
    assert "étrangères à Genève" in found.text and found.encoding_guessed


def test_markdown_becomes_its_rendered_text_one_passage_per_block(tmp_path: Path) -> None:
    found = read_file(write(tmp_path, "notes.md", MARKDOWN))
    assert found.text.split("\n\n") == [
        "Meeting in Oslo",
        "The Taliban delegation met Norwegian officials in Oslo.",
        "Qatar hosted the first round.",
        "Germany paid for the second.",
        "A quoted line.\n",
    ]
    assert (found.title, found.author, found.published) == ("Field notes", "A. Writer",
                                                            "2023-05-02")


def test_a_web_page_gives_its_article_and_its_metadata_and_nothing_else(tmp_path: Path) -> None:
    found = read_file(write(tmp_path, "page.html", HTML))
    assert "Norway offered to host a further round" in found.text
    for junk in ("tracking", "color: red", "Copyright", "Share this", "Home"):
        assert junk not in found.text
    assert found.title == "Talks resume in Doha"
    assert (found.author, found.site, found.published) == ("Jane Roe", "Example News",
                                                           "2024-01-25")
    assert found.url == "https://example.org/talks"
    assert len([p for p in found.text.split("\n\n") if p.strip()]) >= 2  # one per paragraph


# -- identity, replacing, removing -----------------------------------------------------------
def test_an_import_is_a_document_like_the_corpus_s(tmp_path: Path, corpus_dir: Path) -> None:
    lib = Library(corpus_dir)
    seen: list[Changes] = []
    lib.changes.subscribe(seen.append)
    [result] = lib.imports.import_paths([write(tmp_path, "page.html", HTML)])
    assert result.status == "added"
    assert re.fullmatch(r"talks-resume-in-doha-[0-9a-f]{6}", result.doc_id or "")
    assert Changes.of(documents_added=[result.doc_id]) in seen
    doc = lib.documents.get(result.doc_id or "")
    assert doc.meta.origin == "imported" and doc.meta.imported
    assert (doc.meta.author, doc.meta.published) == ("Jane Roe", "2024-01-25")
    folder = lib.data.library / doc.id
    assert {p.name for p in folder.iterdir()} == {"original.html", "text.txt", "meta.json"}
    assert (folder / "text.txt").read_text("utf-8") == doc.text
    assert "norway" in {a.actor.id for p in lib.actors.extract(doc.id).passages for a in p.actors}
    h = lib.highlights.add(doc.id, *lib.highlights.find_quote(doc.id, "prisoner exchanges"))
    assert h.quote == "prisoner exchanges"


def test_the_same_bytes_twice_give_the_same_document_and_change_nothing(
    tmp_path: Path, corpus_dir: Path
) -> None:
    lib = Library(corpus_dir)
    page = write(tmp_path, "page.html", HTML)
    [first] = lib.imports.import_paths([page])
    before = sorted(p.name for p in lib.data.library.iterdir())
    [again] = lib.imports.import_paths([write(tmp_path, "copy/renamed.html", HTML)])
    assert (again.status, again.doc_id) == ("existing", first.doc_id)
    assert sorted(p.name for p in lib.data.library.iterdir()) == before


def test_replace_keeps_the_id_and_places_the_highlights_in_the_new_text(
    tmp_path: Path, corpus_dir: Path
) -> None:
    lib = Library(corpus_dir)
    [result] = lib.imports.import_paths([write(tmp_path, "notes.md", MARKDOWN)])
    doc_id = result.doc_id or ""
    h = lib.highlights.add(doc_id, *lib.highlights.find_quote(doc_id, "Germany paid"))
    newer = MARKDOWN.replace("# Meeting in Oslo", "# Meeting in Oslo\n\nAn added paragraph.")
    lib.imports.replace(doc_id, write(tmp_path, "notes-v2.md", newer))
    assert "An added paragraph." in lib.documents.get(doc_id).text
    (moved,) = lib.highlights.list(doc_id)
    assert moved.id == h.id and moved.quote == "Germany paid" and moved.start > h.start
    assert lib.documents.metadata(doc_id).title == "Field notes"


def test_removing_keeps_highlights_waiting_until_the_same_text_returns(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = write(tmp_path, "page.html", HTML)
    code, out, _ = run(capsys, "import", str(page))
    doc_id = out.split("\t")[0]
    code, out, _ = run(capsys, "highlights", "add", doc_id, "--quote", "prisoner exchanges")
    code, _, err = run(capsys, "docs", "remove", doc_id)
    assert code == 0 and "kept" in err
    lib = Library(corpus_dir)
    assert doc_id not in lib.documents.ids()
    assert [h.status for h in lib.highlights.list(doc_id)] == ["orphaned"]
    run(capsys, "import", str(page))
    code, out, _ = run(capsys, "highlights", "list", "--doc", doc_id, "--json")
    [row] = json.loads(out)["highlights"]
    assert (row["status"], row["quote"]) == ("anchored", "prisoner exchanges")


def test_a_corpus_document_cannot_be_removed(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "docs", "remove", "qatar-peace-dialogue")
    assert code == 1 and err.startswith("error: qatar-peace-dialogue is part of the corpus")
    assert "qatar-peace-dialogue" in Library().documents.ids()


# -- the command line ------------------------------------------------------------------------
def test_import_prints_id_and_path_and_json_says_each_file_s_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    write(folder, "a.md", MARKDOWN)
    write(folder, "deep/b.txt", "A plain note on the talks in Doha.\n")
    write(folder, "ignored.pdf.part", b"x")
    code, out, err = run(capsys, "import", str(folder))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2 and all("\t" in line for line in lines)
    assert "2 added" in err
    code, out, _ = run(capsys, "import", str(folder), str(tmp_path / "missing.txt"), "--json")
    docs = json.loads(out)["documents"]
    assert code == 1
    assert {d["status"] for d in docs} == {"existing", "failed"}
    assert all(set(d) == {"id", "path", "status", "error", "warnings"} for d in docs)
    code, out, _ = run(capsys, "docs", "--json")
    imported = [d for d in json.loads(out)["documents"] if d["origin"] == "imported"]
    assert len(imported) == 2 and all(d["imported"] for d in imported)


def test_title_and_published_name_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = write(tmp_path, "n.txt", "The envoys met in Doha.\n")
    code, out, _ = run(capsys, "import", str(note), "--title", "My note", "--published", "2020-02")
    doc_id = out.split("\t")[0]
    assert code == 0 and doc_id.startswith("my-note-")
    meta = Library().documents.metadata(doc_id)
    assert (meta.title, meta.published) == ("My note", "2020-02")
    other = write(tmp_path, "o.txt", "Another.\n")
    code, _, err = run(capsys, "import", str(note), str(other), "--title", "x")
    assert code == 1 and err.startswith("error: --title and --published go with one file")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.md", b"\n\n  \n", "the file is empty"),
        ("random.txt", bytes(range(256)) * 20, "a binary file"),
        ("image.html", b"\x89PNG\r\n\x1a\n" + bytes(300), "a binary file"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported type"),
        ("scripts.html", b"<html><script>x()</script></html>", "no text found"),
    ],
)
def test_bad_files_are_one_error_line_and_touch_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    before = Library().documents.ids()
    code, out, err = run(capsys, "import", str(write(tmp_path, name, data)))
    assert code == 1 and out == ""
    assert err.startswith("error: ") and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert Library().documents.ids() == before


def test_a_missing_path_and_an_empty_folder_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "nowhere.txt"))
    assert code == 1 and "file not found" in err
    (tmp_path / "empty").mkdir()
    write(tmp_path, "empty/picture.png", b"\x89PNG")
    code, _, err = run(capsys, "import", str(tmp_path / "empty"))
    assert code == 1 and "no supported files" in err


def test_text_over_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.corpus.importers.MAX_TEXT_CHARS", 100)
    with pytest.raises(UnreadableFile, match="more than 50 MB"):
        read_file(write(tmp_path, "long.txt", "word " * 100))


def test_an_import_killed_halfway_leaves_no_half_document(
    tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = Library(corpus_dir)

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt  # the moment between writing the files and renaming the folder

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr("reader.store.user_library.os.rename", killed)
        lib.imports.import_paths([write(tmp_path, "page.html", HTML)])
    fresh = Library(corpus_dir)
    assert all(fresh.documents.origin(d) == "corpus" for d in fresh.documents.ids())
    [result] = fresh.imports.import_paths([write(tmp_path, "page.html", HTML)])
    assert result.status == "added"


def test_replace_refuses_a_corpus_document(tmp_path: Path, corpus_dir: Path) -> None:
    with pytest.raises(LibraryError, match="part of the corpus folder"):
        Library(corpus_dir).imports.replace("qatar-peace-dialogue", write(tmp_path, "x.txt", "x"))
