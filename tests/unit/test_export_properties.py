"""Properties: any note survives the Markdown escaping, the CSV quoting and the JSON round trip."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.highlight import normalize_tags
from reader.export import render
from reader.export.csvfile import FORMULA_STARTS, cell
from reader.export.importing import read_annotations
from reader.export.markdown import text_block
from reader.export.model import ExportScope
from tests.unit.export_helpers import (
    as_rendered,
    block_texts,
    document,
    export_of,
    highlight,
    item,
    meta,
    parse_markdown,
    split_front_matter,
)

# Text made mostly of what Markdown, YAML and CSV treat specially.
SPECIAL = [
    *"\\`*_[]<>&|~#$%=^!-+.:;()\"',{}0123456789 \t\n\r",
    "---", "```", "&amp;", "\x0b", "\x0c", "\x85", "\u00a0", "\u2028", "\u3000", "\x00",
]
texts = st.lists(st.sampled_from(SPECIAL) | st.text(max_size=3), max_size=40).map("".join)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_any_text_renders_as_itself_in_markdown(text: str) -> None:
    body = "\n".join(text_block(text)) + "\n"
    tokens = parse_markdown(body)
    assert {t.type for t in tokens} <= {"paragraph_open", "paragraph_close", "inline"}
    rendered, _ = block_texts(tokens, 0, ())
    assert rendered == as_rendered(text).replace("\x00", "\ufffd")


@SETTINGS
@given(texts)
def test_any_text_in_a_quote_block_stays_inside_it(text: str) -> None:
    body = "\n".join(text_block(text, "> ")) + "\n"
    tokens = parse_markdown(body)
    if as_rendered(text):
        assert tokens[0].type == "blockquote_open" and tokens[-1].type == "blockquote_close"
        assert sum(t.type == "blockquote_open" for t in tokens) == 1
    rendered, _ = block_texts(tokens, 0, ())
    assert rendered == as_rendered(text).replace("\x00", "\ufffd")


@SETTINGS
@given(texts, texts)
def test_any_note_and_quote_survive_the_csv(note: str, quote: str) -> None:
    h = highlight(1, note=note, quote=quote or "q")
    data = render(export_of([document([item(h)])]), "csv").decode("utf-8")
    [_header, row] = list(csv.reader(io.StringIO(data, newline="")))
    assert (row[0], row[4]) == (cell(quote or "q"), cell(note))  # formula starts get a "'"
    assert all(not c.startswith(FORMULA_STARTS) for c in (row[0], row[4]))


@SETTINGS
@given(texts, st.lists(texts, max_size=4), texts)
def test_any_highlight_round_trips_through_json(note: str, tags: list[str], quote: str) -> None:
    h = highlight(1, note=note, tags=normalize_tags(tags), quote=quote or "q", prefix=note[:32])
    data = render(export_of([document([item(h)])], ExportScope((h.doc_id,))), "json")
    json.loads(data)
    assert read_annotations(data).highlights == (h,)


@SETTINGS
@given(texts.filter(lambda t: t.strip()), texts, st.lists(texts, max_size=4))
def test_any_metadata_reads_back_from_the_front_matter(
    title: str, author: str, tags: list[str]
) -> None:
    h = highlight(1, tags=normalize_tags(tags))
    doc = document([item(h)], meta(title=title, author=author or None))
    text = render(export_of([doc], ExportScope((h.doc_id,))), "md").decode("utf-8")
    front, body = split_front_matter(text)
    assert front["title"] == " ".join(title.split())
    assert front.get("author") == (" ".join(author.split()) or None)
    assert front["tags"] == list(h.tags)
    assert set(front) <= {"title", "author", "site", "published", "url", "tags", "source"}
    headings = [t for t in parse_markdown(body) if t.type == "heading_open"]
    assert len(headings) == 1
