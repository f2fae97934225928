"""Document offsets (code points) <-> Qt positions (UTF-16 units): the one conversion pair.

Every offset in the program is a Python ``str`` index into a document's text; Qt counts UTF-16
code units, so a character beyond U+FFFF (an emoji) is one offset but two Qt positions. Nothing
else in the program converts between them. This module needs no Qt, so it is tested without one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# A character beyond the Basic Multilingual Plane: two UTF-16 units.
_WIDE = re.compile("[\U00010000-\U0010ffff]")


def wide_offsets(text: str, start: int = 0) -> list[int]:
    """Return the offsets (plus ``start``) of the characters of ``text`` beyond U+FFFF.

    A regular expression scans in C (a loop over a 1 MB text's characters took the UI thread
    ~150 ms); an ASCII text is known to have none without a scan."""
    return [] if text.isascii() else [start + m.start() for m in _WIDE.finditer(text)]


class Utf16Map:
    """Convert between a text's offsets and Qt's positions in that text."""

    def __init__(self, text: str, wide: list[int] | None = None) -> None:
        # Offsets of characters that take two UTF-16 units; empty for most texts, so both
        # directions are a bisect on a short list. ``wide`` (``wide_offsets(text)``) when the
        # text was scanned already, piece by piece.
        self._wide = wide_offsets(text) if wide is None else wide
        self._wide_qt = [offset + n for n, offset in enumerate(self._wide)]
        self.length = len(text)

    def to_qt(self, offset: int) -> int:
        """Return the Qt position of a document offset (clamped to the text)."""
        offset = min(max(offset, 0), self.length)
        return offset + bisect_left(self._wide, offset)

    def from_qt(self, position: int) -> int:
        """Return the document offset of a Qt position; inside a surrogate pair, the pair's
        character."""
        position = max(position, 0)
        # Wide characters that start at or before ``position - 1`` took an extra unit each.
        extra = bisect_right(self._wide_qt, position - 1)
        return min(position - extra, self.length)
