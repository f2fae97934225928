"""Quotes with their citation, as plain text and as HTML (for the clipboard).

Pure functions over core types: a quote, the document's metadata and where the quote is (passage
number, people count from 1; a page when the source has pages). Missing metadata is left out,
never written as "None" or "n.d." placeholders the user would have to delete.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from reader.core.model import Document, DocumentMeta

MAX_QUOTE_CHARS = 4000  # a clipboard citation of a whole chapter helps nobody


@dataclass(frozen=True)
class Citation:
    """A quote and its source, ready for the clipboard."""

    plain: str
    html: str


def tidy_quote(quote: str) -> str:
    """Return the quote with its lines joined and outer whitespace removed; paragraph breaks
    (blank lines) are kept as one blank line."""
    paragraphs = [" ".join(p.split()) for p in quote.strip().split("\n\n")]
    text = "\n\n".join(p for p in paragraphs if p)
    if len(text) > MAX_QUOTE_CHARS:
        text = text[: MAX_QUOTE_CHARS - 1].rstrip() + "…"
    return text


OPENING = {"“": "”", '"': '"', "„": "“", "«": "»"}  # opening double marks and their closers


def enclose(text: str) -> str:
    """Return the quote inside typographic double quotes, without doubling a quotation mark the
    quote starts with: a quote that is one quotation keeps one pair; a quotation that closes
    inside the quote becomes single marks (a quote within a quote); one that does not close
    (it goes on past the selection) loses its opening mark, as does a closing mark ending a
    quotation that began before the quote."""
    close = OPENING.get(text[:1])
    if close is None:
        if text[-1:] in ("”", "»") and not any(mark in text for mark in "“«"):
            text = text[:-1]  # a quotation that began before the selection ends with it
        return f"“{text}”"
    inner = text[1:]
    end = inner.find(close)
    if end == len(inner) - 1:
        return f"“{inner[:-1]}”"
    if end >= 0:
        return f"“‘{inner[:end]}’{inner[end + 1 :]}”"
    return f"“{inner}”"


def source_parts(
    meta: DocumentMeta, passage_number: int | None = None, page: int | str | None = None
) -> list[str]:
    """Return the citation's parts in order: author, title, site, date, place."""
    parts = [meta.author or "", f"“{meta.title}”", meta.site or "", meta.published or ""]
    if page is not None:
        parts.append(f"p. {page}")
    elif passage_number is not None:
        parts.append(f"¶ {passage_number}")
    return [p for p in parts if p]


def cite(
    quote: str,
    meta: DocumentMeta,
    passage_number: int | None = None,
    page: int | str | None = None,
) -> Citation:
    """Return the quote and its citation as plain text and as HTML."""
    text = tidy_quote(quote)
    parts = source_parts(meta, passage_number, page)
    plain = f"{enclose(text)}\n— {', '.join(parts)}."
    if meta.url:
        plain += f" {meta.url}"
    html_parts = [
        f"<i>{html.escape(meta.title)}</i>" if p == f"“{meta.title}”" else html.escape(p)
        for p in parts
    ]
    body = "<br><br>".join(html.escape(p) for p in enclose(text).split("\n\n"))
    source = ", ".join(html_parts) + "."
    if meta.url:
        url = html.escape(meta.url, quote=True)
        source += f' <a href="{url}">{html.escape(meta.url)}</a>'
    markup = f"<blockquote><p>{body}</p></blockquote>\n<p>— {source}</p>"
    return Citation(plain, markup)


def cite_span(doc: Document, start: int, end: int, page: int | str | None = None) -> Citation:
    """Return the citation of ``doc.text[start:end]``, placed by the passage holding ``start``
    (by its page when the document has pages)."""
    passage = doc.passage_at(start)
    if page is None and passage is not None:
        page = passage.page
    return cite(doc.text[start:end], doc.meta, passage.number if passage else None, page)
