"""Picture credits, captions and datelines: what the lines around a picture name, and what not.

"Photo: Name Surname/Agency" credits a person (guidelines: people credited for a photo are
people) but not the agency; "(Getty Images)", "Agency photo", "Photo: Agency" and a bare given
name in a credit ("Photo: Enkh/Reuters") name no actor; a street address in a caption ("14
Al-Mualla Street") is where a picture was taken, not an actor. A dateline's city ("ADEN, Yemen
(AFP) —") is a place, written in capitals. A byline's beat ("Will Racke Immigration and Foreign
Policy Reporter") names the reporter and a subject, not a body: a line shaped like a name, some
capitalised words and a newsroom job names nobody but a person.
"""

from __future__ import annotations

import re

from reader.extract.candidates import RULE, Candidate
from reader.extract.lexicon import words
from reader.extract.names import ROLE_WORDS, looks_like_person_name

_NAME_WORD = r"[A-Z][\w’'.-]+"
# "Photo: Saleh Obaidi/AFP", "Photograph: Enkh/Reuters", "Picture: Xinhua".
_CREDIT = re.compile(
    r"\b(?:Photo(?:graph)?s?|Pictures?|Images?|Credit)[ \u00a0]*:[ \u00a0]*"
    r"(?P<who>" + _NAME_WORD + r"(?:[ \u00a0]+" + _NAME_WORD + r"){0,3})"
    r"(?:[ \u00a0]*/[ \u00a0]*(?P<agency>[A-Z][\w’'.&-]*(?:[ \u00a0]+[A-Z][\w’'.&-]*){0,2}))?"
)
# Words that make a credit's name an agency or picture desk, not a person ("Getty Images").
_AGENCY_WORDS = words("agency_words")
# "(Getty Images)", "(AP Photo/Name)": a credit in parentheses.
_PAREN_CREDIT = re.compile(
    r"\((?:[A-Z][\w’'.-]*[ \u00a0]+)*(?:Images|Photos?|Pictures)(?:[ \u00a0]*/[^)\n]*)?\)"
)
# "WAM photo", "Montsame photo": an agency before the word photo.
_AGENCY_PHOTO = re.compile(
    r"\b[A-Z][\w&-]*(?:[ \u00a0]+[A-Z][\w&-]*)?(?=[ \u00a0]+photo\b)"
)
# A street address: a house number, then the street's name and kind.
_ADDRESS = re.compile(
    r"\b\d+[A-Za-z]?,?[ \u00a0]+(?:[A-Z][\w’'-]*[ \u00a0]+){1,3}"
    r"(?:Street|Road|Avenue|Boulevard|Lane|Drive|Square|Place)\b"
)


def credit_people(text: str) -> list[Candidate]:
    """Return the people a picture credit names ("Photo: Saleh Obaidi/AFP" → Saleh Obaidi)."""
    out: list[Candidate] = []
    for m in _CREDIT.finditer(text):
        words = m.group("who").split()
        if len(words) >= 2 and _is_person(words):
            out.append(Candidate(m.start("who"), m.end("who"), "person", None, RULE, "rule"))
    return out


def credit_blocks(text: str) -> list[tuple[int, int]]:
    """Return the spans of credits and caption addresses where no actor is named."""
    spans: list[tuple[int, int]] = []
    for m in _CREDIT.finditer(text):
        if m.group("agency"):
            spans.append(m.span("agency"))
        words = m.group("who").split()
        if len(words) < 2 or not _is_person(words):
            spans.append(m.span("who"))
    spans += [m.span() for m in _PAREN_CREDIT.finditer(text)]
    spans += [m.span() for m in _AGENCY_PHOTO.finditer(text)]
    spans += [m.span() for m in _ADDRESS.finditer(text)]
    return spans


def _is_person(words: list[str]) -> bool:
    return looks_like_person_name(words) and not any(
        w.casefold() in _AGENCY_WORDS for w in words
    )


# A byline's beat line: capitalised words (a name, then the beat, joined by "and", "&", "of")
# ending in a newsroom job, alone on its line: "Jane Doe National Security Correspondent".
_BEAT_LINE = re.compile(
    r"^[ \u00a0]*(?:[A-Z][\w’'.-]*[ \u00a0]+|(?:and|&|of|for)[ \u00a0]+){2,10}"
    r"(?P<role>[A-Z][\w-]+)[ \u00a0]*$",
    re.MULTILINE,
)


def beat_lines(text: str) -> list[tuple[int, int]]:
    """Return the spans of byline beat lines, where only people are named."""
    return [
        m.span()
        for m in _BEAT_LINE.finditer(text)
        if m.group("role").casefold() in ROLE_WORDS
    ]
