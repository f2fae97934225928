"""Actor extraction with the rule-based extractor (gazetteer + rules, no model): fast.

These test the normalisation rules of tests/data/GUIDELINES.md; the model's quality is measured
by tests/unit/test_extract_quality.py.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.actors import DocumentActors, PassageActors
from reader.core.model import DocId, DocumentMeta
from reader.corpus.loader import build_document
from reader.corpus.locate import resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.gazetteer import load_gazetteer
from reader.extract.model import SpacyModel


@pytest.fixture(scope="module")
def rules() -> ActorExtractor:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    return ActorExtractor(gazetteer, model=None)


def extract(extractor: ActorExtractor, text: str) -> DocumentActors:
    meta = DocumentMeta(id=DocId("t"), file="t.txt", title="t")
    return extractor.extract(build_document(meta, text))


def names(pa: PassageActors) -> dict[str, str]:
    return {am.actor.name: am.actor.kind for am in pa.actors}


def first(extractor: ActorExtractor, text: str) -> dict[str, str]:
    return names(extract(extractor, text).passages[0])


def test_the_rule_extractor_says_recall_is_reduced(rules: ActorExtractor) -> None:
    assert rules.reduced_recall


def test_a_model_that_cannot_load_falls_back_without_crashing() -> None:
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    extractor = ActorExtractor(gazetteer, SpacyModel("no_such_model_package"))
    found = first(extractor, "Norway met the Taliban in Oslo.")
    assert found == {"Norway": "state", "Taliban": "group", "Oslo": "place"}
    assert extractor.reduced_recall and "no_such_model_package" in (extractor.model_error or "")


def test_mentions_keep_exact_spans_into_the_document_text(rules: ActorExtractor) -> None:
    text = "Header line\n\nThe U.S.-funded plan and the Taliban’s reply.\n"
    result = extract(rules, text)
    body = result.passages[1]
    spans = [(m.text, text[m.start : m.end]) for am in body.actors for m in am.mentions]
    assert spans == [("U.S.", "U.S."), ("Taliban", "Taliban")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Washington has declined to attend.", {"United States": "state"}),
        ("Moscow says it keeps channels open.", {"Russia": "state"}),
        ("Kabul’s top security official spoke.", {"Afghanistan": "state"}),
        ("They held meetings in Doha last week.", {"Doha": "place"}),
        ("A conference in Moscow is planned.", {"Moscow": "place"}),
        ("The Washington Post reported it.", {"The Washington Post": "organization"}),
    ],
)
def test_a_capital_is_its_government_only_when_it_acts(
    rules: ActorExtractor, sentence: str, expected: dict[str, str]
) -> None:
    assert first(rules, sentence) == expected


def test_nationality_adjectives_and_populations_are_not_actors(rules: ActorExtractor) -> None:
    text = "Afghan women and Afghans, Russian citizens and Western countries waited."
    assert first(rules, text) == {}


def test_a_nationality_before_an_institution_is_the_state(rules: ActorExtractor) -> None:
    found = first(rules, "The Afghan government and Pakistani officials met American diplomats.")
    assert found == {"Afghanistan": "state", "Pakistan": "state", "United States": "state"}


def test_a_named_government_is_the_state_and_the_person(rules: ActorExtractor) -> None:
    text = (
        "The government of Afghanistan spoke.\n\n"
        "The Karzai Government and Solberg's Government differed.\n\n"
        "The new unity government moved quickly."
    )
    result = extract(rules, text)
    assert names(result.passages[1]) == {
        "Hamid Karzai": "person",
        "Afghanistan": "state",
        "Erna Solberg": "person",
        "Norway": "state",
    }
    assert names(result.passages[2]) == {"Afghanistan": "state"}


def test_the_governing_movement_is_the_movement(rules: ActorExtractor) -> None:
    found = first(rules, "The Taliban-led government and the Taliban regime and the IEA.")
    assert found == {"Taliban": "group"}


def test_titles_are_dropped_and_short_forms_resolve_to_the_full_name(
    rules: ActorExtractor,
) -> None:
    text = (
        "Maulvi Abdul Kabir met the envoy.\n\n"
        "Later, Deputy PM Kabir said more.\n\n"
        "President Karzai agreed."
    )
    result = extract(rules, text)
    assert names(result.passages[0]) == {"Abdul Kabir": "person"}
    assert names(result.passages[1]) == {"Abdul Kabir": "person"}
    assert names(result.passages[2]) == {"Hamid Karzai": "person"}


def test_spelling_variants_of_a_person_merge(rules: ActorExtractor) -> None:
    text = "Minister Seyed Rasul Mousavi wrote.\n\nMinister Seyed Rasoul Mousavi posted again."
    result = extract(rules, text)
    assert {n for p in result.passages for n in names(p)} == {"Seyed Rasul Mousavi"}


def test_pronouns_bare_government_and_junk_are_not_mentions(rules: ActorExtractor) -> None:
    text = "He said the government and the group would reply. Font Size: @rasmou کابل"
    assert first(rules, text) == {}


def test_chrome_passages_get_no_actors(rules: ActorExtractor) -> None:
    text = "• Home\n• Afghanistan\n• Taliban\n• Norway\n• Qatar\n\nNorway met the Taliban."
    result = extract(rules, text)
    assert result.document.passages[0].chrome
    assert result.passages[0].actors == ()
    assert names(result.passages[1]) == {"Norway": "state", "Taliban": "group"}


def test_a_dateline_capital_is_a_place_and_coordinated_capitals_share_a_role(
    rules: ActorExtractor,
) -> None:
    text = "KABUL, March 3 - Beijing and Tehran have appointed envoys; talks in London and Ottawa."
    assert first(rules, text) == {
        "Kabul": "place",
        "China": "state",
        "Iran": "state",
        "London": "place",
        "Ottawa": "place",
    }


def test_officials_named_by_nationality_are_the_state(rules: ActorExtractor) -> None:
    found = first(rules, "Chinese Foreign Ministry spokesman Wang Wenbin and the British mission.")
    assert found == {"China": "state", "Wang Wenbin": "person", "United Kingdom": "state"}


def test_short_forms_of_gazetteer_people_resolve_to_them(rules: ActorExtractor) -> None:
    text = "Zabihullah Mujahid spoke.\n\nMr. Mujahid later wrote again."
    result = extract(rules, text)
    assert names(result.passages[1]) == {"Zabihullah Mujahid": "person"}


def test_the_author_of_an_embedded_post_is_a_person(rules: ActorExtractor) -> None:
    text = "— Seyed Rasoul Mousavi سید رسول موسوی (@rasmou) January 25, 2024"
    assert first(rules, text) == {"Seyed Rasoul Mousavi": "person"}


def test_a_surname_alone_is_the_person_named_in_full_earlier(rules: ActorExtractor) -> None:
    text = "Deputy Prime Minister Abdul Salam Hanafi spoke.\n\nHanafi, however, said it was final."
    result = extract(rules, text)
    assert names(result.passages[1]) == {"Abdul Salam Hanafi": "person"}


def test_menu_and_breadcrumb_lines_give_no_actors(rules: ActorExtractor) -> None:
    text = (
        "Home » World » Asia\nNorway met the Taliban in a long meeting about peace, the economy "
        "and the rights of women and girls, officials of both sides said on Monday evening."
    )
    result = extract(rules, text)
    assert not result.document.passages[0].chrome
    assert names(result.passages[0]) == {"Norway": "state", "Taliban": "group"}


def test_a_partial_alias_inside_another_bodys_name_is_not_that_body(
    rules: ActorExtractor,
) -> None:
    found = first(rules, "The White House referred questions to the National Security Council.")
    assert "UN Security Council" not in found
    assert first(rules, "The Security Council met.") == {"UN Security Council": "organization"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The attack in Kabul's Dasht-e-Barchi neighbourhood.", {"Kabul": "place"}),
        ("They urged the Kabul government to act.", {"Afghanistan": "state"}),
        ("Brussels insists on conditions.", {"European Union": "organization"}),
    ],
)
def test_what_a_capital_stands_for_depends_on_its_neighbours(
    rules: ActorExtractor, sentence: str, expected: dict[str, str]
) -> None:
    assert first(rules, sentence) == expected


_words = st.sampled_from(
    [
        "Kabul",
        "Kabul’s",
        "Taliban",
        "the",
        "President",
        "Karzai",
        "Government",
        "Afghan",
        "government",
        "in",
        "said",
        "US",
        "U.S.",
        "—",
        "(@x)",
        "Maulvi",
        "Abdul",
        "Kabir",
        "»",
        "\n",
        "\n\n",
        ",",
        "and",
        "کابل",
        "Mr.",
        "Doha",
        "Washington",
        "Post",
        "New",
        "Delhi",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_words, max_size=40))
def test_extraction_never_crashes_and_mentions_are_exact_spans(
    rules: ActorExtractor, words: list[str]
) -> None:
    text = " ".join(words)
    result = extract(rules, text)
    for p, pa in zip(result.document.passages, result.passages, strict=True):
        assert not (p.chrome and pa.actors)
        for am in pa.actors:
            assert am.mentions
            for m in am.mentions:
                assert p.start <= m.start < m.end <= p.end
                assert text[m.start : m.end] == m.text


def test_middle_initials_do_not_split_a_person(rules: ActorExtractor) -> None:
    text = (
        "Secretary Antony J. Blinken spoke.\n\n"
        "Minister Laurel B. Miller met Minister Laurel Miller."
    )
    result = extract(rules, text)
    assert names(result.passages[0]) == {"Antony Blinken": "person"}
    assert names(result.passages[1]) == {"Laurel B. Miller": "person"}
