"""Shared by the export tests: hostile text, building exports, reading the files back."""

from __future__ import annotations

import re
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.core.highlight import DocumentNote, Highlight, HighlightId
from reader.core.model import DocId, DocumentMeta
from reader.export.model import (
    DateRef,
    Export,
    ExportDocument,
    ExportHighlight,
    ExportScope,
    PassageContext,
)

# Notes a user could type that would break a file written by string formatting.
HOSTILE_NOTES = [
    "# not a heading\n## nor this",
    "---\ntitle: evil\n---",
    "```python\nan unclosed fence",
    "~~~\nanother fence",
    "<script>alert(1)</script>\n<!-- an unclosed comment",
    "<div>\nan html block\n</div>",
    "[ref]: http://example.com\n[link](http://x) ![img](y) <http://auto.link>",
    "*emph* **strong** _under_ `code` ~~strike~~ ==mark== %%hidden%% $math$ #tag ^block-id",
    "1. one\n2) two\n- dash\n+ plus\n* star\n> quoted\n| a | b |\n|---|---|",
    "    indented code\n\ttabbed",
    "Title\n===\nSetext\n---\n***\n___",
    "back\\slash \\* and &amp; &copy; &#65; entities",
    "line one  \nline two\\\n\n\n\nafter blanks",
    'comma, "double quotes", \'single\', and a\r\nCRLF and a lone\rCR',
    "key: value\n- yaml: list\n? complex\n... end of document\n%YAML 1.2",
    "[[wikilink]] and [!note] callout\n> [!warning] not a callout",
    "{{template}} {% raw %} ${var}",
    "trailing backslash \\",
    "-",
    "1.",
    "  leading spaces\n\n\ttab start",
    "naïve café — “quotes” ☃ 中文 עברית",
]

HOSTILE_TEXT = "Title: with “colon” # hash\n---\nevil: yes\n[link](x) *emph* <b>bold</b>"


def meta(doc_id: str = "doc-one", **fields: Any) -> DocumentMeta:
    values: dict[str, Any] = {
        "title": "A Title",
        "author": "Ann Author",
        "site": "The Site",
        "published": "2021-03-04",
        "url": "https://example.org/a?b=1&c=2",
    }
    values.update(fields)
    return DocumentMeta(id=DocId(doc_id), file=f"{doc_id}.txt", **values)


def highlight(n: int, doc_id: str = "doc-one", **fields: Any) -> Highlight:
    values: dict[str, Any] = {
        "id": HighlightId(f"00000000-0000-4000-8000-{n:012d}"),
        "doc_id": DocId(doc_id),
        "start": 10 * n,
        "end": 10 * n + 5,
        "quote": f"quote {n}",
        "prefix": "before ",
        "suffix": " after",
        "content_hash": "ab" * 32,
        "note": "",
        "tags": (),
        "created": "2024-05-06T07:08:09.123456Z",
        "modified": "2024-05-06T07:08:10.000001Z",
    }
    values.update(fields)
    return Highlight(**values)


def item(h: Highlight, label: str | None = None, **context: Any) -> ExportHighlight:
    return ExportHighlight(h, label, PassageContext(**context))


def export_of(
    documents: list[ExportDocument], scope: ExportScope | None = None
) -> Export:
    return Export(tuple(documents), scope or ExportScope(), "2024-06-01T12:00:00.000000Z")


def document(
    items: list[ExportHighlight], doc_meta: DocumentMeta | None = None, note: str = ""
) -> ExportDocument:
    m = doc_meta if doc_meta is not None else meta()
    doc_id = items[0].highlight.doc_id if items else m.id
    notes = DocumentNote(doc_id, note, "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")
    return ExportDocument(doc_id, m, tuple(items), notes if note else None)


# -- reading Markdown back -------------------------------------------------------------------
def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Return the YAML front matter (parsed) and the Markdown body."""
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4)
    loaded = yaml.safe_load(text[4:end])
    assert isinstance(loaded, dict)
    return loaded, text[end + 5 :]


def parse_markdown(body: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(body)


def inline_text(token: Token) -> str:
    """Return what an inline token renders as plain text: breaks as newlines."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(f"<{child.type}>")
    return "".join(parts)


def as_rendered(text: str) -> str:
    """Return user text as Markdown should render it: lines (trimmed) kept, blank runs as one."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def block_texts(tokens: list[Token], start: int, stop_types: tuple[str, ...]) -> tuple[str, int]:
    """Return the text of the paragraphs from ``start`` up to a token of ``stop_types``."""
    paragraphs = []
    i = start
    while i < len(tokens) and tokens[i].type not in stop_types:
        if tokens[i].type == "inline":
            paragraphs.append(inline_text(tokens[i]))
        i += 1
    text = "\n\n".join(paragraphs)
    # Indentation is kept as no-break spaces, which parsers may trim at a paragraph's start.
    return "\n".join(line.strip() for line in text.split("\n")), i


def highlight_sections(body: str) -> list[dict[str, Any]]:
    """Return, for each block quote of the body, its text, the note after it, and its list."""
    tokens = parse_markdown(body)
    found = []
    i = 0
    while i < len(tokens):
        if tokens[i].type != "blockquote_open":
            i += 1
            continue
        depth, j = 0, i
        while True:
            depth += {"blockquote_open": 1, "blockquote_close": -1}.get(tokens[j].type, 0)
            if depth == 0:
                break
            j += 1
        quote, _ = block_texts(tokens, i, ("blockquote_close",))
        stops = ("bullet_list_open", "blockquote_open", "heading_open")
        note, k = block_texts(tokens, j + 1, stops)
        facts = []
        if k < len(tokens) and tokens[k].type == "bullet_list_open":
            while tokens[k].type != "bullet_list_close":
                if tokens[k].type == "inline":
                    facts.append(tokens[k])
                k += 1
        found.append({"quote": quote, "note": note, "facts": facts})
        i = k
    return found


def fact_text(facts: list[Token], name: str) -> str | None:
    for token in facts:
        text = inline_text(token)
        if text.startswith(f"{name}: "):
            return text[len(name) + 2 :]
    return None


def links(facts: list[Token]) -> list[str]:
    return [
        str(child.attrs.get("href"))
        for token in facts
        for child in token.children or []
        if child.type == "link_open"
    ]


def dates(*pairs: tuple[str, str | None]) -> tuple[DateRef, ...]:
    return tuple(DateRef(t, v) for t, v in pairs)


def token_types(body: str) -> set[str]:
    types = set()
    for token in parse_markdown(body):
        types.add(token.type)
        types.update(child.type for child in token.children or [])
    return types


TAG_LINE = re.compile(r"^Tags: ")
