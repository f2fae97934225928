"""The word lists of the actor rules, read from ``resources/lexicons/actors.toml``.

Each list is a table of groups of words, each group with the reason its words are there; the
rules see only the union of a list's words (``words("title_words")``). Read once per process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from reader.corpus.locate import resources_dir

LEXICON_FILE = "actors.toml"


@cache
def _lexicons() -> dict[str, Any]:
    with (resources_dir() / "lexicons" / LEXICON_FILE).open("rb") as f:
        return tomllib.load(f)


def words(name: str) -> frozenset[str]:
    """Return the words of one list of the lexicon file (case-folded)."""
    table = _lexicons()[name]
    return frozenset(w.casefold() for group in table["group"] for w in group["words"])


def reasons(name: str) -> list[tuple[str, list[str]]]:
    """Return each group of a list as (why, words), as the file gives them."""
    return [(g["why"], list(g["words"])) for g in _lexicons()[name]["group"]]
