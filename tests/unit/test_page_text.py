"""Paged text without PyMuPDF: reading order, joining lines and blocks, running heads, pages."""

from __future__ import annotations

from reader.core.model import DocId, DocumentMeta
from reader.core.pages import PageLayout
from reader.corpus.loader import build_document
from reader.corpus.page_text import (
    Block,
    Box,
    hyphenated,
    is_page_number,
    joins,
    reading_order,
)
from reader.corpus.text_builder import TextBuilder

HEIGHT = 842.0


def block(text: str, x0: float, y0: float, x1: float, lines: int = 1) -> Block:
    """A block of ``lines`` lines splitting ``text`` evenly, one box per character."""
    words = text.split(" ")
    per = max(1, len(words) // lines)
    rows = [" ".join(words[i : i + per]) for i in range(0, len(words), per)]
    made, boxes = [], []
    for n, row in enumerate(rows):
        y = y0 + n * 12
        width = (x1 - x0) / max(len(row), 1)
        made.append(
            [(c, (x0 + i * width, y, x0 + (i + 1) * width, y + 10)) for i, c in enumerate(row)]
        )
        boxes.append((x0, y, x1, y + 10))
    box: Box = (x0, y0, x1, y0 + 12 * len(rows) - 2)
    return Block(box, made, boxes)


def test_two_columns_read_left_then_right_heads_first_feet_last() -> None:
    page = [
        block("Right one.", 310, 80, 530),
        block("7", 295, 815, 300),
        block("Left one.", 72, 80, 290),
        block("Left two.", 72, 300, 290),
        block("Running head", 72, 30, 200),
        block("Right two.", 310, 300, 530),
    ]
    order = [b.text() for b in reading_order(page, HEIGHT)]
    assert order == ["Running head", "Left one.", "Left two.", "Right one.", "Right two.", "7"]


def test_a_block_spanning_the_columns_closes_a_band() -> None:
    page = [
        block("Left top.", 72, 80, 290),
        block("Right top.", 310, 80, 530),
        block("A wide heading across the page", 72, 300, 530),
        block("Left low.", 72, 400, 290),
        block("Right low.", 310, 400, 530),
    ]
    order = [b.text() for b in reading_order(page, HEIGHT)]
    assert order == [
        "Left top.", "Right top.", "A wide heading across the page", "Left low.", "Right low."
    ]


def test_joining_rules() -> None:
    assert hyphenated("inter-", "national")
    assert not hyphenated("Doha-", "Qatar")  # a capital: a real hyphen
    assert hyphenated("co\xad", "operation")
    assert joins("which is then", "followed by")
    assert not joins("It ended.", "then more")
    assert not joins("which is then", "Oslo said")
    for number in ("12", "xiv", "Page 3 of 40", "– 7 –", "p. 9"):
        assert is_page_number(number), number
    assert not is_page_number("Chapter 3")


def test_builder_joins_lines_and_pages_flags_running_heads_and_keeps_boxes() -> None:
    builder = TextBuilder()
    for n in range(1, 5):
        first = [block(f"page break {n - 1}.", 72, 80, 520)] if n > 1 else []
        builder.add_page(
            [
                block("Annual Report", 72, 30, 200),
                *first,
                block(f"Page {n} text goes on over a line and is cut by the", 72, 120, 520, 2),
                block(f"Report 2023 · {n + 10}", 72, 815, 200),
            ],
            HEIGHT,
        )
    built = builder.finish(labels=["i", "ii", "", "iv"], sizes=[(595, 842)] * 4)
    text, layout = built.text, built.layout
    # The paragraph cut by the page break is one passage; the page's foot and the next
    # page's head follow it.
    assert "Page 1 text goes on over a line and is cut by the page break 1.\n\n" \
        "Report 2023 · 11\n\nAnnual Report\n\nPage 2 text" in text
    doc = build_document(DocumentMeta(DocId("d"), "d.txt", "D"), text, PageLayout.from_json(layout))
    heads = [p for p in doc.passages if doc.passage_text(p) == "Annual Report"]
    feet = [p for p in doc.passages if doc.passage_text(p).startswith("Report 2023")]
    assert len(heads) == 4 and all(p.chrome for p in heads)
    assert len(feet) == 4 and all(p.chrome for p in feet)
    body = [p for p in doc.passages if not p.chrome]
    assert [p.page for p in body] == ["i", "ii", "3", "iv"]
    # Every character of the text that came from the page has its box, in tenths of a point.
    page = layout["pages"][1]
    offset, length = page["runs"][0]
    assert offset == page["start"] == text.index("page break 1.") and length > 0
    first = page["boxes"][0] * 8
    assert int.from_bytes(built.boxes[first : first + 2], "little") == 720  # x0 = 72.0 pt
    assert int.from_bytes(built.boxes[first + 2 : first + 4], "little") == 800  # y0 = 80.0 pt


def test_passages_without_layout_have_no_page() -> None:
    doc = build_document(DocumentMeta(DocId("d"), "d.txt", "D"), "One.\n\nTwo.\n")
    assert [(p.page, p.section) for p in doc.passages] == [(None, None), (None, None)]


def test_margin_numbers_that_follow_the_page_are_chrome_large_headings_are_not() -> None:
    builder = TextBuilder()
    for n in range(6):
        heading = [block(f"{n + 1} Chapter heading", 72, 60, 300)] if n % 3 == 0 else []
        heading = [_larger(b) for b in heading]
        builder.add_page(
            [
                block(f"Part {n // 3 + 1}: running head {n + 1}", 72, 30, 300),
                *heading,
                block("Body text of the page that goes on for a while.", 72, 200, 520, 2),
            ],
            HEIGHT,
        )
    built = builder.finish()
    doc = build_document(
        DocumentMeta(DocId("d"), "d.txt", "D"), built.text, PageLayout.from_json(built.layout)
    )
    flags = {doc.passage_text(p): p.chrome for p in doc.passages}
    assert flags["Part 2: running head 5"] and flags["Part 1: running head 1"]
    assert not flags["1 Chapter heading"] and not flags["4 Chapter heading"]


def _larger(found: Block) -> Block:
    x0, y0, x1, _ = found.bbox
    return Block((x0, y0, x1, y0 + 24), found.lines, [(x0, y0, x1, y0 + 24)])


def test_hex_page_labels_are_decoded() -> None:
    from reader.corpus.paged import _label

    assert _label("<FEFF0032>") == "2"
    assert _label("xiv") == "xiv"
    assert _label(None) == ""
