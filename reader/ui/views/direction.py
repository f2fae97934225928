"""Right-to-left paragraphs in a QPlainTextEdit's document."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument

from reader.core.bidi import right_to_left_lines


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


def mark_right_to_left(document: QTextDocument, text: str) -> None:
    """Give right-to-left lines a right-to-left block direction, so that cursor keys move
    visually within them."""
    for number in right_to_left_lines(text):
        cursor = QTextCursor(document.findBlockByNumber(number))
        fmt = QTextBlockFormat(cursor.blockFormat())
        fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        cursor.setBlockFormat(fmt)
