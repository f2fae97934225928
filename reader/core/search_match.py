"""Where a parsed query matches in a passage's text, in code points: the match offsets that
SQLite's full-text index cannot give (FTS5 has no ``offsets()`` and counts UTF-8 bytes), and
the test that passages not yet in that index are scanned with.

The words' folded and stemmed forms come from an ``Analyser`` — the index's own tokenizer — so
that a word matches here exactly when it matches there. The text is cut at blanks into chunks
(a blank always separates words for the tokenizer); the analyser turns each chunk into its
words, and each word gets the span of its run of letters within the chunk when the counts
agree, else the whole chunk's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reader.core.search_query import WORD_PART, Query, Term

# A word as the tokenizer sees it: (folded form, stemmed form).
Word = tuple[str, str]
# Turns chunks of text into their words (a chunk may hold none, one or several).
Analyser = Callable[[Sequence[str]], dict[str, tuple[Word, ...]]]
Span = tuple[int, int]

_CHUNK = re.compile(r"\S+")


@dataclass(frozen=True)
class Token:
    """One word of a text: its span (code points) and its folded and stemmed forms."""

    start: int
    end: int
    fold: str
    stem: str


def tokens(text: str, analyse: Analyser) -> list[Token]:
    """Return the words of ``text`` in order, with their spans."""
    chunks = [(m.start(), m.end(), m.group()) for m in _CHUNK.finditer(text)]
    words = analyse(sorted({c for _, _, c in chunks}))
    out: list[Token] = []
    for start, end, chunk in chunks:
        found = words.get(chunk, ())
        if not found:
            continue
        runs = [(start + m.start(), start + m.end()) for m in WORD_PART.finditer(chunk)]
        spans = runs if len(runs) == len(found) else [(start, end)] * len(found)
        out.extend(Token(s, e, f, st) for (s, e), (f, st) in zip(spans, found, strict=True))
    return out


@dataclass(frozen=True)
class Pattern:
    """A term as words to find in a row; the last one a prefix for ``prefix*``."""

    words: tuple[Word, ...]
    prefix: bool

    def spans(self, found: Sequence[Token]) -> list[Span]:
        """Return the span of every place the words follow each other in ``found``."""
        n = len(self.words)
        if n == 0:
            return []
        out = []
        for i in range(len(found) - n + 1):
            if all(self._fits(found[i + j], j) for j in range(n)):
                out.append((found[i].start, found[i + n - 1].end))
        return out

    def _fits(self, token: Token, j: int) -> bool:
        stem = self.words[j][1]
        if self.prefix and j == len(self.words) - 1:
            return token.stem.startswith(stem)
        return token.stem == stem


def compile_term(term: Term, analyse: Analyser) -> Pattern:
    """Return the pattern of a term (its text cut into words as the index cuts it)."""
    chunks = term.text.split()
    words = analyse(chunks)
    return Pattern(tuple(w for c in chunks for w in words.get(c, ())), term.kind == "prefix")


@dataclass(frozen=True)
class CompiledQuery:
    """A query's terms as patterns: groups (one of each must match) and exclusions."""

    groups: tuple[tuple[Pattern, ...], ...]
    excluded: tuple[Pattern, ...]

    @classmethod
    def of(cls, query: Query, analyse: Analyser) -> CompiledQuery:
        return cls(
            tuple(tuple(compile_term(t, analyse) for t in g) for g in query.groups),
            tuple(compile_term(t, analyse) for t in query.excluded),
        )

    def match(self, found: Sequence[Token]) -> list[Span] | None:
        """Return the spans of the matching words (sorted, merged) when the passage matches,
        ``None`` when it does not."""
        spans: list[Span] = []
        for group in self.groups:
            hits = [s for p in group for s in p.spans(found)]
            if not hits:
                return None
            spans += hits
        if any(p.spans(found) for p in self.excluded):
            return None
        return merge(spans)


def merge(spans: Iterable[Span]) -> list[Span]:
    """Return the spans sorted, overlapping or touching ones merged."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
