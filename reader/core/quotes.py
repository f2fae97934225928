"""Find a quote the user typed in a document's text, forgiving typography and spacing.

People paste quotes from elsewhere: curly quotes become straight, dashes become hyphens, line
breaks become spaces. A quote is looked up exactly first; only when that finds nothing are both
sides folded (whitespace runs collapsed to one space, typographic quotes, apostrophes and dashes
mapped to their plain forms) and the folded matches mapped back to offsets of the original text,
so the stored quote is always the document's own text.
"""

from __future__ import annotations

_FOLD: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "\u2026": "...",
    # Invisible characters that copying from a page often adds or drops.
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
}


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Return ``text`` folded, and for each folded character the index it came from.

    Whitespace runs become one space (mapped to the run's first character).
    """
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not in_space:
                out.append(" ")
                origin.append(index)
            in_space = True
            continue
        in_space = False
        folded = _FOLD.get(char, char)
        out.extend(folded)
        origin.extend([index] * len(folded))
    return "".join(out), origin


def fold(text: str) -> str:
    """Return ``text`` folded as :func:`fold_with_map` does, without the map."""
    return fold_with_map(text)[0]


def _occurrences(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    at = haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + len(needle))
    return found


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of ``quote`` in ``text``, exact matches first.

    Exact matches (non-overlapping, in order) win; if there are none, matches of the folded
    quote in the folded text, mapped back to the original text. An empty or blank quote matches
    nothing.
    """
    if not quote.strip():
        return []
    exact = _occurrences(text, quote)
    if exact:
        return [(at, at + len(quote)) for at in exact]
    folded_text, origin = fold_with_map(text)
    needle = fold(quote).strip()
    if not needle:
        return []
    spans = []
    for at in _occurrences(folded_text, needle):
        start = origin[at]
        end = origin[at + len(needle) - 1] + 1
        spans.append((start, end))
    return spans
