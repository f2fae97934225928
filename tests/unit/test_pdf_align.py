"""Aligning a page's characters to the document text, without a PDF (reader.export.pdf_align)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.export.pdf_align import Box, Line, Placement, align, fold, line_runs, text_keys

WIDTH = 5.0
HEIGHT = 10.0


def lay_out(
    text: str, width: int = 30, rtl: bool = False, page_lines: int = 4
) -> tuple[list[Line], list[tuple[int, int]]]:
    """Break ``text``'s paragraphs into lines at spaces, a box per character (drawn order)."""
    lines: list[Line] = []
    spans = []
    start = 0
    for para in text.split("\n\n"):
        spans.append((start, start + len(para)))
        start += len(para) + 2
        words = para.split(" ")
        current = ""
        rows = []
        for word in words:
            if current and len(current) + 1 + len(word) > width:
                rows.append(current + " ")
                current = word
            else:
                current = f"{current} {word}" if current else word
        rows.append(current)
        for row in rows:
            n = len(lines)
            y = (n % page_lines) * HEIGHT
            boxes: list[Box] = []
            for i in range(len(row)):
                x = (width - i - 1) * WIDTH if rtl else i * WIDTH
                boxes.append((x, y, x + WIDTH, y + HEIGHT))
            lines.append(Line(n // page_lines, list(row), boxes))
    return lines, spans


def covered(lines: list[Line], boxes: dict[int, list[Box]]) -> str:
    """Return the characters whose centre lies in one of the boxes, in drawing order."""
    out = []
    for line in lines:
        for ch, (x0, y0, x1, y1) in zip(line.chars, line.boxes, strict=True):
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            if any(a <= cx <= c and b <= cy <= d for a, b, c, d in boxes.get(line.page, [])):
                out.append(ch)
    return "".join(out)


def placed(text: str, lines: list[Line], spans: list[tuple[int, int]]) -> Placement:
    align(lines, *text_keys(text, spans))
    return Placement(lines)


WORDS = st.text(alphabet="abcdefgh(ک)لمن", min_size=1, max_size=9)
TEXTS = st.lists(
    st.lists(WORDS, min_size=1, max_size=25).map(" ".join), min_size=1, max_size=4
).map("\n\n".join)


@settings(max_examples=80, deadline=None)
@given(TEXTS, st.data(), st.booleans())
def test_a_span_covers_exactly_its_characters(text: str, data: st.DataObject, rtl: bool) -> None:
    lines, spans = lay_out(text, rtl=rtl)
    placement = placed(text, lines, spans)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    got = covered(lines, placement.boxes(start, end))
    assert "".join(got.split()) == "".join(text[start:end].split())


def test_a_quote_over_two_lines_gets_a_box_on_each() -> None:
    text = "one two three four five six seven eight nine ten"
    lines, spans = lay_out(text, width=20)
    placement = placed(text, lines, spans)
    start, end = text.index("three"), text.index(" nine")
    boxes = placement.boxes(start, end)
    assert len(boxes[0]) == 2  # "three four" ending line 1, "five six seven eight" line 2
    assert "".join(covered(lines, boxes).split()) == "".join(text[start:end].split())


def test_the_second_occurrence_is_found_where_it_is() -> None:
    text = "peace talks and more peace talks"
    lines, spans = lay_out(text, width=100)
    placement = placed(text, lines, spans)
    second = text.rindex("peace")
    ((x0, _y0, x1, _y1),) = placement.boxes(second, second + 5)[0]
    assert (x0, x1) == (second * WIDTH, (second + 5) * WIDTH)


def test_a_ligature_shows_its_letters() -> None:
    text = "officially"
    line = Line(0, ["o", "ﬃ", "c", "i", "a", "l", "l", "y"], [(i, 0, i + 1, 1) for i in range(8)])
    align([line], *text_keys(text, [(0, len(text))]))
    assert (line.lo[1], line.hi[1]) == (1, 3)


def test_a_mis_mapped_glyph_is_paired_with_its_letter() -> None:
    text = "دیپلماتیک منطقه"
    drawn = text.replace("ل", "\u01c1")
    line = Line(0, list(drawn), [(i, 0, i + 1, 1) for i in range(len(drawn))])
    align([line], *text_keys(text, [(0, len(text))]))
    assert line.lo[3] == 3  # U+01C1 stands for the lam at offset 3


def test_mirrored_brackets_and_presentation_forms_fold_to_the_text() -> None:
    assert fold("ﻫ") == "ه" and fold(")") == fold("(") and fold(" ") == "" and fold("\u200c") == ""


def test_a_line_that_is_not_in_the_text_is_left_unplaced() -> None:
    text = "alpha beta gamma"
    stray = Line(0, list("zzzz qqqq"), [(i, 0, i + 1, 1) for i in range(9)])
    lines, spans = lay_out(text, width=100)
    placement = placed(text, [stray, *lines], spans)
    assert all(v is None for v in stray.lo)
    assert covered(lines, placement.boxes(6, 10)) == "beta"


def test_runs_split_where_other_text_lies_between() -> None:
    # A right-to-left word inside a left-to-right line: logical order differs from visual order.
    line = Line(0, list("ab"), [(0, 0, 1, 1), (5, 0, 6, 1)])
    line.lo, line.hi = [0, 2], [0, 2]
    between = Line(0, list("abc"), [(0, 0, 1, 1), (5, 0, 6, 1), (2, 0, 3, 1)])
    between.lo, between.hi = [0, 1, 2], [0, 1, 2]
    assert line_runs(between, 0, 2) == [(0, 0, 1, 1), (5, 0, 6, 1)]
    assert line_runs(line, 0, 3) == [(0, 0, 6, 1)]


def test_the_thread_is_picked_up_after_text_that_did_not_come_back() -> None:
    lost = "漢字" * 200
    text = f"first words here\n\n{lost}\n\nand the alignment carries on after it"
    lines, spans = lay_out(text, width=40)
    for line in lines:
        if "漢" in line.chars:
            line.chars = ["\ufffd"] * len(line.chars)  # drawn without a font
    placement = placed(text, lines, spans)
    start = text.index("carries")
    assert covered(lines, placement.boxes(start, start + 7)) == "carries"
