"""Markdown with YAML front matter, as Obsidian and Logseq read it.

The front matter is written by a YAML emitter (PyYAML), never by hand. Every piece of user text in
the body (quotes, notes, titles, labels, tags) goes through ``escape_line``/``text_block``, so a
note holding Markdown, HTML, YAML or a ``---`` line stays text: it cannot open a heading, a list,
a code block, an HTML block, a link definition or a second front matter.
"""

from __future__ import annotations

import functools
import re

import yaml

from reader.export.model import DateRef, Export, ExportDocument, ExportHighlight

# Characters that can start markup anywhere in a line: CommonMark's (emphasis, code, links,
# HTML, entities, escapes, tables, strikethrough) and Obsidian's (#tags, $math$, ==marks==,
# %%comments%%, ^block-ids). A backslash before any ASCII punctuation is a CommonMark escape.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~#$%=^])")
# Markup that only counts at the start of a line: lists and ordered lists.
_LINE_START = re.compile(r"^([-+])|^(\d{1,9})([.)])")
_TAG = re.compile(r"^[\w/-]*[^\W\d][\w/-]*$")
_PLAIN_URL = re.compile(r"^https?://[^\s<>\\]+$")
NBSP = "\u00a0"


def escape_line(line: str) -> str:
    """Return one line of user text as Markdown that renders as exactly that text."""
    body = line.lstrip(" \t")
    indent = line[: len(line) - len(body)]
    body = _INLINE.sub(r"\\\1", body)
    first = body[:1]
    if first in ("-", "+") or first.isdigit():  # most lines cannot start markup: skip the call
        body = _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else
                               m.group(2) + "\\" + m.group(3), body, count=1)
    # Leading blanks would make an indented code block: keep their width as no-break spaces.
    return indent.replace("\t", "    ").replace(" ", NBSP) + body


@functools.lru_cache(maxsize=8192)
def escape_inline(text: str) -> str:
    """Return text for one line (a heading, a list item), its line breaks folded to spaces.

    Cached: an export of thousands of highlights escapes the same actors and dates again
    and again."""
    return escape_line(" ".join(text.split()))


def text_block(text: str, prefix: str = "") -> list[str]:
    """Return multi-line user text as Markdown lines: paragraphs kept, line breaks kept (hard).

    ``prefix`` starts every line (``"> "`` for a block quote, whose blank lines become ``">"``).
    """
    if "\n" not in text and "\r" not in text:  # one line (most quotes and notes): no paragraphs
        return [prefix + escape_line(text.rstrip())] if text.strip() else []
    paragraphs: list[list[str]] = [[]]
    # A lone CR ends a line for Markdown parsers too: split where they would.
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw.strip():
            paragraphs[-1].append(escape_line(raw.rstrip()))
        elif paragraphs[-1]:
            paragraphs.append([])
    lines: list[str] = []
    for para in (p for p in paragraphs if p):
        if lines:
            lines.append(prefix.rstrip())
        lines.extend(prefix + line + ("\\" if i < len(para) - 1 else "")
                     for i, line in enumerate(para))
    return lines


def front_matter(values: dict[str, object]) -> str:
    """Return a YAML front matter block; single-line values only, so no line can be ``---``."""
    text = yaml.safe_dump(
        values, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1_000_000
    )
    return f"---\n{text}---\n"


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


def _document_front_matter(doc: ExportDocument) -> dict[str, object]:
    meta = doc.meta
    values: dict[str, object] = {"title": _one_line(doc.title)}
    if meta is not None:
        for key in ("author", "site", "published", "url"):
            value = _one_line(getattr(meta, key))
            if value:
                values[key] = value
    values["tags"] = doc.tags()
    values["source"] = doc.link
    return values


def _export_front_matter(export: Export) -> dict[str, object]:
    return {
        "title": f"Highlights: {export.scope.describe()}",
        "scope": export.scope.describe(),
        "date": export.exported,
        "tags": export.tags(),
    }


def citation(doc: ExportDocument) -> str:
    """Return the document's citation line: author, “title”, *site*, date, URL."""
    meta = doc.meta
    if meta is None:
        return f"{escape_inline(doc.doc_id)} (this document is not in the library)."
    parts = [escape_inline(meta.author)] if meta.author else []
    parts.append(f"“{escape_inline(meta.title)}”")
    if meta.site:
        parts.append(f"*{escape_inline(meta.site)}*")
    if meta.published:
        parts.append(escape_inline(meta.published))
    line = ", ".join(parts) + "."
    if meta.url:
        url = meta.url.strip()
        line += f" <{url}>" if _PLAIN_URL.match(url) else f" {escape_inline(url)}"
    return line


def _tag(tag: str) -> str:
    # A tag Obsidian and Logseq can read as #tag stays one; any other is shown as text.
    return f"#{tag}" if _TAG.match(tag) else f"“{escape_inline(tag)}”"


def _dates(item: ExportHighlight) -> str:
    return " · ".join(_date(d) for d in item.context.dates)


@functools.lru_cache(maxsize=8192)
def _date(d: DateRef) -> str:
    # Cached as escape_inline is: the same dates come back in highlight after highlight.
    return escape_inline(d.text) + (f" ({escape_inline(d.value)})" if d.value else "")


def _locator(item: ExportHighlight) -> str:
    ctx = item.context
    parts = [f"¶ {ctx.number}"] if ctx.number is not None else []
    if ctx.page is not None:
        parts.append(f"p. {ctx.page}")
    h = item.highlight
    parts.append(f"characters {h.start}–{h.end}")
    return ", ".join(parts)


def highlight_block(item: ExportHighlight) -> list[str]:
    """Return one highlight: its quote, its note, then a list of what goes with it."""
    h = item.highlight
    lines = [*text_block(h.quote, "> "), ""]
    if h.note.strip():
        lines += [*text_block(h.note), ""]
    colour = h.color + (f" ({escape_inline(item.label)})" if item.label else "")
    facts = [f"Colour: {colour}"]
    if h.tags:
        facts.append("Tags: " + " ".join(_tag(t) for t in h.tags))
    if item.context.actors:
        facts.append("Actors: " + " · ".join(escape_inline(a) for a in item.context.actors))
    if item.context.dates:
        facts.append("Dates: " + _dates(item))
    facts.append("Location: " + _locator(item))
    if h.status == "orphaned":
        facts.append("Status: not found in the document's current text")
    facts.append(f"[Open in Reference Reader](<{item.link}>)")
    return [*lines, *(f"- {fact}" for fact in facts), ""]


def document_section(doc: ExportDocument, level: int) -> list[str]:
    """Return a document's heading, citation, highlights and notes."""
    lines = [f"{'#' * level} {escape_inline(doc.title)}", "", citation(doc), ""]
    for item in doc.highlights:
        lines += highlight_block(item)
    if doc.note is not None and doc.note.text.strip():
        lines += [f"{'#' * (level + 1)} Notes", "", *text_block(doc.note.text), ""]
    return lines


def to_markdown(export: Export) -> bytes:
    """Return the export as a UTF-8 Markdown file with YAML front matter."""
    if export.scope.single_document and len(export.documents) == 1:
        doc = export.documents[0]
        lines = [front_matter(_document_front_matter(doc)), *document_section(doc, 1)]
    else:
        title = f"Highlights: {export.scope.describe()}"
        lines = [front_matter(_export_front_matter(export)), f"# {escape_inline(title)}", ""]
        for doc in export.documents:
            lines += document_section(doc, 2)
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
