"""Importing PDFs and EPUBs: text, pages, metadata, exports; and every hostile file refused
with one clear message and nothing else touched. Files are made here (tests/unit/paged_files)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.citation import cite_span
from reader.library import ImportOptions, Library
from tests.unit import paged_files as make
from tests.unit.cli_helpers import run

ROOT = Path(__file__).resolve().parents[2]


def imported(data_dir: Path) -> list[str]:
    folder = data_dir / "library"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def import_one(path: Path, **options: object) -> tuple[Library, str]:
    lib = Library()
    [result] = lib.imports.import_paths([path], options=ImportOptions(**options))  # type: ignore[arg-type]
    assert result.status == "added", result.error
    assert result.doc_id is not None
    return lib, result.doc_id


# -- what a PDF becomes ----------------------------------------------------------------------
def test_pdf_passages_in_column_order_with_pages_chrome_and_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    pdf = make.report_pdf(tmp_path / "report.pdf")
    code, out, _ = run(capsys, "import", str(pdf), "--json")
    assert code == 0
    doc_id = json.loads(out)["documents"][0]["id"]
    code, out, _ = run(capsys, "docs", "show", doc_id, "--json")
    shown = json.loads(out)
    assert (shown["title"], shown["author"], shown["published"]) == (
        "Report on the Talks", "Jane Roe", "2023-04-05"
    )
    body = [p for p in shown["passages"] if not p["chrome"]]
    chrome = [p["text"] for p in shown["passages"] if p["chrome"]]
    assert chrome == ["Annual Report on the Talks 2023", "1"] * 1 + [
        "Annual Report on the Talks 2023", "2", "Annual Report on the Talks 2023", "3"
    ]
    assert [p["page"] for p in body] == ["i", "i", "ii", "ii", "iii", "iii"]
    # Lines joined, the hyphenated word mended, the paragraph cut by the column joined.
    assert "towards an international agreement that would hold." in body[0]["text"]
    assert body[1]["text"] == (
        f"A second paragraph on the left, which is then {make.RIGHT_START} Right column 1."
    )
    assert body[0]["section"] == "Opening" and body[2]["section"] == "Second round"
    folder = data_dir / "library" / doc_id
    pages = json.loads((folder / "pages.json").read_text())
    assert [p["label"] for p in pages["pages"]] == ["i", "ii", "iii"]
    head = len("Annual Report on the Talks 2023\n\n")
    assert pages["pages"][1]["start"] == body[2]["start"] - head
    assert (folder / "boxes.bin").stat().st_size == sum(
        p["boxes"][1] for p in pages["pages"]
    ) * 8


def test_character_boxes_point_at_the_characters_on_the_page(tmp_path: Path) -> None:
    import pymupdf

    pdf = make.report_pdf(tmp_path / "report.pdf")
    lib, doc_id = import_one(pdf)
    doc = lib.documents.get(doc_id)
    pages = json.loads((lib.data.library / doc_id / "pages.json").read_text())
    boxes = (lib.data.library / doc_id / "boxes.bin").read_bytes()
    word = doc.text.index("Doha", doc.text.index("Page 2"))
    page = pages["pages"][1]
    index = page["boxes"][0]
    for offset, length in page["runs"]:
        if offset <= word < offset + length:
            index += word - offset
            break
        index += length
    x0, y0, x1, _y1 = (
        int.from_bytes(boxes[index * 8 + 2 * i : index * 8 + 2 * i + 2], "little") / 10
        for i in range(4)
    )
    with pymupdf.open(pdf) as original:
        hits = original[1].search_for("Doha")
    assert any(abs(h.x0 - x0) < 1 and abs(h.y0 - y0) < 2 and h.x1 > x1 for h in hits)


def test_page_numbers_without_labels_citations_and_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = make.report_pdf(tmp_path / "plain.pdf", labels=False)
    lib, doc_id = import_one(pdf)
    doc = lib.documents.get(doc_id)
    start = doc.text.index("Page 2 begins")
    assert doc.passage_at(start).page == "2"  # type: ignore[union-attr]
    assert cite_span(doc, start, start + 13).plain.endswith("p. 2.")
    lib.highlights.add(doc_id, start, start + 13, note="on page two")
    assert run(capsys, "export", "--format", "csv", "--out", str(tmp_path / "h.csv"))[0] == 0
    assert run(capsys, "export", "--format", "md", "--out", str(tmp_path / "h.md"))[0] == 0
    rows = list(csv.DictReader((tmp_path / "h.csv").open(encoding="utf-8")))
    assert [r["Location"] for r in rows] == ["2"]
    assert "p. 2" in (tmp_path / "h.md").read_text("utf-8")


def test_xmp_metadata_and_editing_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib, doc_id = import_one(make.xmp_pdf(tmp_path / "paper.pdf"))
    meta = lib.documents.metadata(doc_id)
    assert (meta.title, meta.author, meta.published) == (
        "Talks in Context", "Ann Author; Bo Writer", "2019-11-02"
    )
    assert run(capsys, "docs", "edit", doc_id, "--title", "Corrected")[0] == 0
    assert Library().documents.metadata(doc_id).title == "Corrected"


def test_epub_chapters_give_sections_not_pages(tmp_path: Path) -> None:
    lib, doc_id = import_one(make.epub(tmp_path / "book.epub"))
    doc = lib.documents.get(doc_id)
    meta = doc.meta
    assert (meta.title, meta.author, meta.published, meta.language) == (
        "A Book of Talks", "Ann Author", "2021-03-04", "en"
    )
    texts = [doc.passage_text(p) for p in doc.passages]
    assert texts[0] == "Chapter 1" and len(texts) == 10
    assert all(p.page is None and not p.chrome for p in doc.passages)
    assert [p.section for p in doc.passages] == ["Chapter 1"] * 5 + ["Chapter 2"] * 5
    assert not (lib.data.library / doc_id / "boxes.bin").exists()


def test_progress_is_reported_per_page_and_a_cancel_leaves_nothing(
    tmp_path: Path, data_dir: Path
) -> None:
    pdf = make.report_pdf(tmp_path / "report.pdf", pages=6)
    seen: list[tuple[int, int]] = []
    lib, _ = import_one(pdf, pages=lambda _path, done, total: seen.append((done, total)))
    assert seen[-1] == (6, 6) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    other = make.report_pdf(tmp_path / "other.pdf", pages=7)
    before = imported(data_dir)
    [result] = lib.imports.import_paths([other], options=ImportOptions(cancelled=lambda: True))
    assert (result.status, result.reason) == ("failed", "cancelled")
    assert imported(data_dir) == before


# -- passwords, repairs, scans ------------------------------------------------------------------
def test_encrypted_pdf_needs_its_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    import pymupdf

    pdf = make.plain_pdf(
        tmp_path / "secret.pdf",
        ["A confidential memo about the talks."],
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        owner_pw="owner",
        user_pw="s3cret",
    )
    code, out, err = run(capsys, "import", str(pdf))
    assert code == 1 and out == ""
    assert err.splitlines() == [f"error: {pdf}: the PDF is encrypted: give its password "
                                "(--password PASSWORD)"]
    code, _, err = run(capsys, "import", str(pdf), "--password", "wrong")
    assert code == 1 and "wrong password" in err and imported(data_dir) == []
    [result] = Library().imports.import_paths([pdf])
    assert result.reason == "password"
    code, out, _ = run(capsys, "import", str(pdf), "--password", "s3cret", "--json")
    doc_id = json.loads(out)["documents"][0]["id"]
    assert "confidential memo" in Library().documents.get(doc_id).text


def test_truncated_pdf_imports_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = make.plain_pdf(tmp_path / "whole.pdf", [f"Page {n} of the talks." for n in range(1, 7)])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    code, out, err = run(capsys, "import", str(cut))
    assert code == 0 and out.count("\t") == 1
    assert "repaired: some of its text may be missing" in err


def test_image_only_pdf_needs_ocr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    pdf = make.image_pdf(tmp_path / "scan.pdf", pages=3)
    code, out, err = run(capsys, "import", str(pdf))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1
    assert "no text layer in its 3 pages" in err and "OCR" in err
    assert imported(data_dir) == []


# -- hostile files ------------------------------------------------------------------------------
def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    import random

    noise = random.Random(7).randbytes(5000)
    return {
        "random pdf": (make_bytes(tmp_path / "noise.pdf", noise), "not a PDF file"),
        "random epub": (make_bytes(tmp_path / "noise.epub", noise), "not a valid EPUB"),
        "empty pdf": (make_bytes(tmp_path / "empty.pdf", b""), "the file is empty"),
        "header only": (make_bytes(tmp_path / "head.pdf", b"%PDF-1.7\n" + noise), "PDF"),
        "zip bomb": (make.zip_bomb(tmp_path / "bomb.epub"), "a zip bomb"),
        "many entries": (make.many_entries_zip(tmp_path / "many.epub", 10_001), "10,001 entries"),
        "too big": (make.big_declared_zip(tmp_path / "big.epub"), "would inflate to 209 MB"),
    }


def make_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_hostile_files_are_refused_with_one_error_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    for name, (path, says) in _bad_files(tmp_path).items():
        code, out, err = run(capsys, "import", str(path))
        assert code == 1 and out == "", name
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {path}: "), (name, err)
        assert says in lines[0], (name, lines[0])
    assert imported(data_dir) == []


@pytest.mark.parametrize(
    ("hook", "says"),
    [
        ("crash", "the reader crashed on this file (SIGSEGV)"),
        ("sleep", "took too long (no progress in 1 s)"),
        ("memory", "needs more than"),
    ],
)
def test_a_child_that_crashes_stalls_or_balloons_is_an_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    hook: str,
    says: str,
) -> None:
    pdf = make.plain_pdf(tmp_path / "ok.pdf", ["Fine text."])
    monkeypatch.setenv("READER_IMPORT_TEST_HOOK", hook)
    monkeypatch.setenv("READER_IMPORT_TIME_LIMIT", "1")
    started = time.monotonic()
    code, out, err = run(capsys, "import", str(pdf))
    assert time.monotonic() - started < 20
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and says in err, err
    assert imported(data_dir) == []


# -- fuzzing -----------------------------------------------------------------------------------
def _mutants(seed_file: bytes, count: int, seed: int) -> list[bytes]:
    import random

    rng = random.Random(seed)
    found = []
    for _ in range(count):
        data = bytearray(seed_file)
        for _ in range(rng.randrange(1, 40)):
            kind = rng.random()
            at = rng.randrange(len(data))
            if kind < 0.6:
                data[at] = rng.randrange(256)
            elif kind < 0.8:
                del data[at : at + rng.randrange(1, 200)]
            else:
                data[at:at] = rng.randbytes(rng.randrange(1, 50))
        found.append(bytes(data))
    return found


def test_fuzzed_pdfs_and_epubs_import_or_fail_cleanly_in_bounded_time(tmp_path: Path) -> None:
    pdf = make.report_pdf(tmp_path / "seed.pdf", pages=2).read_bytes()
    book = make.epub(tmp_path / "seed.epub").read_bytes()
    files = [
        make_bytes(tmp_path / "fuzz" / f"m{n}{suffix}", data)
        for suffix, seed_file in ((".pdf", pdf), (".epub", book))
        for n, data in enumerate(_mutants(seed_file, 6, seed=len(suffix)))
        if (tmp_path / "fuzz").mkdir(exist_ok=True) is None
    ]
    lib = Library()
    for path in files:
        started = time.monotonic()
        [result] = lib.imports.import_paths([path])
        assert time.monotonic() - started < 30, path
        assert result.status in ("added", "existing", "failed"), result
        if result.status == "failed":
            assert result.error and result.error.startswith(str(path)), result


# -- start-up ----------------------------------------------------------------------------------
def test_reading_an_imported_pdf_does_not_load_pymupdf(tmp_path: Path, data_dir: Path) -> None:
    import_one(make.report_pdf(tmp_path / "report.pdf"))
    script = (
        "import sys; from reader.library import Library; lib = Library(); "
        "[lib.documents.get(d) for d in lib.documents.ids()]; "
        "import reader.cli.imports, reader.corpus.importers, reader.corpus.isolation; "
        "print('pymupdf' in sys.modules or 'fitz' in sys.modules)"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert found.stdout.strip() == "False"


def test_replacing_a_pdf_keeps_its_id_and_takes_the_new_pages(tmp_path: Path) -> None:
    lib, doc_id = import_one(make.report_pdf(tmp_path / "v1.pdf", pages=2))
    start = lib.documents.get(doc_id).text.index("Page 2 begins")
    lib.highlights.add(doc_id, start, start + 13)
    lib.imports.replace(doc_id, make.report_pdf(tmp_path / "v2.pdf", pages=3, labels=False))
    doc = Library().documents.get(doc_id)
    assert doc.passages[-1].page == "3"
    [mark] = Library().highlights.list(doc_id)
    assert doc.text[mark.start : mark.end] == "Page 2 begins"
    assert doc.passage_at(mark.start).page == "2"  # type: ignore[union-attr]


def test_pages_and_sections_survive_the_library_index(tmp_path: Path) -> None:
    _, doc_id = import_one(make.report_pdf(tmp_path / "report.pdf"))
    _, book_id = import_one(make.epub(tmp_path / "book.epub"))
    lib = Library()
    lib.documents.sync_index()
    assert lib.documents.indexed
    doc, book = lib.documents.get(doc_id), lib.documents.get(book_id)
    assert [p.page for p in doc.passages if not p.chrome] == ["i", "i", "ii", "ii", "iii", "iii"]
    assert [p.chrome for p in doc.passages].count(True) == 6
    assert {p.section for p in book.passages} == {"Chapter 1", "Chapter 2"}
