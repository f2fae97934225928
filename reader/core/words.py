"""Counts in words: "1 passage", "3 passages" (never "passage(s)")."""

from __future__ import annotations

IRREGULAR = {"time": "times", "entry": "entries", "match": "matches", "copy": "copies"}


def plural(noun: str) -> str:
    """Return the plural of an English noun of the interface."""
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def count(number: int, noun: str) -> str:
    """Return ``number`` and ``noun``, in the plural unless the number is one: "2 passages"."""
    return f"{number} {noun if number == 1 else plural(noun)}"
