"""Finding words in a document's text, accents and case folded, with offsets into the text.

Folding maps every character to one character (``é`` → ``e``, ``É`` → ``e``), so the folded
text has the same length as the text and a match's offsets are the text's offsets: no position
map, and ``str.translate`` does the folding at C speed. A character whose fold would be longer
or empty (``ß``, a combining mark) stays as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class FindOptions:
    """How to match: case-sensitive or not, whole words only or not (accents always fold)."""

    match_case: bool = False
    whole_word: bool = False


@lru_cache(maxsize=65536)
def _fold_char(char: str, match_case: bool) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    folded = base if match_case else base.casefold()
    if len(folded) == 1:
        return folded
    lower = char if match_case else char.lower()
    return lower if len(lower) == 1 else char


def fold(text: str, options: FindOptions = FindOptions()) -> str:
    """Return ``text`` folded character by character (same length, same offsets)."""
    table = {ord(c): _fold_char(c, options.match_case) for c in set(text)}
    return text.translate(table)


def pattern(query: str, options: FindOptions = FindOptions()) -> re.Pattern[str] | None:
    """Return the regular expression for a folded text, or ``None`` for a blank query. Runs of
    blanks in the query match any run of blanks (a line break inside a phrase included)."""
    words = fold(query, options).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    if options.whole_word:
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body)


def find_all(
    text: str,
    query: str,
    options: FindOptions = FindOptions(),
    folded: str | None = None,
) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of every match of ``query`` in ``text``, in order.

    ``folded`` is ``fold(text, options)`` when the caller keeps it between keystrokes.
    """
    compiled = pattern(query, options)
    if compiled is None:
        return []
    haystack = fold(text, options) if folded is None else folded
    return [(m.start(), m.end()) for m in compiled.finditer(haystack) if m.end() > m.start()]
