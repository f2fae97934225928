"""Re-anchor highlights when a document's text changes (pure functions, no I/O).

A highlight is placed, in order: exactly at its old position; at an exact occurrence of its quote,
the one whose surrounding text best matches the stored context, then the nearest to the old
position; at a fuzzy match of the quote near the old position (searching outwards), accepting an
edit distance of at most a fifth of the quote's length. A highlight that cannot be placed is kept
and marked ``orphaned``, with its old offsets, quote and content hash, so that a later version of
the text can place it again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from reader.core.highlight import Highlight, context_around


@dataclass(frozen=True)
class Placement:
    """Where a quote was found: ``text[start:end]``, and its edit distance from the quote."""

    start: int
    end: int
    distance: int
    context: int = 0  # context characters that match exactly around it


def max_distance(quote: str) -> int:
    """Return the largest edit distance a fuzzy match of ``quote`` may have (a fifth)."""
    return len(quote) // 5


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """Count matching context characters: backwards from ``start``, forwards from ``end``."""
    score = 0
    for offset in range(1, min(len(prefix), start) + 1):
        if text[start - offset] != prefix[-offset]:
            break
        score += 1
    for offset in range(min(len(suffix), len(text) - end)):
        if text[end + offset] != suffix[offset]:
            break
        score += 1
    return score


def _exact(text: str, quote: str, near: int, prefix: str, suffix: str) -> Placement | None:
    best: tuple[int, int] | None = None
    best_key: tuple[int, int] | None = None
    at = text.find(quote)
    while at != -1:
        key = (_context_score(text, at, at + len(quote), prefix, suffix), -abs(at - near))
        if best_key is None or key > best_key:
            best, best_key = (at, at + len(quote)), key
        at = text.find(quote, at + 1)
    if best is None or best_key is None:
        return None
    return Placement(best[0], best[1], 0, best_key[0])


class _Scorer:
    """The cost of a candidate span: edit distance of the quote, then of the context."""

    def __init__(self, text: str, quote: str, prefix: str, suffix: str, limit: int) -> None:
        self.text, self.quote, self.prefix, self.suffix, self.limit = (
            text, quote, prefix, suffix, limit
        )

    def cost(self, start: int, end: int) -> tuple[int, int, int]:
        if not 0 <= start < end <= len(self.text):
            return (self.limit + 1, 0, 0)
        text = self.text
        dist = Levenshtein.distance(self.quote, text[start:end], score_cutoff=self.limit + 1)
        before = text[max(0, start - len(self.prefix)) : start]
        after = text[end : end + len(self.suffix)]
        context = Levenshtein.distance(self.prefix, before) + Levenshtein.distance(
            self.suffix, after
        )
        return (dist, context, abs((end - start) - len(self.quote)))


def _refine(scorer: _Scorer, start: int, end: int, radius: int) -> tuple[int, int]:
    """Move each boundary in turn to the cheapest place within ``radius``, until stable."""
    best = scorer.cost(start, end)
    for _ in range(4):
        moved = False
        for which in ("start", "end"):
            for delta in range(-radius, radius + 1):
                s, e = (start + delta, end) if which == "start" else (start, end + delta)
                cost = scorer.cost(s, e)
                if cost < best:
                    best, start, end, moved = cost, s, e, True
        if not moved:
            break
    return start, end


def _align(needle: str, window: str, cutoff: float) -> tuple[int, int] | None:
    if len(window) < len(needle):
        return (0, len(window)) if window else None
    found = fuzz.partial_ratio_alignment(needle, window, score_cutoff=cutoff)
    return None if found is None else (found.dest_start, found.dest_end)


def _fuzzy_in(scorer: _Scorer, lo: int, hi: int) -> Placement | None:
    quote, prefix, suffix, limit = scorer.quote, scorer.prefix, scorer.suffix, scorer.limit
    window = scorer.text[lo:hi]
    radius = max(limit, 8)
    # With its context the quote is easier to tell apart from similar passages; alone, it
    # still matches when the context itself was rewritten.
    for needle, lead, trail, cutoff in (
        (prefix + quote + suffix, len(prefix), len(suffix), 60.0),
        (quote, 0, 0, 70.0),
    ):
        span = _align(needle, window, cutoff)
        if span is None:
            continue
        start = lo + min(span[0] + lead, span[1])
        end = lo + max(span[1] - trail, span[0] + lead + 1)
        start, end = _refine(scorer, start, end, radius)
        dist = scorer.cost(start, end)[0]
        if dist <= limit:
            return Placement(start, end, dist)
    return None


def _fuzzy(text: str, quote: str, near: int, prefix: str, suffix: str) -> Placement | None:
    limit = max_distance(quote)
    if limit == 0:
        return None
    scorer = _Scorer(text, quote, prefix, suffix, limit)
    size = len(quote)
    for radius in (size + 256, 4 * size + 4096, len(text)):
        lo, hi = max(0, near - radius), min(len(text), near + size + radius)
        found = _fuzzy_in(scorer, lo, hi)
        if found is not None or (lo == 0 and hi == len(text)):
            return found
    return None


def locate(
    text: str, quote: str, start: int, end: int, prefix: str = "", suffix: str = ""
) -> Placement | None:
    """Find where a quote stored at ``start:end`` with its context now is in ``text``."""
    if not quote:
        return None
    if text[start:end] == quote:
        return Placement(start, end, 0, _context_score(text, start, end, prefix, suffix))
    exact = _exact(text, quote, start, prefix, suffix)
    if exact is not None and 2 * exact.context >= len(prefix) + len(suffix):
        return exact
    # A copy of the quote elsewhere, in other surroundings, is a weaker witness than the edited
    # quote itself in its own surroundings: look for that, and keep whichever fits better.
    fuzzy = _fuzzy(text, quote, start, prefix, suffix)
    if fuzzy is None:
        return exact
    fuzzy = replace(fuzzy, context=_context_score(text, fuzzy.start, fuzzy.end, prefix, suffix))
    return fuzzy if exact is None or fuzzy.context > exact.context else exact


def reanchor(highlight: Highlight, text: str, content_hash: str) -> Highlight:
    """Return ``highlight`` placed in ``text`` (whose hash is ``content_hash``).

    Unchanged when the text is the one it was made on. Otherwise ``anchored`` when its quote is
    still exactly at its offsets, ``moved`` (with the new offsets, quote and context) when found
    elsewhere or approximately, and ``orphaned`` (keeping everything else) when not found.
    """
    h = highlight
    if h.content_hash == content_hash and h.status != "orphaned":
        return h
    place = locate(text, h.quote, h.start, h.end, h.prefix, h.suffix)
    if place is None:
        return h if h.status == "orphaned" else replace(h, status="orphaned")
    same = (place.start, place.end) == (h.start, h.end) and place.distance == 0
    prefix, suffix = context_around(text, place.start, place.end)
    return replace(
        h,
        start=place.start,
        end=place.end,
        quote=text[place.start : place.end],
        prefix=prefix,
        suffix=suffix,
        content_hash=content_hash,
        status="anchored" if same else "moved",
    )
