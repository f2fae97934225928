"""The gazetteer's matcher (its forms as a tree) finds what an alternation of the forms, the
longest first, finds: the same places, the same words, the same conditions before and after."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus.locate import bundled_corpus_dir, resources_dir
from reader.extract.gazetteer import forms_pattern, load_gazetteer

BEFORE, AFTER = r"(?<![\w@#/])", r"(?![\w@$])"


def _alternation(forms: list[str]) -> re.Pattern[str]:
    ordered = sorted(forms, key=len, reverse=True)
    return re.compile(BEFORE + "(?:" + "|".join(map(re.escape, ordered)) + ")" + AFTER)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


# Few letters, so that forms share beginnings and run into each other; the characters the
# conditions look at ($, @, /, #, word characters, accents) and regex metacharacters.
ALPHABET = "abAB .-'$@/#(é*?"
forms = st.lists(st.text(ALPHABET, min_size=1, max_size=6), min_size=1, max_size=25, unique=True)


@settings(max_examples=300, deadline=None)
@given(forms=forms, text=st.text(ALPHABET, max_size=80))
def test_the_tree_finds_what_the_alternation_finds(forms: list[str], text: str) -> None:
    tree = re.compile(BEFORE + forms_pattern(forms) + AFTER)
    assert _found(tree, text) == _found(_alternation(forms), text)


def test_the_bundled_gazetteer_finds_the_same_in_the_corpus() -> None:
    gazetteer, problems = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    assert not problems
    reference = _alternation(list(gazetteer._forms))
    texts = [p.read_text("utf-8") for p in sorted(Path(bundled_corpus_dir()).glob("*.txt"))]
    hits = 0
    for text in texts:
        found = [(h.start, h.end) for h in gazetteer.find(text)]
        assert found == [(s, e) for s, e, _ in _found(reference, text)]
        hits += len(found)
    assert hits > 100
