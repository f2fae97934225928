"""A document's abbreviation definitions, indexed by the words of their forms (issue 26), apply
to a passage exactly as matching the passage against every definition did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract.abbreviations import (
    DEFINED,
    Definition,
    Definitions,
    apply_definitions,
    occurrences,
)
from reader.extract.candidates import Candidate

FORMS = [
    "ICC",
    "IC",
    "International Cricket Council",
    "International Criminal Court",
    "Council",
    "U.S.",
    "A&B",
    "AU",
    "Board of Control for Cricket in India",
    "Cricket",
]
PIECES = [*FORMS, " ", "-", ".", "(", ")", "’s", "x", "\n", "the"]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
defined = st.lists(st.tuples(st.sampled_from(FORMS), st.sampled_from(FORMS)), max_size=6)


def _definitions(pairs: list[tuple[str, str]]) -> Definitions:
    found: dict[str, Definition] = {}
    for abbr, long in pairs:
        found.setdefault(abbr, Definition(abbr, long, f"{long} ({abbr})", "organization"))
    return Definitions(found)


def _naive_apply(text: str, cands: list[Candidate], defs: Definitions) -> list[Candidate]:
    """Apply every definition to the passage, as ``apply_definitions`` did before its index."""
    out = list(cands)
    for d in defs.values():
        for form in (d.long, d.abbr):
            for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
                out = [c for c in out if not (c.start == m.start() and c.end == m.end())]
                out.append(Candidate(m.start(), m.end(), d.kind, d.name, DEFINED, "definition"))
    return out


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(FORMS))
def test_a_form_occurs_where_its_pattern_matches(text: str, form: str) -> None:
    pattern = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])")
    assert list(occurrences(text, form)) == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(texts, defined)
def test_definitions_apply_as_when_each_was_tried(text: str, pairs: list[tuple[str, str]]) -> None:
    defs = _definitions(pairs)
    cands = [
        Candidate(m.start(), m.end(), "state", None, 1, "name") for m in re.finditer(r"\w+", text)
    ]
    assert apply_definitions(text, cands, defs) == _naive_apply(text, cands, defs)


def test_a_passage_is_matched_against_the_definitions_it_may_use() -> None:
    defs = _definitions([(f"X{i}", f"Body Number {i}") for i in range(500)] + [("ICC", "IC")])
    used = defs.used_in("The Body Number 7 (X7) met the ICC and Body Number 70.")
    assert [d.abbr for d in used] == ["X7", "X70", "ICC"]
    assert len(defs) == 501 and defs["ICC"].long == "IC"
