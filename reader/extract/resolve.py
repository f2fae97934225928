"""Resolution: from candidate mentions to actors with stable ids, per passage of a document.

This runs on top of the model's raw spans (or none, without the model) and is fast, so it
re-runs on every load: editing the gazetteer never re-runs the model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from reader.core.actors import Actor, ActorMentions, Mention, PassageActors
from reader.core.model import Document
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
from reader.extract.context import inside_compound, names_a_family
from reader.extract.credits import beat_lines, credit_blocks, credit_people
from reader.extract.gazetteer import Gazetteer
from reader.extract.model import RawSpan
from reader.extract.names import (
    is_generic_phrase,
    menu_lines,
    name_tokens,
    without_initials,
)
from reader.extract.people import (
    OF_BEFORE,
    PassageWork,
    as_known_person,
    overlaps,
    person_names,
    surname_mentions,
    surname_pattern,
    surnames_of,
)
from reader.extract.rule_names import apposed_people, grouping_candidates, place_word_people

_GOVERNED_AFTER = re.compile(r"^(?:['’]s)?\s+(?:government|authorities|administration|regime)\b")
_GOVERNED_BEFORE = re.compile(r"\bgovernment of (?:the )?$")


def _inside(inner: Candidate, outer: Candidate) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner.length < outer.length


def _prune_nested(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Settle a model span, or a person found by a rule (a byline, a titled name), that contains
    gazetteer matches (guidelines, rules 2 and 4): "By Georgia Lambert" is no Georgia."""
    drop: set[int] = set()
    for i, outer in enumerate(cands):
        if outer.via not in ("model", "rule") or outer.needs_antecedent:
            continue
        if outer.via == "rule" and outer.kind != "person":
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


# What may precede that place inside the span: "Republic of the".
_PLACE_PREFIX = re.compile(r"(?:[A-Z][\w’'-]*[ \u00a0]+)*(?:of[ \u00a0]+(?:the[ \u00a0]+)?)?")


def _after_title_place(text: str, outer: Candidate, inner: Sequence[Candidate]) -> int | None:
    """Return where the name starts in a person span that opens with the place of a title
    ("[Minister of the Republic of] Norway Haraldsen"): after that place, else None."""
    first = min(inner, key=lambda c: c.start)
    if first.kind not in ("state", "place") or not OF_BEFORE.search(text[: first.start]):
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
        if c.nested_ok or not any(overlaps(c, o) and not o.nested_ok for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _passage_candidates(
    text: str, raw: Sequence[RawSpan], gazetteer: Gazetteer
) -> tuple[list[Candidate], list[GovernmentPhrase]]:
    hits = gazetteer.find(text)
    cands = gazetteer_candidates(text, hits, roles_of(raw))
    cands += model_candidates(text, raw, is_headline(text))
    cands += titled_person_candidates(text) + quoted_post_authors(text)
    cands += place_titled_candidates(text, cands) + credit_people(text) + grouping_candidates(text)
    if not raw and not is_headline(text):
        cands += apposed_people(text)
        cands += place_word_people(text, cands)
    junk = menu_lines(text)
    blocked = credit_blocks(text)
    beats = beat_lines(text)
    cands = [
        c
        for c in cands
        if not any(s <= c.start < e for s, e in junk)
        and not any(c.start < e and s < c.end for s, e in blocked)
        and not (c.kind != "person" and any(s <= c.start < e for s, e in beats))
        and not inside_compound(text, c.start, c.end, c.kind)
        and not (c.via in ("model", "rule") and names_a_family(text, c.end))
    ]
    return _prune_nested(text, cands), government_phrases(text, gazetteer)


def governed_state(works: Sequence[PassageWork]) -> str | None:
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
    w: PassageWork, gazetteer: Gazetteer, state: str | None
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


_DATELINE = re.compile(
    r"[A-Z][A-Z .’'-]*(?:,[^\n(—–]{0,40})?[ \u00a0]*(?:\([^)\n]{1,40}\))?[ \u00a0]*[—–-]"
)


def _dateline(text: str, c: Candidate) -> bool:
    """Tell whether a capitalised place opens a dateline ("ADEN, Yemen (AFP) —")."""
    return not text[: c.start].strip() and bool(_DATELINE.match(text, c.start))


def _passage_actors(
    w: PassageWork, doc_text: str, names: Mapping[tuple[int, int, int], str | None]
) -> PassageActors:
    grouped: dict[str, tuple[Actor, list[Mention]]] = {}
    for c in w.candidates:
        name = c.name
        if name is None and c.kind == "person":
            name = names.get((w.passage.index, c.start, c.end))
        elif name is None:
            name = w.text[c.start : c.end]
            if name.isupper() and c.kind == "place" and (len(name) > 4 or _dateline(w.text, c)):
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
    works: list[PassageWork] = []
    body = "\n\n".join(doc.passage_text(p) for p in doc.passages if not p.chrome)
    defined = definitions(body, gazetteer)
    for p in doc.passages:
        if p.chrome:
            continue
        text = doc.passage_text(p)
        cands, govs = _passage_candidates(text, raw.get(p.index, ()), gazetteer)
        cands = apply_definitions(text, cands, defined)
        works.append(PassageWork(p, text, cands, govs))
    state = governed_state(works)
    for w in works:
        w.candidates = select(w.candidates + _government_candidates(w, gazetteer, state))
    names, clusters = person_names(works, body)
    surnames = surnames_of(clusters)
    for w in works:
        w.candidates = [as_known_person(w.text, c, clusters, surnames) for c in w.candidates]
    pattern = surname_pattern(surnames)
    for w in works:
        extra = surname_mentions(w, surnames, pattern)
        w.candidates = sorted(w.candidates + extra, key=lambda c: (c.start, c.end))
    by_index = {w.passage.index: _passage_actors(w, doc.text, names) for w in works}
    return tuple(by_index.get(p.index, PassageActors(p.doc_id, p.index)) for p in doc.passages)
