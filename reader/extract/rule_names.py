"""Names the model misses or the gazetteer misreads, found by rules of English news text.

- Alphanumeric groupings of states ("the G7", "the E3", "P5 members", "G20 leaders"): a capital
  letter or two and a number, written as a proper noun (after "the", or before a word that a
  grouping takes: summit, members, leaders, countries …).
- Without the model, a name set off by commas beside an office or occupation is a person ("the
  US Special Envoy for Sudan, Tom Perriello, said", "Dan Smith, a lobbyist for farmers").
- Without the model: a place word that is also a given name, followed by a capitalised surname,
  is a person ("Chad Martin", "Jordan Bardella", "Paris Morgan"): a state or city is not
  followed directly by a capitalised word that is not part of a name of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.extract.candidates import MODEL, RULE, Candidate
from reader.extract.context import GEOGRAPHY, INSTITUTIONS, PLACE_WORDS
from reader.extract.lexicon import words
from reader.extract.names import (
    GENERIC_WORDS,
    MODIFIER_TITLES,
    ROLE_WORDS,
    TITLE_WORDS,
    wordset,
)

# Words that follow a grouping's name ("G20 leaders"): a body of states, not a road or a model.
_GROUPING_NOUNS = words("grouping_nouns")
# Words after "the E3" that show it acting ("the E3 said"), unlike "the A4 road".
_GROUPING_VERBS = words("grouping_verbs")
_GROUPING = re.compile(r"(?<![\w-])(?P<name>[A-Z]{1,2}\d{1,2}\+?)(?![\w-])")
_SURNAME = re.compile(r"[ \u00a0]+([A-Z][a-z’']+(?:-[A-Z][a-z’']+)?)(?![\w’'-])")
_LANDFORMS = words("landforms")
_MONTHS_AND_DAYS = wordset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)


_PERSON_NOUNS = words("person_nouns") | ROLE_WORDS
_APPOSED_NAME = r"(?P<name>[A-Z][\w’'-]+(?:[ \u00a0]+[A-Z][\w’'-]+){1,3})"
# "<office>[ for/of/to <Place>], <Name>," — the holder of the office named after it.
_AFTER_OFFICE = re.compile(
    r"\b(?P<noun>[A-Za-z-]+)(?:[ \u00a0]+(?:for|of|to)[ \u00a0]+(?:the[ \u00a0]+)?"
    r"[A-Z][\w’'.-]*(?:[ \u00a0]+[A-Z][\w’'.-]*)*)?,[ \u00a0]+" + _APPOSED_NAME + r"(?=,)"
)
# "<Name>, a/the … <occupation>" — a name followed by what the person is.
_BEFORE_NOUN = re.compile(
    r"(?:^|(?<=[.;:(] )|(?<=\n))" + _APPOSED_NAME + r",[ \u00a0]+(?:an?|the|his|her|its|their)"
    r"(?P<between>(?:[ \u00a0]+[\w’'-]+){0,4}?)[ \u00a0]+(?P<noun>[a-z-]+)"
    r"(?=[,.;]|[ \u00a0]+(?:for|of|at|in|with|from|who|on|to|and)\b)"
)


def apposed_people(text: str) -> list[Candidate]:
    """Find names set off by commas beside an office or occupation (for text read without the
    model): "the Special Envoy for Sudan, Tom Perriello, said"; "Dan Smith, a lobbyist"."""
    out: list[Candidate] = []
    for pattern, nouns in ((_AFTER_OFFICE, TITLE_WORDS | _PERSON_NOUNS), (_BEFORE_NOUN, None)):
        for m in pattern.finditer(text):
            noun = m.group("noun").casefold()
            ok = noun in nouns if nouns is not None else noun in _PERSON_NOUNS | TITLE_WORDS
            if not ok or noun in MODIFIER_TITLES or _not_a_surname(m.group("name").split()[-1]):
                continue
            out.append(Candidate(m.start("name"), m.end("name"), "person", None, RULE, "rule"))
    return out


def grouping_candidates(text: str) -> list[Candidate]:
    """Find alphanumeric groupings written as proper nouns: "the E3", "G20 leaders"."""
    out: list[Candidate] = []
    for m in _GROUPING.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()].casefold()
        after = re.match(r"[ \u00a0]+([a-z]+)", text[m.end() : m.end() + 20])
        noun = after.group(1) if after else None
        acting = noun is None or noun in _GROUPING_VERBS
        if noun in _GROUPING_NOUNS or (before.endswith("the ") and acting):
            out.append(Candidate(m.start(), m.end(), "organization", None, RULE, "rule"))
    return out


def place_word_people(text: str, cands: Sequence[Candidate]) -> list[Candidate]:
    """Find people whose given name is a place word ("Chad Martin"), for text read without the
    model: a person span over the place, which then gives way as a model's span would."""
    out: list[Candidate] = []
    for c in cands:
        word = text[c.start : c.end]
        if c.kind not in ("state", "place") or c.via not in ("name", "capital") or " " in word:
            continue
        m = _SURNAME.match(text, c.end)
        if m is None or _not_a_surname(m.group(1)) or any(o.start == m.start(1) for o in cands):
            continue
        before = re.search(r"([\w’'-]+)[ \u00a0]+$", text[max(0, c.start - 30) : c.start])
        word = before.group(1) if before else ""
        if word in ("of", "for") or (word[:1].isupper() and word.casefold() not in GENERIC_WORDS):
            continue  # a longer name ("Lake Chad Basin") or a title's place ("Envoy for Chad")
        out.append(Candidate(c.start, m.end(1), "person", None, MODEL, "model"))
    return out


def _not_a_surname(word: str) -> bool:
    lowered = word.casefold()
    return any(
        lowered in words
        for words in (
            GENERIC_WORDS, ROLE_WORDS, TITLE_WORDS, INSTITUTIONS, GEOGRAPHY, PLACE_WORDS,
            _GROUPING_NOUNS, _MONTHS_AND_DAYS, _LANDFORMS,
        )
    )  # fmt: skip
