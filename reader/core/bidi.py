"""Text direction of a paragraph, from its first strong character (Unicode's rule P2)."""

from __future__ import annotations

import unicodedata

_RTL_CLASSES = frozenset({"R", "AL"})
_LTR_CLASSES = frozenset({"L"})


def is_right_to_left(text: str) -> bool:
    """Tell whether a paragraph is laid out right to left: its first strong character is RTL."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return True
        if kind in _LTR_CLASSES:
            return False
    return False


def right_to_left_lines(text: str) -> list[int]:
    """Return the indices of the lines (split on ``\\n``) that are laid out right to left."""
    return [number for number, line in enumerate(text.split("\n")) if is_right_to_left(line)]
