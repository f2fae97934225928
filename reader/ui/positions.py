"""Document offsets (code points) <-> Qt positions (UTF-16 units): the one conversion pair.

Every offset in the program is a Python ``str`` index into a document's text; Qt counts UTF-16
code units, so a character beyond U+FFFF (an emoji) is one offset but two Qt positions. Nothing
else in the program converts between them. This module needs no Qt, so it is tested without one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class Utf16Map:
    """Convert between a text's offsets and Qt's positions in that text."""

    def __init__(self, text: str) -> None:
        # Offsets of characters that take two UTF-16 units; empty for most texts, so both
        # directions are a bisect on a short list.
        self._wide = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
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
