"""Finding and normalising dates: the expressions the reader must read, and what it must not."""

from __future__ import annotations

import pytest

from reader.core.dates import DateMention
from reader.core.model import DocId, Passage
from reader.extract.dates import dates_by_passage, find_dates


def _values(text: str, reference: str | None = "2024-01-25") -> list[tuple[str, str | None]]:
    return [(m.text, m.value) for m in find_dates(text, reference)]


def _one(text: str, reference: str | None = "2024-01-25") -> DateMention:
    found = find_dates(text, reference)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected", "value", "granularity"),
    [
        ("In 2006, Norway decided.", "2006", "2006", "year"),
        ("held from September 2020 on", "September 2020", "2020-09", "month"),
        ("in Oslo on 23–25 January 2022.", "23–25 January 2022", "2022-01-23/2022-01-25", "day"),
        ("on January 23-25, 2022 they met", "January 23-25, 2022", "2022-01-23/2022-01-25", "day"),
        ("adopted on December 29, 2023, mandates", "December 29, 2023", "2023-12-29", "day"),
        ("on 29th December 2023", "29th December 2023", "2023-12-29", "day"),
        ("the 4th of July 1776", "the 4th of July 1776", "1776-07-04", "day"),
        ("Thursday, July 4th, 2024 was hot", "Thursday, July 4th, 2024", "2024-07-04", "day"),
        ("dated 2023-12-25 here", "2023-12-25", "2023-12-25", "day"),
        ("dated 25.12.2023 here", "25.12.2023", "2023-12-25", "day"),
        ("dated 12/25/2023 here", "12/25/2023", "2023-12-25", "day"),
        ("the 2019–2021 period", "2019–2021", "2019/2021", "year"),
        ("the 2019-20 season", "2019-20", "2019/2020", "year"),
        ("fiscal year 2022/23 data", "2022/23", "2022/2023", "year"),
        ("January–March 2022 was cold", "January–March 2022", "2022-01/2022-03", "month"),
        ("in Q4 2023 sales", "Q4 2023", "2023-Q4", "quarter"),
        ("the third quarter of 2022", "the third quarter of 2022", "2022-Q3", "quarter"),
        ("in the summer of 2019 it rained", "the summer of 2019", "2019-SU", "season"),
        ("during the 1990s wars", "the 1990s", "199", "decade"),
        ("in the ’80s", "the ’80s", "198", "decade"),
        ("music of the sixties", "the sixties", "196", "decade"),
        ("the 19th century saw", "the 19th century", "18", "century"),
        ("twenty-first century skills", "twenty-first century", "20", "century"),
    ],
)
def test_absolute_dates(text: str, expected: str, value: str, granularity: str) -> None:
    mention = _one(text)
    assert (mention.text, mention.value, mention.granularity) == (expected, value, granularity)
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "expected", "value", "mod"),
    [
        ("At the end of last year, Kazakhstan decided", "the end of last year", "2023", "END"),
        ("collapsed in the early 1990s.", "the early 1990s", "199", "START"),
        ("by mid-2022 prices", "mid-2022", "2022", "MID"),
        ("in late 2019 he left", "late 2019", "2019", "END"),
        ("the beginning of the 1980s", "the beginning of the 1980s", "198", "START"),
        ("built around 2010 by", "around 2010", "2010", "APPROX"),
        ("the early twentieth century", "the early twentieth century", "19", "START"),
        ("earlier this year we met", "earlier this year", "2024", None),
        ("early next year we go", "early next year", "2025", "START"),
    ],
)
def test_qualified_dates(text: str, expected: str, value: str, mod: str | None) -> None:
    mention = _one(text)
    assert (mention.text, mention.value, mention.mod) == (expected, value, mod)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Reference: Thursday 25 January 2024.
        ("Next week, Kabul is set to host a meeting.", "2024-W05"),
        ("We met last week.", "2024-W03"),
        ("this week", "2024-W04"),
        ("It happened last year.", "2023"),
        ("It will happen next year.", "2025"),
        ("last month", "2023-12"),
        ("this month", "2024-01"),
        ("last quarter", "2023-Q4"),
        ("She arrived yesterday.", "2024-01-24"),
        ("He leaves tomorrow.", "2024-01-26"),
        ("Today, we talk.", "2024-01-25"),
        ("Two years ago, it rained.", "2022"),
        ("three days ago", "2024-01-22"),
        ("a week ago", "2024-W03"),
        ("the dialogue initiated in Doha last May", "2023-05"),
        ("we hope to meet next May", "2024-05"),
        ("the meeting is planned for Monday.", "2024-01-29"),
        ("he said Tuesday, according to CNN.", "2024-01-23"),
        ("last Tuesday he left", "2024-01-23"),
        ("He met them in July in Doha.", "2023-07"),
        ("They will meet in July.", "2024-07"),
        ("They met last summer.", "2023-SU"),
    ],
)
def test_relative_dates_resolve_against_the_reference(text: str, value: str) -> None:
    assert _one(text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The talks, set for Sept. 4, will include", "2024-09-04"),
        ("They met on January 22 in Kabul.", "2024-01-22"),
        ("He had visited on December 3.", "2023-12-03"),
        ("The vote will take place on January 3.", "2025-01-03"),
        ("a conference on February 18-19.", "2024-02-18/2024-02-19"),
        ("The summit is scheduled for 3 March.", "2024-03-03"),
        ("On January 3, the minister will travel to Doha.", "2025-01-03"),
        ("Previously, on January 22, Kabulov, without details, stated that", "2024-01-22"),
    ],
)
def test_yearless_dates_take_the_year_the_tense_points_to(text: str, value: str) -> None:
    assert _one(text).value == value


def test_a_cue_in_an_aside_does_not_set_the_tense() -> None:
    found = _values("The plan, announced in March, takes effect Jan. 1.", "1989-10-26")
    assert found == [("March", "1989-03"), ("Jan. 1", "1990-01-01")]


def test_a_weekday_named_with_a_date_picks_its_year() -> None:
    assert _one("It was held on Friday, 24 September.", "2021-09-15").value == "2021-09-24"
    assert _one("They met on Friday, 24 September.", "2021-09-15").value == "2021-09-24"


def test_future_auxiliaries_outweigh_the_participle_they_govern() -> None:
    assert _one("The next meeting will be held on 3 December.", "2021-09-15").value == "2021-12-03"


def test_a_year_less_start_borrows_the_year_of_the_date_it_runs_to() -> None:
    assert _values("the period from 1 January to 30 June 2021", "2022-03-01") == [
        ("1 January", "2021-01-01"),
        ("30 June 2021", "2021-06-30"),
    ]


def test_a_weekday_after_a_verb_is_a_date_even_before_a_name() -> None:
    assert _one("Lavrov said Tuesday Moscow would host talks.", "2018-08-22").value == "2018-08-21"


def test_the_same_weekday_as_the_reference_is_that_day() -> None:
    assert _one("In a Wednesday meeting, he said", "2018-08-22").value == "2018-08-22"


@pytest.mark.parametrize(
    "text",
    [
        "After 17 years of war, peace.",
        "a two-day unofficial peace talks",
        "the meeting happens every week",
        "each Tuesday we meet",
        "He said 2000 troops were sent.",
        "Resolution 2721 was adopted.",
        "It cost $2000.",
        "Taliban spring offensive",
        "the Arab Spring protests",
        "the fall of Kabul",
        "May we go now?",
        "In recent weeks the talks slowed; recently, now, soon.",
        "over the past two years",
        "in the last year",
        "@ARG_1880",
        "Mar is a name; Jan said so.",
        "A man in his forties.",
        "They stayed in the Summer Palace; the Winter Olympics.",
        "The last Tuesday of the month is payday.",
        "The Sunday Times reporter met Mr. Friday.",
        "Black Friday sales; Sunday Times reporter.",
        "Call +93 2020 1234; see pp. 2010-2015.",
    ],
)
def test_durations_sets_and_non_dates_are_not_dates(text: str) -> None:
    assert find_dates(text, "2024-01-25") == []


def test_a_thousands_separator_is_not_a_day() -> None:
    assert _values("In March 1,200 troops left.") == [("March", "2023-03")]


def test_unresolvable_dates_keep_a_null_value() -> None:
    assert _values("He said Tuesday that they met last May.", None) == [
        ("Tuesday", None),
        ("last May", None),
    ]
    # A year is too coarse to place a weekday: never a made-up day.
    assert _one("He said Tuesday.", "2022").value is None
    assert _one("The following year, he left.").value is None


def test_a_year_reference_still_gives_year_less_dates_their_year() -> None:
    assert _one("They met on 3 March.", "2022").value == "2022-03-03"


def test_narrative_time_places_what_the_published_date_cannot() -> None:
    text = "On March 3, 2020 the talks opened. On Tuesday they stalled."
    assert _values(text, "2022") == [("March 3, 2020", "2020-03-03"), ("Tuesday", "2020-03-03")]
    assert _values(text, None)[1] == ("Tuesday", "2020-03-03")


def test_a_year_stated_earlier_in_the_sentence_places_a_year_less_date() -> None:
    assert _values("In 2019, talks began on March 3.", "2024-01-25") == [
        ("2019", "2019"),
        ("March 3", "2019-03-03"),
    ]
    assert _values("On 3 March 2020 they met, and on 5 April again.", "2024-01-25") == [
        ("3 March 2020", "2020-03-03"),
        ("5 April", "2020-04-05"),
    ]
    # Not across sentences, and not when the sentence speaks of what is still to come.
    assert _values("In 2019, talks began. They met on March 3.", "2024-01-25")[1] == (
        "March 3",
        "2023-03-03",
    )
    assert _values("The 2019 accord will be reviewed on March 3.", "2024-01-25")[1] == (
        "March 3",
        "2024-03-03",
    )


def test_anaphoric_dates_follow_the_text() -> None:
    text = "In 2010 he left. The following year he returned. That year was hard."
    assert [v for _, v in _values(text)] == ["2010", "2011", "2011"]
    text = "It collapsed in the early 1990s, after fighting throughout the previous decade."
    assert [v for _, v in _values(text, "2018-08-22")] == ["199", "198"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("پیش از نشست دوحه (28 بهمن) برگزار می شود", "2024-02-17"),
        ("در ۲۸ بهمن ۱۴۰۲", "2024-02-17"),
        ("در ۱ حمل ۱۴۰۳", "2024-03-20"),
        ("هفته آینده کابل", "2024-W05"),
        ("امروز در دفتر", "2024-01-25"),
        ("نشست روز دوشنبه در کابل برگزار می شود", "2024-01-29"),
        ("سه‌شنبه گذشته وزیر گفت", "2024-01-23"),
        ("در ۲۵ ژانویه ۲۰۲۴", "2024-01-25"),
        ("پیش از نشست ۱۸ فوریه", "2024-02-18"),
    ],
)
def test_persian_dates(text: str, value: str) -> None:
    assert _one(text).value == value


def _passage(index: int, start: int, end: int, chrome: bool = False) -> Passage:
    return Passage(DocId("d"), index, start, end, chrome)


def test_dates_by_passage_gives_document_offsets_and_skips_chrome() -> None:
    text = "May 8, 2024 menu\n\nThey met on January 22.\n\nNext week, more."
    passages = [_passage(0, 0, 16, chrome=True), _passage(1, 18, 41), _passage(2, 43, 59)]
    found = dates_by_passage(text, passages, "2024-01-25")
    assert found[0] == []
    assert [(m.text, m.value) for m in found[1]] == [("January 22", "2024-01-22")]
    assert [(m.text, m.value) for m in found[2]] == [("Next week", "2024-W05")]
    for mentions in found:
        for mention in mentions:
            assert text[mention.start : mention.end] == mention.text


def test_a_corrected_published_date_re_resolves() -> None:
    text = "They met on Tuesday."
    passages = [_passage(0, 0, len(text))]
    first = dates_by_passage(text, passages, "2018-08-22")[0][0].value
    second = dates_by_passage(text, passages, "2019-01-10")[0][0].value
    assert (first, second) == ("2018-08-21", "2019-01-08")


def test_extra_spans_are_kept_unless_they_are_spans_of_time() -> None:
    text = "After 17 years of war, on Tuesday, in the Hijri month of Ramadan."
    spans = [(6, 14), (26, 33), (42, 65)]
    found = find_dates(text, "2018-08-22", extra_spans=spans)
    assert [(m.text, m.value) for m in found] == [
        ("Tuesday", "2018-08-21"),
        ("Hijri month of Ramadan.", None),
    ]
