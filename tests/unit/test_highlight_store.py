"""The highlight store: records, ids, notes, palette, schema, backups, damage, change stamps."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from reader.core.highlight import make_highlight
from reader.core.model import DocId
from reader.core.text import content_hash
from reader.library import Library, LibraryError
from reader.store.datadir import DataDir
from reader.store.docfile import KEEP_BACKUPS
from reader.store.errors import StoreError
from reader.store.highlights import HighlightStore

TEXT = "One two three four five six seven eight nine ten eleven twelve thirteen."
DOC = DocId("doc-a")


def new(span: tuple[int, int] = (4, 13), doc: DocId = DOC, **kw: object):  # type: ignore[no-untyped-def]
    return make_highlight(doc, TEXT, content_hash(TEXT), span, **kw)  # type: ignore[arg-type]


def store(data_dir: Path) -> HighlightStore:
    return HighlightStore(DataDir(data_dir))


def test_add_and_read_back_every_field(data_dir: Path) -> None:
    s = store(data_dir)
    h = new(note="a note", tags=["x", " y ", "x"], color="pink")
    s.add(h)
    (back,) = store(data_dir).highlights(DOC)
    assert back == h
    assert back.tags == ("x", "y")
    assert str(uuid.UUID(back.id)) == back.id and uuid.UUID(back.id).version == 4
    assert back.created.endswith("Z") and back.quote == "two three"
    assert back.prefix == "One " and back.suffix == TEXT[13:45]


def test_the_file_is_one_json_per_document_with_a_schema(data_dir: Path) -> None:
    s = store(data_dir)
    s.add(new(doc=DocId("doc-a")))
    s.add(new(doc=DocId("doc-b")))
    assert s.doc_ids() == ["doc-a", "doc-b"]
    raw = json.loads((data_dir / "highlights" / "doc-a.json").read_text())
    assert raw["schema"] == 1 and raw["doc_id"] == "doc-a"
    (record,) = raw["highlights"].values()
    assert record["quote"] == "two three"


def test_two_stores_in_one_process_never_overwrite_each_other(data_dir: Path) -> None:
    # TinyDB caches each table's next integer id: a long-lived handle would reuse one.
    first, second = store(data_dir), store(data_dir)
    ids = []
    for i in range(6):
        ids.append((first if i % 2 else second).add(new((i, i + 5))).id)
    assert sorted(h.id for h in first.highlights(DOC)) == sorted(ids)


def test_update_remove_and_find_by_id(data_dir: Path) -> None:
    s = store(data_dir)
    a, b = s.add(new((0, 3))), s.add(new((4, 7), doc=DocId("doc-b")))
    other = store(data_dir)  # a fresh process's view: finds the document by scanning
    assert other.get(b.id) == b
    changed = other.update(b.id, lambda h: h.__class__(**{**h.__dict__, "note": "new"}))
    assert changed.note == "new" and s.get(b.id) == changed
    assert other.remove(a.id) == a
    assert s.get(a.id) is None
    with pytest.raises(StoreError, match="no highlight"):
        s.remove(a.id)
    with pytest.raises(StoreError, match="no highlight"):
        s.update(str(uuid.uuid4()), lambda h: h)


def test_a_refused_change_writes_nothing(data_dir: Path) -> None:
    s = store(data_dir)
    h = s.add(new())
    before = (data_dir / "highlights" / "doc-a.json").read_bytes()

    def refuse(_: object) -> object:
        raise ValueError("no")

    with pytest.raises(ValueError):
        s.update(h.id, refuse)  # type: ignore[arg-type]
    assert (data_dir / "highlights" / "doc-a.json").read_bytes() == before


def test_put_restores_a_removed_highlight_with_its_id(data_dir: Path) -> None:
    s = store(data_dir)
    h = s.add(new())
    s.remove(h.id)
    s.put(h)
    assert s.highlights(DOC) == [h]
    s.put(h)  # idempotent
    assert s.highlights(DOC) == [h]


def test_document_notes(data_dir: Path) -> None:
    s = store(data_dir)
    assert s.note(DOC) is None
    first = s.set_note(DOC, "first")
    second = store(data_dir).set_note(DOC, "second\nline")
    got = s.note(DOC)
    assert got is not None and got.text == "second\nline"
    assert got.created == first.created and got.modified == second.modified


def test_the_revision_changes_with_every_write(data_dir: Path) -> None:
    s = store(data_dir)
    assert s.revision(DOC) is None
    h = s.add(new())
    one = s.revision(DOC)
    s.update(h.id, lambda x: x)
    two = s.revision(DOC)
    assert one is not None and two is not None and one != two
    assert s.revisions() == {DOC: two}


def test_backups_keep_the_last_few_versions(data_dir: Path) -> None:
    s = store(data_dir)
    for i in range(KEEP_BACKUPS + 3):
        s.add(new((i, i + 3)))
    backups = sorted((data_dir / "backups" / "highlights" / "doc-a").glob("*.json"))
    assert len(backups) == KEEP_BACKUPS
    newest = json.loads(backups[-1].read_text())
    assert len(newest["highlights"]) == KEEP_BACKUPS + 3


def test_a_damaged_file_is_moved_aside_and_the_last_backup_restored(data_dir: Path) -> None:
    s = store(data_dir)
    kept = [s.add(new((i, i + 3))) for i in range(3)]
    path = data_dir / "highlights" / "doc-a.json"
    path.write_bytes(b'{"schema": 1, "highlights": {"1": {"id": "trunc')  # torn by a bad disk
    fresh = store(data_dir)
    assert sorted(h.id for h in fresh.highlights(DOC)) == sorted(h.id for h in kept)
    (damage,) = fresh.damages
    assert damage.moved_to.parent == data_dir / "damaged"
    assert damage.moved_to.read_bytes().startswith(b'{"schema": 1, "highlights"')
    assert "moved to" in damage.message() and "backup" in damage.message()
    assert json.loads(path.read_text())["schema"] == 1  # the restored file is back in place


def test_reading_many_documents_at_once_reads_what_tinydb_reads(data_dir: Path) -> None:
    s = store(data_dir)
    for doc in ("doc-a", "doc-b"):
        for i in (9, 0, 4):
            s.add(new((i, i + 3), doc=DocId(doc), note=f"{doc} {i}"))
    s.set_note(DocId("doc-b"), "notes of b")
    s.set_note(DocId("doc-c"), "notes of c, no highlights")
    (data_dir / "highlights" / "doc-a.json").write_bytes(b'{"schema": 1, "highl')  # torn
    fresh = store(data_dir)
    found = fresh.read_documents(["doc-a", "doc-b", "doc-c", "doc-none"])
    other = store(data_dir)
    for doc in ("doc-a", "doc-b", "doc-c", "doc-none"):
        assert found[DocId(doc)].highlights == other.highlights(doc)
        assert found[DocId(doc)].note == other.note(doc)
    assert [h.start for h in found[DocId("doc-b")].highlights] == [0, 4, 9]
    assert found[DocId("doc-c")].note is not None and found[DocId("doc-none")].note is None
    (damage,) = fresh.damages  # the torn file was repaired from its backup, and said so
    assert damage.original.name == "doc-a.json"
    with pytest.raises(StoreError):
        fresh.read_documents(["../escape"])


def test_a_damaged_file_without_backups_opens_empty(data_dir: Path) -> None:
    folder = data_dir / "highlights"
    folder.mkdir()
    (folder / "doc-a.json").write_text("not json at all")
    s = store(data_dir)
    assert s.highlights(DOC) == []
    assert "no good backup" in s.damages[0].message()
    assert list((data_dir / "damaged").iterdir())
    s.add(new())  # and it works again
    assert len(s.highlights(DOC)) == 1


def test_an_old_schema_is_migrated_forward(data_dir: Path) -> None:
    h = new()
    folder = data_dir / "highlights"
    folder.mkdir()
    record = {k: (list(v) if isinstance(v, tuple) else v) for k, v in h.__dict__.items()}
    (folder / "doc-a.json").write_text(json.dumps({"_default": {"1": record}}))  # schema 0
    s = store(data_dir)
    assert s.highlights(DOC) == [h]
    s.add(new((0, 3)))
    raw = json.loads((folder / "doc-a.json").read_text())
    assert raw["schema"] == 1 and "_default" not in raw and len(raw["highlights"]) == 2


def test_a_newer_schema_is_read_but_never_overwritten(data_dir: Path) -> None:
    s = store(data_dir)
    h = s.add(new())
    path = data_dir / "highlights" / "doc-a.json"
    raw = json.loads(path.read_text())
    raw["schema"] = 99
    path.write_text(json.dumps(raw))
    assert store(data_dir).highlights(DOC) == [h]
    with pytest.raises(StoreError, match="newer version"):
        store(data_dir).add(new((0, 3)))
    assert json.loads(path.read_text())["schema"] == 99


def test_a_bad_record_is_reported_and_kept(data_dir: Path) -> None:
    s = store(data_dir)
    s.add(new())
    path = data_dir / "highlights" / "doc-a.json"
    raw = json.loads(path.read_text())
    raw["highlights"]["99"] = {"id": "broken"}
    path.write_text(json.dumps(raw))
    fresh = store(data_dir)
    assert len(fresh.highlights(DOC)) == 1 and len(fresh.skipped) == 1
    fresh.highlights(DOC)
    assert len(fresh.skipped) == 1  # reported once, not at every reading
    fresh.add(new((0, 3)))
    assert {"id": "broken"} in json.loads(path.read_text())["highlights"].values()


def test_the_library_reports_damage_to_the_user(data_dir: Path, corpus_dir: Path) -> None:
    lib = Library(corpus_dir)
    doc = lib.documents.ids()[0]
    lib.highlights.add(doc, 0, 5)
    (data_dir / "highlights" / f"{doc}.json").write_text("{")
    fresh = Library(corpus_dir)
    assert len(fresh.highlights.list(doc)) == 1
    (message,) = fresh.damage_reports()
    assert str(data_dir / "damaged") in message


def test_palette_labels(data_dir: Path, corpus_dir: Path) -> None:
    lib = Library(corpus_dir)
    assert [c.color for c in lib.state.palette()] == ["yellow", "green", "blue", "pink", "purple"]
    lib.state.set_color_label("green", "evidence")
    lib.state.set_color_label("pink", "question")
    lib.state.set_color_label("pink", " ")
    labels = {c.color: c.label for c in Library(corpus_dir).state.palette()}
    assert labels == {
        "yellow": None,
        "green": "evidence",
        "blue": None,
        "pink": None,
        "purple": None,
    }
    with pytest.raises(LibraryError, match="palette"):
        lib.state.set_color_label("red", "x")


def test_facade_validates_spans_and_colours(corpus_dir: Path) -> None:
    lib = Library(corpus_dir)
    doc = lib.documents.ids()[0]
    size = len(lib.documents.get(doc).text)
    with pytest.raises(LibraryError, match="not inside"):
        lib.highlights.add(doc, 10, size + 1)
    with pytest.raises(LibraryError, match="not inside"):
        lib.highlights.add(doc, 5, 5)
    with pytest.raises(LibraryError, match="palette"):
        lib.highlights.add(doc, 0, 5, color="red")
    with pytest.raises(LibraryError, match="no document"):
        lib.highlights.add("no-such-doc", 0, 5)
    assert lib.highlights.list() == []


def test_facade_replaces_a_highlight_by_selecting_again(corpus_dir: Path) -> None:
    lib = Library(corpus_dir)
    doc = lib.documents.ids()[0]
    h = lib.highlights.add(doc, 0, 5, note="keep")
    moved = lib.highlights.edit(h.id, span=(10, 20))
    text = lib.documents.get(doc).text
    assert (moved.start, moved.end, moved.quote, moved.note) == (10, 20, text[10:20], "keep")
    assert moved.status == "anchored"


def test_temp_files_of_a_killed_writer_are_swept_by_the_next_write(data_dir: Path) -> None:
    s = store(data_dir)
    s.add(new())
    stale = data_dir / "highlights" / ".doc-a.json.abc123.tmp"
    stale.write_text('{"half": ')
    other = data_dir / "highlights" / ".doc-b.json.abc123.tmp"  # another document's: not ours
    other.write_text("{")
    store(data_dir).add(new((0, 3)))  # the next process to write this document
    assert not stale.exists() and other.exists()


def test_restore_many_merges_by_id_even_for_unknown_documents(corpus_dir: Path) -> None:
    lib = Library(corpus_dir)
    doc = lib.documents.ids()[0]
    kept = lib.highlights.add(doc, 0, 5, note="old")
    away = new(doc=DocId("not-in-the-library"))
    changed = kept.__class__(**{**kept.__dict__, "note": "imported"})
    assert lib.highlights.restore_all([changed, away, away]) == 3
    assert lib.highlights.get(kept.id).note == "imported"
    assert Library(corpus_dir).highlights.list("not-in-the-library") == [away]
    assert len(lib.highlights.list()) == 2


def test_the_facade_exposes_a_change_stamp_per_document(corpus_dir: Path) -> None:
    window, cli = Library(corpus_dir), Library(corpus_dir)
    assert window.highlights.folder.is_dir()  # watchable before the first highlight
    doc = window.documents.ids()[0]
    seen = window.highlights.revision(doc)
    cli.highlights.add(doc, 0, 5)
    assert window.highlights.revision(doc) != seen
    assert set(window.highlights.revisions()) == {doc}
    assert window.highlights.folder.is_dir()


def test_threads_with_their_own_stores_lose_nothing(data_dir: Path) -> None:
    import threading

    made: list[str] = []

    def work(n: int) -> None:
        mine = store(data_dir)
        for i in range(15):
            made.append(mine.add(new((n + i, n + i + 4))).id)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(h.id for h in store(data_dir).highlights(DOC)) == sorted(made)
    assert len(made) == 60


def test_put_moves_a_highlight_between_documents(data_dir: Path) -> None:
    s = store(data_dir)
    h = s.add(new())
    moved = h.__class__(**{**h.__dict__, "doc_id": DocId("doc-b")})
    store(data_dir).put(moved)
    assert s.highlights(DOC) == [] and s.highlights(DocId("doc-b")) == [moved]


def test_notes_saved_from_a_stale_editor_are_refused(corpus_dir: Path) -> None:
    from reader.library import NoteConflictError

    window, cli = Library(corpus_dir), Library(corpus_dir)
    doc = window.documents.ids()[0]
    first = window.highlights.set_note(doc, "draft", base="")
    cli.highlights.set_note(doc, "changed on the command line")
    with pytest.raises(NoteConflictError):
        window.highlights.set_note(doc, "draft, typed on", base=first.modified)
    current = window.highlights.note(doc)
    assert current is not None and current.text == "changed on the command line"
    merged = window.highlights.set_note(doc, current.text + "\ndraft", base=current.modified)
    assert merged.text.endswith("draft")


def test_a_record_is_read_as_stored_with_its_defaults_and_refusals() -> None:
    from reader.store.highlights import highlight_to_record, record_to_highlight

    h = new(note="n", tags=["a", "b"])
    assert record_to_highlight(highlight_to_record(h)) == h
    bare = {k: highlight_to_record(h)[k] for k in ("id", "doc_id", "start", "end", "quote")}
    bare |= {"prefix": 1, "suffix": "", "content_hash": "x", "tags": "t", "status": "lost"}
    found = record_to_highlight(bare)
    assert (found.prefix, found.color, found.note, found.tags) == ("1", "yellow", "", ())
    assert (found.created, found.status) == ("", "anchored")
    assert record_to_highlight(bare | {"tags": [1, "b"]}).tags == ("1", "b")
    with pytest.raises(ValueError, match="missing 'prefix'"):  # the first in the fields' order
        record_to_highlight({k: v for k, v in bare.items() if k not in ("suffix", "prefix")})
    with pytest.raises(ValueError, match="not integers"):
        record_to_highlight(bare | {"end": "9"})


def test_every_highlight_is_what_each_documents_file_holds(data_dir: Path) -> None:
    s = store(data_dir)
    for doc in ("doc-b", "doc-a"):
        for i in (9, 0, 4):
            s.add(new((i, i + 3), doc=DocId(doc), note=f"{doc} {i}"))
    s.set_note(DocId("doc-c"), "notes, no highlights")
    fresh = store(data_dir)
    each = [h for doc in fresh.doc_ids() for h in store(data_dir).highlights(doc)]
    assert fresh.all_highlights() == each and len(each) == 6
    assert [h.doc_id for h in each] == ["doc-a"] * 3 + ["doc-b"] * 3
