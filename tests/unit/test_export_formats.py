"""The three writers, read back by real parsers: markdown-it, PyYAML, csv, json."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from dataclasses import replace

import pytest

from reader.core.links import parse_link
from reader.export import render
from reader.export.csvfile import COLUMNS, FORMULA_STARTS, csv_date
from reader.export.markdown import escape_inline
from reader.export.model import ExportScope
from tests.unit.export_helpers import (
    HOSTILE_NOTES,
    HOSTILE_TEXT,
    as_rendered,
    dates,
    document,
    export_of,
    fact_text,
    highlight,
    highlight_sections,
    inline_text,
    item,
    links,
    meta,
    parse_markdown,
    split_front_matter,
    token_types,
)

# Token types that would mean user text became structure.
FORBIDDEN_TOKENS = {
    # (emphasis is checked by the text itself: the citation sets the site in italics)
    "html_block", "html_inline", "fence", "code_block", "code_inline", "strong_open",
    "s_open", "image", "table_open", "hr", "ordered_list_open",
}


def hostile_export() -> tuple[list[str], bytes]:
    notes = HOSTILE_NOTES
    items = [item(highlight(i, note=n)) for i, n in enumerate(notes)]
    scope = ExportScope((items[0].highlight.doc_id,))
    return notes, render(export_of([document(items)], scope), "md")


# -- Markdown ---------------------------------------------------------------------------------
def test_markdown_document_front_matter_is_yaml_with_the_citation_fields() -> None:
    h = highlight(1, tags=("doha", "two words"))
    data = render(export_of([document([item(h)])], ExportScope((h.doc_id,))), "md")
    front, _body = split_front_matter(data.decode("utf-8"))
    m = meta()
    assert front["title"] == m.title
    assert front["author"] == m.author
    assert front["site"] == m.site
    assert front["published"] == m.published  # a string, not a YAML date
    assert front["url"] == m.url
    assert front["tags"] == ["doha", "two words"]


def test_markdown_all_documents_front_matter_has_scope_and_date() -> None:
    a = document([item(highlight(1, tags=("x",)))])
    b = document([item(highlight(2, doc_id="doc-two", tags=("y", "x")))], meta("doc-two"))
    front, body = split_front_matter(render(export_of([a, b]), "md").decode("utf-8"))
    assert front["scope"] == "all documents"
    assert front["date"] == "2024-06-01T12:00:00.000000Z"
    assert front["tags"] == ["x", "y"]
    headings = [t for t in parse_markdown(body) if t.type == "heading_open"]
    assert [h.tag for h in headings] == ["h1", "h2", "h2"]


def test_hostile_metadata_cannot_break_the_front_matter() -> None:
    m = meta(title=HOSTILE_TEXT, author="- dash: colon", site="'quote\"", url="x\n---\ny")
    h = highlight(1, tags=("a: b", "[x]", "#y", "--- z"))
    data = render(export_of([document([item(h)], m)], ExportScope((h.doc_id,))), "md")
    front, body = split_front_matter(data.decode("utf-8"))
    assert front["title"] == " ".join(HOSTILE_TEXT.split())
    assert front["author"] == "- dash: colon"
    assert front["site"] == "'quote\""
    assert front["url"] == "x --- y"
    assert front["tags"] == ["a: b", "[x]", "#y", "--- z"]
    assert "evil" not in front
    tokens = parse_markdown(body)
    heading = next(i for i, t in enumerate(tokens) if t.type == "heading_open")
    assert inline_text(tokens[heading + 1]) == " ".join(HOSTILE_TEXT.split())
    assert sum(t.type == "heading_open" for t in tokens) == 1


def test_hostile_notes_render_as_their_own_text() -> None:
    notes, data = hostile_export()
    _front, body = split_front_matter(data.decode("utf-8"))
    sections = highlight_sections(body)
    assert len(sections) == len(notes)
    for section, note in zip(sections, notes, strict=True):
        assert section["note"] == as_rendered(note)
        assert fact_text(section["facts"], "Colour") == "yellow"
    assert not FORBIDDEN_TOKENS & token_types(body)
    tokens = parse_markdown(body)
    assert sum(t.type == "heading_open" for t in tokens) == 1
    assert sum(t.type == "bullet_list_open" for t in tokens) == len(notes)


def test_hostile_quote_label_tags_and_context_stay_text() -> None:
    h = highlight(1, quote="# Heading\n\n- item\n<b>x</b> *y*\n---", tags=("ok-tag", "a b*c"))
    it = item(h, label="*bold* <i>", number=3, page=7, actors=("A*B", "[C]"),
              dates=dates(("last *March*", "2024-03"), ("then", None)))
    data = render(export_of([document([it], note="# notes\n---\n```")], ExportScope((h.doc_id,))),
                  "md")
    _front, body = split_front_matter(data.decode("utf-8"))
    [section] = highlight_sections(body)
    assert section["quote"] == as_rendered(h.quote)
    facts = section["facts"]
    assert fact_text(facts, "Colour") == "yellow (*bold* <i>)"
    assert fact_text(facts, "Tags") == "#ok-tag “a b*c”"
    assert fact_text(facts, "Actors") == "A*B · [C]"
    assert fact_text(facts, "Dates") == "last *March* (2024-03) · then"
    assert fact_text(facts, "Location") == "¶ 3, p. 7, characters 10–15"
    assert links(facts) == [it.link]
    assert not FORBIDDEN_TOKENS & token_types(body)
    tokens = parse_markdown(body)
    headings = [
        inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert headings == ["A Title", "Notes"]
    assert inline_text(tokens[-2]) == "# notes\n---\n```"


def test_markdown_link_back_parses_to_the_highlight() -> None:
    h = highlight(4)
    _front, body = split_front_matter(render(export_of([document([item(h)])]), "md").decode())
    [section] = highlight_sections(body)
    [href] = links(section["facts"])
    link = parse_link(href)
    assert (link.doc_id, link.start, link.end) == (h.doc_id, h.start, h.end)
    assert link.highlight_id == h.id


def test_markdown_citation_carries_the_document_url_as_a_link() -> None:
    h = highlight(1)
    _front, body = split_front_matter(render(export_of([document([item(h)])]), "md").decode())
    tokens = parse_markdown(body)
    hrefs = [c.attrs.get("href") for t in tokens for c in t.children or [] if c.type == "link_open"]
    assert hrefs[0] == meta().url


def test_markdown_of_a_document_missing_from_the_library() -> None:
    h = highlight(1, doc_id="gone-doc", status="orphaned")
    doc = replace(document([item(h)]), meta=None)
    front, body = split_front_matter(render(export_of([doc], ExportScope((h.doc_id,))), "md")
                                     .decode())
    assert front["title"] == "gone-doc"
    [section] = highlight_sections(body)
    assert fact_text(section["facts"], "Status") == "not found in the document's current text"


@pytest.mark.parametrize("text", ["-", "+ x", "12. x", "3) x", "#", ">", "   ---", "`", "<x>"])
def test_escape_inline_renders_the_text(text: str) -> None:
    tokens = parse_markdown(f"- {escape_inline(text)}\n")
    inline = next(t for t in tokens if t.type == "inline")
    assert inline_text(inline) == " ".join(text.split())


# -- CSV --------------------------------------------------------------------------------------
def test_csv_has_the_service_layout_and_quotes_hostile_notes() -> None:
    notes = HOSTILE_NOTES
    items = [item(highlight(i, note=n), number=i + 1) for i, n in enumerate(notes)]
    rows = list(csv.reader(io.StringIO(render(export_of([document(items)]), "csv").decode("utf-8"),
                                       newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(notes) + 1
    for row, note, it in zip(rows[1:], notes, items, strict=True):
        record = dict(zip(COLUMNS, row, strict=True))
        assert record["Note"] == ("'" + note if note.startswith(FORMULA_STARTS) else note)
        assert record["Highlight"] == it.highlight.quote
        assert record["Title"] == "A Title"
        assert record["Author"] == "Ann Author"
        assert record["URL"] == meta().url
        assert record["Location"] == str(it.context.number)
        assert record["Date"] == "2024-05-06 07:08:09"
        assert record["Color"] == it.highlight.color
        assert record["Tags"] == ", ".join(it.highlight.tags)


def test_csv_keeps_the_readwise_columns_first_then_color_and_tags() -> None:
    # A contract: Readwise's seven columns, in this order, then the extra ones.
    assert COLUMNS == (
        "Highlight", "Title", "Author", "URL", "Note", "Location", "Date", "Color", "Tags"
    )
    h = replace(highlight(1), color="green", tags=("doha", "to check"))
    [_header, row] = list(csv.reader(io.StringIO(render(export_of([document([item(h)])]), "csv")
                                                 .decode())))
    record = dict(zip(COLUMNS, row, strict=True))
    assert (record["Color"], record["Tags"]) == ("green", "doha, to check")


def test_csv_location_is_the_page_for_pdfs_and_url_falls_back_to_the_link() -> None:
    h = highlight(1)
    it = item(h, number=5, page=2)
    doc = document([it], meta(url=None, author=None))
    [_header, row] = list(csv.reader(io.StringIO(render(export_of([doc]), "csv").decode())))
    record = dict(zip(COLUMNS, row, strict=True))
    assert record["Location"] == "2"
    assert record["URL"] == it.link
    assert record["Author"] == ""


def test_csv_date_is_utc() -> None:
    assert csv_date("2024-05-06T09:08:09+02:00") == "2024-05-06 07:08:09"
    assert csv_date("2024-05-06T07:08:09.999Z") == "2024-05-06 07:08:09"
    assert csv_date("not a date") == ""


# -- JSON (W3C Web Annotation) ---------------------------------------------------------------
ANNOTATION_KEYS = {"id", "type", "motivation", "created", "modified", "body", "target"}


def check_annotation(a: dict[str, object]) -> None:
    """Check the fields the Web Annotation model requires, and that extras are namespaced."""
    assert a["type"] == "Annotation"
    assert isinstance(a["id"], str) and a["id"].startswith("urn:uuid:")
    uuid.UUID(a["id"][len("urn:uuid:"):])
    assert "target" in a
    assert all(k in ANNOTATION_KEYS or k.startswith("rr:") for k in a)
    for stamp in ("created", "modified"):
        assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$",
                        str(a[stamp]))


def test_json_is_a_web_annotation_collection() -> None:
    h1 = highlight(1, note="a note\nwith lines", tags=("t1", "t 2"), color="green")
    h2 = highlight(2)
    doc = document([item(h1, label="evidence", number=2, actors=("Qatar",),
                         dates=dates(("2015", "2015"))), item(h2)], note="doc notes")
    data = json.loads(render(export_of([doc]), "json"))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert data["id"].startswith("urn:uuid:")
    page = data["first"]
    assert page["type"] == "AnnotationPage"
    assert data["total"] == len(page["items"]) == 3
    for a in page["items"]:
        check_annotation(a)
    first = page["items"][0]
    assert first["motivation"] == "highlighting"
    assert first["id"] == f"urn:uuid:{h1.id}"
    selectors = {s["type"]: s for s in first["target"]["selector"]}
    assert selectors["TextQuoteSelector"] == {
        "type": "TextQuoteSelector", "exact": h1.quote, "prefix": h1.prefix, "suffix": h1.suffix
    }
    assert selectors["TextPositionSelector"] == {
        "type": "TextPositionSelector", "start": h1.start, "end": h1.end
    }
    link = parse_link(first["target"]["source"])
    assert (link.doc_id, link.start, link.end, link.highlight_id) == (
        h1.doc_id, h1.start, h1.end, h1.id
    )
    bodies = first["body"]
    assert [b["value"] for b in bodies if b["purpose"] == "commenting"] == [h1.note]
    assert [b["value"] for b in bodies if b["purpose"] == "tagging"] == ["t1", "t 2"]
    assert all(b["type"] == "TextualBody" for b in bodies)
    assert (first["rr:color"], first["rr:label"]) == ("green", "evidence")
    assert first["rr:actors"] == ["Qatar"]
    assert first["rr:dates"] == [{"text": "2015", "value": "2015"}]
    assert "body" not in page["items"][1]  # no note, no tags: a bare highlighting
    note = page["items"][2]
    assert note["motivation"] == "commenting"
    assert note["body"]["value"] == "doc notes"
    assert parse_link(note["target"]["source"]).doc_id == doc.doc_id


def test_document_note_ids_are_stable() -> None:
    doc = document([item(highlight(1))], note="n")
    ids = [json.loads(render(export_of([doc]), "json"))["first"]["items"][1]["id"]
           for _ in range(2)]
    assert ids[0] == ids[1]
