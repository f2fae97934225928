"""Names the model misses or the gazetteer misreads, found by rules of English news text.

- Alphanumeric groupings of states ("the G7", "the E3", "P5 members", "G20 leaders"): a capital
  letter or two and a number, written as a proper noun (after "the", or before a word that a
  grouping takes: summit, members, leaders, countries …).
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
from reader.extract.names import GENERIC_WORDS, ROLE_WORDS, TITLE_WORDS, wordset

# Words that follow a grouping's name ("G20 leaders"): a body of states, not a road or a model.
_GROUPING_NOUNS = words("grouping_nouns")
# Words after "the E3" that show it acting ("the E3 said"), unlike "the A4 road".
_GROUPING_VERBS = words("grouping_verbs")
_GROUPING = re.compile(r"(?<![\w-])(?P<name>[A-Z]{1,2}\d{1,2}\+?)(?![\w-])")
_SURNAME = re.compile(r"[ \u00a0]+([A-Z][a-z’']+(?:-[A-Z][a-z’']+)?)(?![\w’'-])")
_MONTHS_AND_DAYS = wordset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)


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
        if re.search(r"[A-Z][\w’'-]*[ \u00a0]+$", text[max(0, c.start - 30) : c.start]):
            continue  # inside a longer capitalised name ("New Jersey Devils", "Lake Chad Basin")
        out.append(Candidate(c.start, m.end(1), "person", None, MODEL, "model"))
    return out


def _not_a_surname(word: str) -> bool:
    lowered = word.casefold()
    return any(
        lowered in words
        for words in (
            GENERIC_WORDS, ROLE_WORDS, TITLE_WORDS, INSTITUTIONS, GEOGRAPHY, PLACE_WORDS,
            _GROUPING_NOUNS, _MONTHS_AND_DAYS,
        )
    )  # fmt: skip
