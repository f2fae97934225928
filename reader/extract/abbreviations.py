"""Abbreviations a document defines for itself: "the International Cricket Council (ICC)".

Such a definition makes every "ICC" of that document the council, whatever the gazetteer says
"ICC" is (there, the International Criminal Court), and makes the long form one name even where
the model cut it short or the gazetteer found a state inside it ("Board of Control for Cricket in
India (BCCI)"). A definition counts only when the capitals of the long form appear, in order, in
the abbreviation ("Caribbean Community (CARICOM)"), so that "said Smith (left)" is none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from reader.core.actors import ActorKind
from reader.extract.candidates import Candidate
from reader.extract.gazetteer import Gazetteer
from reader.extract.names import is_generic_phrase

# Above the user's gazetteer: the document's own definition is the best evidence there is.
DEFINED = 4
_LINK = r"(?:of|for|and|the|on|in|de|des|du|la|el|&)"
_DEFINITION = re.compile(
    r"(?P<long>[A-Z][\w’'.-]*(?:[ \u00a0]+(?:" + _LINK + r"[ \u00a0]+)*[A-Z][\w’'.-]*)+)"
    r"[ \u00a0]+\((?P<abbr>[A-Z][A-Za-z.&-]{1,9})\)"
)


@dataclass(frozen=True)
class Definition:
    """An abbreviation and the canonical name and kind of what it stands for."""

    abbr: str
    long: str
    name: str
    kind: ActorKind


def _fits(long_words: Sequence[str], abbr: str) -> bool:
    initials = [w[0] for w in long_words if w[:1].isupper()]
    letters = [c for c in abbr if c.isupper()]
    if len(initials) < 2 or not letters or initials[0] != letters[0]:
        return False
    rest = iter(letters)
    return all(any(c == i for c in rest) for i in initials)


def _long_form(run: str, abbr: str) -> str | None:
    """Return the longest tail of a run of capitalised words whose capitals fit the abbreviation."""
    words = run.split()
    for i, word in enumerate(words):
        if word[:1].isupper() and _fits(words[i:], abbr):
            return " ".join(words[i:])
    return None


_WORD = re.compile(r"\w+")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


class Definitions(Mapping[str, Definition]):
    """A document's definitions by abbreviation, indexed by the words of their forms, so that
    a passage is matched against the few it may use and not against all of them."""

    def __init__(self, found: Mapping[str, Definition]) -> None:
        self._found = dict(found)
        self._values = list(self._found.values())
        # A form matches only from a word start to a word end, so its words stand in the text,
        # one after the other, wherever it does: index each form by that run of words.
        self._by_words: dict[tuple[str, ...], set[int]] = {}
        for ordinal, d in enumerate(self._values):
            for form in (d.long, d.abbr):
                self._by_words.setdefault(tuple(_WORD.findall(form)), set()).add(ordinal)
        self._firsts = {words[0] for words in self._by_words if words}
        self._lengths = sorted({len(words) for words in self._by_words if words})

    def __getitem__(self, abbr: str) -> Definition:
        return self._found[abbr]

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def used_in(self, text: str) -> list[Definition]:
        """Return, in definition order, those one of whose forms may stand in the text."""
        ordinals = set(self._by_words.get((), ()))
        words = _WORD.findall(text)
        for i, word in enumerate(words):
            if word in self._firsts:
                for n in self._lengths:
                    ordinals.update(self._by_words.get(tuple(words[i : i + n]), ()))
        return [self._values[i] for i in sorted(ordinals)]


def occurrences(text: str, form: str) -> Iterator[tuple[int, int]]:
    r"""Yield where ``form`` stands in the text between word boundaries, left to right, as
    ``(?<![\w-])form(?![\w-])`` would find it (with no pattern to compile for each form)."""
    pos = 0
    while (at := text.find(form, pos)) >= 0:
        end = at + len(form)
        if (at == 0 or not _WORD_OR_HYPHEN.match(text, at - 1)) and not _WORD_OR_HYPHEN.match(
            text, end
        ):
            yield at, end
            pos = end
        else:
            pos = at + 1


def definitions(text: str, gazetteer: Gazetteer) -> Definitions:
    """Return the abbreviations the text defines, by abbreviation (the first definition wins)."""
    found: dict[str, Definition] = {}
    for m in _DEFINITION.finditer(text):
        abbr = m["abbr"]
        long = _long_form(m["long"], abbr)
        if long is None or abbr in found or is_generic_phrase(long):
            continue
        entry = gazetteer.lookup(long)
        name, kind = (entry.name, entry.kind) if entry else (long, "organization")
        found[abbr] = Definition(abbr, long, name, kind)
    return Definitions(found)


def apply_definitions(
    text: str, cands: list[Candidate], defined: Definitions
) -> list[Candidate]:
    """Add the long forms and abbreviations a passage uses, and rename what they cover."""
    out = list(cands)
    for d in defined.used_in(text):
        for form in (d.long, d.abbr):
            for start, end in occurrences(text, form):
                out = [c for c in out if not (c.start == start and c.end == end)]
                out.append(Candidate(start, end, d.kind, d.name, DEFINED, "definition"))
    return out
