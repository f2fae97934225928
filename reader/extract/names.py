"""Names as written: titles off, junk out, short forms and spelling variants of one person."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from reader.extract.lexicon import words


def wordset(text: str) -> frozenset[str]:
    """Return the set of whitespace-separated words of ``text`` (for word lists in code)."""
    return frozenset(text.split())


# The word lists live in resources/lexicons/actors.toml, each entry with its reason.
# Titles and ranks written before a name: not part of it (guidelines, rule 5).
TITLE_WORDS = words("title_words")
# Titles written after a name: not part of it either.
POST_TITLES = words("post_titles")
# Interface words that the model sometimes takes for names ("Font Size", "Share This").
INTERFACE_WORDS = words("interface_words")
# Words that make up generic or descriptive phrases, never a proper name on their own.
GENERIC_WORDS = words("generic_words")
# Title words that only qualify another title ("Foreign" Minister): a name never follows them.
MODIFIER_TITLES = words("modifier_titles")
# Job words that follow a byline's name ("Will Racke Immigration Reporter"), never names.
ROLE_WORDS = words("role_words")

_HANDLE_OR_LINK = re.compile(r"@\w|#\w|https?:|www\.|\.com\b|pic\.")
# Lowercase particles inside a name: "Ursula von der Leyen", "Luiz Inácio Lula da Silva".
LOWER_PARTICLES = r"(?:von|van|der|den|de|da|di|du|dos|das|del|la|le|bin|ibn)"
_NAME_TOKEN = re.compile(r"[A-Z][\w'’.\-]*|" + LOWER_PARTICLES)
# A sentence ends inside a span: "… Yevkurov. Yevkurov toured" (not "Gen. Tiani", "Joseph R.").
_SENTENCE_CUT = re.compile(r"(?<=[a-z]{2})\.\s+(?=[A-Z])")
_ABBREVIATIONS = wordset("gen col capt sgt sen rep gov prof maj adm lt st jr sr mrs messrs")
_POSSESSIVE = re.compile(r"['’]s?$")


def has_latin_letters(text: str) -> bool:
    """Tell whether a text has at least one Latin letter (non-Latin fragments are not names)."""
    return any(c.isalpha() and "LATIN" in unicodedata.name(c, "") for c in text)


def is_mostly_latin(text: str) -> bool:
    """Tell whether most of the letters of a text are Latin."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return bool(letters) and latin * 2 >= len(letters)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` to the name: no line break, dash, quote, possessive or "the"."""
    piece = text[start:end]
    for stop in ("\n", " -", " - ", " – ", " — ", "\u00a0-", " (", ":", ","):
        cut = piece.find(stop)
        if cut > 0:
            piece = piece[:cut]
    for cut_at in _SENTENCE_CUT.finditer(piece):
        word = re.findall(r"[\w'’-]+$", piece[: cut_at.start()])
        if word and word[0].casefold() not in _ABBREVIATIONS | TITLE_WORDS:
            piece = piece[: cut_at.start()]
            break
    stripped = piece.rstrip(" \t.,;:!?\"'”’)-–—\u00a0")
    stripped = _POSSESSIVE.sub("", stripped) if re.search(r"\w['’]s?$", stripped) else stripped
    lead = len(stripped) - len(stripped.lstrip(" \t\"'“‘(-–—"))
    stripped = stripped[lead:]
    article = re.match(r"(?:the|The)\s+", stripped)
    if article:
        lead += article.end()
        stripped = stripped[article.end() :]
    # Names end with a capitalised word: "Khost province" is Khost, "Ministry of X of" is cut.
    words = stripped.split(" ")
    while len(words) > 1 and not words[-1][:1].isupper():
        words.pop()
    stripped = " ".join(words)
    new_start = start + lead
    return new_start, new_start + len(stripped)


def strip_titles(words: Sequence[str]) -> list[str]:
    """Drop titles and ranks from the front of a name's words ("Maulvi Abdul Kabir"), and a title
    written after it ("Said Pasha")."""
    out = list(words)
    while len(out) > 1 and _POSSESSIVE.sub("", out[-1]).casefold() in POST_TITLES:
        out.pop()
    # A title word before a lowercase particle is a given name: "Sultan al-Barakani".
    while len(out) > 1 and out[0].casefold() in TITLE_WORDS and not out[1][:1].islower():
        out.pop(0)
    if len(out) == 1 and out[0].casefold() in TITLE_WORDS:
        return []
    return out


def title_prefix_length(text: str) -> int:
    """Return how many characters of ``text`` are titles before the name itself."""
    pos = 0
    for m in re.finditer(r"\S+\s*", text):
        word = m.group(0).strip()
        if word.casefold() not in TITLE_WORDS or m.end() >= len(text.rstrip()):
            break
        pos = m.end()
    return pos


def post_title_length(text: str) -> int:
    """Return how many characters at the end of ``text`` are a title after the name ("Pasha")."""
    m = re.search(r"[ \u00a0]+(\S+)$", text)
    return len(m.group(0)) if m and m.group(1).casefold() in POST_TITLES else 0


def is_junk_name(text: str) -> bool:
    """Tell whether a candidate name is junk: a handle, a link, interface words, no Latin."""
    if not text or not has_latin_letters(text) or not is_mostly_latin(text):
        return True
    if _HANDLE_OR_LINK.search(text):
        return True
    words = text.split()
    if all(w.casefold().strip(".:") in INTERFACE_WORDS for w in words):
        return True
    return not words[0][:1].isupper() and not words[0][:1].isdigit()


# The last word of a body's name: "National Security Council" is a name.
BODY_NOUNS = words("body_nouns")


def is_generic_phrase(text: str) -> bool:
    """Tell whether every word of a phrase is generic ("Regional and International Conferences"),
    and it does not end like the name of a body ("National Security Council")."""
    words = re.findall(r"[\w'’-]+", text)
    if len(words) > 1 and words[-1][:1].isupper() and words[-1].casefold() in BODY_NOUNS:
        return False
    return bool(words) and all(w.casefold() in GENERIC_WORDS for w in words)


def name_tokens(text: str) -> list[str]:
    """Return the words of a name without titles."""
    return strip_titles(text.split())


def looks_like_person_name(words: Sequence[str]) -> bool:
    """Tell whether words look like a personal name: capitalised, Latin, no digits."""
    return bool(words) and all(_NAME_TOKEN.fullmatch(w) for w in words)


def fold(word: str) -> str:
    """Return a word for comparison: accents off, case folded, vowels collapsed."""
    base = plain(word)
    # Transliterations differ in vowels and y/i: Rasul/Rasoul, Asatrian/Asatryan.
    base = base.replace("y", "i")
    return re.sub(r"[aeiou]+", "a", base)


def plain(word: str) -> str:
    """Return a word's Latin letters, accents off and case folded ("Zelenskyy’s" → zelenskyys)."""
    base = unicodedata.normalize("NFKD", word)
    base = "".join(c for c in base if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z]", "", base)


# A spelling variant is one vowel edit away (Rasul/Rasoul, Asatrian/Asatryan) in a word long
# enough that one vowel does not make another name: Dan/Dean, Tom/Tim, Ron/Ryan, Martin/Morton
# are different people.
VARIANT_MIN_LETTERS = 5


def same_word(a: str, b: str) -> bool:
    """Tell whether two words are spellings of one name word (conservatively)."""
    if a.casefold() == b.casefold():
        return True
    pa, pb = plain(a), plain(b)
    if pa == pb:
        return bool(pa)
    if min(len(pa), len(pb)) < VARIANT_MIN_LETTERS or fold(a) != fold(b):
        return False
    return bool(Levenshtein.distance(pa, pb) <= 1)


def without_initials(words: Sequence[str]) -> list[str]:
    """Return a name's words without middle initials ("Antony J. Blinken" → Antony Blinken)."""
    kept = [w for w in words if not _INITIAL.fullmatch(w)]
    return kept or list(words)


_INITIAL = re.compile(r"[A-Z]\.?")


def is_short_form(short: Sequence[str], full: Sequence[str]) -> bool:
    """Tell whether ``short`` names the person ``full``: its last words ("Kabir", "Abdul Kabir")."""
    short, full = without_initials(short), without_initials(full)
    if not short or len(short) >= len(full):
        return False
    tail = full[-len(short) :]
    return all(same_word(a, b) for a, b in zip(short, tail, strict=True))


# Words that begin many names, so that alone they do not point to one person.
NAME_PARTICLES = words("name_particles")


def is_first_name(short: Sequence[str], full: Sequence[str]) -> bool:
    """Tell whether ``short`` is the distinctive first name of ``full`` ("Parnpree")."""
    return (
        len(short) == 1
        and len(full) >= 2
        and short[0].casefold() not in NAME_PARTICLES
        and same_word(short[0], full[0])
    )


def is_variant(a: Sequence[str], b: Sequence[str]) -> bool:
    """Tell whether two full names are spelling variants of one person."""
    a, b = without_initials(a), without_initials(b)
    return len(a) == len(b) and all(same_word(x, y) for x, y in zip(a, b, strict=True))


_MENU_SEPARATORS = re.compile(r"»|›| > | \| ")


def menu_lines(text: str) -> list[tuple[int, int]]:
    """Return the spans of lines that are menus or breadcrumbs ("Home » World » Asia")."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        if len(_MENU_SEPARATORS.findall(line)) >= 2:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans
