"""Block-level work on a QPlainTextEdit's document: direction, folding, scrolling to a line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument

from reader.core.model import Document
from reader.ui.positions import Utf16Map


def align_by_direction(document: QTextDocument) -> None:
    """Align right-to-left paragraphs right and the rest left.

    QPlainTextDocumentLayout ignores block alignment and direction: it lays out every block with
    the document's default option. With AlignJustify|AlignAbsolute, Qt's line alignment turns
    justify into right alignment for a right-to-left paragraph (first strong character), while
    the absolute flag keeps left-to-right lines ragged, not justified.
    """
    option = document.defaultTextOption()
    option.setAlignment(Qt.AlignmentFlag.AlignJustify | Qt.AlignmentFlag.AlignAbsolute)
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    document.setDefaultTextOption(option)


def mark_lines_right_to_left(document: QTextDocument, numbers: list[int]) -> None:
    """Give these lines (block numbers: ``right_to_left_lines``) a right-to-left block
    direction, so that cursor keys move visually within them."""
    for number in numbers:
        cursor = QTextCursor(document.findBlockByNumber(number))
        fmt = QTextBlockFormat(cursor.blockFormat())
        fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        cursor.setBlockFormat(fmt)


def chrome_spans(doc: Document) -> list[tuple[int, int]]:
    """Return the offset spans folded with chrome: each chrome passage and the blank lines after
    it, up to the next passage; and the furniture lines inside body passages."""
    passages = doc.passages
    spans = []
    for i, passage in enumerate(passages):
        if passage.chrome:
            end = passages[i + 1].start if i + 1 < len(passages) else len(doc.text)
            spans.append((passage.start, max(end, passage.end)))
        else:
            spans.extend(passage.furniture)  # furniture lines inside a body passage
    return spans


def set_blocks_visible(
    document: QTextDocument, positions: Utf16Map, spans: list[tuple[int, int]], visible: bool
) -> None:
    """Show or hide the blocks (lines) that meet each offset span; the text stays in place."""
    for start, end in spans:
        block = document.findBlock(positions.to_qt(start))
        last = positions.to_qt(end) - 1
        while block.isValid() and block.position() <= last:
            block.setVisible(visible)
            block = block.next()
    if spans:
        first = positions.to_qt(spans[0][0])
        document.markContentsDirty(first, positions.to_qt(spans[-1][1]) - first + 1)


def lay_out_page_from(document: QTextDocument, block: QTextBlock, page_height: float) -> None:
    """Lay out the blocks from ``block`` down one page.

    QPlainTextEdit counts an unlaid block as one line, so its scroll range is an estimate that
    grows as blocks are laid out; laying out the page below a target first keeps the scroll bar
    from clamping a jump short. Only about a page is laid out, whatever the document's size.
    """
    layout = document.documentLayout()
    height = 0.0
    while block.isValid() and height <= page_height:
        height += layout.blockBoundingRect(block).height()
        block = block.next()


def top_line_number(document: QTextDocument, position: int, page_height: float) -> int:
    """Return the scroll-bar value (QPlainTextEdit scrolls by lines) that puts a position's line
    at the top."""
    block = document.findBlock(position)
    lay_out_page_from(document, block, page_height)
    line = 0
    layout = block.layout()
    if layout is not None and layout.lineCount() > 0:
        line = max(layout.lineForTextPosition(position - block.position()).lineNumber(), 0)
    return block.firstLineNumber() + line
