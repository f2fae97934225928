"""Words and regular-expression pieces for finding dates, and the tense of a sentence."""

from __future__ import annotations

import re

from reader.extract.dates_resolve import Tense

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "fifty": 50, "hundred": 100,
}  # fmt: skip
MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
MONTH_ANY = MONTH_FULL + r"|(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b\.?"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
DASH = r"\s*[-–—‐‑]\s*"
DIGIT = "0-9۰-۹٠-٩"

# Words after which a lone month or season name is a date ("in May", "since July").
TRIGGERS = frozenset(
    (
        "in",
        "since",
        "for",
        "until",
        "till",
        "by",
        "during",
        "before",
        "after",
        "from",
        "through",
        "throughout",
        "of",
        "to",
        "between",
        "and",
        "or",
        "early",
        "late",
        "mid",
        "end",
        "beginning",
        "start",
        "middle",
        "around",
        "on",
    )
)
# Words that make a nearby time expression a set, not a date ("every week").
SET_WORDS = frozenset({"every", "each", "per"})
# Words after a bare year that still allow it to be a year ("2006 was", "2020 elections").
_CLAUSE_AFTER_YEAR = frozenset(
    (
        "was",
        "is",
        "has",
        "had",
        "saw",
        "sees",
        "marks",
        "brings",
        "as",
        "were",
        "does",
        "did",
        "will",
        "would",
        "could",
        "may",
        "might",
        "must",
        "and",
        "or",
        "but",
        "when",
        "while",
        "onwards",
        "onward",
    )
)

_FUTURE_RE = re.compile(
    # "would" is the future of reported speech: "said talks would resume on Tuesday".
    r"\b(?:(?:will|shall|must|would|won['’]t|['’]ll)"
    r"(?:\s+(?:not|be|have|been))*(?:\s+[a-z]+)?|going to|"
    r"set (?:for|to)|scheduled|slated|planned|plans? to|"
    r"intends? to|aims? to|upcoming|forthcoming|coming|next|ahead|due to|expected to|"
    r"to be held|to take place|is to|are to|"
    # Persian: "will", "is to", "is held" (a present that speaks of what is planned), "next".
    r"خواهد|خواهند|قرار است|می[\s\u200c]?شود|برگزار می|آینده)\b",
    re.IGNORECASE,
)
# A commitment to act later: a date after it lies ahead ("accepted an invitation to visit …
# in August"); a date before it is when the commitment was made ("On Friday they pledged to").
_COMMITMENT_RE = re.compile(
    r"\b(?:invitations?|invited|agreed|promised|pledged|vowed)\s+to\b", re.IGNORECASE
)
_ED_STOP = "need|indeed|speed|seed|proceed|exceed|succeed|hundred|sacred|kindred|united"
# Irregular past forms; regular ones end in -ed.
_PAST_IRREGULAR = (
    "was|were|had|did|said|told|met|held|took|ago|previously|earlier|last|already|left|went|came|"
    "began|saw|gave|made|got|became|fell|rose|won|lost|fought|sent|spent|built|brought|thought|"
    "found|kept|led|paid|wrote|spoke|broke|chose|flew|grew|knew|threw|ran|stood|struck|sought|"
    "withdrew|overthrew|swept"
)
# A participle after a present or infinitive "be" ("are published", "to be rolled over") is a
# passive voice, not a past tense: the look-behinds in _PAST_RE leave it out.
_PAST_PERSIAN = "گذشته|بود|بودند|کرد|کردند|گفت|گفته|شد|دیدار نمود|نمود"
_PAST_RE = re.compile(
    rf"\b(?:{_PAST_IRREGULAR}|{_PAST_PERSIAN}|"
    rf"(?<!\bare )(?<!\bis )(?<!\bbe )(?<!\bbeing )"
    rf"(?!(?:{_ED_STOP}|scheduled|planned|expected|slated|intended)\b)[a-z]{{2,}}ed)\b",
    re.IGNORECASE,
)
# A sentence ends at . ! ? ; or a line break, but not after an abbreviation ("Sept.", "U.S.").
_SENTENCE_END_RE = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\bSept)[.!?;](?=\s)|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the sentence around ``text[start:end]``."""
    left = 0
    for match in _SENTENCE_END_RE.finditer(text, 0, start):
        left = match.end()
    found = _SENTENCE_END_RE.search(text, end)
    return left, found.start() if found else len(text)


def _cues(text: str, left: int, right: int, start: int, end: int) -> list[tuple[int, int, Tense]]:
    """Return (start, end, tense) of the tense cues of ``text[left:right]`` outside the date."""
    found: list[tuple[int, int, Tense]] = []
    patterns: tuple[tuple[re.Pattern[str], Tense], ...] = (
        (_FUTURE_RE, "future"),
        (_COMMITMENT_RE, None),
        (_PAST_RE, "past"),
    )
    for pattern, cue_tense in patterns:
        for match in pattern.finditer(text, left, right):
            tense = cue_tense or ("future" if match.end() <= start else "past")
            if match.start() < end and match.end() > start:
                continue  # the expression's own words ("last May") are not the sentence's tense
            if any(match.start() < e and s < match.end() for s, e, _ in found):
                continue  # "held" in "will be held" belongs to the future cue
            found.append((match.start(), match.end(), tense))
    return found


_CONDITION_RE = re.compile(r"\b(?:unless|if|until|once|provided|whether)\b", re.IGNORECASE)


def tense_near(text: str, start: int, end: int) -> Tense:
    """Return the tense the sentence gives ``text[start:end]``, or ``None`` without a cue.

    The nearest cue in the expression's clause (between commas) wins; else the first cue after
    it in the sentence ("On January 3, the minister will travel"); else the nearest before it,
    unless that one stands in an aside between commas.
    """
    left, right = sentence_bounds(text, start, end)
    # A condition after the date ("from April 2 unless talks failed") has its own, shifted tense.
    cues = [
        c
        for c in _cues(text, left, right, start, end)
        if c[0] < end or not _CONDITION_RE.search(text, end, c[0])
    ]
    clause_left = max(left, text.rfind(",", left, start) + 1)
    comma = text.find(",", end, right)
    clause_right = comma if comma >= 0 else right
    inside = [c for c in cues if clause_left <= c[0] and c[1] <= clause_right]
    if inside:
        return min(inside, key=lambda c: max(start - c[1], c[0] - end))[2]
    after = [c for c in cues if c[0] >= end]
    if after:
        return min(after)[2]
    # A cue set off by commas before the date ("The plan, announced in March, takes effect
    # Jan. 1") belongs to an aside, not to the clause of the date.
    before = [
        c
        for c in cues
        if c[1] <= start and not ("," in text[left : c[0]] and "," in text[c[1] : start])
    ]
    return max(before)[2] if before else None


def word_before(text: str, start: int) -> str:
    """Return the lower-cased word just before ``start`` (hyphens count as spaces)."""
    match = re.search(r"([^\W\d_]+)[\s\-]*$", text[max(0, start - 40) : start])
    return match.group(1).lower() if match else ""


def year_is_quantity(text: str, start: int, end: int) -> bool:
    """Tell whether a bare four-digit number is a count or a label rather than a year."""
    before = text[max(0, start - 24) : start]
    if re.search(r"(?:[$€£#№]|\bNo\.?|\bNumber|\bResolution|\bArticle|\bpp?\.)\s*$", before, re.I):
        return True
    after = text[end : end + 24]
    if re.search(r"[0-9][\s.]?[-–—]?\s*$", before) or re.match(r"[\s.]?[0-9]", after):
        return True  # a run of numbers ("+93 2020 1234", "pp. 2010-2015")
    if re.match(r"\s*(?:%|percent|per cent|km|kg|m\b|mm|cm|ft|lb|USD|dollars)", after):
        return True
    following = re.match(r"\s+([a-z]+)\b", after)
    if following is None or following.group(1) in _CLAUSE_AFTER_YEAR:
        return False
    if word_before(text, start) in TRIGGERS | {"the", "a", "an", "this", "that", "its", "their"}:
        return False  # "in 2020 elections", "the 2000 vote": the number names a year
    # "2000 troops", "1500 people": a plural noun, a round hundred or an early number counts.
    number = int(text[start:end][:4])
    return following.group(1).endswith("s") or number % 100 == 0 or number < 1800


def month_number(name: str) -> int:
    """Return 1-12 for an English month name or abbreviation."""
    return MONTHS[name[:3].lower()]


def to_int(digits: str) -> int:
    """Return the value of a run of digits in any script (Persian, Arabic-Indic, ASCII)."""
    return int(digits)
