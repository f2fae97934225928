"""Tell page furniture ("chrome") from the body of a saved web page, by general rules.

Chrome is navigation and breadcrumbs, share/follow buttons, category lists, sign-in prompts,
copyright footers, font controls, "you might also like" teasers and a site's date banner.
Headlines, bylines, author bios, captions and quoted posts are body. The rules look at the
shape of each line (length, bullets, separators, glued link text, interface vocabulary,
repetition) and weigh lines by their length, so a passage that mixes a share bar with an author
bio stays body. Nothing here knows any particular site.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

# Words that make up the interface of web pages rather than their content.
_UI_STRONG = frozenset(
    [
        "share",
        "shares",
        "follow",
        "subscribe",
        "newsletter",
        "login",
        "logout",
        "log",
        "sign",
        "signin",
        "signup",
        "register",
        "password",
        "bookmarks",
        "bookmark",
        "print",
        "font",
        "resizer",
        "aa",
        "menu",
        "search",
        "categories",
        "category",
        "tags",
        "advertisement",
        "sponsored",
        "logo",
        "cookies",
        "cookie",
        "privacy",
        "comments",
        "comment",
        "reply",
        "tips",
        "skip",
        "whatsapp",
        "facebook",
        "twitter",
        "linkedin",
        "telegram",
        "reddit",
        "pinterest",
        "instagram",
        "youtube",
        "email",
        "home",
    ]
)
_UI_WEAK = frozenset(
    [
        "in",
        "on",
        "out",
        "up",
        "to",
        "us",
        "our",
        "your",
        "my",
        "you",
        "the",
        "this",
        "a",
        "an",
        "of",
        "and",
        "or",
        "for",
        "with",
        "by",
        "via",
        "article",
        "articles",
        "story",
        "stories",
        "post",
        "posts",
        "page",
        "link",
        "links",
        "copy",
        "size",
        "more",
        "read",
        "min",
        "minute",
        "minutes",
        "next",
        "previous",
        "back",
        "welcome",
        "account",
        "forgot",
        "lost",
        "about",
        "contact",
        "policy",
        "terms",
        "use",
        "related",
        "also",
        "like",
        "might",
        "recommended",
        "popular",
        "trending",
        "latest",
        "top",
        "news",
        "send",
        "up",
        "here",
        "now",
        "view",
        "all",
    ]
)
_TEASER_HEADINGS = (
    "you might also like",
    "you may also like",
    "related articles",
    "related posts",
    "related stories",
    "related",
    "recommended",
    "read next",
    "more stories",
    "more from",
    "most read",
    "most popular",
    "trending",
    "latest news",
    "don't miss",
)
_BULLET_RE = re.compile(r"^\s*[•·▪►◦‣∙*\-–]\s+")
_BREADCRUMB_RE = re.compile(r"\s[>»›]\s")
_GLUED_RE = re.compile(r"[a-z][A-Z][a-z]")
_REPEAT_RE = re.compile(r"^(.{4,}?)\1+$")
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_RE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE
)
_COPYRIGHT_RE = re.compile(
    r"©|\bcopyright\b|all rights reserved|\brepublish(?:ed|ing)?\b.*\b(?:content|articles?)\b|"
    r"\b(?:content|articles?)\b.*\brepublish",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?…][\"”’)]?$")


def _words(line: str) -> list[str]:
    return _WORD_RE.findall(line)


def _is_ui_line(words: Sequence[str]) -> bool:
    lowered = [w.lower() for w in words]
    if not lowered or len(lowered) > 8:
        return False
    strong = sum(w in _UI_STRONG for w in lowered)
    known = sum(w in _UI_STRONG or w in _UI_WEAK for w in lowered)
    return strong >= 1 and known / len(lowered) >= 0.7


def _is_date_banner(line: str, words: Sequence[str]) -> bool:
    """A short line that is a date, or carries a weekday-and-date, and is not a sentence."""
    if len(words) > 12 or line.lstrip().startswith(("—", "–", "-", "(")):
        return False
    match = _DATE_RE.search(line)
    if match is None:
        return False
    rest = _words(line[: match.start()] + line[match.end() :])
    return not rest or bool(_WEEKDAY_RE.search(line)) or _is_ui_line(rest)


def _is_number_junk(words: Sequence[str]) -> bool:
    """Image file names and ids left in the text: mostly digits."""
    if not words:
        return False
    digits = sum(w.isdigit() for w in words)
    return digits >= 2 and digits / len(words) >= 0.5


def is_chrome_line(
    line: str, repeated: frozenset[str] = frozenset(), *, footer: bool = False
) -> bool:
    """Tell whether one line is page furniture.

    ``repeated`` holds short lines seen more than once in the document (site names, banners);
    ``footer`` says the line sits in the last part of the document, where copyright and
    licence notices are furniture even when they are written as sentences.
    """
    stripped = line.strip()
    if not stripped:
        return False
    words = _words(stripped)
    sentence = bool(_SENTENCE_END_RE.search(stripped)) and len(words) > 6
    if _BULLET_RE.match(line) and len(words) <= 6 and not sentence:
        return True
    if len(_BREADCRUMB_RE.findall(stripped)) >= 2:
        return True
    if _REPEAT_RE.match(stripped) or (len(_GLUED_RE.findall(stripped)) >= 2 and len(words) <= 12):
        return True
    if stripped in repeated:
        return True
    if _COPYRIGHT_RE.search(stripped) and (footer or len(words) <= 20):
        return True
    if words and words[-1].lower() == "logo" and len(words) <= 8:
        return True
    return _is_ui_line(words) or _is_date_banner(stripped, words) or _is_number_junk(words)


def _repeated_short_lines(passages: Sequence[str]) -> frozenset[str]:
    counts: Counter[str] = Counter()
    for text in passages:
        for line in text.split("\n"):
            stripped = line.strip()
            words = _words(stripped)
            if stripped and len(words) <= 6 and not _SENTENCE_END_RE.search(stripped):
                counts[stripped] += 1
    return frozenset(line for line, n in counts.items() if n >= 2)


def _is_teaser_heading(text: str) -> bool:
    lowered = " ".join(_words(text.lower().replace("’", "'")))
    return (
        any(lowered == h or lowered.startswith(h + " ") for h in _TEASER_HEADINGS)
        and len(lowered.split()) <= 6
    )


def _is_link_list(lines: Sequence[str]) -> bool:
    """Four or more short lines without sentence punctuation: a list of links."""
    lines = [ln for ln in lines if ln.strip()]
    if len(lines) < 4:
        return False
    short = [ln for ln in lines if len(_words(ln)) <= 4 and not _SENTENCE_END_RE.search(ln.strip())]
    return len(short) / len(lines) >= 0.8


def _chrome_share(text: str, repeated: frozenset[str], footer: bool) -> float:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    total = sum(len(ln.strip()) for ln in lines)
    if total == 0:
        return 0.0
    furniture = sum(len(ln.strip()) for ln in lines if is_chrome_line(ln, repeated, footer=footer))
    return furniture / total


def is_interface_line(line: str) -> bool:
    """Tell whether a line is a control of the page, whatever surrounds it: a short line of
    interface words ("SHARE", "Font Size:", "Facebook Twitter Copy Link Print"), a logo's alt
    text, link text glued together or a breadcrumb. (Date banners, repeated lines and notices
    are furniture only as whole passages: inside prose they may carry what the reader needs.)"""
    stripped = line.strip()
    words = _words(stripped)
    if not words:
        return False
    if words[-1].lower() == "logo" and len(words) <= 8:
        return True
    if len(_BREADCRUMB_RE.findall(stripped)) >= 2:
        return True
    if _REPEAT_RE.match(stripped) or (len(_GLUED_RE.findall(stripped)) >= 2 and len(words) <= 12):
        return True
    return _is_ui_line(words)


def furniture_in_body(
    passages: Sequence[str], chrome: Sequence[bool]
) -> list[list[tuple[int, int]]]:
    """Return, for each passage, the spans (relative to its text) of its interface lines when
    the passage itself is body: "SHARE" under a photo caption, or a share bar above the author's
    bio, is folded like chrome while the caption or the bio stays. Chrome passages: none (they
    are folded whole)."""
    out: list[list[tuple[int, int]]] = []
    for text, is_chrome in zip(passages, chrome, strict=True):
        spans: list[tuple[int, int]] = []
        if not is_chrome:
            lines, starts = _lines_with_starts(text)
            spans = [
                (s, s + len(ln)) for ln, s in zip(lines, starts, strict=True)
                if is_interface_line(ln)
            ]
        out.append(spans)
    return out


def _lines_with_starts(text: str) -> tuple[list[str], list[int]]:
    lines: list[str] = []
    starts: list[int] = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append(line)
            starts.append(position)
        position += len(line) + 1
    return lines, starts


def classify_chrome(passages: Sequence[str]) -> list[bool]:
    """Return, for each passage text of one document, whether it is chrome."""
    repeated = _repeated_short_lines(passages)
    count = len(passages)
    flags: list[bool] = []
    in_teasers = False
    for index, text in enumerate(passages):
        footer = count >= 3 and index >= count * 2 / 3
        words = len(_words(text))
        if _is_teaser_heading(text):
            in_teasers = True
            flags.append(True)
            continue
        if in_teasers and words < 60:
            flags.append(True)
            continue
        in_teasers = False
        lines = text.split("\n")
        flags.append(_is_link_list(lines) or _chrome_share(text, repeated, footer) >= 0.5)
    return flags
