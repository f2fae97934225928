"""Issue 14, data lost or wrong: races, planted quotes, emptied files, failed backups, privacy."""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from reader.core import highlight as hl
from reader.library import Library
from reader.store.docfile import KEEP_BACKUPS

LAST = "afghanistan-looks-to-russia"


def _spans(text: str, count: int) -> list[tuple[int, int]]:
    step = max(1, (len(text) - 20) // count)
    return [(i * step, i * step + 10) for i in range(count)]


def _fill(library: Library, per_doc: int) -> hl.Highlight:
    """Give every document ``per_doc`` highlights; return one of the last document's."""
    made = []
    for doc_id in library.documents.ids():
        doc = library.documents.get(doc_id)
        for span in _spans(doc.text, per_doc):
            made.append(hl.make_highlight(doc.id, doc.text, doc.content_hash, span))
    library.highlights.restore_all(made)
    return next(h for h in made if h.doc_id == LAST)


@pytest.mark.parametrize("attempt", range(4))
def test_an_edit_saved_while_an_import_runs_is_kept(
    data_dir: Path, tmp_path: Path, attempt: int
) -> None:
    library = Library()
    assert library.documents.ids()[-1] == LAST  # the import writes this document last
    target = _fill(library, 400)
    exported = tmp_path / "all.json"
    library.exports.export("json", exported)
    for doc_id in library.documents.ids()[:-1]:  # the import must write those first
        (data_dir / "highlights" / f"{doc_id}.json").unlink()
    first = data_dir / "highlights" / f"{library.documents.ids()[0]}.json"
    edited = threading.Event()

    def edit_once_the_import_writes() -> None:
        deadline = time.monotonic() + 20
        while not first.exists() and time.monotonic() < deadline:
            time.sleep(0.0005)
        Library().highlights.edit(target.id, note=f"edited during the import {attempt}")
        edited.set()

    editor = threading.Thread(target=edit_once_the_import_writes)
    editor.start()
    Library().exports.import_highlights(exported)
    editor.join()
    assert edited.is_set()
    assert Library().highlights.get(target.id).note == f"edited during the import {attempt}"


def _export_one(library: Library, tmp_path: Path) -> tuple[hl.Highlight, dict[str, object]]:
    h = library.highlights.add(LAST, 100, 140)
    out = tmp_path / "one.json"
    library.exports.export("json", out)
    library.highlights.remove(h.id)
    return h, json.loads(out.read_text("utf-8"))


def _selectors(data: dict[str, object]) -> list[dict[str, object]]:
    items = data["first"]["items"] if "first" in data else data["items"]  # type: ignore[index]
    return items[0]["target"]["selector"]  # type: ignore[no-any-return,index]


@pytest.mark.parametrize(
    ("exact", "start", "end"),
    [
        ("words this document never said", None, None),
        (None, 10**30, 10**30 + 40),
    ],
)
def test_an_imported_quote_is_checked_against_the_text(
    tmp_path: Path, exact: str | None, start: int | None, end: int | None
) -> None:
    library = Library()
    h, data = _export_one(library, tmp_path)
    for selector in _selectors(data):
        if selector["type"] == "TextQuoteSelector" and exact is not None:
            selector["exact"] = exact
        if selector["type"] == "TextPositionSelector" and start is not None:
            selector["start"], selector["end"] = start, end
    planted = tmp_path / "planted.json"
    planted.write_text(json.dumps(data), "utf-8")
    library.exports.import_highlights(planted)
    text = library.documents.get(LAST).text
    stored = Library().highlights.get(h.id)
    if stored.status != "orphaned":
        assert text[stored.start : stored.end] == stored.quote
    else:
        assert exact is None or stored.quote == exact  # kept as it came, never shown as found
    markdown = tmp_path / "out.md"
    Library().exports.export("md", markdown)
    if exact is not None:
        body = markdown.read_text("utf-8")
        assert exact not in body or "not found in the document" in body


def test_a_highlight_file_emptied_to_braces_is_damage(data_dir: Path) -> None:
    library = Library()
    h = library.highlights.add(LAST, 100, 140)
    path = data_dir / "highlights" / f"{LAST}.json"
    path.write_text("{}", "utf-8")
    again = Library()
    assert [x.id for x in again.highlights.list(LAST)] == [h.id]  # restored from a backup
    assert any("could not be read" in m for m in again.damage_reports())
    assert list((data_dir / "damaged").iterdir())


def test_backups_keep_the_last_one_that_held_more(data_dir: Path) -> None:
    library = Library()
    doc = library.documents.get(LAST)
    library.highlights.restore_all(
        [hl.make_highlight(doc.id, doc.text, doc.content_hash, s) for s in _spans(doc.text, 15)]
    )
    path = data_dir / "highlights" / f"{LAST}.json"
    path.write_text(json.dumps({"schema": 1, "doc_id": LAST}), "utf-8")  # valid, and empty
    for i in range(KEEP_BACKUPS + 2):
        library.highlights.set_note(LAST, f"note {i}")
    backups = sorted((data_dir / "backups" / "highlights" / LAST).glob("*.json"))
    counts = [len(json.loads(b.read_text("utf-8")).get("highlights", {})) for b in backups]
    assert 15 in counts  # the backup with all of them is still there
    assert len(backups) == KEEP_BACKUPS + 1
    assert sum("is kept" in m for m in library.damage_reports()) == 1


def test_concurrent_metadata_corrections_are_all_kept() -> None:
    fields = ["title", "author", "site", "url", "language", "source_kind", "published"]
    values = {f: f"value {f}" for f in fields}
    values["published"] = "2020-01-02"
    barrier = threading.Barrier(len(fields))

    def correct(field: str) -> None:
        library = Library()
        barrier.wait()
        library.documents.edit_metadata(LAST, {field: values[field]})

    threads = [threading.Thread(target=correct, args=(f,)) for f in fields]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    meta = Library().documents.metadata(LAST)
    assert {f: getattr(meta, f) for f in fields} == values


def test_concurrent_gazetteer_entries_are_all_kept_with_the_users_comments(data_dir: Path) -> None:
    path = data_dir / "gazetteer.user.toml"
    path.write_text("# my own notes, keep them\nschema = 1\n", "utf-8")
    names = [f"Actor Number {i}" for i in range(6)]
    barrier = threading.Barrier(len(names))

    def add(name: str) -> None:
        library = Library()
        barrier.wait()
        library.actors.add_gazetteer_entry(name, "person")

    threads = [threading.Thread(target=add, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    text = path.read_text("utf-8")
    assert "# my own notes, keep them" in text
    assert all(f'"{n}"' in text for n in names)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_failed_backup_after_a_saved_change_is_a_warning(data_dir: Path) -> None:
    library = Library()
    library.highlights.add(LAST, 10, 20)
    backups = data_dir / "backups" / "highlights" / LAST
    for b in backups.iterdir():
        b.unlink()
    backups.rmdir()
    backups.write_text("not a folder")  # writing a backup in it fails, even as root
    added = library.highlights.add(LAST, 30, 40)
    assert added.id in {h.id for h in Library().highlights.list(LAST)}
    assert any("backup could not be written" in m for m in library.damage_reports())


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_data_folder_is_private(data_dir: Path, tmp_path: Path) -> None:
    os.chmod(data_dir, 0o755)
    library = Library()
    library.highlights.add(LAST, 10, 20)
    library.highlights.set_note(LAST, "notes")
    library.state.set_color_label("yellow", "claim")
    library.documents.edit_metadata(LAST, {"author": "Someone"})
    library.actors.add_gazetteer_entry("Someone Else", "person")
    (data_dir / "highlights" / f"{LAST}.json").write_text("not json")
    Library().highlights.list(LAST)  # moves it to damaged/, restores a backup
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    seen = 0
    for path in data_dir.rglob("*"):
        mode = stat.S_IMODE(path.lstat().st_mode)
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, f"{path.relative_to(data_dir)} is {oct(mode)}"
        seen += 1
    assert seen > 10
