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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from reader.core.find import fold
from reader.core.search_query import WORD_PART, Query, Term

# A word as the tokenizer sees it: (folded form, stemmed form).
Word = tuple[str, str]
# A word of a chunk of text: its span within the chunk, its folded and its stemmed form.
ChunkWord = tuple[int, int, str, str]
# Turns chunks of text into their words (a chunk may hold none, one or several); the answer
# holds at least the chunks asked for.
Analyser = Callable[[Sequence[str]], Mapping[str, tuple[ChunkWord, ...]]]
Span = tuple[int, int]
# One word of a text: (start, end, folded form, stemmed form), offsets in code points.
Token = tuple[int, int, str, str]

_CHUNK = re.compile(r"\S+")


def chunk_words(chunk: str, words: Sequence[Word]) -> tuple[ChunkWord, ...]:
    """Return the words of a chunk with their spans: each word gets its run of letters when
    the counts agree, else the whole chunk (the tokenizer cut it otherwise)."""
    runs = [(m.start(), m.end()) for m in WORD_PART.finditer(chunk)]
    if len(runs) != len(words):
        runs = [(0, len(chunk))] * len(words)
    return tuple((a, b, f, st) for (a, b), (f, st) in zip(runs, words, strict=True))


def tokens(text: str, analyse: Analyser) -> list[Token]:
    """Return the words of ``text`` in order, with their spans."""
    return _words_of(_CHUNK.findall(text), _CHUNK.finditer(text), analyse)


def some_tokens(text: str, analyse: Analyser, chunks: re.Pattern[str]) -> list[Token]:
    """Return, in order with their spans, the words of the chunks that ``chunks`` finds in
    the folded text (the same length as the text: its offsets are the text's)."""
    found = list(chunks.finditer(fold(text)))
    return _words_of([text[m.start():m.end()] for m in found], found, analyse,
                     text if found else None)


def _words_of(
    chunks: list[str], places: Iterable[re.Match[str]], analyse: Analyser, text: str | None = None
) -> list[Token]:
    """Return the words of the chunks at ``places`` (their text read from ``text`` when the
    places are in another string, else from the places themselves)."""
    words = analyse(chunks)
    out: list[Token] = []
    append = out.append
    for m in places:
        parts = words.get(m.group() if text is None else text[m.start():m.end()], ())
        if len(parts) == 1:
            a, b, f, st = parts[0]
            start = m.start()
            append((start + a, start + b, f, st))
        elif parts:
            start = m.start()
            out.extend((start + a, start + b, f, st) for a, b, f, st in parts)
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
        if n == 1 and not self.prefix:
            stem = self.words[0][1]
            return [(t[0], t[1]) for t in found if t[3] == stem]
        out = []
        first = self.words[0][1]
        for i in range(len(found) - n + 1):
            token = found[i]
            if (token[3] == first or n == 1) and all(
                self._fits(found[i + j], j) for j in range(n)
            ):
                out.append((token[0], found[i + n - 1][1]))
        return out

    def _fits(self, token: Token, j: int) -> bool:
        stem = self.words[j][1]
        if self.prefix and j == len(self.words) - 1:
            return token[3].startswith(stem)
        return token[3] == stem


def compile_term(term: Term, analyse: Analyser) -> Pattern:
    """Return the pattern of a term (its text cut into words as the index cuts it)."""
    chunks = term.text.split()
    words = analyse(chunks)
    found = tuple((f, st) for c in chunks for _a, _b, f, st in words.get(c, ()))
    return Pattern(found, term.kind == "prefix")


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

    def match_text(self, text: str, analyse: Analyser) -> list[Span] | None:
        """Return ``match()`` of a passage's text, analysing only the words that may match
        when every term is one word: a word matches a term when its stem is the term's, and
        a stem keeps its word's first letters (Porter changes only the end of a word), so
        only chunks holding a word that starts like a term's stem are analysed. Should that
        ever miss, every word is analysed."""
        chunks = self.candidate_chunks
        if chunks is None:
            return self.match(tokens(text, analyse))
        found = self.match(some_tokens(text, analyse, chunks))
        return found if found is not None else self.match(tokens(text, analyse))

    @cached_property
    def candidate_chunks(self) -> re.Pattern[str] | None:
        """Return the pattern of the chunks that may hold a word of a term (``None`` when a
        term has several words: a phrase needs every word's neighbours)."""
        patterns = [p for g in self.groups for p in g] + list(self.excluded)
        if any(len(p.words) > 1 for p in patterns):
            return None
        starts = sorted({_start(p.words[0][1]) for p in patterns if p.words})
        if not starts:
            return None
        alternatives = "|".join(re.escape(s) for s in starts)
        return re.compile(rf"(?<!\S)\S*?(?<![^\W_])(?:{alternatives})\S*")

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


def _start(stem: str) -> str:
    """Return the letters that every word with this stem starts with (folded): Porter keeps a
    word's first letters but may change its last ones ("say" → "sai")."""
    return stem[: max(1, min(3, len(stem) - 1))]


def merge(spans: Iterable[Span]) -> list[Span]:
    """Return the spans sorted, overlapping or touching ones merged."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
