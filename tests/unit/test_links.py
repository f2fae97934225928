"""Links back into the reader."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.links import LinkError, ReaderLink, format_link, parse_link
from reader.core.model import DocId


def test_format_is_documented_shape() -> None:
    link = ReaderLink(DocId("qatar-peace-dialogue"), 120, 180, "7f1c")
    assert format_link(link) == "reader://open/qatar-peace-dialogue?start=120&end=180&highlight=7f1c"


@given(
    st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True),
    st.integers(0, 10**7),
    st.one_of(st.none(), st.integers(0, 10**6)),
    st.one_of(st.none(), st.uuids().map(str)),
)
def test_round_trip(doc_id: str, start: int, extra: int | None, hid: str | None) -> None:
    link = ReaderLink(DocId(doc_id), start, None if extra is None else start + extra, hid)
    assert parse_link(format_link(link)) == link


@pytest.mark.parametrize(
    "text",
    [
        "https://example.org/x",
        "reader://open/Bad Id?start=1",
        "reader://open/doc?start=-4",
        "reader://open/doc?start=9&end=3",
        "reader://elsewhere/doc?start=1",
    ],
)
def test_bad_links_are_refused(text: str) -> None:
    with pytest.raises(LinkError):
        parse_link(text)
