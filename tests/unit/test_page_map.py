"""Offsets <-> page positions from the character boxes an imported PDF keeps."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reader.core.page_map import PageMap
from reader.library import ImportOptions, Library
from tests.unit import paged_files as make


def import_one(path: Path) -> tuple[Library, str]:
    lib = Library()
    [result] = lib.imports.import_paths([path], options=ImportOptions())
    assert result.status == "added", result.error
    assert result.doc_id is not None
    return lib, result.doc_id


@pytest.fixture
def report(tmp_path: Path, data_dir: Path) -> tuple[Library, str, Path]:
    pdf = make.report_pdf(tmp_path / "report.pdf", pages=3)
    lib, doc_id = import_one(pdf)
    return lib, doc_id, pdf


def test_every_drawn_character_round_trips_through_its_page_point(
    report: tuple[Library, str, Path],
) -> None:
    lib, doc_id, _pdf = report
    doc = lib.documents.get(doc_id)
    pages = lib.documents.page_map(doc_id)
    assert pages is not None and pages.page_count == 3
    drawn = 0
    for offset, char in enumerate(doc.text):
        found = pages.locate(offset)
        if found is None:
            assert char.isspace()  # paragraph breaks and joining spaces have no box
            continue
        page, (x0, y0, x1, y1) = found
        assert pages.offset_at(page, (x0 + x1) / 2, (y0 + y1) / 2) == offset
        assert pages.page_of(offset) == page
        drawn += 1
    assert drawn > len(doc.text) * 0.8


def test_boxes_are_where_the_original_draws_the_words(
    report: tuple[Library, str, Path],
) -> None:
    import pymupdf

    lib, doc_id, pdf = report
    doc = lib.documents.get(doc_id)
    pages = lib.documents.page_map(doc_id)
    assert pages is not None
    start = doc.text.index("Oslo", doc.text.index("Page 3"))
    rects = pages.rects(start, start + len("Oslo"))
    assert list(rects) == [2] and len(rects[2]) == 1
    with pymupdf.open(pdf) as original:
        [hit] = original[2].search_for("Oslo")
    x0, y0, x1, y1 = rects[2][0]
    assert abs(hit.x0 - x0) < 1 and abs(hit.x1 - x1) < 1 and y0 <= hit.y1 and y1 >= hit.y0


def test_a_range_over_lines_and_columns_gives_one_rectangle_per_line(
    report: tuple[Library, str, Path],
) -> None:
    lib, doc_id, _pdf = report
    doc = lib.documents.get(doc_id)
    pages = lib.documents.page_map(doc_id)
    assert pages is not None
    # The second paragraph runs from the foot of the left column into the right one.
    start = doc.text.index("A second paragraph")
    end = doc.text.index("\n", start)
    [(page, rects)] = pages.rects(start, end).items()
    assert page == 0
    assert len(rects) >= 3  # at least a line on the left and two on the right
    assert min(r[0] for r in rects) < 100 and max(r[2] for r in rects) > 400
    for a, b in itertools.pairwise(rects):
        assert a[3] <= b[1] + 1 or b[0] > a[2]  # next line below, or the next column


def test_the_offset_below_a_height_is_the_first_line_under_it(
    report: tuple[Library, str, Path],
) -> None:
    lib, doc_id, _pdf = report
    doc = lib.documents.get(doc_id)
    pages = lib.documents.page_map(doc_id)
    assert pages is not None
    head = pages.offset_below(1, 0.0)
    assert head is not None and doc.text[head:].startswith("Annual Report")
    body = pages.offset_below(1, 60.0)
    assert body is not None and doc.text[body:].startswith("Page 2 begins")
    assert pages.offset_below(1, 842.0) is None
    assert pages.offset_at(1, 5.0, 5.0) is None  # above every line


def test_documents_without_boxes_have_no_map(tmp_path: Path, data_dir: Path) -> None:
    lib, doc_id = import_one(make.epub(tmp_path / "book.epub"))
    assert lib.documents.page_map(doc_id) is None
    assert lib.documents.original_pdf(doc_id) is None
    corpus_doc = lib.documents.ids()[0]
    assert lib.documents.page_map(corpus_doc) is None


def test_damaged_boxes_give_no_map() -> None:
    pages = {
        "paged": True,
        "pages": [{"width": 100, "height": 100, "runs": [[0, 3]], "boxes": [0, 3]}],
    }
    good = bytes(24)
    assert PageMap.from_stored(pages, good) is not None
    assert PageMap.from_stored(pages, good[:16]) is None  # fewer boxes than characters
    assert PageMap.from_stored(pages, good[:-1]) is None
    assert PageMap.from_stored({**pages, "pages": [{"runs": [[0, 3]]}]}, good) is None
