"""The annotated PDF, read back by PyMuPDF and by pypdf: every annotation over exactly its text."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pymupdf
import pypdf
import pytest

from reader.cli.main import main
from reader.core.highlight import PALETTE, Highlight
from reader.library import Library
from tests.unit.pdf_helpers import ReadAnnotation, by_highlight, read_annotations, squash

QATAR = "qatar-peace-dialogue"
AFGHAN = "afghan-insight-regional-conferences"
NORWAY = "norway-peace-diplomacy"


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")


def _add(lib: Library, doc_id: str, quote: str, occurrence: int = 1, **fields: object) -> Highlight:
    start, end = lib.highlights.find_quote(doc_id, quote, occurrence)
    return lib.highlights.add(doc_id, start, end, **fields)  # type: ignore[arg-type]


@pytest.fixture
def library(corpus_dir: Path) -> Library:
    lib = Library(corpus_dir)
    lib.state.set_color_label("green", "evidence")
    _add(lib, QATAR, "peace talks", 2, note="the second one", color="green", tags=["doha"])
    # Long enough to run over several lines, and across two passages.
    doc = lib.documents.get(QATAR)
    third = doc.passages[3]
    lib.highlights.add(QATAR, third.end - 120, doc.passages[4].start + 90, note="two passages")
    _add(lib, QATAR, "Taliban", 3, color="pink", tags=["a tag", "later"])
    lib.highlights.set_note(QATAR, "My notes on Qatar\n\nSecond paragraph — “quoted”.")
    return lib


def _export(lib: Library, doc_id: str, out: Path) -> pymupdf.Document:
    lib.exports.export("pdf", out, doc_ids=[doc_id])
    return pymupdf.open(out)


def _only(annots: list[ReadAnnotation]) -> str:
    return "".join(a.covered for a in annots)


def test_every_highlight_annotation_covers_exactly_its_quote(
    library: Library, tmp_path: Path
) -> None:
    pdf = _export(library, QATAR, tmp_path / "q.pdf")
    annots = read_annotations(pdf)
    highlights = library.highlights.list(QATAR)
    grouped = by_highlight(annots)
    assert set(grouped) == {h.id for h in highlights}
    for h in highlights:
        parts = grouped[h.id]
        assert squash(_only(parts)) == squash(h.quote), h.quote
        for annot in parts:
            assert annot.content == h.note
            assert annot.has_popup
            assert annot.title == "Reference Reader"
            assert annot.link.startswith(f"reader://open/{QATAR}?start={h.start}&end={h.end}")
            expected = tuple(int(PALETTE[h.color][i : i + 2], 16) / 255 for i in (1, 3, 5))
            assert annot.stroke == pytest.approx(expected, abs=0.01)
    long = next(h for h in highlights if h.note == "two passages")
    assert sum(a.quads for a in grouped[long.id]) >= 3  # over several lines: one quad each


def test_subject_has_the_colour_label_and_tags(library: Library, tmp_path: Path) -> None:
    annots = read_annotations(_export(library, QATAR, tmp_path / "q.pdf"))
    subjects = {a.content: a.subject for a in annots}
    assert subjects["the second one"] == "green (evidence); tags: doha"
    assert subjects[""] == "pink; tags: a tag, later"
    assert subjects["two passages"] == "yellow"


def test_a_word_that_occurs_often_is_annotated_where_it_was_highlighted(
    library: Library, tmp_path: Path
) -> None:
    pdf = _export(library, QATAR, tmp_path / "q.pdf")
    h = next(h for h in library.highlights.list(QATAR) if h.color == "pink")
    (annot,) = by_highlight(read_annotations(pdf))[h.id]
    page = pdf[annot.page]
    found = page.search_for("Taliban")
    rect = next(a for a in page.annots() if a.info["id"] == h.id).rect
    # Several "Taliban" on the page; the annotation is over one of them: the third in the text.
    assert len(found) >= 3
    assert sum(1 for r in found if (r & rect).get_area() > 0.5 * r.get_area()) == 1
    text = pdf[0].get_text() + "".join(p.get_text() for p in pdf.pages(1))
    body = text[text.index("The Qatar Peace Dialogue", 1) :]
    before = squash(body)[: squash(body).index(squash(h.prefix + h.quote))]
    assert before.count("Taliban") == 2


def test_title_and_citation_on_top_and_in_the_metadata(library: Library, tmp_path: Path) -> None:
    pdf = _export(library, QATAR, tmp_path / "q.pdf")
    meta = pdf.metadata or {}
    assert meta["title"] == "The Qatar Peace Dialogue"
    assert meta["author"] == "Abdul Ahad Bahrami"
    assert "Daily Outlook Afghanistan" in meta["subject"] and "2015-05" in meta["subject"]
    assert sorted(meta["keywords"].split(", ")) == ["a tag", "doha", "later"]
    top = pdf[0].get_text()
    cite = "Abdul Ahad Bahrami, “The Qatar Peace Dialogue”, Daily Outlook Afghanistan, 2015-05"
    assert top.startswith(f"The Qatar Peace Dialogue\n{cite}")
    assert f"reader://open/{QATAR}?start=0" in squash(top)


def test_page_furniture_is_left_out_and_its_highlights_listed_last(
    corpus_dir: Path, tmp_path: Path
) -> None:
    lib = Library(corpus_dir)
    chrome = _add(lib, AFGHAN, "Lost your password?", note="in the furniture")
    kept = _add(lib, AFGHAN, "Next week, Kabul is set to host a meeting", note="kept")
    pdf = _export(lib, AFGHAN, tmp_path / "a.pdf")
    text = "".join(page.get_text() for page in pdf)
    assert "Font ResizerAa" not in text and "You Might Also Like" not in text
    grouped = by_highlight(read_annotations(pdf))
    assert set(grouped) == {kept.id}
    last = pdf[-1].get_text()
    assert "Highlights not shown in the text" in last
    assert "Lost your password?" in last and "in the furniture" in last
    assert chrome.id in squash(last)  # its link back


def test_document_notes_are_on_the_last_page(library: Library, tmp_path: Path) -> None:
    pdf = _export(library, QATAR, tmp_path / "q.pdf")
    last = pdf[-1].get_text()
    assert last.startswith("Notes\nMy notes on Qatar\nSecond paragraph — “quoted”.")
    assert not list(pdf[-1].annots())


def test_an_orphaned_highlight_is_listed_not_placed(corpus_dir: Path, tmp_path: Path) -> None:
    lib = Library(corpus_dir)
    h = _add(lib, NORWAY, "Norway", note="lost")
    lib.highlights.restore(
        Highlight(**{**h.__dict__, "status": "orphaned", "quote": "a text that is gone"})
    )
    pdf = _export(lib, NORWAY, tmp_path / "n.pdf")
    assert read_annotations(pdf) == []
    assert "a text that is gone" in pdf[-1].get_text()


def test_a_document_not_in_the_library_shows_its_quotes(
    corpus_dir: Path, tmp_path: Path
) -> None:
    from reader.core.highlight import make_highlight
    from reader.core.model import DocId
    from reader.export.model import Export, ExportDocument, ExportHighlight, ExportScope
    from reader.export.pdf import to_pdf

    text = "Gone away.\n\nA quote from a missing document, long enough to be seen."
    h = make_highlight(DocId("gone"), text, "ab" * 32, (12, len(text)), note="still here")
    doc = ExportDocument(DocId("gone"), None, (ExportHighlight(h),))
    data = to_pdf(Export((doc,), ExportScope((DocId("gone"),)), "2024-06-01T12:00:00Z"))
    pdf = pymupdf.open("pdf", data)
    (annot,) = read_annotations(pdf)
    assert squash(annot.covered) == squash(h.quote) and annot.content == "still here"
    assert "not in the library" in pdf[0].get_text()


def test_a_highlight_over_a_page_break_is_one_annotation_per_page() -> None:
    from reader.core.highlight import make_highlight
    from reader.core.model import DocId, DocumentMeta
    from reader.corpus.loader import build_document
    from reader.export.model import Export, ExportDocument, ExportHighlight, ExportScope
    from reader.export.pdf import to_pdf

    paragraph = "The envoy met the delegation in Doha and the talks went on. " * 6
    text = "\n\n".join(f"{n}. {paragraph.strip()}" for n in range(40))
    source = build_document(DocumentMeta(DocId("long"), "long.txt", "Long"), text)
    start = text.index("10. ")
    h = make_highlight(DocId("long"), text, source.content_hash, (start, start + 5000))
    doc = ExportDocument(DocId("long"), source.meta, (ExportHighlight(h),), None, source)
    pdf = pymupdf.open("pdf", to_pdf(Export((doc,), ExportScope(), "2024-06-01T12:00:00Z")))
    parts = read_annotations(pdf)
    first = parts[0].page
    assert len(parts) >= 2 and [a.page for a in parts] == list(range(first, first + len(parts)))
    assert squash(_only(parts)) == squash(h.quote)
    assert [a.name for a in parts] == [h.id] + [f"{h.id}-{n}" for n in range(2, len(parts) + 1)]


# -- right-to-left text ----------------------------------------------------------------------
# MuPDF lays Persian out shaped (presentation forms, right to left) and extracts it in logical
# order; NFKC maps the presentation forms back to letters. Two things do not come back as the
# text was: the medial lam of Noto Naskh Arabic is extracted as U+01C1 (LATIN LETTER LATERAL
# CLICK), and brackets in a right-to-left run are extracted as their mirrored glyphs.
MUPDF_READS_BACK = str.maketrans({"\u01c1": "ل", "(": ")", ")": "("})


@pytest.fixture
def persian(corpus_dir: Path, tmp_path: Path) -> tuple[Library, pymupdf.Document]:
    lib = Library(corpus_dir)
    _add(lib, AFGHAN, "شایان توجهی خواهد بود", note="no lam")
    _add(lib, AFGHAN, "تحرک دیپلماتیک منطقه ای", note="a medial lam")
    _add(lib, AFGHAN, "دوحه (28 بهمن) برگزار", note="brackets")
    _add(lib, AFGHAN, "Mousavi سید رسول موسوی (@rasmou", note="mixed")
    return lib, _export(lib, AFGHAN, tmp_path / "a.pdf")


def _covered(lib: Library, pdf: pymupdf.Document, note: str) -> tuple[str, str]:
    h = next(h for h in lib.highlights.list(AFGHAN) if h.note == note)
    return squash(_only(by_highlight(read_annotations(pdf))[h.id])), squash(h.quote)


def test_persian_without_a_medial_lam_reads_back_exactly(
    persian: tuple[Library, pymupdf.Document],
) -> None:
    covered, quote = _covered(*persian, "no lam")
    assert covered == quote


@pytest.mark.xfail(
    strict=True,
    reason="MuPDF extracts the medial lam of Noto Naskh Arabic as U+01C1, not U+0644",
)
def test_persian_with_a_medial_lam_reads_back_exactly(
    persian: tuple[Library, pymupdf.Document],
) -> None:
    covered, quote = _covered(*persian, "a medial lam")
    assert covered == quote


@pytest.mark.parametrize("note", ["no lam", "a medial lam", "brackets"])
def test_persian_annotations_cover_exactly_the_quote_as_mupdf_reads_it(
    persian: tuple[Library, pymupdf.Document], note: str
) -> None:
    # The documented normalisation: U+01C1 read as lam, mirrored brackets read as the text's.
    covered, quote = _covered(*persian, note)
    assert covered.translate(MUPDF_READS_BACK) in (quote, quote.translate(MUPDF_READS_BACK))
    assert len(covered) == len(quote)


def test_a_quote_mixing_latin_and_persian_is_covered_whole(
    persian: tuple[Library, pymupdf.Document],
) -> None:
    # MuPDF extracts this mixed line partly out of order ("@( rasmou)"): same characters.
    covered, quote = _covered(*persian, "mixed")
    assert sorted(covered.translate(MUPDF_READS_BACK)) == sorted(
        quote.translate(MUPDF_READS_BACK)
    )


# -- a second reader -------------------------------------------------------------------------
def test_pypdf_reads_the_same_annotations_and_metadata(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "q.pdf"
    library.exports.export("pdf", out, doc_ids=[QATAR])
    reader = pypdf.PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title == "The Qatar Peace Dialogue"
    assert reader.metadata.author == "Abdul Ahad Bahrami"
    highlights = {h.id: h for h in library.highlights.list(QATAR)}
    seen = set()
    with pymupdf.open(out) as pdf:
        mupdf_quads = {a.name: a.quads for a in read_annotations(pdf)}
    for page in reader.pages:
        text = page.extract_text()
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot["/Subtype"] != "/Highlight":
                assert annot["/Subtype"] == "/Popup"
                continue
            h = highlights[_hid(annot)]
            seen.add(h.id)
            assert annot.get("/Contents", "") == h.note  # no /Contents for no note
            assert str(annot["/ReaderLink"]).endswith(f"highlight={h.id}")
            assert len(annot["/QuadPoints"]) == 8 * mupdf_quads[str(annot["/NM"])]
            assert annot["/Popup"].get_object()["/Subtype"] == "/Popup"
            assert h.color in str(annot["/Subj"])
        assert text.strip()
    assert seen == set(highlights)
    first = squash(reader.pages[0].extract_text())
    assert squash("Afghan peace activists and Taliban representatives have gathered") in first


def _hid(annot: pypdf.generic.DictionaryObject) -> str:
    return str(annot["/ReaderLink"]).rsplit("highlight=", 1)[-1]


# -- files, scope, the command line ----------------------------------------------------------
def test_several_documents_make_a_folder_of_pdfs(library: Library, tmp_path: Path) -> None:
    _add(library, NORWAY, "Norway", note="n")
    out = tmp_path / "pdfs"
    report = library.exports.export("pdf", out)
    assert sorted(p.name for p in out.iterdir()) == [f"{NORWAY}.pdf", f"{QATAR}.pdf"]
    assert report.documents == 2 and report.highlights == 4
    assert [Path(f).name for f in report.files] == [f"{NORWAY}.pdf", f"{QATAR}.pdf"]


def test_a_pdf_of_several_documents_refuses_a_file(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "taken.pdf"
    out.write_text("x")
    assert main(["export", "--format", "pdf", "--out", str(out)]) == 1
    assert "a PDF export of several documents needs a folder" in capsys.readouterr().err
    assert out.read_text() == "x"


def test_export_pdf_from_the_command_line(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q.pdf"
    argv = ["export", "--format", "pdf", "--out", str(out), "--doc", QATAR, "--tag", "doha"]
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == str(out)
    with pymupdf.open(out) as pdf:
        assert [a.content for a in read_annotations(pdf)] == ["the second one"]


def test_a_full_disk_leaves_the_previous_pdf(
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "q.pdf"
    out.write_bytes(b"the previous export")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    assert main(["export", "--format", "pdf", "--out", str(out), "--doc", QATAR]) == 1
    assert capsys.readouterr().err == f"error: cannot write {out}: No space left on device\n"
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == ["q.pdf"]
