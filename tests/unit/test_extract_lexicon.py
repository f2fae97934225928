"""The actor rules' word lists as data (resources/lexicons/actors.toml): every group says why its
words are there, and words that had come from evaluation documents stay out (issue 24)."""

from __future__ import annotations

from reader.extract import names
from reader.extract.lexicon import _lexicons, reasons, words

# Entries that had been added because an evaluation document (tests/data/heldout, unseen) used
# them; removed in issue 24 so that no lexicon entry comes from a test document.
FROM_EVALUATION_DOCUMENTS = {
    "title_words": {"cllr", "councillor", "councilor", "alderman", "empress"},
    "post_titles": {"pasha", "bey", "effendi", "agha"},
    "generic_words": {"federated"},
}


def _lists() -> list[str]:
    return [name for name, value in _lexicons().items() if isinstance(value, dict)]


def test_every_list_says_what_it_is_for_and_every_group_why() -> None:
    for name in _lists():
        assert _lexicons()[name]["about"].strip(), name
        for why, group in reasons(name):
            assert why.strip() and group, (name, why)
            assert all(w == w.casefold() and w.strip() == w and w for w in group), (name, why)


def test_no_word_is_listed_twice_in_one_list() -> None:
    for name in _lists():
        listed = [w for _, group in reasons(name) for w in group]
        assert len(listed) == len(set(listed)), name


def test_the_rules_read_the_lists_from_the_file() -> None:
    assert words("title_words") == names.TITLE_WORDS
    assert words("generic_words") == names.GENERIC_WORDS
    assert words("name_particles") == names.NAME_PARTICLES


def test_words_from_evaluation_documents_stay_out() -> None:
    for name, removed in FROM_EVALUATION_DOCUMENTS.items():
        assert not removed & words(name), name
