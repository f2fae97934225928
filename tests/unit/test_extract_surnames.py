"""A surname alone is the person named in full earlier in the document; a family is nobody
(rules added after reading the unseen set's errors, tested on sentences of their own).

The model's spans are given by hand (``RawSpan``), so these tests pin the resolution rules
whatever a model version would tag."""

from __future__ import annotations

import pytest

from reader.core.model import DocId, DocumentMeta
from reader.corpus.loader import build_document
from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.context import names_a_family
from reader.extract.gazetteer import load_gazetteer
from reader.extract.model import RawSpan


@pytest.fixture(scope="module")
def extractor() -> ActorExtractor:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    return ActorExtractor(gazetteer, model=None)


def _span(text: str, word: str, label: str, nth: int = 0) -> RawSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return RawSpan(label, start, start + len(word))


def _resolve(
    extractor: ActorExtractor, passages: list[str], raw: dict[int, list[RawSpan]]
) -> list[set[str]]:
    meta = DocumentMeta(id=DocId("t"), file="t.txt", title="t")
    doc = build_document(meta, "\n\n".join(passages) + "\n")
    result = extractor.resolve(doc, raw)
    return [{am.actor.name for am in p.actors} for p in result.passages]


def test_a_surname_the_model_calls_a_place_is_the_person_named_earlier(
    extractor: ActorExtractor,
) -> None:
    first = "Police detained the activist Peter Otieno Wekesa at his home."
    second = "Lawyers for Wekesa said he was beaten. Wekesa, for his part, denied it."
    raw = {
        0: [_span(first, "Peter Otieno Wekesa", "PERSON")],
        1: [_span(second, "Wekesa", "GPE"), _span(second, "Wekesa", "ORG", 1)],
    }
    assert _resolve(extractor, [first, second], raw) == [
        {"Peter Otieno Wekesa"},
        {"Peter Otieno Wekesa"},
    ]


def test_a_family_is_nobody_and_a_given_name_the_parser_joined_is_kept(
    extractor: ActorExtractor,
) -> None:
    text = (
        "The vote ended the rule of the Perera and Fonseka families. "
        "Amal Perera, who led for a decade, did not run."
    )
    raw = {
        0: [
            _span(text, "Perera", "LOC"),
            _span(text, "Perera", "PERSON", 1),
            RawSpan("DEP:compound", text.index("Amal"), text.index("Amal") + 4),
            _span(text, "Perera", "DEP:nsubj", 1),
        ]
    }
    assert _resolve(extractor, [text], raw) == [{"Amal Perera"}]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("the Rossi family", "Rossi", True),
        ("the Rossi and Bianchi families", "Rossi", True),
        ("the Rossi, Bianchi and Conti clans", "Rossi", True),
        ("Rossi said the family was safe", "Rossi", False),
    ],
)
def test_names_a_family(text: str, word: str, expected: bool) -> None:
    assert names_a_family(text, text.index(word) + len(word)) is expected
