"""Indexes over a document's people, so that resolving one name costs the same however many
people the document has met (a book names thousands).

Every relation between names that ``people`` uses (a spelling variant, a short form, a first
name) needs one pair of words to be spellings of one word (``names.same_word``): the last words,
or a first name and a first word. ``word_keys`` gives each word keys such that two such spellings
always share one (two words sharing a key may still differ: the relation is not transitive), so
the clusters worth testing are looked up by key and tested, in creation order, with the relation
itself: the answers are those of testing every cluster in turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import overload

from reader.extract.names import (
    NAME_PARTICLES,
    VARIANT_MIN_LETTERS,
    fold,
    is_first_name,
    is_short_form,
    is_variant,
    plain,
    without_initials,
)

_Key = tuple[str, str]
_Test = Callable[["Cluster"], bool]


def word_keys(word: str) -> tuple[_Key, ...]:
    """Return keys of a name word: two words for which ``same_word`` holds share one.

    ``same_word`` holds for equal case folds, equal plain letters, or (both words of
    ``VARIANT_MIN_LETTERS`` letters or more) equal folds one edit apart; each has its key."""
    letters = plain(word)
    keys: list[_Key] = [("c", word.casefold())]
    if letters:
        keys.append(("p", letters))
    if len(letters) >= VARIANT_MIN_LETTERS:
        keys.append(("f", fold(word)))
    return tuple(keys)


@dataclass
class Cluster:
    """One person of a document: the forms of the name as written, and the canonical one."""

    forms: list[list[str]] = field(default_factory=list)
    canonical: list[str] = field(default_factory=list)
    fixed: bool = False  # a gazetteer person keeps the gazetteer's name

    def matches(self, words: list[str]) -> bool:
        return any(
            is_variant(words, f) or is_short_form(words, f) or is_short_form(f, words)
            for f in self.forms
        )

    def first_name_of(self, words: list[str]) -> bool:
        return any(is_first_name(words, f) for f in self.forms)

    def add(self, words: list[str]) -> None:
        self.forms.append(words)
        if not self.fixed and len(words) > len(self.canonical):
            self.canonical = words


class People:
    """The clusters of a document in creation order, indexed by the last word of each form
    (initials aside) and by the first word of each form of two words or more."""

    def __init__(self) -> None:
        self._clusters: list[Cluster] = []
        self._by_last: dict[_Key, set[int]] = {}
        self._by_first: dict[_Key, set[int]] = {}
        self._fixed: set[tuple[str, ...]] = set()
        self._keys: dict[str, tuple[_Key, ...]] = {}

    @overload
    def __getitem__(self, i: int) -> Cluster: ...
    @overload
    def __getitem__(self, i: slice) -> list[Cluster]: ...
    def __getitem__(self, i: int | slice) -> Cluster | list[Cluster]:
        return self._clusters[i]

    def __len__(self) -> int:
        return len(self._clusters)

    def __iter__(self) -> Iterator[Cluster]:
        return iter(self._clusters)

    def _word_keys(self, word: str) -> tuple[_Key, ...]:
        keys = self._keys.get(word)
        if keys is None:
            keys = self._keys[word] = word_keys(word)
        return keys

    def _index(self, ordinal: int, words: list[str]) -> None:
        for key in self._word_keys(without_initials(words)[-1]):
            self._by_last.setdefault(key, set()).add(ordinal)
        if len(words) >= 2:
            for key in self._word_keys(words[0]):
                self._by_first.setdefault(key, set()).add(ordinal)

    def _found(self, index: dict[_Key, set[int]], word: str) -> set[int]:
        found: set[int] = set()
        for key in self._word_keys(word):
            found |= index.get(key, set())
        return found

    def add_fixed(self, words: list[str]) -> None:
        """Add a gazetteer person, unless one of that name is there already."""
        if tuple(words) not in self._fixed:
            self._fixed.add(tuple(words))
            self._clusters.append(Cluster([words], words, fixed=True))
            self._index(len(self._clusters) - 1, words)

    def add_name(self, words: list[str]) -> None:
        """Add a full name to the first cluster it matches, else to a new cluster."""
        ordinal = self._first(lambda k: k.matches(words), words)
        if ordinal is None:
            ordinal = len(self._clusters)
            self._clusters.append(Cluster())
        self._clusters[ordinal].add(words)
        self._index(ordinal, words)

    def _first(self, test: _Test, words: list[str]) -> int | None:
        """Return the first cluster, in creation order, sharing the last word and passing."""
        candidates = self._found(self._by_last, without_initials(words)[-1])
        return next((i for i in sorted(candidates) if test(self._clusters[i])), None)

    def matching(self, words: list[str]) -> Cluster | None:
        """Return the first cluster one of whose forms the name matches (``Cluster.matches``)."""
        ordinal = self._first(lambda k: k.matches(words), words)
        return None if ordinal is None else self._clusters[ordinal]

    def by_first_name(self, words: list[str]) -> Cluster | None:
        """Return the one cluster of which a lone word is the first name, if only one."""
        if len(words) != 1 or words[0].casefold() in NAME_PARTICLES:
            return None
        found = [
            i
            for i in self._found(self._by_first, words[0])
            if self._clusters[i].first_name_of(words)
        ]
        return self._clusters[found[0]] if len(found) == 1 else None

    def short_form_of(self, words: list[str]) -> Cluster | None:
        """Return the first cluster of a full name (two words or more) of which ``words`` is a
        short form."""
        ordinal = self._first(
            lambda k: len(k.canonical) >= 2 and any(is_short_form(words, f) for f in k.forms),
            words,
        )
        return None if ordinal is None else self._clusters[ordinal]


# What the alternation of surnames in ``people`` required around a surname.
_SURNAME_HEAD = re.compile(r"[\w-]*")
_SURNAME_NEXT = re.compile(r"[\w-]")


class SurnameFinder:
    """Find surnames in a text as ``(?<![\\w-])(?:s1|s2|…)(?![\\w-])`` would, without trying
    every surname at every word: at each word start, only the surnames beginning with that word.

    Where several surnames stand at one place, the first in the given order wins, as in the
    alternation.
    """

    def __init__(self, surnames: Iterable[str]) -> None:
        self._rank: dict[str, int] = {}
        self._by_head: dict[str, list[str]] = {}
        for s in surnames:
            if s:
                self._rank.setdefault(s, len(self._rank))
        for s in self._rank:
            head = _SURNAME_HEAD.match(s)
            self._by_head.setdefault(head.group(0) if head else "", []).append(s)
        firsts = "".join(sorted({re.escape(s[0]) for s in self._rank}))
        self._starts = re.compile(r"(?<![\w-])(?=[" + firsts + r"])[\w-]*") if firsts else None

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, surname)`` of each surname in the text, left to right."""
        if self._starts is None:
            return
        pos = 0
        for m in self._starts.finditer(text):
            start = m.start()
            if start < pos:
                continue
            here = [
                s
                for s in self._by_head.get(m.group(0), ())
                if text.startswith(s, start) and not _SURNAME_NEXT.match(text, start + len(s))
            ]
            if here:
                best = min(here, key=self._rank.__getitem__)
                pos = start + len(best)
                yield start, pos, best


# A word of a full form before a surname, and what ``people`` asks of the surname's end.
_FORM_CHAR = re.compile(r"[\w’'-]")
_FORM_HEAD = re.compile(r"[\w’'-]*")
_FORM_WORD = re.compile(r"[A-Z][\w’'-]+[ \u00a0]+")
_NOT_BEFORE_FORM = re.compile(r"[\w’'.-]")


def full_form_pattern(surname: str) -> re.Pattern[str]:
    """Return the pattern of one to three capitalised words and then the surname."""
    return re.compile(
        r"(?<![\w’'.-])((?:[A-Z][\w’'-]+[ \u00a0]+){1,3})" + re.escape(surname) + r"(?![\w’'-])"
    )


def _word_starts_before(text: str, end: int) -> list[int]:
    """Return where each of the (up to) three words before ``end`` starts, nearest first, each
    separated from the next by spaces: the only places a full form ending there can start."""
    starts: list[int] = []
    for _ in range(3):
        gap = end
        while gap > 0 and text[gap - 1] in " \u00a0":
            gap -= 1
        start = gap
        while start > 0 and _FORM_CHAR.match(text, start - 1):
            start -= 1
        if gap == end or start == gap:
            break
        starts.append(start)
        end = start
    return starts


def _form_at(text: str, start: int, surname: str) -> int | None:
    """Return where the given names end if ``full_form_pattern(surname)`` matches at ``start``:
    after as many words as it can take (three at most) with the surname right after them."""
    if start > 0 and _NOT_BEFORE_FORM.match(text, start - 1):
        return None
    ends: list[int] = []
    pos = start
    while len(ends) < 3 and (word := _FORM_WORD.match(text, pos)) is not None:
        pos = word.end()
        ends.append(pos)
    for end in reversed(ends):
        if text.startswith(surname, end) and not _FORM_CHAR.match(text, end + len(surname)):
            return end
    return None


class SurnamePlaces:
    """Where given surnames stand in a text right after a space, found in one pass, so that
    their full forms are looked for there and not by scanning the whole text for each."""

    def __init__(self, text: str, surnames: Iterable[str]) -> None:
        self.text = text
        heads = {h for h in map(_head, surnames) if h}
        self._at: dict[str, list[int]] = {h: [] for h in heads}
        if heads:
            firsts = "".join(sorted({re.escape(h[0]) for h in heads}))
            for m in re.finditer(r"(?<=[ \u00a0])(?=[" + firsts + r"])[\w’'-]+", text):
                places = self._at.get(m.group(0))
                if places is not None:
                    places.append(m.start())

    def full_forms(self, surname: str) -> Iterator[tuple[int, str]]:
        """Yield ``(start, given names)`` of each match of ``full_form_pattern(surname)`` in the
        text, as ``finditer`` finds them (``group(1)`` is the given names)."""
        places = self._at.get(_head(surname))
        if places is None:  # a surname not given: scan the text
            for m in full_form_pattern(surname).finditer(self.text):
                yield m.start(), m.group(1)
            return
        text = self.text
        starts: set[int] = set()
        for at in places:
            if text.startswith(surname, at) and not _FORM_CHAR.match(text, at + len(surname)):
                starts.update(_word_starts_before(text, at))
        pos = 0
        for start in sorted(starts):
            if start >= pos and (end := _form_at(text, start, surname)) is not None:
                pos = end + len(surname)
                yield start, text[start:end]


def _head(surname: str) -> str:
    head = _FORM_HEAD.match(surname)
    return head.group(0) if head else ""
