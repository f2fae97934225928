"""Resolution: from candidate mentions to actors with stable ids, per passage of a document.

This runs on top of the model's raw spans (or none, without the model) and is fast, so it
re-runs on every load: editing the gazetteer never re-runs the model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from reader.core.actors import Actor, ActorMentions, Mention, PassageActors
from reader.core.model import Document, Passage
from reader.extract.abbreviations import apply_definitions, definitions
from reader.extract.candidates import (
    RULE,
    Candidate,
    GovernmentPhrase,
    gazetteer_candidates,
    government_phrases,
    is_headline,
    is_ministry,
    model_candidates,
    place_titled_candidates,
    quoted_post_authors,
    roles_of,
    titled_person_candidates,
)
from reader.extract.context import inside_compound
from reader.extract.gazetteer import Gazetteer
from reader.extract.model import RawSpan
from reader.extract.names import (
    NAME_PARTICLES,
    TITLE_WORDS,
    is_first_name,
    is_generic_phrase,
    is_short_form,
    is_variant,
    menu_lines,
    name_tokens,
    without_initials,
)

_GOVERNED_AFTER = re.compile(r"^(?:['’]s)?\s+(?:government|authorities|administration|regime)\b")
_GOVERNED_BEFORE = re.compile(r"\bgovernment of (?:the )?$")


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _inside(inner: Candidate, outer: Candidate) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner.length < outer.length


def _prune_nested(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Settle a model span that contains gazetteer matches (guidelines, rules 2 and 4)."""
    drop: set[int] = set()
    for i, outer in enumerate(cands):
        if outer.via != "model" or outer.needs_antecedent:
            continue
        inner = [j for j, c in enumerate(cands) if c.via != "model" and _inside(c, outer)]
        if not inner:
            continue
        piece = text[outer.start : outer.end]
        after = _after_title_place(text, outer, [cands[j] for j in inner])
        if outer.kind == "person" and after is not None:
            cands[i] = replace(outer, start=after, needs_antecedent=False)
        elif outer.kind == "person":
            drop.update(inner)  # "Abdul Ghani" is not "Ghani", "Georgia Meloni" not Georgia
            known = _gazetteer_person(piece, [cands[j] for j in inner])
            if known is not None:  # "Antony J. Blinken" is the gazetteer's Antony Blinken
                cands[i] = replace(outer, name=known, priority=cands[inner[0]].priority)
        elif outer.kind == "organization" and is_ministry(piece):
            if any(cands[j].kind == "state" for j in inner):
                drop.add(i)  # "U.S. Department of State" speaks for the state
        else:
            # A capital inside a longer name is part of it: "Lomonosov Moscow State University".
            drop.update(j for j in inner if cands[j].via == "capital")
            rest = piece
            for j in inner:
                rest = rest.replace(text[cands[j].start : cands[j].end], " ")
            if is_generic_phrase(rest) or not rest.strip():
                drop.add(i)  # "Taliban Government" is the Taliban
            elif _names_more(rest, [cands[j] for j in inner]):
                drop.update(inner)  # "Niger Delta", "Middle East Eye": the longer name wins
    return [c for i, c in enumerate(cands) if i not in drop]


_OF_BEFORE = re.compile(r"\bof[ \u00a0]+(?:the[ \u00a0]+)?$")
# What may precede that place inside the span: "Republic of the".
_PLACE_PREFIX = re.compile(r"(?:[A-Z][\w’'-]*[ \u00a0]+)*(?:of[ \u00a0]+(?:the[ \u00a0]+)?)?")


def _after_title_place(text: str, outer: Candidate, inner: Sequence[Candidate]) -> int | None:
    """Return where the name starts in a person span that opens with the place of a title
    ("[Minister of the Republic of] Norway Haraldsen"): after that place, else None."""
    first = min(inner, key=lambda c: c.start)
    if first.kind not in ("state", "place") or not _OF_BEFORE.search(text[: first.start]):
        return None
    if not _PLACE_PREFIX.fullmatch(text[outer.start : first.start]):
        return None
    rest = re.match(r"[ \u00a0]+[A-Z]", text[first.end : outer.end])
    return first.end + rest.end() - 1 if rest else None


def _names_more(rest: str, inner: Sequence[Candidate]) -> bool:
    """Tell whether a model span adds a name word to the one place or state inside it."""
    if len(inner) != 1 or inner[0].kind not in ("place", "state") or inner[0].via != "name":
        return False
    words = re.findall(r"[\w’'-]+", rest)
    return any(w[:1].isupper() and not is_generic_phrase(w) for w in words)


def _gazetteer_person(piece: str, inner: Sequence[Candidate]) -> str | None:
    """Return the gazetteer name of a person written with extra initials, else None."""
    words = without_initials(name_tokens(piece))
    for c in inner:
        if c.kind == "person" and c.name is not None and words == without_initials(c.name.split()):
            return c.name
    return None


def select(cands: Sequence[Candidate]) -> list[Candidate]:
    """Keep the best of overlapping candidates: higher priority, then longer, then earlier."""
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.priority, -c.length, c.start)):
        if c.nested_ok or not any(_overlaps(c, o) and not o.nested_ok for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))


@dataclass
class _PassageWork:
    passage: Passage
    text: str
    candidates: list[Candidate]
    governments: list[GovernmentPhrase]


def _passage_candidates(
    text: str, raw: Sequence[RawSpan], gazetteer: Gazetteer
) -> tuple[list[Candidate], list[GovernmentPhrase]]:
    hits = gazetteer.find(text)
    cands = gazetteer_candidates(text, hits, roles_of(raw))
    cands += model_candidates(text, raw, is_headline(text))
    cands += titled_person_candidates(text) + quoted_post_authors(text)
    cands += place_titled_candidates(text, cands)
    junk = menu_lines(text)
    cands = [
        c
        for c in cands
        if not any(s <= c.start < e for s, e in junk)
        and not inside_compound(text, c.start, c.end, c.kind)
    ]
    return _prune_nested(text, cands), government_phrases(text, gazetteer)


def governed_state(works: Sequence[_PassageWork]) -> str | None:
    """Return the state whose government the document speaks of (for "the unity government")."""
    governed: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for w in works:
        for c in w.candidates:
            if c.kind != "state" or c.name is None:
                continue
            named[c.name] += 1
            if _GOVERNED_AFTER.match(w.text[c.end :]) or _GOVERNED_BEFORE.search(
                w.text[max(0, c.start - 20) : c.start]
            ):
                governed[c.name] += 1
    best = governed.most_common(1) or named.most_common(1)
    return best[0][0] if best else None


def _government_candidates(
    w: _PassageWork, gazetteer: Gazetteer, state: str | None
) -> list[Candidate]:
    out: list[Candidate] = []
    for g in w.governments:
        ruler = state
        if g.person is not None:
            words = w.text[g.person[0] : g.person[1]]
            entry = gazetteer.lookup(words)
            if entry is not None and entry.state:
                ruler = entry.state
            name = entry.name if entry is not None else None
            out.append(Candidate(*g.person, "person", name, RULE, "government"))
        if ruler is not None:
            out.append(Candidate(g.start, g.end, "state", ruler, RULE, "government", True))
    return out


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


def _clusters(works: Sequence[_PassageWork], items: list[_PersonItem]) -> list[_Cluster]:
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


def _full_form(body: str, words: list[str]) -> str | None:
    """Return the one longer name ending with a titled surname in the text ("Ben Wallace")."""
    pattern = (
        r"(?<![\w’'.-])((?:[A-Z][\w’'-]+[ \u00a0]+){1,3})" + re.escape(words[0]) + r"(?![\w’'-])"
    )
    found: set[str] = set()
    for m in re.finditer(pattern, body):
        if _OF_BEFORE.search(body[max(0, m.start() - 12) : m.start()]):
            continue  # "Minister of Norway Haraldsen": the place of a title, not a given name
        given = name_tokens(m.group(1))
        lowered = [w.casefold() for w in given]
        if (
            given
            and len(given) == len(m.group(1).split())
            and not any(
                w in TITLE_WORDS or (w in NAME_PARTICLES and w != lowered[0]) for w in lowered
            )
        ):
            found.add(" ".join([*given, words[0]]))
    longest = sorted(found, key=lambda n: -len(n.split()))
    return longest[0] if len(found) == 1 else None


def _person_names(works: Sequence[_PassageWork], body: str = "") -> tuple[_Names, list[_Cluster]]:
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


def _as_known_person(text: str, c: Candidate, clusters: Sequence[_Cluster]) -> Candidate:
    """Make a model place or body that is a short form of a person of the document that person
    ("Von der Leyen said", which the model may call a place)."""
    if c.via != "model" or c.kind not in ("place", "organization") or c.name is not None:
        return c
    words = name_tokens(text[c.start : c.end])
    if len(words) < 2:
        return c  # one word alone is left to the surname rule, which checks its context
    for k in clusters:
        if len(k.canonical) >= 2 and any(is_short_form(words, f) for f in k.forms):
            return replace(c, kind="person", name=" ".join(k.canonical))
    return c


def _surnames(clusters: Sequence[_Cluster]) -> dict[str, str]:
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


def _surname_pattern(surnames: Mapping[str, str]) -> re.Pattern[str] | None:
    if not surnames:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, surnames)) + r")(?![\w-])")


def _surname_mentions(
    w: _PassageWork, surnames: Mapping[str, str], pattern: re.Pattern[str] | None
) -> list[Candidate]:
    """Find a person's surname alone ("Hanafi, however, said") where nothing else was found."""
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(w.text):
        before = re.search(
            r"([A-Z][\w’'-]*)[ \u00a0]+$", w.text[max(0, m.start() - 30) : m.start()]
        )
        if before and before.group(1).casefold() not in TITLE_WORDS:
            continue  # part of another full name
        c = Candidate(m.start(), m.end(), "person", surnames[m.group(0)], RULE, "rule")
        if not any(_overlaps(c, o) for o in w.candidates):
            out.append(c)
    return out


def _passage_actors(
    w: _PassageWork, doc_text: str, names: Mapping[tuple[int, int, int], str | None]
) -> PassageActors:
    grouped: dict[str, tuple[Actor, list[Mention]]] = {}
    for c in w.candidates:
        name = c.name
        if name is None and c.kind == "person":
            name = names.get((w.passage.index, c.start, c.end))
        elif name is None:
            name = w.text[c.start : c.end]
            if name.isupper() and len(name) > 4 and c.kind == "place":
                name = name.title()  # "NEW YORK" in a dateline is New York
        if not name:
            continue
        actor = Actor.named(name, c.kind)
        start, end = w.passage.start + c.start, w.passage.start + c.end
        slot = grouped.setdefault(actor.id, (actor, []))
        slot[1].append(Mention(start, end, doc_text[start:end], actor.id))
    actors = tuple(ActorMentions(a, tuple(ms)) for a, ms in grouped.values())
    return PassageActors(w.passage.doc_id, w.passage.index, actors)


def resolve_document(
    doc: Document, raw: Mapping[int, Sequence[RawSpan]], gazetteer: Gazetteer
) -> tuple[PassageActors, ...]:
    """Return the actors of every passage of ``doc``; chrome passages get none.

    ``raw`` holds the model's spans per passage index (relative to the passage text); a passage
    without an entry is read with the gazetteer and rules alone.
    """
    works: list[_PassageWork] = []
    body = "\n\n".join(doc.passage_text(p) for p in doc.passages if not p.chrome)
    defined = definitions(body, gazetteer)
    for p in doc.passages:
        if p.chrome:
            continue
        text = doc.passage_text(p)
        cands, govs = _passage_candidates(text, raw.get(p.index, ()), gazetteer)
        cands = apply_definitions(text, cands, defined)
        works.append(_PassageWork(p, text, cands, govs))
    state = governed_state(works)
    for w in works:
        w.candidates = select(w.candidates + _government_candidates(w, gazetteer, state))
    names, clusters = _person_names(works, body)
    for w in works:
        w.candidates = [_as_known_person(w.text, c, clusters) for c in w.candidates]
    surnames = _surnames(clusters)
    pattern = _surname_pattern(surnames)
    for w in works:
        extra = _surname_mentions(w, surnames, pattern)
        w.candidates = sorted(w.candidates + extra, key=lambda c: (c.start, c.end))
    by_index = {w.passage.index: _passage_actors(w, doc.text, names) for w in works}
    return tuple(by_index.get(p.index, PassageActors(p.doc_id, p.index)) for p in doc.passages)
