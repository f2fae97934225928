"""A short extract of a passage around its mentions, for a list of results."""

from __future__ import annotations

from collections.abc import Sequence

ELLIPSIS = "…"
Segment = tuple[str, bool]  # (text, emphasised)


def _window(length: int, first: tuple[int, int], width: int) -> tuple[int, int]:
    """Return ``[start, end)`` of about ``width`` characters that holds ``first``, with a third
    of the room before it so that the reader sees what leads up to the mention."""
    if length <= width:
        return 0, length
    start = max(0, min(first[0] - width // 3, length - width))
    return start, min(length, start + width)


def _to_word(text: str, start: int, end: int) -> tuple[int, int]:
    """Move the cut points inwards to whole words (within 20 characters)."""
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, min(end, start + 20))
        start = space + 1 if space != -1 else start
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", max(start, end - 20), end)
        end = space if space != -1 else end
    return start, end


def snippet(
    text: str,
    spans: Sequence[tuple[int, int]],
    width: int = 240,
    focus: tuple[int, int] | None = None,
) -> list[Segment]:
    """Return a passage's text cut to about ``width`` characters around its first span (or
    ``focus``), as segments with the spans emphasised; line breaks become spaces, cuts are
    marked "…".

    ``spans`` are ``[start, end)`` offsets into ``text``.
    """
    flat = text.replace("\n", " ")
    ordered = sorted((max(0, s), min(len(flat), e)) for s, e in spans if e > s)
    first = focus if focus is not None else ordered[0] if ordered else (0, 0)
    start, end = _window(len(flat), first, width)
    start, end = _to_word(flat, start, end)
    segments: list[Segment] = []
    if start > 0:
        segments.append((ELLIPSIS, False))
    position = start
    for s, e in ordered:
        s, e = max(s, position), min(e, end)
        if e <= s:
            continue
        if s > position:
            segments.append((flat[position:s], False))
        segments.append((flat[s:e], True))
        position = e
    if position < end:
        segments.append((flat[position:end], False))
    if end < len(flat):
        segments.append((ELLIPSIS, False))
    return segments
