"""People of a document: full names grouped with their short forms and spelling variants, a
surname alone resolved to the one person of the document who bears it.

Split from ``reader.extract.resolve``, which calls these after selecting each passage's mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from reader.core.model import Passage
from reader.extract.candidates import RULE, Candidate, GovernmentPhrase
from reader.extract.context import names_a_family
from reader.extract.names import NAME_PARTICLES, TITLE_WORDS, name_tokens
from reader.extract.people_index import Cluster, People, SurnameFinder, SurnamePlaces

# "of (the)" right before a word: "Minister of [the] Norway".
OF_BEFORE = re.compile(r"\bof[ \u00a0]+(?:the[ \u00a0]+)?$")


def overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


_PersonItem = tuple[int, Candidate, list[str]]


@dataclass
class PassageWork:
    passage: Passage
    text: str
    candidates: list[Candidate]
    governments: list[GovernmentPhrase]


def _clusters(works: Sequence[PassageWork], items: list[_PersonItem]) -> People:
    """Group the document's full names: gazetteer people first, then the rest in text order."""
    people = People()
    for w in works:
        for c in w.candidates:
            if c.kind == "person" and c.name is not None:
                people.add_fixed(c.name.split())
    for _, c, words in items:
        if len(words) >= 2 and not c.needs_antecedent:
            people.add_name(words)
    return people


def _cluster_of(people: People, words: list[str]) -> Cluster | None:
    found = people.matching(words)
    return found if found is not None else people.by_first_name(words)


_Names = dict[tuple[int, int, int], str | None]


_TITLE_FOR = re.compile(r"\b([\w-]+)[ \u00a0]+for[ \u00a0]+$")


def _full_form(places: SurnamePlaces, surname: str) -> str | None:
    """Return the one longer name ending with a titled surname in the text ("Ben Wallace")."""
    body = places.text
    found: set[str] = set()
    for start, before in places.full_forms(surname):
        if OF_BEFORE.search(body[max(0, start - 12) : start]):
            continue  # "Minister of Norway Haraldsen": the place of a title, not a given name
        title_for = _TITLE_FOR.search(body[max(0, start - 40) : start])
        group = before
        if title_for and title_for.group(1).casefold() in TITLE_WORDS and len(group.split()) > 1:
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
            found.add(" ".join([*given, surname]))
    return next(iter(found)) if len(found) == 1 else None


def person_names(works: Sequence[PassageWork], body: str = "") -> tuple[_Names, People]:
    """Give each unnamed person candidate its canonical name (None: drop it); and the people."""
    items: list[_PersonItem] = [
        (w.passage.index, c, name_tokens(w.text[c.start : c.end]))
        for w in works
        for c in w.candidates
        if c.kind == "person" and c.name is None
    ]
    people = _clusters(works, items)
    names: dict[tuple[int, int, int], str | None] = {}
    titled: dict[tuple[int, int, int], str] = {}  # keys whose name may be a longer form
    for index, c, words in items:
        cluster = _cluster_of(people, words) if words else None
        key = (index, c.start, c.end)
        titled.pop(key, None)  # a later candidate of the same span decides, as it always did
        names[key] = None
        if cluster is not None:
            names[key] = " ".join(cluster.canonical)
        elif words and (c.via == "rule" or (c.via == "model" and not c.needs_antecedent)):
            # "President Xi": titled, kept; "Mr Wallace" takes "Ben Wallace" if the text has it.
            names[key] = " ".join(words)
            if len(words) == 1:
                titled[key] = words[0]
    # Found after the loop, so that the text is read once for all the surnames.
    places = SurnamePlaces(body, set(titled.values()))
    full: dict[str, str | None] = {}
    for key, surname in titled.items():
        if surname not in full:
            full[surname] = _full_form(places, surname)
        names[key] = full[surname] or names[key]
    return names, people


def as_known_person(
    text: str, c: Candidate, people: People, surnames: Mapping[str, str]
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
    known_person = people.short_form_of(words)
    if known_person is not None:
        return replace(c, kind="person", name=" ".join(known_person.canonical))
    return c


def _name_word_before(text: str, start: int) -> bool:
    """Tell whether a capitalised word other than a title comes right before ``start``."""
    before = re.search(r"([A-Z][\w’'-]*)[ \u00a0]+$", text[max(0, start - 30) : start])
    return before is not None and before.group(1).casefold() not in TITLE_WORDS


def surnames_of(clusters: Iterable[Cluster]) -> dict[str, str]:
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


def surname_pattern(surnames: Mapping[str, str]) -> SurnameFinder | None:
    return SurnameFinder(surnames) if surnames else None


def surname_mentions(
    w: PassageWork, surnames: Mapping[str, str], pattern: SurnameFinder | None
) -> list[Candidate]:
    """Find a person's surname alone ("Hanafi, however, said") where nothing else was found."""
    if pattern is None:
        return []
    out = []
    for start, end, surname in pattern.finditer(w.text):
        if _name_word_before(w.text, start) or names_a_family(w.text, end):
            continue  # part of another full name, or a family ("the Rossi and Bianchi families")
        c = Candidate(start, end, "person", surnames[surname], RULE, "rule")
        if not any(overlaps(c, o) for o in w.candidates):
            out.append(c)
    return out
