"""Candidate mentions in one passage: from the gazetteer, from rules, and from the model's spans.

Every function here is fast and pure; nothing runs the model. Offsets are relative to the passage
text until ``reader.extract.resolve`` shifts them into the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reader.core.actors import ActorKind
from reader.extract.context import (
    capitals_govern,
    coordinations,
    demonym_governs,
    inside_longer_name,
    seat_governs,
    stands_for_government,
)
from reader.extract.gazetteer import Gazetteer, GazetteerEntry, GazetteerHit
from reader.extract.model import ROLE_PREFIX, RawSpan
from reader.extract.names import (
    BODY_NOUNS,
    GENERIC_WORDS,
    LOWER_PARTICLES,
    MODIFIER_TITLES,
    ROLE_WORDS,
    TITLE_WORDS,
    is_generic_phrase,
    is_junk_name,
    looks_like_person_name,
    post_title_length,
    title_prefix_length,
    trim_span,
)

# Priorities: the user's gazetteer > the bundled gazetteer > rules > the model.
USER, BUNDLED, RULE, MODEL = 3, 2, 1, 0

_POSSESSIVE_END = re.compile(r"['’]s?$")
_TITLE_TAIL = re.compile(r"\b[A-Z][\w’'-]* (?:for|of|on) $")
_MINISTRY = re.compile(r"\b(?:Ministry|Department|Foreign Office|Embassy|embassy)\b")
_CAP_RUN = re.compile(
    r"[A-Z][\w’'.-]*(?:[ \u00a0]+(?:" + LOWER_PARTICLES + r"[ \u00a0]+)*[A-Z][\w’'.-]*)*"
)
# Particles that continue a person's name the model cut short: "Ursula von" + " der Leyen".
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


def gazetteer_candidates(
    text: str, hits: Sequence[GazetteerHit], roles: Mapping[int, str]
) -> list[Candidate]:
    """Turn gazetteer hits into candidates, deciding capitals and demonyms by context."""
    out: list[Candidate] = []
    for chain in coordinations(text, hits):
        # "Finnish and Swedish diplomats": the institution after the last adjective is theirs all.
        last = chain[-1]
        shared = last.role == "demonym" and demonym_governs(text, last)
        for hit, governs in zip(chain, capitals_govern(text, chain, roles), strict=True):
            entry, prio = hit.entry, _priority(hit.entry)
            if hit.role == "name" and inside_longer_name(text, hit):
                continue
            if hit.role == "name":
                out.append(Candidate(hit.start, hit.end, entry.kind, entry.name, prio))
            elif hit.role == "capital" and stands_for_government(text, hit, governs):
                out.append(Candidate(hit.start, hit.end, entry.kind, entry.name, prio, "capital"))
            elif hit.role == "capital":
                # A capital listed with its article keeps it as a place: "The Hague".
                form = f"The {hit.form}" if f"The {hit.form}" in entry.capitals else hit.form
                out.append(Candidate(hit.start, hit.end, "place", form, prio, "capital"))
            elif hit.role == "seat":
                # A seat as a mere location is nobody: the empty name also keeps the model's
                # span there ("the White House" as a building) from becoming an actor.
                name = entry.name if seat_governs(text, hit) else ""
                out.append(Candidate(hit.start, hit.end, entry.kind, name, prio, "seat"))
            elif shared or demonym_governs(text, hit):
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
    spans = list(raw)
    roles = roles_of(spans)
    for span in spans:
        if span.label not in ("PERSON", "ORG", "GPE", "LOC"):
            continue
        start, end = trim_span(text, span.start, span.end)
        titled = False
        if span.label == "PERSON":
            piece = text[start:end]
            prefix, suffix = title_prefix_length(piece), post_title_length(piece)
            titled = bool(prefix or suffix) or _title_before(text, start) in TITLE_WORDS
            start += prefix + _portfolio_length(text, start + prefix, end)
            start, end = start, _with_particles(text, start, end - suffix)
            start = _with_given_name(text, start, roles) if not prefix else start
        if span.label == "ORG":
            end = _body_before_title(text, start, end)
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
            # A titled one-word name stands alone ("Empress Eugénie", "Said Pasha").
            alone = single and not titled
            out.append(
                Candidate(start, end, "person", None, MODEL, "model", needs_antecedent=alone)
            )
        elif not headline and not (single and piece.isupper() and len(piece) < 3):
            kind: ActorKind = "organization" if span.label == "ORG" else "place"
            out.append(Candidate(start, end, kind, None, MODEL, "model"))
    return out


def _body_before_title(text: str, start: int, end: int) -> int:
    """Cut a body's name where an office and its holder follow ("[National Assembly] Speaker Woo
    Won-shik"): the person is found by the title rule; the body keeps its own name."""
    words = list(re.finditer(r"\S+", text[start:end]))
    for i, word in enumerate(words[1:-1], start=1):
        title = word.group(0).casefold()
        if title in TITLE_WORDS and title not in MODIFIER_TITLES:
            if words[i - 1].group(0).casefold() in BODY_NOUNS:
                return start + words[i - 1].end()
            return end
    return end


def _with_given_name(text: str, start: int, roles: Mapping[int, str]) -> int:
    """Extend a person span back over a given name the model left out but parsed as part of the
    name ("[Ana] Rossi", the parser's compound of "Rossi")."""
    m = re.search(r"(?<![\w’'-])([A-Z][\w’'-]+)[ \u00a0]+$", text[max(0, start - 30) : start])
    if m is None or roles.get(start - len(m.group(0))) != "compound":
        return start
    word = m.group(1).casefold()
    if word in TITLE_WORDS or word in GENERIC_WORDS or word in ROLE_WORDS:
        return start
    return start - len(m.group(0))


# "Commissioner for Trade [Maros Sefcovic]": the title's portfolio before the name.
_OFFICE_FOR = re.compile(r"\b([\w-]+)[ \u00a0]+(?:for|of)[ \u00a0]+$")
# An Arabic article joined to a surname ("Rashad al-Alimi") or written apart ("Al Thani").
_ARTICLE_SURNAME = re.compile(
    r"[ \u00a0]+(?:(?:al|el|ad|ar|as|ash|at|az)-[A-Z]|Al[ \u00a0]+[A-Z])[\w’'-]+"
)


def _portfolio_length(text: str, start: int, end: int) -> int:
    """Return the length of a portfolio that opens a person span after "<title> for/of"
    ("Trade" in "European Commissioner for Trade Maros Sefcovic"), keeping two name words."""
    title = _OFFICE_FOR.search(text[max(0, start - 40) : start])
    words = list(re.finditer(r"\S+", text[start:end]))
    if title is None or title.group(1).casefold() not in TITLE_WORDS or len(words) < 3:
        return 0
    return words[-2].start()


def _with_particles(text: str, start: int, end: int) -> int:
    """Extend a person span that stops at or before a name particle ("Ursula von")."""
    article = _ARTICLE_SURNAME.match(text, end)
    if article:
        return article.end()
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


# "Minister of the Republic of", "Special Envoy for": a title, then "of"/"for" and the words
# before its place.
_TITLE_OF = re.compile(
    r"\b([\w.]+)[ \u00a0]+(?:of|for)[ \u00a0]+(?:the[ \u00a0]+)?"
    r"(?:[A-Z][\w’'-]*[ \u00a0]+(?:of[ \u00a0]+(?:the[ \u00a0]+)?)?)*$"
)
_NAME_AFTER = re.compile(r"[ \u00a0]+([A-Z][\w’'.-]+(?:[ \u00a0]+[A-Z][\w’'.-]+){0,3})(?![\w’'-])")


def place_titled_candidates(text: str, places: Sequence[Candidate]) -> list[Candidate]:
    """Find a name right after the place of a title ("the Minister of Norway Ola Haraldsen"):
    the place is the title's, the name a person's."""
    out: list[Candidate] = []
    for place in places:
        if place.kind not in ("state", "place"):
            continue
        title = _TITLE_OF.search(text[max(0, place.start - 60) : place.start])
        after = _NAME_AFTER.match(text, place.end)
        if title is None or title.group(1).casefold() not in TITLE_WORDS or after is None:
            continue
        if _is_name(after.group(1).split()):
            out.append(Candidate(after.start(1), after.end(1), "person", None, RULE, "rule"))
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
    return out + _co_authors(text)


_NAME = r"[A-Z][\w’'.-]+(?:[ \u00a0]+[A-Z][\w’'.-]+){1,3}"
# Credits naming several people: "By Lorne Cook and Samuel Petrequin", "(Reporting by A B;
# Editing by C D)": every name after the first of a byline, and every name of a credit.
_CREDITS = re.compile(
    r"(?:^By|\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Aa]dditional reporting) by)[ \u00a0]+"
    r"(?P<names>" + _NAME + r"(?:(?:,? and| &)[ \u00a0]+" + _NAME + r")*)",
    re.MULTILINE,
)


def _co_authors(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _CREDITS.finditer(text):
        byline = m.group(0).startswith("By")
        for i, part in enumerate(re.finditer(_NAME, m.group("names"))):
            words = part.group(0).split()
            if (byline and i == 0) or not _is_name(words):
                continue  # the byline's first name is found by quoted_post_authors
            start = m.start("names") + part.start()
            out.append(Candidate(start, start + len(part.group(0)), "person", None, RULE, "rule"))
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
