"""How a gazetteer hit reads in its sentence: a capital or seat of government standing for the
state or naming a place, a nationality adjective naming its state or nobody.

Pure and fast; the parser's roles (from the model, when there is one) come in as ``roles``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from reader.extract.gazetteer import GazetteerHit
from reader.extract.lexicon import words
from reader.extract.names import MODIFIER_TITLES

# The word lists live in resources/lexicons/actors.toml, each group with its reason.
# Nouns after a nationality adjective that make it the state ("the Afghan government").
INSTITUTIONS = words("institutions")
# After a capital, these make it its government: "the Kabul government".
RULING = words("ruling")
# The city's own features: "Kabul's airport" is the city, "Kabul's envoy" the government.
GEOGRAPHY = words("geography")
# Lowercase words inside an official's title: "Russian presidential envoy".
OFFICE_WORDS = words("office_words")
# Plural nouns that often follow a capital: "Kabul talks", "Doha meetings".
NOUNISH = words("nounish")
# Words after a headline verb ("bristles as", "warns over"), not after a plural noun.
VERB_TAKES = words("verb_takes")
# Adverbs set off after a subject: "Washington, meanwhile, voted".
ASIDES = words("asides")
# Officials after a nationality adjective also speak for the state ("the Afghan president").
OFFICIALS = words("officials")
# After these words a seat of government is a mere location ("returned to the White House").
LOCATIVE = words("locative")
# After these words a capital is a venue ("in Doha"), not its government.
PLACE_WORDS = words("place_words")
# Words after a capital that make it the subject of a verb ("Moscow says") without a parser.
VERBISH = words("verbish")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_COORDINATION = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+|,\s*")
_WORD = re.compile(r"[\w’'.-]+")


def prev_word(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 40) : start])
    return words[-1].casefold().strip(".’'-") if words else ""


def next_words(text: str, end: int) -> list[str]:
    words = _WORD.findall(text[end : end + 60])
    return [_POSSESSIVE_END.sub("", w.casefold()).strip(".’'-") for w in words]


def coordinations(text: str, hits: Sequence[GazetteerHit]) -> list[list[GazetteerHit]]:
    """Group hits joined by "and", "or" or commas ("Beijing and Tehran"): they share a role."""
    chains: list[list[GazetteerHit]] = []
    for hit in hits:
        if chains and _COORDINATION.fullmatch(text[chains[-1][-1].end : hit.start]):
            chains[-1].append(hit)
        else:
            chains.append([hit])
    return chains


def own_role(hit: GazetteerHit, roles: Mapping[int, str]) -> bool | None:
    """What the parser says of one hit: subject or possessor (True), else (False); None when it
    says nothing or only that the hit is a conjunct of the one before."""
    deps = [dep for pos, dep in roles.items() if hit.start <= pos < hit.end]
    if not deps or all(dep == "conj" for dep in deps):
        return None
    return any(dep in ("nsubj", "nsubjpass", "poss") for dep in deps)


def looks_like_verb(word: str) -> bool:
    # Without a parser: "says", "declined", "audits" — but not "talks" or "residents".
    if word in VERBISH:
        return True
    if word in GEOGRAPHY or word in NOUNISH or len(word) < 4 or not word.isalpha():
        return False
    return word.endswith(("s", "ed")) and not word.endswith("ss")


def compound_before_verb(
    text: str, hit: GazetteerHit, roles: Mapping[int, str], following: Sequence[str]
) -> bool:
    """Tell whether a capital the parser calls a compound modifier opens its sentence and is
    followed by a lowercase verb: "Beijing bristles as …", "Moscow warns …"."""
    deps = [dep for pos, dep in roles.items() if hit.start <= pos < hit.end]
    if deps != ["compound"] or prev_word(text, hit.start) or not following:
        return False
    after = re.match(r"\s+([a-z][\w’'-]*)", text[hit.end : hit.end + 30])
    if after is None:
        return False
    if following[0] in VERBISH:
        return True
    # "bristles as", "warns over": a verb-like word, then what a verb takes; "hotels fill" is not.
    return looks_like_verb(following[0]) and following[1:2] != [] and following[1] in VERB_TAKES


def capitals_govern(
    text: str, chain: Sequence[GazetteerHit], roles: Mapping[int, str]
) -> list[bool]:
    """Tell, for each hit of a coordination, whether a capital there stands for its government
    ("Moscow says", "Beijing and Tehran have") rather than a venue ("in Doha")."""
    first = chain[0]
    if not text[: first.start].strip() and text[first.start : first.end].isupper():
        return [False] * len(chain)  # a dateline: "KABUL, March 3 (Reuters) -"
    following = next_words(text, chain[-1].end)
    if following and following[0] in RULING:
        return [True] * len(chain)  # "the Kabul government"
    head = own_role(first, roles)
    if head is False and compound_before_verb(text, first, roles, following):
        head = True  # a headline's "Beijing bristles", which the parser reads as a compound
    if head is None and prev_word(text, first.start) in PLACE_WORDS:
        head = False
    if head is None:
        verbs = [w for w in following if not w.endswith("ly") and w not in ASIDES]
        head = bool(verbs) and looks_like_verb(verbs[0])
    decisions = [head]
    for hit in chain[1:]:
        own = own_role(hit, roles)
        decisions.append(head if own is None else own)
    return decisions


_CAPITALISED_BEFORE = re.compile(r"(?<![.!?:;\n])(?<!^)\b(?!The\b)[A-Z][a-z]+[ \u00a0]$")


def inside_longer_name(text: str, hit: GazetteerHit) -> bool:
    """Tell whether a partial alias of an organisation is part of another body's name: the
    "Security Council" of the "National Security Council" is not the UN's."""
    entry = hit.entry
    if entry.kind != "organization" or hit.form == entry.name or " " not in hit.form:
        return False
    return bool(_CAPITALISED_BEFORE.search(text[max(0, hit.start - 30) : hit.start]))


def stands_for_government(text: str, hit: GazetteerHit, governs: bool) -> bool:
    if text[hit.end : hit.end + 2] in ("’s", "'s"):
        return possessive(text, hit)  # the possessive decides, whatever the parser says
    return governs


def possessive(text: str, hit: GazetteerHit) -> bool:
    """Tell whether a capital is its government's possessor ("Kabul's top official"), not the
    city's ("Kabul's Dasht-e-Barchi neighbourhood", "Kabul's airport")."""
    if text[hit.end : hit.end + 2] not in ("’s", "'s"):
        return False
    after = text[hit.end + 2 : hit.end + 60]
    words = [w.casefold().strip(".,’'-") for w in _WORD.findall(after)[:4]]
    return not any(w in GEOGRAPHY for w in words)


def seat_governs(text: str, hit: GazetteerHit) -> bool:
    """Tell whether a seat of government stands for it ("the Kremlin said", "the position of
    the Kremlin") rather than being a mere location ("returned to the White House")."""
    if text[hit.end : hit.end + 2] in ("’s", "'s"):
        return True  # "the Kremlin's position", "in Kremlin's court"
    before = text[max(0, hit.start - 40) : hit.start]
    before = re.sub(r"(?:\b[Tt]he\s+)$", "", before)
    words = _WORD.findall(before)
    return not words or words[-1].casefold() not in LOCATIVE


def demonym_governs(text: str, hit: GazetteerHit) -> bool:
    """Tell whether a nationality adjective names its state: "the Afghan government",
    "Pakistani officials", "Chinese Foreign Ministry", "Russian Foreign Minister"."""
    if text[hit.end : hit.end + 1] not in (" ", "\u00a0"):
        return False
    words = _WORD.findall(text[hit.end : hit.end + 60])[:3]
    for word in words:
        plain = _POSSESSIVE_END.sub("", word.casefold()).strip(".,’'-")
        if plain in INSTITUTIONS or plain in OFFICIALS:
            return True
        if not word[:1].isupper() and plain not in MODIFIER_TITLES | OFFICE_WORDS:
            return False  # only parts of an official's title come in between: "foreign"
    return False


# Job nouns that a region may qualify: "chief North America economist" is nobody's mention.
JOB_NOUNS = words("job_nouns")


def inside_compound(text: str, start: int, end: int, kind: str) -> bool:
    """Tell whether a name is only a modifier inside a compound word or a job title, not a
    mention: "near-Arctic", "sub-Saharan", a region before a hyphen ("Pashtun-majority"), a
    region before a job noun in a lowercase phrase ("the chief Europe strategist"). A state or
    body before a hyphen stays ("UN-led", guidelines rule 1)."""
    if start >= 2 and text[start - 1] == "-" and text[start - 2].islower():
        return True
    if kind != "place":
        return False
    if re.match(r"-[a-z]", text[end : end + 2]):
        return True
    # Inside a lowercase noun phrase ("the chief Europe strategist"); a byline's "Name, Europe
    # correspondent" names the beat, kept.
    embedded = re.search(r"[a-z][ \u00a0]$", text[max(0, start - 2) : start]) is not None
    following = next_words(text, end)
    return embedded and bool(following) and following[0] in JOB_NOUNS and text[end : end + 1] == " "


# "the Rossi family", "the Rossi and Bianchi families", "the Rossi clan": a family, nobody's name.
_FAMILY_AFTER = re.compile(
    r"(?:(?:,|,?[ \u00a0]+and|,?[ \u00a0]+or)[ \u00a0]+[A-Z][\w’'-]+)*[ \u00a0]+"
    r"(?:family|families|clan|clans|dynasty|dynasties)\b"
)


def names_a_family(text: str, end: int) -> bool:
    """Tell whether the name ending at ``end`` names a family: "the Rossi (and Bianchi) family"."""
    return _FAMILY_AFTER.match(text, end) is not None
