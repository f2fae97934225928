"""Actor rules added after measuring the held-out set (tests/data/heldout/): general forms of news
English, tested here on sentences of their own."""

from __future__ import annotations

import pytest

from reader.core.actors import DocumentActors
from reader.core.model import DocId, DocumentMeta
from reader.corpus.loader import build_document
from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.gazetteer import load_gazetteer, parse_gazetteer, render_gazetteer
from reader.extract.model import SpacyModel


@pytest.fixture(scope="module")
def rules() -> ActorExtractor:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    return ActorExtractor(gazetteer, model=None)


def _extract(extractor: ActorExtractor, text: str) -> DocumentActors:
    meta = DocumentMeta(id=DocId("t"), file="t.txt", title="t")
    return extractor.extract(build_document(meta, text + "\n"))


def names(extractor: ActorExtractor, text: str, passage: int = 0) -> dict[str, str]:
    found = _extract(extractor, text).passages[passage]
    return {am.actor.name: am.actor.kind for am in found.actors}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kremlin rejected the plan.", {"Russia": "state"}),
        ("Ministers asked about the position of the Kremlin.", {"Russia": "state"}),
        ("The ball is in the Kremlin's court.", {"Russia": "state"}),
        ("The Elysee hopes to block the deal.", {"France": "state"}),
        ("She returned to the White House last month.", {}),
        ("A dinner was held in the Kremlin.", {}),
    ],
)
def test_seats_of_government_are_the_state_unless_a_mere_location(
    rules: ActorExtractor, text: str, expected: dict[str, str]
) -> None:
    assert names(rules, text) == expected


def test_seats_are_a_gazetteer_key_that_round_trips() -> None:
    text = 'schema = 1\n[[actor]]\nname = "Utopia"\nkind = "state"\nseats = ["the Palace"]\n'
    entries = parse_gazetteer(text, "user")
    assert entries[0].seats == ("the Palace",)
    assert parse_gazetteer(render_gazetteer(entries), "user")[0].seats == ("the Palace",)


def test_a_documents_own_abbreviation_beats_the_gazetteers(rules: ActorExtractor) -> None:
    text = (
        "The match was arranged by the International Cricket Council (ICC) in Dubai.\n\n"
        "The ICC hopes the teams meet again."
    )
    assert names(rules, text, 1) == {"International Cricket Council": "organization"}
    # Without a definition, ICC is the gazetteer's court.
    assert names(rules, "The ICC issued a warrant.") == {
        "International Criminal Court": "organization"
    }


def test_a_defined_long_form_is_one_name_even_with_a_state_inside(rules: ActorExtractor) -> None:
    text = "The Board of Control for Cricket in India (BCCI) said so."
    assert names(rules, text) == {"Board of Control for Cricket in India": "organization"}


def test_a_parenthesis_that_is_no_abbreviation_defines_nothing(rules: ActorExtractor) -> None:
    assert "Smith Jones" not in names(rules, "Said Smith Jones (left) to Norway.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EU sanctions were approved. Washington, meanwhile, voted against.", "United States"),
        ("Officials said Beijing would respond.", "China"),
    ],
)
def test_a_capital_as_subject_after_an_aside_is_the_state(
    rules: ActorExtractor, text: str, expected: str
) -> None:
    assert names(rules, text).get(expected) == "state"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("It was the first visit by a Japanese leader in years.", "Japan"),
        ("He called his Russian counterpart.", "Russia"),
        ("Egyptian mediators hosted the talks.", "Egypt"),
        ("Saudi Crown Prince Mohammed bin Salman spoke.", "Saudi Arabia"),
    ],
)
def test_demonyms_before_leaders_and_counterparts_are_the_state(
    rules: ActorExtractor, text: str, state: str
) -> None:
    assert names(rules, text).get(state) == "state"


def test_the_hague_keeps_its_article_as_a_place(rules: ActorExtractor) -> None:
    assert names(rules, "The court sits in The Hague.").get("The Hague") == "place"


def test_a_titled_name_with_particles_is_whole(rules: ActorExtractor) -> None:
    found = names(rules, "Commission President Ursula von der Leyen spoke.")
    assert "Ursula von der Leyen" in found


@pytest.mark.spacy_model
def test_model_names_are_repaired() -> None:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    model = ActorExtractor(gazetteer, SpacyModel())
    found = names(model, "He met Ursula von der Leyen and the Sahel envoy in the Niger Delta.")
    assert "Ursula von der Leyen" in found and "Niger Delta" in found and "Niger" not in found
    found = names(model, "Operation Serval began in January 2013 in Mali.")
    assert "Operation Serval" not in found


@pytest.mark.spacy_model
def test_a_headline_capital_before_its_verb_is_the_state() -> None:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    model = ActorExtractor(gazetteer, SpacyModel())
    assert names(model, "Beijing bristles as rivals tighten security ties").get("China") == "state"
    assert names(model, "Beijing hotels fill up before the games").get("China") is None


@pytest.mark.spacy_model
def test_a_short_form_the_model_calls_a_place_is_the_person() -> None:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    model = ActorExtractor(gazetteer, SpacyModel())
    text = "President Ursula von der Leyen arrived.\n\nVon der Leyen said the plan was ready."
    assert names(model, text, 1) == {"Ursula von der Leyen": "person"}


def test_every_name_of_a_credit_line_is_a_person(rules: ActorExtractor) -> None:
    found = names(rules, "By Jane Doe and Richard Roe, Africa correspondents")
    assert {"Jane Doe", "Richard Roe"} <= set(found) and "Africa" in found
    found = names(rules, "(Reporting by Jane Doe; Editing by Richard Roe)")
    assert {k for k, v in found.items() if v == "person"} == {"Jane Doe", "Richard Roe"}
