"""The coordinate system: decoding, hashing and passages."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from reader.core.model import DocId, DocumentMeta
from reader.core.text import content_hash, decode_text, passage_spans
from reader.corpus.loader import build_document


def test_decode_drops_bom_and_normalises_newlines_only() -> None:
    raw = "\ufeffOne\r\nTwo\rThree\n\n  Four\t\n".encode()
    assert decode_text(raw) == "One\nTwo\nThree\n\n  Four\t\n"


def test_content_hash_is_sha256_of_utf8() -> None:
    text = "Kabul — كابل 🙂"
    assert content_hash(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_passages_are_runs_of_non_blank_lines_without_surrounding_whitespace() -> None:
    text = "  Title  \n\n\nFirst line\nsecond line\n \t \nLast"
    spans = passage_spans(text)
    assert [text[s:e] for s, e in spans] == ["Title", "First line\nsecond line", "Last"]


def test_crlf_file_offsets_round_trip() -> None:
    raw = b"Headline\r\n\r\nBody one,\r\nstill body.\r\n\r\nEnd\r\n"
    text = decode_text(raw)
    doc = build_document(DocumentMeta(id=DocId("d"), file="d.txt", title="d"), text)
    assert [doc.passage_text(p) for p in doc.passages] == [
        "Headline",
        "Body one,\nstill body.",
        "End",
    ]
    assert "\r" not in text


def test_emoji_offsets_are_code_points() -> None:
    text = "Intro 🙂 line\n\nNext 🇳🇴 passage"
    doc = build_document(DocumentMeta(id=DocId("e"), file="e.txt", title="e"), text)
    second = doc.passages[1]
    assert doc.passage_text(second) == "Next 🇳🇴 passage"
    # One emoji is one code point, but two UTF-16 units: offsets count code points.
    assert second.start == len("Intro 🙂 line\n\n") == 14


@given(st.text(alphabet=st.sampled_from("ab \t\n\r🙂é"), max_size=200))
def test_passage_spans_are_stripped_non_blank_and_ordered(text: str) -> None:
    spans = passage_spans(text)
    previous_end = -1
    for start, end in spans:
        chunk = text[start:end]
        assert chunk and chunk == chunk.strip()
        assert "\n\n" not in chunk.replace("\r", "")
        assert start > previous_end
        previous_end = end
