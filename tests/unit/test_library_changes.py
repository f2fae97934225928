"""The library as parts: every change publishes one record; other processes hear of it through
the journal; reads never write; metadata is held in memory."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from reader.core.changes import Changes
from reader.library import Library
from reader.store.journal import MAX_BYTES, ChangeJournal

DOC = "qatar-peace-dialogue"


def recorded(library: Library) -> list[Changes]:
    seen: list[Changes] = []
    library.changes.subscribe(seen.append)
    return seen


def test_a_record_says_what_it_touched_and_survives_json() -> None:
    one = Changes.of(highlights=["a"], notes=["b"])
    both = one | Changes(palette=True)
    assert both.highlights == {"a"} and both.notes == {"b"} and both.palette
    assert both.documents() == {"a", "b"}
    assert not Changes() and bool(one)
    assert Changes.from_dict(json.loads(json.dumps(both.to_dict()))) == both
    # A newer program's kind of change is not dropped: anything may have changed.
    assert Changes.from_dict({"highlights": ["a"], "timeline": ["x"]}).everything
    with pytest.raises(TypeError):
        Changes.of(nonsense=["a"])


def test_every_change_publishes_one_record(corpus_dir: Path) -> None:
    lib = Library(corpus_dir)
    seen = recorded(lib)
    h = lib.highlights.add(DOC, 10, 30)
    lib.highlights.edit(h.id, note="n")
    lib.highlights.set_note(DOC, "notes")
    lib.documents.edit_metadata(DOC, {"author": "Someone"})
    lib.state.set_color_label("green", "evidence")
    lib.highlights.remove(h.id)
    assert seen == [
        Changes.of(highlights=[DOC]),
        Changes.of(highlights=[DOC]),
        Changes.of(notes=[DOC]),
        Changes.of(metadata=[DOC]),
        Changes(palette=True),
        Changes.of(highlights=[DOC]),
    ]


def test_extraction_and_the_gazetteer_publish_their_records(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")
    lib = Library(corpus_dir)
    seen = recorded(lib)
    lib.actors.extract(DOC)
    lib.actors.extract(DOC)  # held: nothing new arrives
    assert seen == [Changes.of(actors=[DOC])]
    assert lib.actors.facts(DOC) is not None and lib.actors.count("taliban")
    lib.actors.add_gazetteer_entry("Will Racke", "person")
    assert seen[-1] == Changes(gazetteer=True)
    assert lib.actors.facts(DOC) is None  # every result is stale now


def test_another_process_hears_of_a_change_through_the_journal(corpus_dir: Path) -> None:
    window, cli = Library(corpus_dir), Library(corpus_dir)
    window.changes.start_listening()
    heard = recorded(window)
    h = cli.highlights.add(DOC, 10, 30)
    cli.documents.edit_metadata(DOC, {"title": "Renamed"})
    assert window.changes.poll_others() == Changes.of(highlights=[DOC], metadata=[DOC])
    assert heard == [Changes.of(highlights=[DOC], metadata=[DOC])]
    assert window.highlights.get(h.id) == h
    assert window.documents.metadata(DOC).title == "Renamed"
    window.highlights.remove(h.id)
    assert window.changes.poll_others() is None  # its own changes are not heard twice


def test_a_journal_read_before_it_existed_is_read_from_its_start(tmp_path: Path) -> None:
    reader, writer = ChangeJournal(tmp_path / "j"), ChangeJournal(tmp_path / "j")
    reader.mark_read()
    writer.append(Changes.of(notes=["a"]))
    assert reader.read_new() == Changes.of(notes=["a"])
    assert reader.read_new() is None


def test_a_half_written_line_waits_and_a_journal_started_afresh_means_anything(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j"
    reader, writer = ChangeJournal(path), ChangeJournal(path)
    writer.append(Changes.of(notes=["a"]))
    reader.mark_read()
    with path.open("ab") as handle:
        handle.write(b'{"src": "x", "c": {"notes": ["b"]')  # still being written
    assert reader.read_new() is None
    with path.open("ab") as handle:
        handle.write(b"}}\n")
    assert reader.read_new() == Changes.of(notes=["b"])
    path.write_bytes(b"x" * (MAX_BYTES + 1))
    writer.append(Changes.of(notes=["c"]))  # too long: started afresh
    assert path.stat().st_size < 200
    assert reader.read_new() == Changes(everything=True)


def test_listing_never_writes_and_sync_places_highlights_in_a_changed_text(
    corpus_dir: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    lib = Library(corpus)
    text = lib.documents.get(DOC).text
    start = text.index("Taliban")
    h = lib.highlights.add(DOC, start, start + len("Taliban"))
    path = corpus / f"{DOC}.txt"
    path.write_text("A new first line.\n\n" + path.read_text("utf-8"), "utf-8")
    later = Library(corpus)
    before = later.highlights.revision(DOC)
    assert later.highlights.list(DOC) == [h]  # as stored
    assert later.highlights.revision(DOC) == before  # nothing written
    seen = recorded(later)
    assert later.highlights.sync() == Changes.of(highlights=[DOC])
    (moved,) = later.highlights.list(DOC)
    assert moved.start == h.start + len("A new first line.\n\n") and moved.quote == "Taliban"
    assert seen == [Changes.of(highlights=[DOC])]
    assert later.highlights.sync() == Changes()  # once per text


def test_metadata_is_held_in_memory_and_refreshed_by_a_correction(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.store.overrides import OverrideStore

    lib = Library(corpus_dir)
    reads: list[str] = []
    original = OverrideStore.fields

    def counted(self: OverrideStore, doc_id: str) -> dict[str, str | None]:
        reads.append(doc_id)
        return original(self, doc_id)

    monkeypatch.setattr(OverrideStore, "fields", counted)
    for _ in range(3):
        lib.documents.metadata(DOC)
    assert reads == [DOC]
    lib.documents.edit_metadata(DOC, {"published": "2015-05-04"})
    assert lib.documents.metadata(DOC).published == "2015-05-04"
    assert lib.documents.get(DOC).meta.published == "2015-05-04"


def test_no_part_reads_another_parts_private_state() -> None:
    folder = Path(__file__).resolve().parents[2] / "reader" / "library"
    for path in folder.glob("*.py"):
        source = path.read_text("utf-8")
        # self._documents._x, self._highlights._opened()…: reaching through a part's privates.
        assert not re.findall(r"self\._[a-z]+\._[a-z]", source), path.name
