"""Candidate mentions in one passage: from the gazetteer, from rules, and from the model's spans.

Every function here is fast and pure; nothing runs the model. Offsets are relative to the passage
text until ``reader.extract.resolve`` shifts them into the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reader.core.actors import ActorKind
from reader.extract.gazetteer import Gazetteer, GazetteerEntry, GazetteerHit
from reader.extract.model import ROLE_PREFIX, RawSpan
from reader.extract.names import (
    GENERIC_WORDS,
    LOWER_PARTICLES,
    MODIFIER_TITLES,
    ROLE_WORDS,
    TITLE_WORDS,
    is_generic_phrase,
    is_junk_name,
    looks_like_person_name,
    title_prefix_length,
    trim_span,
    wordset,
)

# Priorities: the user's gazetteer > the bundled gazetteer > rules > the model.
USER, BUNDLED, RULE, MODEL = 3, 2, 1, 0

# Nouns after a nationality adjective that make it the state ("the Afghan government").
INSTITUTIONS = wordset(
    """
    government governments authorities administration regime officials official diplomats
    diplomat envoy envoys military army forces troops soldiers ministry embassy leadership
    delegation negotiators
    """
)
# After a capital, these make it its government: "the Kabul government".
RULING = wordset("government authorities administration regime leadership")
# The city's own features: "Kabul's airport" is the city, "Kabul's envoy" the government.
GEOGRAPHY = wordset(
    "neighbourhood neighborhood neighbourhoods neighborhoods district districts outskirts street "
    "streets airport suburb suburbs residents centre center downtown city province area areas "
    "hospital hospitals university schools school mosque streets square"
)
# Lowercase words inside an official's title: "Russian presidential envoy".
OFFICE_WORDS = wordset("presidential top senior chief special foreign defence defense interior")
# Plural nouns that often follow a capital: "Kabul talks", "Doha meetings".
NOUNISH = wordset(
    "talks meetings negotiations forces officials offices agreements accords protests attacks "
    "bombings elections sources markets prices sanctions embassies"
)
# Words after a headline verb ("bristles as", "warns over"), not after a plural noun.
VERB_TAKES = wordset("as over amid after against with that the a an to")
# Adverbs set off after a subject: "Washington, meanwhile, voted".
ASIDES = wordset("meanwhile however though instead too also then now")
# Officials after a nationality adjective also speak for the state ("the Afghan president").
OFFICIALS = wordset(
    "president minister ministers premier ambassador ambassadors spokesman spokeswoman "
    "spokesperson chancellor mission parliament police intelligence navy leader leaders "
    "counterpart counterparts mediator mediators prince king emir monarch"
)
# After these words a seat of government is a mere location ("returned to the White House").
LOCATIVE = wordset("in at to into inside outside near within from")
# After these words a capital is a venue ("in Doha"), not its government.
PLACE_WORDS = wordset(
    """
    in at from to into near outside inside around across via through toward towards between of
    on within the a an visit visited visiting
    """
)
# Words after a capital that make it the subject of a verb ("Moscow says") without a parser.
VERBISH = wordset(
    """
    is was has had have will would should could can may might must says said say announced
    declined wants wanted believes insists insisted rejected agreed accused warned urged called
    plans planned denied does did hopes expects sees regards considers maintains refuses refused
    continues remains reportedly also to
    """
)
_POSSESSIVE_END = re.compile(r"['’]s?$")
_COORDINATION = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+|,\s*")
_TITLE_TAIL = re.compile(r"\b[A-Z][\w’'-]* (?:for|of|on) $")
_MINISTRY = re.compile(r"\b(?:Ministry|Department|Foreign Office|Embassy|embassy)\b")
_WORD = re.compile(r"[\w’'.-]+")
_CAP_RUN = re.compile(
    r"[A-Z][\w’'.-]*(?:[ \u00a0]+(?:" + LOWER_PARTICLES + r"[ \u00a0]+)*[A-Z][\w’'.-]*)*"
)
# Particles that continue a person's name the model cut short: "Ursula von" + " der Leyen".
_PARTICLE_TAIL = re.compile(
    r"(?:[ \u00a0]+" + LOWER_PARTICLES + r")*[ \u00a0]+[A-Z][\w’'-]+(?:[ \u00a0]+[A-Z][\w’'-]+)?"
)
_ENDS_WITH_PARTICLE = re.compile(r"[ \u00a0]" + LOWER_PARTICLES + r"$")
# Spans that name an operation or an event, not a body: "Operation Serval", "Leaders Meeting".
_EVENT_NAME = re.compile(
    r"^Operation\s|\s(?:Meeting|Summit|Conference|Games|Cup|Trophy|Championship|Olympics)$"
)
# An unknown acronym needs three letters: two-letter ones ("WH", "PM") are too ambiguous.
_ACRONYM = re.compile(r"[A-Z](?:[A-Z.&-]){2,}")


@dataclass(frozen=True)
class Candidate:
    """A possible mention: ``text[start:end]``, what it names, where it comes from."""

    start: int
    end: int
    kind: ActorKind
    name: str | None  # canonical when known (gazetteer); else derived from the text later
    priority: int
    via: str = "name"  # name, capital, demonym (gazetteer), model, rule, government
    nested_ok: bool = False  # may sit inside another mention ("Karzai" in "Karzai Government")
    # Only a short form of a person named elsewhere in the document ("Lavrov", "Kabir").
    needs_antecedent: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


def _priority(entry: GazetteerEntry) -> int:
    return USER if entry.source == "user" else BUNDLED


def roles_of(raw: Iterable[RawSpan]) -> dict[int, str]:
    """Return the grammatical role the model gave each proper noun, by its start offset."""
    return {s.start: s.label[len(ROLE_PREFIX) :] for s in raw if s.label.startswith(ROLE_PREFIX)}


def _prev_word(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 40) : start])
    return words[-1].casefold().strip(".’'-") if words else ""


def _next_words(text: str, end: int) -> list[str]:
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


def _own_role(hit: GazetteerHit, roles: Mapping[int, str]) -> bool | None:
    """What the parser says of one hit: subject or possessor (True), else (False); None when it
    says nothing or only that the hit is a conjunct of the one before."""
    deps = [dep for pos, dep in roles.items() if hit.start <= pos < hit.end]
    if not deps or all(dep == "conj" for dep in deps):
        return None
    return any(dep in ("nsubj", "nsubjpass", "poss") for dep in deps)


def _looks_like_verb(word: str) -> bool:
    # Without a parser: "says", "declined", "audits" — but not "talks" or "residents".
    if word in VERBISH:
        return True
    if word in GEOGRAPHY or word in NOUNISH or len(word) < 4 or not word.isalpha():
        return False
    return word.endswith(("s", "ed")) and not word.endswith("ss")


def _compound_before_verb(
    text: str, hit: GazetteerHit, roles: Mapping[int, str], following: Sequence[str]
) -> bool:
    """Tell whether a capital the parser calls a compound modifier opens its sentence and is
    followed by a lowercase verb: "Beijing bristles as …", "Moscow warns …"."""
    deps = [dep for pos, dep in roles.items() if hit.start <= pos < hit.end]
    if deps != ["compound"] or _prev_word(text, hit.start) or not following:
        return False
    after = re.match(r"\s+([a-z][\w’'-]*)", text[hit.end : hit.end + 30])
    if after is None:
        return False
    if following[0] in VERBISH:
        return True
    # "bristles as", "warns over": a verb-like word, then what a verb takes; "hotels fill" is not.
    return _looks_like_verb(following[0]) and following[1:2] != [] and following[1] in VERB_TAKES


def capitals_govern(
    text: str, chain: Sequence[GazetteerHit], roles: Mapping[int, str]
) -> list[bool]:
    """Tell, for each hit of a coordination, whether a capital there stands for its government
    ("Moscow says", "Beijing and Tehran have") rather than a venue ("in Doha")."""
    first = chain[0]
    if not text[: first.start].strip() and text[first.start : first.end].isupper():
        return [False] * len(chain)  # a dateline: "KABUL, March 3 (Reuters) -"
    following = _next_words(text, chain[-1].end)
    if following and following[0] in RULING:
        return [True] * len(chain)  # "the Kabul government"
    head = _own_role(first, roles)
    if head is False and _compound_before_verb(text, first, roles, following):
        head = True  # a headline's "Beijing bristles", which the parser reads as a compound
    if head is None and _prev_word(text, first.start) in PLACE_WORDS:
        head = False
    if head is None:
        verbs = [w for w in following if not w.endswith("ly") and w not in ASIDES]
        head = bool(verbs) and _looks_like_verb(verbs[0])
    decisions = [head]
    for hit in chain[1:]:
        own = _own_role(hit, roles)
        decisions.append(head if own is None else own)
    return decisions


_CAPITALISED_BEFORE = re.compile(r"(?<![.!?:;\n])(?<!^)\b(?!The\b)[A-Z][a-z]+[ \u00a0]$")


def _inside_longer_name(text: str, hit: GazetteerHit) -> bool:
    """Tell whether a partial alias of an organisation is part of another body's name: the
    "Security Council" of the "National Security Council" is not the UN's."""
    entry = hit.entry
    if entry.kind != "organization" or hit.form == entry.name or " " not in hit.form:
        return False
    return bool(_CAPITALISED_BEFORE.search(text[max(0, hit.start - 30) : hit.start]))


def _stands_for_government(text: str, hit: GazetteerHit, governs: bool) -> bool:
    if text[hit.end : hit.end + 2] in ("’s", "'s"):
        return _possessive(text, hit)  # the possessive decides, whatever the parser says
    return governs


def _possessive(text: str, hit: GazetteerHit) -> bool:
    """Tell whether a capital is its government's possessor ("Kabul's top official"), not the
    city's ("Kabul's Dasht-e-Barchi neighbourhood", "Kabul's airport")."""
    if text[hit.end : hit.end + 2] not in ("’s", "'s"):
        return False
    after = text[hit.end + 2 : hit.end + 60]
    words = [w.casefold().strip(".,’'-") for w in _WORD.findall(after)[:4]]
    return not any(w in GEOGRAPHY for w in words)


def _seat_governs(text: str, hit: GazetteerHit) -> bool:
    """Tell whether a seat of government stands for it ("the Kremlin said", "the position of
    the Kremlin") rather than being a mere location ("returned to the White House")."""
    if text[hit.end : hit.end + 2] in ("’s", "'s"):
        return True  # "the Kremlin's position", "in Kremlin's court"
    before = text[max(0, hit.start - 40) : hit.start]
    before = re.sub(r"(?:\b[Tt]he\s+)$", "", before)
    words = _WORD.findall(before)
    return not words or words[-1].casefold() not in LOCATIVE


def _demonym_governs(text: str, hit: GazetteerHit) -> bool:
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


def gazetteer_candidates(
    text: str, hits: Sequence[GazetteerHit], roles: Mapping[int, str]
) -> list[Candidate]:
    """Turn gazetteer hits into candidates, deciding capitals and demonyms by context."""
    out: list[Candidate] = []
    for chain in coordinations(text, hits):
        for hit, governs in zip(chain, capitals_govern(text, chain, roles), strict=True):
            entry, prio = hit.entry, _priority(hit.entry)
            if hit.role == "name" and _inside_longer_name(text, hit):
                continue
            if hit.role == "name":
                out.append(Candidate(hit.start, hit.end, entry.kind, entry.name, prio))
            elif hit.role == "capital" and _stands_for_government(text, hit, governs):
                out.append(Candidate(hit.start, hit.end, entry.kind, entry.name, prio, "capital"))
            elif hit.role == "capital":
                # A capital listed with its article keeps it as a place: "The Hague".
                form = f"The {hit.form}" if f"The {hit.form}" in entry.capitals else hit.form
                out.append(Candidate(hit.start, hit.end, "place", form, prio, "capital"))
            elif hit.role == "seat":
                # A seat as a mere location is nobody: the empty name also keeps the model's
                # span there ("the White House" as a building) from becoming an actor.
                name = entry.name if _seat_governs(text, hit) else ""
                out.append(Candidate(hit.start, hit.end, entry.kind, name, prio, "seat"))
            elif _demonym_governs(text, hit):
                out.append(Candidate(hit.start, hit.end, entry.kind, entry.name, prio, "demonym"))
    return out


def is_headline(text: str) -> bool:
    """Tell whether a passage is a title in Title Case, where the model's guesses are poor."""
    words = re.findall(r"[A-Za-z][\w’'-]*", text)
    if not words or len(words) > 25 or "\n" in text.strip():
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital / len(words) >= 0.6 and not text.rstrip().endswith((".", "”", '"'))


def model_candidates(text: str, raw: Iterable[RawSpan], headline: bool) -> list[Candidate]:
    """Turn the model's entity spans into candidates, trimmed and cleaned of junk."""
    out: list[Candidate] = []
    for span in raw:
        if span.label not in ("PERSON", "ORG", "GPE", "LOC"):
            continue
        start, end = trim_span(text, span.start, span.end)
        if span.label == "PERSON":
            start += title_prefix_length(text[start:end])
            end = _with_particles(text, start, end)
        piece = text[start:end]
        if end <= start or is_junk_name(piece) or is_generic_phrase(piece):
            continue
        if span.label == "ORG" and piece.split()[-1].casefold() in TITLE_WORDS:
            continue  # an office, not a body: "National Security Advisor"
        if span.label in ("ORG", "FAC", "LOC") and _EVENT_NAME.search(piece):
            continue  # an operation or event; actors named inside are found on their own
        if span.label == "ORG" and is_ministry(piece):
            continue  # a ministry is its state, found by the gazetteer when named (guidelines)
        if span.label == "ORG" and _TITLE_TAIL.search(text[max(0, start - 40) : start]):
            continue  # the tail of a longer title: "Special Envoy for [Hostage Affairs]"
        single = len(piece.split()) == 1
        lone_word = span.label == "ORG" and single and not _ACRONYM.fullmatch(piece)
        if span.label == "PERSON" or lone_word:
            # A lone capitalised word is more often a misread short name than an organisation;
            # as a person it must be the short form of a name used elsewhere ("Lavrov").
            out.append(
                Candidate(start, end, "person", None, MODEL, "model", needs_antecedent=single)
            )
        elif not headline and not (single and piece.isupper() and len(piece) < 3):
            kind: ActorKind = "organization" if span.label == "ORG" else "place"
            out.append(Candidate(start, end, kind, None, MODEL, "model"))
    return out


def _with_particles(text: str, start: int, end: int) -> int:
    """Extend a person span that stops at or before a name particle ("Ursula von")."""
    if _ENDS_WITH_PARTICLE.search(text[start:end]) or re.match(
        r"[ \u00a0]+" + LOWER_PARTICLES + r"[ \u00a0]", text[end : end + 6]
    ):
        particles = r"(?:[ \u00a0]+" + LOWER_PARTICLES + r")*"
        tail = re.match(particles + r"[ \u00a0]+[A-Z][\w’'-]+", text[end:])
        if tail:
            return end + tail.end()
    return end


def _is_name(words: Sequence[str]) -> bool:
    lowered = [w.casefold().strip(".,’'") for w in words]
    if any(w in GENERIC_WORDS or w in ROLE_WORDS or w in TITLE_WORDS for w in lowered):
        return False
    return looks_like_person_name(words)


def _title_before(text: str, start: int) -> str | None:
    """Return the title that ends right before ``start`` ("spokesman" in "spokesman Wang")."""
    m = re.search(r"(\S+)[ \u00a0]+$", text[max(0, start - 40) : start])
    return m.group(1).casefold() if m else None


def titled_person_candidates(text: str) -> list[Candidate]:
    """Find names after a title ("President Karzai", "spokesman Wang Wenbin"): a rule, no model."""
    out: list[Candidate] = []
    for run in _CAP_RUN.finditer(text):
        words = list(re.finditer(r"\S+", run.group(0)))
        titles = [i for i, w in enumerate(words) if w.group(0).casefold() in TITLE_WORDS]
        last_title = titles[-1] if titles else -1
        title = (
            words[last_title].group(0).casefold() if titles else _title_before(text, run.start())
        )
        name = words[last_title + 1 :]
        if title not in TITLE_WORDS or title in MODIFIER_TITLES or not 1 <= len(name) <= 4:
            continue
        if not _is_name([w.group(0) for w in name]):
            continue
        start, end_ = trim_span(text, run.start() + name[0].start(), run.start() + name[-1].end())
        if end_ > start and not is_junk_name(text[start:end_]):
            out.append(Candidate(start, end_, "person", None, RULE, "rule"))
    return out


# The author line of an embedded post ("— Seyed Rasoul Mousavi سید رسول موسوی (@rasmou) date"),
# and a byline ("By Abdul Ahad Bahrami").
_QUOTED_POST = re.compile(
    r"^(?:[—–-]\s*(?P<name>[A-Z][\w’'.-]+(?:[ \u00a0]+[A-Z][\w’'.-]+){1,3})[^\n(]*\(@\w+\)"
    r"|By[ \u00a0]+(?P<byline>[A-Z][\w’'.-]+(?:[ \u00a0]+[A-Z][\w’'.-]+){1,3}))",
    re.MULTILINE,
)


def quoted_post_authors(text: str) -> list[Candidate]:
    """Find authors: of an embedded post ("— Name Surname (@handle) January 25, 2024") and in a
    byline at the start of a line ("By Name Surname")."""
    out: list[Candidate] = []
    for m in _QUOTED_POST.finditer(text):
        group = "name" if m.group("name") else "byline"
        words = m.group(group).split()
        while words and words[-1].casefold() in ROLE_WORDS:
            words.pop()  # "By Yusuf Barak Journalist / Contributor"
        if len(words) >= 2 and _is_name(words):
            start = m.start(group)
            end = start + len(m.group(group).split(words[-1], 1)[0]) + len(words[-1])
            out.append(Candidate(start, end, "person", None, RULE, "rule"))
    return out


_NAMED_GOVERNMENT = re.compile(
    r"(?:The )?(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2})(?:['’]s)? "
    r"(?P<gov>[Gg]overnment|[Aa]dministration|[Cc]abinet)\b"
)
_DESCRIBED_GOVERNMENT = re.compile(
    r"\b[Tt]he (?:new |current |former |previous |interim |transitional |caretaker )*"
    r"(?:national unity|unity|interim|transitional|caretaker|coalition) government\b"
)


@dataclass(frozen=True)
class GovernmentPhrase:
    """ "the Karzai Government": the person's name (if any) and the whole phrase."""

    start: int
    end: int
    person: tuple[int, int] | None


def government_phrases(text: str, gazetteer: Gazetteer) -> list[GovernmentPhrase]:
    """Find governments named by a person or described ("the new unity government")."""
    out: list[GovernmentPhrase] = []
    for m in _NAMED_GOVERNMENT.finditer(text):
        name = re.sub(r"['’]s$", "", m.group("name"))
        if not _could_be_ruler(name, gazetteer):
            continue  # "the Taliban government", "the Afghan government": handled elsewhere
        start = m.start("name")
        out.append(GovernmentPhrase(start, m.end(), (start, start + len(name))))
    for m in _DESCRIBED_GOVERNMENT.finditer(text):
        out.append(GovernmentPhrase(m.start() + 4, m.end(), None))
    return out


def _could_be_ruler(name: str, gazetteer: Gazetteer) -> bool:
    surface = gazetteer.surface(name)
    if surface is not None:
        return surface[0].kind == "person"
    words = [_POSSESSIVE_END.sub("", w) for w in name.split()]
    if any((s := gazetteer.surface(w)) is not None and s[0].kind != "person" for w in words):
        return False  # "Afghanistan’s Taliban government" is no person's
    if any(w.casefold() in TITLE_WORDS or w.casefold() in GENERIC_WORDS for w in words):
        return False
    return looks_like_person_name(words) and not re.search(r"-[a-z]", name)


def is_ministry(text: str) -> bool:
    """Tell whether an organisation's name is a ministry or department of a state."""
    return bool(_MINISTRY.search(text))
