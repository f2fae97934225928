"""``highlights import``: JSON exports come back exactly, merge by id, and wait for documents."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.core.highlight import Highlight
from reader.export.importing import read_annotations
from reader.library import Library, LibraryError
from tests.unit.export_helpers import HOSTILE_NOTES

QATAR = "qatar-peace-dialogue"
NORWAY = "norway-peace-diplomacy"


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")


def fill(lib: Library) -> None:
    """Give a library highlights of every kind: hostile notes, tags, colours, a moved one."""
    for i, note in enumerate(HOSTILE_NOTES[:8]):
        lib.highlights.add(
            QATAR,
            100 + 40 * i,
            120 + 40 * i,
            note=note,
            color=["yellow", "green", "blue", "pink", "purple"][i % 5],
            tags=[f"t{i}", "shared tag"],
        )
    lib.highlights.add(NORWAY, 100, 160)
    lib.highlights.set_note(QATAR, HOSTILE_NOTES[2])
    lib.state.set_color_label("pink", "question")


def export_json(lib: Library, out: Path) -> Path:
    lib.exports.export("json", out)
    return out


def by_id(highlights: list[Highlight]) -> dict[str, Highlight]:
    return {h.id: h for h in highlights}


def test_export_then_import_into_an_empty_data_folder_gives_the_same_highlights(
    corpus_dir: Path, tmp_path: Path
) -> None:
    source = Library(corpus_dir, tmp_path / "a")
    fill(source)
    path = export_json(source, tmp_path / "backup.json")
    target = Library(corpus_dir, tmp_path / "b")
    report = target.exports.import_highlights(path)
    assert report.highlights == len(source.highlights.list()) and report.skipped == ()
    assert by_id(target.highlights.list()) == by_id(
        source.highlights.list()
    )  # every field, status too
    assert target.highlights.note(QATAR) == source.highlights.note(QATAR)
    assert target.state.color_label("pink") == "question"


def test_import_from_the_command_line(
    corpus_dir: Path, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Library(corpus_dir, tmp_path / "a")
    fill(source)
    path = export_json(source, tmp_path / "backup.json")
    assert main(["highlights", "import", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["highlights"] == len(source.highlights.list())
    assert by_id(Library(corpus_dir).highlights.list()) == by_id(source.highlights.list())


def test_import_twice_changes_nothing(corpus_dir: Path, tmp_path: Path) -> None:
    source = Library(corpus_dir, tmp_path / "a")
    fill(source)
    path = export_json(source, tmp_path / "backup.json")
    target = Library(corpus_dir, tmp_path / "b")
    target.exports.import_highlights(path)
    first = by_id(target.highlights.list())
    target.exports.import_highlights(path)
    assert by_id(target.highlights.list()) == first


def test_a_newer_local_edit_is_kept(corpus_dir: Path, tmp_path: Path) -> None:
    lib = Library(corpus_dir)
    h = lib.highlights.add(QATAR, 100, 120, note="old")
    path = export_json(lib, tmp_path / "backup.json")
    lib.highlights.edit(h.id, note="newer, made after the export")
    other = lib.highlights.add(QATAR, 200, 220, note="only here")
    report = lib.exports.import_highlights(path)
    assert report.kept_newer == 1
    assert lib.highlights.get(h.id).note == "newer, made after the export"
    assert lib.highlights.get(other.id).note == "only here"


def test_an_older_local_version_is_replaced(corpus_dir: Path, tmp_path: Path) -> None:
    lib = Library(corpus_dir, tmp_path / "a")
    h = lib.highlights.add(QATAR, 100, 120, note="old")
    target = Library(corpus_dir, tmp_path / "b")
    target.highlights.restore(h)
    edited = lib.highlights.edit(h.id, note="new")
    target.exports.import_highlights(export_json(lib, tmp_path / "backup.json"))
    assert target.highlights.get(h.id) == edited


def test_highlights_of_a_missing_document_wait_orphaned_then_join_a_document_with_its_hash(
    corpus_dir: Path, tmp_path: Path
) -> None:
    source = Library(corpus_dir, tmp_path / "a")
    h = source.highlights.add(QATAR, 100, 120, note="waits")
    path = export_json(source, tmp_path / "backup.json")
    # A corpus without that document.
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(corpus_dir / f"{NORWAY}.txt", small)
    (small / "catalog.toml").write_text(
        f'[[document]]\nid = "{NORWAY}"\nfile = "{NORWAY}.txt"\ntitle = "N"\n', "utf-8"
    )
    target = Library(small, tmp_path / "b")
    assert target.exports.import_highlights(path).waiting == 1
    [waiting] = target.highlights.list()
    assert (waiting.doc_id, waiting.status) == (QATAR, "orphaned")
    # The document arrives under another id, with the same text.
    shutil.copy(corpus_dir / f"{QATAR}.txt", small / "renamed.txt")
    with (small / "catalog.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[document]]\nid = "renamed"\nfile = "renamed.txt"\ntitle = "R"\n')
    later = Library(small, tmp_path / "b")
    later.highlights.sync()  # what the window and the commands do when texts may have changed
    [joined] = later.highlights.list()
    assert joined == replace(h, doc_id="renamed")
    assert later.highlights.list("renamed") == [joined]


def test_import_into_a_document_known_by_hash_under_another_id(
    corpus_dir: Path, tmp_path: Path
) -> None:
    source = Library(corpus_dir, tmp_path / "a")
    h = source.highlights.add(QATAR, 100, 120)
    path = export_json(source, tmp_path / "backup.json")
    data = json.loads(path.read_text("utf-8"))
    for item in data["first"]["items"]:
        item["rr:docId"] = "old-name"
    path.write_text(json.dumps(data), "utf-8")
    target = Library(corpus_dir, tmp_path / "b")
    assert target.exports.import_highlights(path).waiting == 0
    assert target.highlights.list(QATAR) == [h]


def test_annotations_from_another_tool_are_read_as_far_as_they_fit() -> None:
    other = [
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "http://example.org/anno/1",
            "type": "Annotation",
            "bodyValue": "a comment",
            "body": [{"type": "TextualBody", "value": "tagged", "purpose": "tagging"}],
            "target": {
                "source": "reader://open/qatar-peace-dialogue?start=0",
                "selector": [
                    {"type": "TextPositionSelector", "start": 3, "end": 9},
                    {"type": "TextQuoteSelector", "exact": "quoted"},
                ],
            },
            "rr:color": "chartreuse",
        },
        {
            "type": "Annotation",
            "id": "urn:uuid:6b4f9a4e-8d43-4c4b-9d5e-1f0c8e1c2a3b",
            "target": "http://example.org/page",
        },
        "not even an object",
    ]
    found = read_annotations(json.dumps(other).encode())
    [h] = found.highlights
    assert (h.doc_id, h.start, h.end, h.quote, h.note, h.tags, h.color) == (
        "qatar-peace-dialogue",
        3,
        9,
        "quoted",
        "a comment",
        ("tagged",),
        "yellow",
    )
    again = read_annotations(json.dumps(other).encode()).highlights[0]
    assert again.id == h.id  # a foreign id always maps to the same UUID
    assert len(found.skipped) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not JSON"),
        (b'{"type": "Something"}', "not a Web Annotation file"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused(
    content: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(content)
    assert main(["highlights", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: {message}") and err.count("\n") == 1


def test_a_missing_file_is_refused(corpus_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="cannot read"):
        Library(corpus_dir).exports.import_highlights(tmp_path / "nope.json")
