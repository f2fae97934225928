"""Actor rules of issue 24, tested on sentences of their own (fixes were guided by tests/data/dev/,
never by the frozen blind set): picture credits and captions, datelines, alphanumeric groupings,
place words as given names, office phrases around names, and different people with similar names
kept apart."""

from __future__ import annotations

import pytest

from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.gazetteer import load_gazetteer
from reader.extract.model import SpacyModel
from reader.extract.names import is_short_form, is_variant, same_word
from tests.unit.test_extract_generalise import names


@pytest.fixture(scope="module")
def rules() -> ActorExtractor:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    return ActorExtractor(gazetteer, model=None)


@pytest.fixture(scope="module")
def with_model() -> ActorExtractor:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    return ActorExtractor(gazetteer, SpacyModel())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tom Martin", "Tim Morton"),
        ("Dan Smith", "Dean Smith"),
        ("Ryan Lee", "Ron Lee"),
        ("Tom Martin", "Tom Morton"),
    ],
)
def test_different_people_with_similar_names_are_not_variants(a: str, b: str) -> None:
    assert not is_variant(a.split(), b.split())


def test_a_lone_surname_is_not_the_short_form_of_a_similar_one() -> None:
    assert not is_short_form(["Morton"], ["Tom", "Martin"])
    assert is_short_form(["Martin"], ["Tom", "Martin"])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rasul", "Rasoul"),
        ("Asatrian", "Asatryan"),
        ("Zelensky", "Zelenskiy"),
        ("Antonio", "António"),
    ],
)
def test_transliterations_one_vowel_apart_are_one_name(a: str, b: str) -> None:
    assert same_word(a, b)


def test_similar_people_in_one_document_stay_apart(rules: ActorExtractor) -> None:
    text = (
        "Spokesman Tom Martin said the talks would go on. Senator Tim Morton disagreed. "
        "Minister Dan Smith and Senator Dean Smith spoke later. Mayor Ryan Lee and Governor Ron "
        "Lee agreed."
    )
    found = names(rules, text)
    assert {"Tom Martin", "Tim Morton", "Dan Smith", "Dean Smith", "Ryan Lee", "Ron Lee"} <= set(
        found
    )


@pytest.mark.parametrize(
    ("text", "person", "not_actors"),
    [
        ("In Aden. Photo: Saleh Obaidi/AFP", "Saleh Obaidi", ["Agence France-Presse"]),
        ("The leaders meet at the palace. Photo: Enkh/Reuters", None, ["Reuters", "Enkh"]),
        ("The minister waves to the crowd. (Getty Images)", None, ["Getty Images"]),
        ("The two leaders shake hands in the hall. WAM photo", None, ["WAM"]),
        ("The envoy at the UN office, 14 Al-Mualla Street.", None, ["Al-Mualla Street"]),
    ],
)
def test_picture_credits_and_caption_addresses(
    rules: ActorExtractor, text: str, person: str | None, not_actors: list[str]
) -> None:
    found = names(rules, text)
    if person:
        assert found.get(person) == "person"
    assert not set(not_actors) & set(found)


@pytest.mark.spacy_model
def test_a_dateline_city_in_capitals_is_the_place(with_model: ActorExtractor) -> None:
    found = names(with_model, "ADEN, Yemen (AFP) — The talks resumed on Tuesday.")
    assert found.get("Aden") == "place"


@pytest.mark.parametrize(
    ("text", "grouping"),
    [
        ("The statement was backed by the E3 and others.", "E3"),
        ("G20 leaders met on Saturday.", "G20"),
        ("The P5 members disagreed.", "P5"),
    ],
)
def test_alphanumeric_groupings_are_bodies(rules: ActorExtractor, text: str, grouping: str) -> None:
    assert grouping in names(rules, text)


def test_a_model_number_is_no_grouping(rules: ActorExtractor) -> None:
    assert not names(rules, "The A4 road was closed and an F16 flew over.")


@pytest.mark.parametrize(
    ("text", "person", "place"),
    [
        ("Her colleague Chad Martin, a farmer, joined them.", "Chad Martin", "Chad"),
        ("The rally was led by Jordan Bardella, who spoke.", "Jordan Bardella", "Jordan"),
        ("Reporters asked Paris Morgan about the deal.", "Paris Morgan", "Paris"),
    ],
)
def test_a_place_word_before_a_surname_is_a_person_without_the_model(
    rules: ActorExtractor, text: str, person: str, place: str
) -> None:
    found = names(rules, text)
    assert found.get(person) == "person" and place not in found


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("Troops left Chad Monday.", "Chad Monday"),
        ("In Jordan Valley farms, work stopped.", "Jordan Valley"),
        ("The Lake Chad Basin dried up.", "Chad Basin"),
        ("The Envoy for Chad Dag Nylander spoke.", "Chad Dag"),
    ],
)
def test_a_place_before_a_feature_or_common_word_is_no_person(
    rules: ActorExtractor, text: str, not_a_person: str
) -> None:
    assert not_a_person not in names(rules, text)


def test_an_office_portfolio_is_not_part_of_the_name() -> None:
    from reader.extract.candidates import _portfolio_length

    text = "European Commissioner for Trade Maros Sefcovic met farmers."
    start = text.index("Trade")
    end = text.index(" met")
    assert text[start + _portfolio_length(text, start, end) : end] == "Maros Sefcovic"


def test_an_arabic_article_joins_the_surname() -> None:
    from reader.extract.candidates import _with_particles

    text = "Chairman Rashad al-Alimi said"
    assert text[9 : _with_particles(text, 9, 15)] == "Rashad al-Alimi"


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The US Special Envoy for Sudan, Tom Perriello, said the talks failed.", "Tom Perriello"),
        ("The agency's director, Maria Lopez, said funding was short.", "Maria Lopez"),
        ("Dan Smith, a lobbyist for French farmers, called the deal a betrayal.", "Dan Smith"),
        ("Tim Morton, a British trade analyst, said the deal would survive.", "Tim Morton"),
        ("Ryan Lee, the Commission's new chief economist, spoke on Thursday.", "Ryan Lee"),
    ],
)
def test_a_name_beside_an_office_or_occupation_is_a_person(
    rules: ActorExtractor, text: str, person: str
) -> None:
    assert names(rules, text).get(person) == "person"


def test_a_place_beside_a_description_is_no_person(rules: ActorExtractor) -> None:
    assert not names(rules, "Catatumbo, a coca-growing region south of the city, saw fighting.")


@pytest.mark.parametrize(
    "with_the_model", [False, pytest.param(True, marks=pytest.mark.spacy_model)]
)
def test_the_holder_of_an_office_for_a_place_is_named_after_it(
    rules: ActorExtractor, with_model: ActorExtractor, with_the_model: bool
) -> None:
    extractor = with_model if with_the_model else rules
    found = names(extractor, "Norwegian Special Envoy for Colombia Dag Nylander met them.")
    assert found.get("Dag Nylander") == "person" and found.get("Colombia") == "state"
    assert "Colombia Dag" not in found


@pytest.mark.spacy_model
def test_a_body_before_an_office_and_its_holder_keeps_its_name(with_model: ActorExtractor) -> None:
    found = names(with_model, "National Assembly Speaker Woo Won-shik received the delegation.")
    assert found == {"National Assembly": "organization", "Woo Won-shik": "person"}


@pytest.mark.parametrize(
    "text", ["Kenyan troops arrived, and Jamaican soldiers followed.", "Nigerian forces patrolled."]
)
def test_a_nationality_before_soldiers_or_troops_is_the_state(
    rules: ActorExtractor, text: str
) -> None:
    found = names(rules, text)
    assert found and set(found.values()) == {"state"}


def test_a_title_word_before_an_arabic_article_is_a_given_name() -> None:
    from reader.extract.names import strip_titles

    assert strip_titles(["Sultan", "al-Barakani"]) == ["Sultan", "al-Barakani"]
    assert strip_titles(["Speaker", "Sultan", "al-Barakani"]) == ["Sultan", "al-Barakani"]
    assert strip_titles(["Sultan", "Qaboos"]) == ["Qaboos"]


def test_a_titled_surname_takes_its_full_name_without_the_portfolio(
    rules: ActorExtractor,
) -> None:
    text = (
        "European Commissioner for Trade Maros Sefcovic met farm ministers.\n\n"
        "Commissioner Sefcovic said the deal would hold."
    )
    assert names(rules, text, 1) == {"Maros Sefcovic": "person"}


@pytest.mark.parametrize(
    ("text", "person"),
    [("By Georgia Lambert", "Georgia Lambert"), ("President Chad Martin spoke.", "Chad Martin")],
)
def test_a_person_found_by_a_rule_is_not_the_place_inside_the_name(
    rules: ActorExtractor, text: str, person: str
) -> None:
    assert names(rules, text) == {person: "person"}


@pytest.mark.parametrize(
    "with_the_model", [False, pytest.param(True, marks=pytest.mark.spacy_model)]
)
def test_a_byline_beat_names_the_reporter_and_no_body(
    rules: ActorExtractor, with_model: ActorExtractor, with_the_model: bool
) -> None:
    extractor = with_model if with_the_model else rules
    text = "By Will Racke\nWill Racke Immigration and Foreign Policy Reporter"
    found = names(extractor, text)
    assert found == {"Will Racke": "person"}


def test_a_sentence_ending_in_a_job_word_is_no_beat_line(rules: ActorExtractor) -> None:
    found = names(rules, "The Taliban met Norway's envoy, said a Reuters reporter.")
    assert found.get("Taliban") == "group" and found.get("Norway") == "state"
