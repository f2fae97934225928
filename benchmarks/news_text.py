"""Generate varied news-like text of a given size for the scaling benchmark.

Repeating one article hides super-linear growth (the same few people and definitions, however
long the text), so every article introduces people, bodies and abbreviations of its own, named
from generated syllables, and refers back to people met earlier in the text: the document's set
of people, surnames and definitions grows with its length as in a real collection of news.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    """Return the words of a word list in code; an underscore stands for a space inside one."""
    return [w.replace("_", " ") for w in text.split()]


_ONSETS = _words("b c d f g h k l m n p r s t v z br dr gr kr pr tr st sh ch")
_VOWELS = _words("a e i o u ai ei ou ia")
_CODAS = ["", "", "", "n", "r", "l", "s", "k", "m", "nd", "rt", "sk"]
_FIRST = _words(
    "Amara Boris Carmen Dmitri Elena Farid Grace Hamid Ines Jonas Karin Leila Marco Nadia Omar "
    "Petra Rafael Sofia Tariq Ursula Viktor Wanjiru Yusuf Zara Anil Beatriz Chen Dalia Emeka "
    "Fatima Goran Hana Ivan Jamal Kofi Lucia Mateo Noor Olga Pavel Rania Samir Tomas Uma Vera"
)
_TITLES = _words("President Minister Senator General Ambassador Dr Mr Ms Governor Mayor")
_STATES = _words(
    "Kenya France Brazil Indonesia Norway Chile Ghana Poland Japan Egypt Canada Peru Mexico "
    "Nigeria Sweden Turkey Vietnam Morocco Germany Argentina"
)
_CAPITALS = _words("Nairobi Paris Brasilia Jakarta Oslo Santiago Accra Warsaw Tokyo Cairo")
_ADJECTIVES = _words("Northern Southern Eastern Western Central Coastal Highland Riverine")
_TOPICS = _words("Grain Water Maritime Energy Rail Health Fisheries Mining Textile Labour")
_BODIES = _words("Council Commission Agency Assembly Alliance Institute Foundation League")
_VERBS = _words(
    "review_the_agreement resume_talks publish_its_report lift_the_tariffs open_an_inquiry"
)
_MONTHS = _words("January February March April May June July August September October November")
_RELATIVE = _words(
    "last_week next_month on_Tuesday earlier_this_year the_following_year that_month "
    "two_days_later in_the_spring by_the_end_of_the_year the_previous_day"
)


@dataclass
class _Person:
    first: str
    last: str
    title: str
    state: str


@dataclass
class _Body:
    long: str
    abbr: str


class NewsWriter:
    """Write articles with new people and bodies, each referring to some met before."""

    def __init__(self, seed: int = 26) -> None:
        self.rng = random.Random(seed)
        self.people: list[_Person] = []
        self.bodies: list[_Body] = []
        self._surnames: set[str] = set()
        self.year = 1990

    def _word(self, syllables: int) -> str:
        rng = self.rng
        parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)]
        parts += [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables - 1)]
        return "".join(parts).capitalize()

    def _new_person(self) -> _Person:
        last = self._word(self.rng.choice((2, 3, 3)))
        while last in self._surnames:
            last = self._word(3)
        self._surnames.add(last)
        first = self.rng.choice(_FIRST) if self.rng.random() < 0.6 else self._word(2)
        person = _Person(first, last, self.rng.choice(_TITLES), self.rng.choice(_STATES))
        self.people.append(person)
        return person

    def _new_body(self) -> _Body:
        rng = self.rng
        words = [self._word(2) + "ian", rng.choice(_ADJECTIVES), rng.choice(_TOPICS)]
        words = [*words[rng.randrange(2) :], rng.choice(_BODIES)]
        body = _Body(" ".join(words), "".join(w[0] for w in words))
        self.bodies.append(body)
        return body

    def _known(self) -> _Person:
        # Mostly someone recent, sometimes anyone met before: clusters stay live all along.
        recent = self.people[-12:]
        return self.rng.choice(recent if self.rng.random() < 0.7 else self.people)

    def _date(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            month = rng.choice(_MONTHS)
            return f"on {rng.randint(1, 28)} {month} {self.year}"
        return rng.choice(_RELATIVE)

    def _sentence(self, a: _Person, b: _Person, body: _Body) -> str:
        rng = self.rng
        verb = rng.choice(_VERBS)
        templates = (
            f"{a.title} {a.first} {a.last} of {a.state} met {b.first} {b.last} {self._date()}.",
            f"{a.last} said the {body.abbr} would {verb} {self._date()}.",
            f'"We are ready to {verb}," {a.last} told reporters in {rng.choice(_CAPITALS)}.',
            f"According to the {body.abbr}, {b.last} had asked {a.state} to {verb}.",
            f"{a.first} {a.last}, a spokesperson for the {body.long}, declined to comment.",
            f"{b.first} later said that {a.last} and {b.last} spoke {self._date()}.",
            f"Mr {b.last} of the {body.abbr} wrote to {a.title} {a.last} {self._date()}.",
            f"In {self.year}, {b.last} visited {rng.choice(_CAPITALS)} with {a.first}.",
        )
        return rng.choice(templates)

    def article(self) -> str:
        """Return one article: a headline, a dateline paragraph and a few more paragraphs."""
        rng = self.rng
        self.year += rng.random() < 0.05
        fresh = [self._new_person() for _ in range(rng.randint(2, 4))]
        body = self._new_body()
        lead, other = fresh[0], fresh[1]
        headline = f"{lead.last} and {other.last} meet over {rng.choice(_TOPICS).lower()} dispute"
        dateline = (
            f"{rng.choice(_CAPITALS).upper()}, {rng.randint(1, 28)} "
            f"{rng.choice(_MONTHS)} {self.year} — {lead.title} {lead.first} "
            f"{lead.last} of {lead.state} and {other.first} {other.last} of the {body.long} "
            f"({body.abbr}) agreed {self._date()} to {rng.choice(_VERBS)}."
        )
        paragraphs = [headline, dateline]
        cast = fresh + [self._known() for _ in range(2)]
        for _ in range(rng.randint(3, 6)):
            sentences = [
                self._sentence(*rng.sample(cast, 2), body) for _ in range(rng.randint(2, 4))
            ]
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)


def news_text(size: int, seed: int = 26) -> str:
    """Return at least ``size`` characters of varied news articles (deterministic per seed)."""
    writer = NewsWriter(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        parts.append(writer.article())
        total += len(parts[-1]) + 2
    return "\n\n".join(parts) + "\n"
