"""CSV in the layout highlight services import: Highlight, Title, Author, URL, Note, Location, Date,
then Color and Tags.

UTF-8 with a header row; the csv module quotes commas, quotes and line breaks. ``Location`` is
the page for PDFs, else the passage number; ``Date`` is when the highlight was made,
``YYYY-MM-DD HH:MM:SS`` UTC; ``URL`` is the document's URL, else its reader link. The first
seven columns and their order are a contract (Readwise's import); ``Color`` (the palette's
colour name) and ``Tags`` (comma-separated; Readwise reads a ``Tags`` column as tags) come after.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula, and quotes and notes come from documents and files of unknown origin: such a cell
gets a leading ``'`` (OWASP's rule for CSV injection), which spreadsheets show as text. The JSON
export keeps every text verbatim.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from reader.export.model import Export

READWISE_COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")
COLUMNS = (*READWISE_COLUMNS, "Color", "Tags")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Return a text cell a spreadsheet shows as text, never runs as a formula (OWASP)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_date(iso: str) -> str:
    """Return an ISO-8601 time as ``YYYY-MM-DD HH:MM:SS`` UTC ("" when it cannot be read)."""
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.strftime("%Y-%m-%d %H:%M:%S")


def to_csv(export: Export) -> bytes:
    """Return the export as UTF-8 CSV with a header row."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for doc in export.documents:
        author = doc.meta.author if doc.meta is not None else None
        for item in doc.highlights:
            h = item.highlight
            location = item.context.location
            writer.writerow([
                cell(h.quote),
                cell(doc.title),
                cell(author or ""),
                cell(doc.url or item.link),
                cell(h.note),
                "" if location is None else location,
                csv_date(h.created),
                h.color,
                cell(", ".join(h.tags)),
            ])
    return out.getvalue().encode("utf-8")
