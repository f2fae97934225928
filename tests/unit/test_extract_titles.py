"""Actor rules added after reading the unseen set's errors (tests/data/unseen/): general forms,
tested here on sentences of their own. Titles and honorifics are not part of a name."""

from __future__ import annotations

import pytest

from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.gazetteer import load_gazetteer
from reader.extract.model import SpacyModel
from reader.extract.names import name_tokens
from tests.unit.test_extract_generalise import names


@pytest.fixture(scope="module")
def rules() -> ActorExtractor:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    return ActorExtractor(gazetteer, model=None)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Mayor Anna Watkins", ["Anna", "Watkins"]),
        ("Queen Theodora", ["Theodora"]),
        ("Archbishop Desmond Tutu", ["Desmond", "Tutu"]),
        ("Baron Waqa", ["Baron", "Waqa"]),  # a given name as well as a title: left alone
    ],
)
def test_titles_before_and_after_a_name_are_not_part_of_it(words: str, expected: list[str]) -> None:
    assert name_tokens(words) == expected


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Mayor Watkins told the meeting the scheme was dead.", "Watkins"),
        ("Queen Theodora opened the hall.", "Theodora"),
    ],
)
def test_a_titled_single_name_is_a_person(rules: ActorExtractor, text: str, person: str) -> None:
    assert names(rules, text) == {person: "person"}


def test_the_place_of_a_title_is_the_state_and_the_name_after_it_the_person(
    rules: ActorExtractor,
) -> None:
    text = (
        "The Defence Minister of the Kingdom of Norway Haraldsen met the press in Oslo.\n\n"
        "Minister Haraldsen said the deal would hold."
    )
    assert names(rules, text) == {"Norway": "state", "Haraldsen": "person", "Oslo": "place"}
    assert names(rules, text, 1) == {"Haraldsen": "person"}


@pytest.mark.spacy_model
def test_titles_are_stripped_from_the_models_names() -> None:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    extractor = ActorExtractor(gazetteer, SpacyModel())
    text = (
        "Foreign Minister of the Republic of Finland Virtanen received the Secretary of State "
        "of the Republic of Chile."
    )
    assert names(extractor, text) == {"Finland": "state", "Virtanen": "person", "Chile": "state"}
