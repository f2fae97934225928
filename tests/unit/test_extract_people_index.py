"""The indexes over a document's people (issue 26) give the answers of comparing each name with
every person met so far, which is what ``reader.extract.people`` did before: the pairwise
versions are kept here as references, and the indexes are checked against them on generated
names and texts (spelling variants, initials, particles, case, apostrophes and hyphens)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract.names import NAME_PARTICLES, is_short_form, same_word
from reader.extract.people import surname_pattern
from reader.extract.people_index import (
    Cluster,
    People,
    SurnameFinder,
    SurnamePlaces,
    full_form_pattern,
    word_keys,
)

# Spelling variants (Rasul/Rasoul, Asatrian/Asatryan), case (Li/LI), short folds (Li/Lee),
# initials (J., K), particles (Abdul, de) and shared first names.
NAME_WORDS = [
    "Ali",
    "Aly",
    "Rasul",
    "Rasoul",
    "Khan",
    "KHAN",
    "Kabir",
    "Abdul",
    "Ghani",
    "Li",
    "LI",
    "Lee",
    "Asatrian",
    "Asatryan",
    "J.",
    "K",
    "de",
    "Omar",
    "Omer",
    "Smith",
    "Wallace",
    "Ben",
    "Von",
    "Müller",
    "Muller",
]
names = st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=4)


def _naive_clusters(fixed: list[list[str]], full: list[list[str]]) -> list[Cluster]:
    """Cluster as ``people._clusters`` did: every name tested against every cluster."""
    clusters: list[Cluster] = []
    for words in fixed:
        if not any(k.fixed and k.canonical == words for k in clusters):
            clusters.append(Cluster([words], words, fixed=True))
    for words in full:
        if len(words) >= 2:
            found = next((k for k in clusters if k.matches(words)), None)
            if found is None:
                found = Cluster()
                clusters.append(found)
            found.add(words)
    return clusters


def _naive_cluster_of(clusters: list[Cluster], words: list[str]) -> Cluster | None:
    found = next((k for k in clusters if k.matches(words)), None)
    if found is None:
        by_first = [k for k in clusters if k.first_name_of(words)]
        found = by_first[0] if len(by_first) == 1 else None
    return found


def _people(fixed: list[list[str]], full: list[list[str]]) -> People:
    people = People()
    for words in fixed:
        people.add_fixed(words)
    for words in full:
        if len(words) >= 2:
            people.add_name(words)
    return people


def _position(clusters: list[Cluster], found: Cluster | None) -> int | None:
    return None if found is None else next(i for i, k in enumerate(clusters) if k is found)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=8), st.text(max_size=8))
def test_two_spellings_of_one_name_word_share_a_key(a: str, b: str) -> None:
    if same_word(a, b):
        assert set(word_keys(a)) & set(word_keys(b))


@given(st.sampled_from(NAME_WORDS), st.sampled_from(NAME_WORDS))
def test_name_words_that_are_one_word_share_a_key(a: str, b: str) -> None:
    if same_word(a, b):
        assert set(word_keys(a)) & set(word_keys(b))


def test_keys_tell_apart_words_no_edit_joins() -> None:
    assert not set(word_keys("Kabir")) & set(word_keys("Ghani"))
    assert set(word_keys("Rasul")) & set(word_keys("Rasoul"))


@settings(max_examples=200, deadline=None)
@given(st.lists(names, max_size=3), st.lists(names, max_size=25), st.lists(names, max_size=10))
def test_the_indexed_clusters_are_the_pairwise_ones(
    fixed: list[list[str]], full: list[list[str]], asked: list[list[str]]
) -> None:
    naive = _naive_clusters(fixed, full)
    people = _people(fixed, full)
    assert [(k.forms, k.canonical, k.fixed) for k in people] == [
        (k.forms, k.canonical, k.fixed) for k in naive
    ]
    for words in asked + full:
        expected = _naive_cluster_of(naive, words)
        found = people.matching(words)
        found = found if found is not None else people.by_first_name(words)
        assert _position(list(people), found) == _position(naive, expected)
        short = next(
            (
                i
                for i, k in enumerate(naive)
                if len(k.canonical) >= 2 and any(is_short_form(words, f) for f in k.forms)
            ),
            None,
        )
        assert _position(list(people), people.short_form_of(words)) == short


def test_a_first_name_shared_by_two_people_names_neither() -> None:
    people = _people([], [["Omar", "Kabir"], ["Omar", "Ghani"], ["Rasul", "Khan"]])
    assert people.by_first_name(["Omar"]) is None
    found = people.by_first_name(["Rasoul"])
    assert found is not None and found.canonical == ["Rasul", "Khan"]
    assert people.by_first_name(["Abdul"]) is None and "abdul" in NAME_PARTICLES


def _letters(n: int) -> str:
    """Return a distinct consonant word for each number (digits and vowels fold away)."""
    word = ""
    while True:
        n, digit = divmod(n, 15)
        word += "bcdfghjklmnpqrs"[digit]
        if n == 0:
            return "Ka" + word


def test_many_people_cluster_by_surname_and_variant() -> None:
    full = [[f"Given{_letters(i)}", f"Sur{_letters(i)}"] for i in range(2000)]
    people = _people([], [*full, ["Asatrian", "Omar"], ["Asatryan", "Omar"]])
    assert len(people) == 2001
    found = people.matching([f"Sur{_letters(1999)}"])
    assert found is not None and found.canonical == full[1999]
    variant = people.matching(["Omar"])
    assert variant is not None and variant.forms == [["Asatrian", "Omar"], ["Asatryan", "Omar"]]


# Texts built from pieces that meet the patterns' edges: apostrophes, hyphens, dots, spaces and
# no-break spaces, titles, "of", capitalised and lower-case words.
PIECES = [
    "Ben",
    "Wallace",
    "Wallace-Smith",
    "O’Neil",
    "O'Neil",
    "Al-Sisi",
    "Sisi",
    "Mr",
    "Dr.",
    "of",
    "the",
    "said",
    "J.",
    "Wallaces",
    "Ann",
    "Lee",
    "Li",
    "de",
    " ",
    "  ",
    "\u00a0",
    ".",
    ",",
    "’",
    "-",
    "(",
    "\n",
    "U.S.",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
SURNAMES = ["Wallace", "Sisi", "O’Neil", "O'Neil", "Lee", "Al-Sisi", "Wallace-Smith", "Li", "U.S."]


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(SURNAMES))
def test_full_forms_are_found_where_the_pattern_finds_them(text: str, surname: str) -> None:
    expected = [(m.start(), m.group(1)) for m in full_form_pattern(surname).finditer(text)]
    assert list(SurnamePlaces(text, [surname]).full_forms(surname)) == expected
    # A surname not given up front is found by scanning: the same answer.
    assert list(SurnamePlaces(text, []).full_forms(surname)) == expected


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(st.sampled_from([*SURNAMES, "Ben", "Wall", "-Sisi", "’Neil"]), max_size=6))
def test_surnames_are_found_where_their_alternation_finds_them(
    text: str, surnames: list[str]
) -> None:
    chosen = list(dict.fromkeys(surnames))
    finder = SurnameFinder(chosen)
    if not chosen:
        assert list(finder.finditer(text)) == []
        return
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, chosen)) + r")(?![\w-])")
    expected = [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]
    assert list(finder.finditer(text)) == expected


def test_no_surnames_no_finder() -> None:
    assert surname_pattern({}) is None
