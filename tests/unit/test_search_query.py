"""The search query language: what each form parses to, and a clear message for what does not."""

from __future__ import annotations

import pytest

from reader.core.search_query import DateRange, QueryError, Term, parse_query


def words(*texts: str) -> tuple[tuple[Term, ...], ...]:
    return tuple((Term("word", t),) for t in texts)


def test_words_must_all_match() -> None:
    query = parse_query("peace  Talks")
    assert query.groups == words("peace", "Talks")
    assert not query.excluded and not query.has_filters


def test_phrases_prefixes_and_exclusions() -> None:
    query = parse_query('"peace talks" negot* -women -"human rights"')
    assert query.groups == ((Term("phrase", "peace talks"),), (Term("prefix", "negot"),))
    assert query.excluded == (Term("word", "women"), Term("phrase", "human rights"))


def test_or_binds_tighter_than_and() -> None:
    query = parse_query('taliban kabul OR "doha talks" OR qatar')
    assert query.groups == (
        (Term("word", "taliban"),),
        (Term("word", "kabul"), Term("phrase", "doha talks"), Term("word", "qatar")),
    )
    assert parse_query("kabul or doha").groups == words("kabul", "or", "doha")  # only OR


def test_filters() -> None:
    query = parse_query('actor:Norway actor:"United States" doc:qatar-peace-dialogue talks')
    assert query.actors == ("Norway", "United States")
    assert query.docs == ("qatar-peace-dialogue",)
    assert query.groups == words("talks")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date:2022", DateRange("2022", "2022")),
        ("date:2021-08..", DateRange("2021-08", None)),
        ("date:..2022-03-15", DateRange(None, "2022-03-15")),
        ("date:2021-Q3..2022-W05", DateRange("2021-Q3", "2022-W05")),
        ("DATE:2020..2021", DateRange("2020", "2021")),
    ],
)
def test_date_ranges(text: str, expected: DateRange) -> None:
    assert parse_query(text).dates == (expected,)


def test_a_query_of_filters_alone_parses() -> None:
    query = parse_query("actor:Norway date:2021..")
    assert query.groups == () and query.has_filters
    assert parse_query("actor:Norway -women").excluded == (Term("word", "women"),)


def test_punctuation_alone_is_not_a_word() -> None:
    assert parse_query("talks — & ").groups == words("talks")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "type a word"),
        ("   ", "type a word"),
        ("— &", "type a word"),
        ("-women", "not only words to exclude"),
        ('"peace talks', "not closed"),
        ('peace "talks', "not closed"),
        ("OR kabul", "OR must stand between"),
        ("kabul OR", "OR must stand between"),
        ("kabul OR OR doha", "OR must stand between"),
        ("kabul OR -doha", "OR cannot join an excluded word"),
        ("kabul OR actor:Norway", "OR joins words or phrases, not filters"),
        ("talks place:Doha", "unknown filter 'place:'"),
        ("-actor:Norway talks", "a filter cannot be excluded"),
        ("actor: talks", "'actor:' needs a value"),
        ('actor:"" talks', "'actor:' needs a value"),
        ("date:yesterday", "not a date: 'yesterday'"),
        ("date:2021-13", "not a date: '2021-13'"),
        ("date:2021-02-30", "not a date"),
        ("date:..", "at least one end"),
        ("date:2020..2021..2022", "one '..'"),
        ("*", "'*' must end a word"),
        ("ne*go", "'*' must end a word"),
    ],
)
def test_bad_queries_say_why(text: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse_query(text)
    assert message in str(raised.value)
