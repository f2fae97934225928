"""A document that came from a PDF exports as a copy of that PDF, its highlights annotated."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pymupdf
import pytest

from reader.cli import main
from reader.core.highlight import PALETTE
from reader.export.pdf import to_pdf
from reader.library import ImportOptions, Library
from tests.unit import paged_files as make
from tests.unit.pdf_helpers import by_highlight, read_annotations, squash

BLUE = tuple(int(PALETTE["blue"][i : i + 2], 16) / 255 for i in (1, 3, 5))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_one(path: Path) -> tuple[Library, str]:
    lib = Library()
    [result] = lib.imports.import_paths([path], options=ImportOptions())
    assert result.status == "added", result.error
    assert result.doc_id is not None
    return lib, result.doc_id


def test_highlights_cover_exactly_their_characters_on_a_copy_of_the_original(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = make.report_pdf(tmp_path / "report.pdf")
    lib, doc_id = import_one(pdf)
    stored = lib.documents.original_pdf(doc_id)
    assert stored is not None
    before = (sha(pdf), sha(stored))
    text = lib.documents.get(doc_id).text

    def span(start_text: str, end_text: str, after: str = "") -> tuple[int, int]:
        start = text.index(start_text, text.index(after) if after else 0)
        return start, text.index(end_text, start) + len(end_text)

    wanted = {
        "word": span("Oslo", "Oslo", "Page 3"),
        "hyphenated": span("towards", "agreement"),  # over the line break of inter-national
        "columns": span("which is then", "Right column 1."),  # left column into the right
        "pages": span("Right column 1.", "Page 2 begins"),  # over the page break
    }
    made = {
        name: lib.highlights.add(
            doc_id, start, end, color="blue", note=f"note {name}", tags=["talks", name]
        )
        for name, (start, end) in wanted.items()
    }
    out = tmp_path / "out.pdf"
    assert main(["export", "--format", "pdf", "--doc", doc_id, "--out", str(out)]) == 0
    assert (sha(pdf), sha(stored)) == before  # the original is never written
    with pymupdf.open(out) as exported, pymupdf.open(pdf) as original:
        assert exported.page_count == original.page_count  # a copy: no layout, no notes page
        assert exported[0].get_text() == original[0].get_text()
        groups = by_highlight(read_annotations(exported))
    for name, h in made.items():
        annots = groups[h.id]
        covered = "".join(squash(a.covered) for a in annots)
        assert sorted(covered) == sorted(squash(h.quote)), name
        assert annots[0].content == f"note {name}"
        assert annots[0].subject == f"blue; tags: talks, {name}"
        assert annots[0].stroke == pytest.approx(BLUE, abs=0.01)
    assert [a.page for a in groups[made["pages"].id]] == [0, 1]
    for name in ("word", "hyphenated", "columns"):  # on one page: in reading order too
        [annot] = groups[made[name].id]
        assert squash(annot.covered) == squash(made[name].quote)


def test_notes_and_highlights_without_a_place_go_on_a_last_page(
    tmp_path: Path, data_dir: Path
) -> None:
    pdf = make.report_pdf(tmp_path / "report.pdf")
    lib, doc_id = import_one(pdf)
    lib.highlights.set_note(doc_id, "What the talks agreed.")
    text = lib.documents.get(doc_id).text
    start = text.index("Oslo")
    lib.highlights.add(doc_id, start, start + 4, note="lost its place")
    export = lib.exports.gather([doc_id], facts=False)
    [part] = export.documents
    [item] = part.highlights
    lost = replace(item, highlight=replace(item.highlight, status="orphaned"))
    part = replace(part, highlights=(lost,))
    data = to_pdf(replace(export, documents=(part,)))
    with pymupdf.open("pdf", data) as exported:
        assert exported.page_count == 4
        assert read_annotations(exported) == []
        last = exported[3].get_text()
    assert "What the talks agreed." in last and "lost its place" in last
    assert "page furniture" not in last


def test_other_documents_keep_the_laid_out_pdf(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = Library()
    doc = lib.documents.get(lib.documents.ids()[0])
    lib.highlights.add(doc.id, 0, 20)
    out = tmp_path / "corpus.pdf"
    assert main(["export", "--format", "pdf", "--doc", doc.id, "--out", str(out)]) == 0
    with pymupdf.open(out) as exported:
        assert "Exported from Reference Reader" in exported[0].get_text()


def test_an_encrypted_original_falls_back_to_the_laid_out_pdf(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = make.report_pdf(
        tmp_path / "locked.pdf",
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        user_pw="secret",
        owner_pw="owner",
    )
    lib = Library()
    [result] = lib.imports.import_paths([pdf], options=ImportOptions(password="secret"))
    assert result.doc_id is not None, result.error
    text = lib.documents.get(result.doc_id).text
    start = text.index("Oslo")
    lib.highlights.add(result.doc_id, start, start + 4)
    out = tmp_path / "out.pdf"
    assert main(["export", "--format", "pdf", "--doc", result.doc_id, "--out", str(out)]) == 0
    with pymupdf.open(out) as exported:
        assert not exported.needs_pass
        assert "Exported from Reference Reader" in exported[0].get_text()
        [annot] = read_annotations(exported)
        assert squash(annot.covered) == "Oslo"
