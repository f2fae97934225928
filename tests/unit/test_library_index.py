"""The library keeps its index in step (issue 13, item 6): a corpus file edited, added or
removed, a metadata correction, a new extractor, a deleted or damaged index, and the window's
library reading while a command-line process writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.changes import Changes
from reader.index import INDEX_FILE
from reader.library import Library

DOC = "qatar-peace-dialogue"
ROOT = Path(__file__).resolve().parents[2]
NEW_ENTRY = '\n[[document]]\nid = "added-dispatch"\nfile = "added.txt"\ntitle = "Added"\n'


@pytest.fixture(autouse=True)
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")


def _counts(library: Library) -> dict[str, int | None]:
    return {s.meta.id: s.passage_count for s in library.documents.summaries()}


def test_a_corpus_file_edited_added_and_removed_reaches_the_index(corpus: Path) -> None:
    before = _counts(Library(corpus))
    gone = next(d for d in before if d != DOC)
    (corpus / f"{DOC}.txt").write_text(
        (corpus / f"{DOC}.txt").read_text("utf-8") + "\n\nA passage added at the end.\n", "utf-8"
    )
    (corpus / "added.txt").write_text("One new passage.\n\nAnd a second one.\n", "utf-8")
    catalog = corpus / "catalog.toml"
    entries = catalog.read_text("utf-8").split("[[document]]")
    kept = [e for e in entries if f'"{gone}"' not in e]
    catalog.write_text("[[document]]".join(kept) + NEW_ENTRY, "utf-8")
    (corpus / f"{gone}.txt").unlink()
    later = Library(corpus)
    # One document read before any full check: its edited file wins over the index's copy.
    assert later.documents.get(DOC).text.endswith("A passage added at the end.\n")
    seen: list[Changes] = []
    later.changes.subscribe(seen.append)
    after = _counts(later)
    assert seen == [Changes.of(documents_changed=[DOC])]
    assert gone not in after and after["added-dispatch"] == 2
    assert after[DOC] == (before[DOC] or 0) + 1
    assert later.index.get().ids() == later.documents.ids()


def test_a_catalogue_edit_of_the_same_size_and_time_is_seen(corpus: Path) -> None:
    Library(corpus).documents.summaries()  # the parsed catalogue is cached
    catalog = corpus / "catalog.toml"
    stat = catalog.stat()
    text = catalog.read_text("utf-8")
    title = Library(corpus).documents.metadata(DOC).title
    changed = title[:-1] + ("X" if title[-1] != "X" else "Y")
    catalog.write_text(text.replace(f'"{title}"', f'"{changed}"', 1), "utf-8")
    os.utime(catalog, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert catalog.stat().st_size == stat.st_size
    later = Library(corpus)
    assert later.documents.metadata(DOC).title == changed
    assert {s.meta.id: s.meta.title for s in later.documents.summaries()}[DOC] == changed
    assert later.index.get().meta(DOC).title == changed  # type: ignore[union-attr]


def test_a_metadata_correction_reaches_the_index_and_the_dates(corpus: Path) -> None:
    lib = Library(corpus)
    lib.actors.ensure()
    assert lib.actors.pending() == []
    lib.documents.edit_metadata(DOC, {"title": "Corrected", "published": "2001-02-03"})
    later = Library(corpus)
    assert {s.meta.id: s.meta.title for s in later.documents.summaries()}[DOC] == "Corrected"
    assert later.index.get().meta(DOC).published == "2001-02-03"  # type: ignore[union-attr]
    # The dates were placed from the old published date: only they are found again.
    assert later.actors.pending() == [DOC]
    assert later.index.get().needs_extraction() == []


def test_a_new_extractor_version_extracts_every_document_again(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = Library(corpus)
    lib.actors.ensure()
    counts = lib.actors.counts()
    lib.close()
    monkeypatch.setattr("reader.extract.model.EXTRACTOR_VERSION", "a-newer-extractor")
    later = Library(corpus)
    assert later.actors.pending() == later.documents.ids()
    assert later.actors.counts() == counts  # the same rules: the same actors, found again
    assert later.actors.pending() == []


@pytest.mark.parametrize("damage", ["deleted", "damaged"])
def test_a_deleted_or_damaged_index_is_rebuilt(corpus: Path, data_dir: Path, damage: str) -> None:
    lib = Library(corpus)
    lib.actors.ensure()
    summaries, counts = lib.documents.summaries(), lib.actors.counts()
    lib.close()
    path = data_dir / "index" / INDEX_FILE
    for leftover in path.parent.glob(f"{INDEX_FILE}-*"):
        leftover.unlink()
    if damage == "deleted":
        path.unlink()
    else:
        path.write_bytes(b"not a database at all " * 200)
    later = Library(corpus)
    assert later.documents.summaries() == summaries
    assert later.actors.counts() == counts
    reports = later.damage_reports()
    assert (len(reports) == 1 and INDEX_FILE in reports[0]) if damage == "damaged" else not reports


def _command(corpus: Path, *argv: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--corpus", str(corpus), *argv],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_the_window_library_reads_while_a_command_writes(corpus: Path) -> None:
    window = Library(corpus)
    window.changes.start_listening()
    window.actors.ensure()
    expected = window.actors.counts()
    edit = _command(corpus, "docs", "edit", DOC, "--title", "Renamed by the command line")
    add = _command(corpus, "highlights", "add", DOC, "--start", "10", "--end", "30")
    while edit.poll() is None or add.poll() is None:
        # What the window's workers do meanwhile: list, count, read a document.
        assert len(window.documents.summaries()) == len(window.documents.ids())
        assert window.actors.counts() == expected
        assert window.documents.get(DOC).passages
    for process in (edit, add):
        out, err = process.communicate()
        assert process.returncode == 0, err
    heard = window.changes.poll_others()
    assert heard is not None and DOC in heard.metadata and DOC in heard.highlights
    titles = {s.meta.id: s.meta.title for s in window.documents.summaries()}
    assert titles[DOC] == "Renamed by the command line"
    assert window.index.get().meta(DOC).title == "Renamed by the command line"  # type: ignore[union-attr]
    assert [h.id for h in window.highlights.list(DOC)] == [out.strip()]
