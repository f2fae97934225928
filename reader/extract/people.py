"""People of a document: full names grouped with their short forms and spelling variants, a
surname alone resolved to the one person of the document who bears it.

Split from ``reader.extract.resolve``, which calls these after selecting each passage's mentions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from reader.core.model import Passage
from reader.extract.candidates import RULE, Candidate, GovernmentPhrase
from reader.extract.context import names_a_family
from reader.extract.names import (
    NAME_PARTICLES,
    TITLE_WORDS,
    is_first_name,
    is_short_form,
    is_variant,
    name_tokens,
)

# "of (the)" right before a word: "Minister of [the] Norway".
OF_BEFORE = re.compile(r"\bof[ \u00a0]+(?:the[ \u00a0]+)?$")


def overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


@dataclass
class PassageWork:
    passage: Passage
    text: str
    candidates: list[Candidate]
    governments: list[GovernmentPhrase]


@dataclass
class _Cluster:
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


def _clusters(works: Sequence[PassageWork], items: list[_PersonItem]) -> list[_Cluster]:
    """Group the document's full names: gazetteer people first, then the rest in text order."""
    clusters: list[_Cluster] = []
    for w in works:
        for c in w.candidates:
            if c.kind == "person" and c.name is not None:
                words = c.name.split()
                if not any(k.fixed and k.canonical == words for k in clusters):
                    clusters.append(_Cluster([words], words, fixed=True))
    for _, c, words in items:
        if len(words) >= 2 and not c.needs_antecedent:
            found = next((k for k in clusters if k.matches(words)), None)
            if found is None:
                found = _Cluster()
                clusters.append(found)
            found.add(words)
    return clusters


def _cluster_of(clusters: Sequence[_Cluster], words: list[str]) -> _Cluster | None:
    found = next((k for k in clusters if k.matches(words)), None)
    if found is None:
        by_first = [k for k in clusters if k.first_name_of(words)]
        found = by_first[0] if len(by_first) == 1 else None
    return found


_PersonItem = tuple[int, Candidate, list[str]]


_Names = dict[tuple[int, int, int], str | None]


_TITLE_FOR = re.compile(r"\b([\w-]+)[ \u00a0]+for[ \u00a0]+$")


def _full_form(body: str, words: list[str]) -> str | None:
    """Return the one longer name ending with a titled surname in the text ("Ben Wallace")."""
    pattern = (
        r"(?<![\w’'.-])((?:[A-Z][\w’'-]+[ \u00a0]+){1,3})" + re.escape(words[0]) + r"(?![\w’'-])"
    )
    found: set[str] = set()
    for m in re.finditer(pattern, body):
        if OF_BEFORE.search(body[max(0, m.start() - 12) : m.start()]):
            continue  # "Minister of Norway Haraldsen": the place of a title, not a given name
        before = _TITLE_FOR.search(body[max(0, m.start() - 40) : m.start()])
        group = m.group(1)
        if before and before.group(1).casefold() in TITLE_WORDS and len(group.split()) > 1:
            group = group.split(None, 1)[1]  # "Commissioner for [Trade] Maros": the portfolio
        given = name_tokens(group)
        lowered = [w.casefold() for w in given]
        if (
            given
            and len(given) == len(group.split())
            and not any(
                w in TITLE_WORDS or (w in NAME_PARTICLES and w != lowered[0]) for w in lowered
            )
        ):
            found.add(" ".join([*given, words[0]]))
    longest = sorted(found, key=lambda n: -len(n.split()))
    return longest[0] if len(found) == 1 else None


def person_names(works: Sequence[PassageWork], body: str = "") -> tuple[_Names, list[_Cluster]]:
    """Give each unnamed person candidate its canonical name (None: drop it); and the people."""
    items: list[_PersonItem] = [
        (w.passage.index, c, name_tokens(w.text[c.start : c.end]))
        for w in works
        for c in w.candidates
        if c.kind == "person" and c.name is None
    ]
    clusters = _clusters(works, items)
    names: dict[tuple[int, int, int], str | None] = {}
    for index, c, words in items:
        cluster = _cluster_of(clusters, words) if words else None
        if cluster is not None:
            names[(index, c.start, c.end)] = " ".join(cluster.canonical)
        elif words and (c.via == "rule" or (c.via == "model" and not c.needs_antecedent)):
            # "President Xi": titled, kept; "Mr Wallace" takes "Ben Wallace" if the text has it.
            full = _full_form(body, words) if len(words) == 1 else None
            names[(index, c.start, c.end)] = full or " ".join(words)
        else:
            names[(index, c.start, c.end)] = None
    return names, clusters


def as_known_person(
    text: str, c: Candidate, clusters: Sequence[_Cluster], surnames: Mapping[str, str]
) -> Candidate:
    """Make a model place or body that is a short form of a person of the document that person
    ("Von der Leyen said", or "Lutnick, for his part," which the model may call a place)."""
    if c.via != "model" or c.kind not in ("place", "organization") or c.name is not None:
        return c
    piece = text[c.start : c.end]
    words = name_tokens(piece)
    if len(words) < 2:
        # A surname alone is the one person bearing it, unless part of another name.
        known = surnames.get(piece)
        if known is None or _name_word_before(text, c.start) or names_a_family(text, c.end):
            return c
        return replace(c, kind="person", name=known)
    for k in clusters:
        if len(k.canonical) >= 2 and any(is_short_form(words, f) for f in k.forms):
            return replace(c, kind="person", name=" ".join(k.canonical))
    return c


def _name_word_before(text: str, start: int) -> bool:
    """Tell whether a capitalised word other than a title comes right before ``start``."""
    before = re.search(r"([A-Z][\w’'-]*)[ \u00a0]+$", text[max(0, start - 30) : start])
    return before is not None and before.group(1).casefold() not in TITLE_WORDS


def surnames_of(clusters: Sequence[_Cluster]) -> dict[str, str]:
    """Return each surname that points to one person of the document, with the person's name."""
    owners: dict[str, set[str]] = {}
    for k in clusters:
        if len(k.canonical) < 2:
            continue
        for form in k.forms:
            last = form[-1]
            if len(form) >= 2 and len(last) >= 4 and last.casefold() not in NAME_PARTICLES:
                owners.setdefault(last, set()).add(" ".join(k.canonical))
    return {s: next(iter(n)) for s, n in owners.items() if len(n) == 1}


def surname_pattern(surnames: Mapping[str, str]) -> re.Pattern[str] | None:
    if not surnames:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, surnames)) + r")(?![\w-])")


def surname_mentions(
    w: PassageWork, surnames: Mapping[str, str], pattern: re.Pattern[str] | None
) -> list[Candidate]:
    """Find a person's surname alone ("Hanafi, however, said") where nothing else was found."""
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(w.text):
        if _name_word_before(w.text, m.start()) or names_a_family(w.text, m.end()):
            continue  # part of another full name, or a family ("the Rossi and Bianchi families")
        c = Candidate(m.start(), m.end(), "person", surnames[m.group(0)], RULE, "rule")
        if not any(overlaps(c, o) for o in w.candidates):
            out.append(c)
    return out
