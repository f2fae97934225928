"""A name used only as a modifier inside another word is not a mention (rules added after
reading the unseen set's errors, tested on sentences of their own)."""

from __future__ import annotations

import pytest

from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.context import inside_compound
from reader.extract.gazetteer import load_gazetteer
from tests.unit.test_extract_generalise import names


@pytest.fixture(scope="module")
def rules() -> ActorExtractor:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    return ActorExtractor(gazetteer, model=None)


@pytest.mark.parametrize(
    "text",
    [
        "The fund pledged US$409 million to the programme.",
        "Oslo calls itself a near-Arctic capital.",
        "Jane Roe, the bank's chief North America economist, was cautious.",
    ],
)
def test_a_name_inside_a_compound_is_no_mention(rules: ActorExtractor, text: str) -> None:
    found = names(rules, text)
    assert not {"United States", "Arctic", "North America"} & set(found), found


def test_a_body_before_a_hyphen_and_a_regions_beat_stay_mentions(rules: ActorExtractor) -> None:
    assert names(rules, "The UN-led talks resumed.") == {"United Nations": "organization"}
    text = "By Ann Lee, Europe correspondent\n\nThe talks resumed."
    assert names(rules, text)["Europe"] == "place"


@pytest.mark.parametrize(
    ("text", "word", "kind", "expected"),
    [
        ("the Pashtun-majority south", "Pashtun", "place", True),
        ("the sub-Saharan belt", "Saharan", "place", True),
        ("the US-backed plan", "US", "state", False),
        ("talks in Europe today", "Europe", "place", False),
        ("a senior Asia strategist", "Asia", "place", True),
        ("the senior Sahel official", "Sahel", "place", True),
    ],
)
def test_inside_compound(text: str, word: str, kind: str, expected: bool) -> None:
    start = text.index(word)
    assert inside_compound(text, start, start + len(word), kind) is expected
