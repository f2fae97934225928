"""A big document's text put into the reading view a piece at a time, the event loop running
between pieces (issue 27).

``setPlainText`` holds the UI thread, and through PySide the GIL, for the whole text: ~0.3 s for
5 MB, over a second for 20 MB. A ``QTextDocument`` is reentrant, not thread-safe, and building
one on a worker thread would hold the GIL as long, so the text goes in where it is shown, in
pieces of about ``PIECE_CHARS`` characters cut after a line's end: each is one ``insertText``
at the end of the document (what ``setPlainText`` does with the whole text), and the scans for
wide characters and right-to-left lines go along, a piece at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QTextCursor, QTextDocument

from reader.core.bidi import right_to_left_lines
from reader.ui.positions import wide_offsets

PIECE_CHARS = 64_000  # ~15 ms of insertText on a loaded machine
STEPWISE_CHARS = 4 * PIECE_CHARS  # longer texts go in by pieces


def text_pieces(text: str, size: int = PIECE_CHARS) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` pieces covering ``text`` in order, each ending just after a line
    break once ``size`` characters are reached (a line longer than that stays whole: Qt takes
    ``\\r\\n`` as one break, so a piece never ends between the two)."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size - 1)
        end = len(text) if cut < 0 else cut + 1
        yield start, end
        start = end


class StepwiseText:
    """Puts ``text`` into an empty ``QTextDocument`` a piece per ``step()`` (the caller runs the
    event loop between steps); once ``step()`` says it is done, ``wide`` and ``right_to_left``
    are the whole text's ``wide_offsets`` and ``right_to_left_lines``."""

    def __init__(self, document: QTextDocument, text: str) -> None:
        self.text = text
        self.wide: list[int] = []
        self.right_to_left: list[int] = []
        self.percent = 0
        self._lines = 0
        self._pieces = text_pieces(text, PIECE_CHARS)
        self._document = document

    def step(self) -> bool:
        """Put the next piece in; return False once the whole text is in."""
        piece = next(self._pieces, None)
        if piece is None:
            return False
        start, end = piece
        part = self.text[start:end]
        cursor = QTextCursor(self._document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(part)
        self.wide += wide_offsets(part, start)
        self.right_to_left += [self._lines + n for n in right_to_left_lines(part)]
        self._lines += part.count("\n")
        self.percent = end * 100 // max(len(self.text), 1)
        return True
