"""Links back into the reader: ``reader://open/<doc_id>?start=N&end=M[&highlight=ID]``.

A link names a document and a place in its text (offsets into the document's fixed text, as
everywhere). ``highlight`` is optional: when the document's text has changed since the link was
made, the highlight's re-anchored position wins over the offsets. Exports carry these links and
``python main.py open LINK`` resolves them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from reader.core.highlight import Highlight
from reader.core.model import DocId, DocumentMeta, is_valid_doc_id

SCHEME = "reader"
# Nine digits: every offset fits a Qt int (a text of 2^31 characters is none we read).
MAX_OFFSET_DIGITS = 9


class LinkError(ValueError):
    """A string that is not a reader link; the message says why."""


@dataclass(frozen=True)
class ReaderLink:
    """A place in a document of the library."""

    doc_id: DocId
    start: int = 0
    end: int | None = None
    highlight_id: str | None = None


@dataclass(frozen=True)
class LinkTarget:
    """Where a reader link points: a document, a span of it, perhaps a highlight."""

    link: ReaderLink
    meta: DocumentMeta
    start: int
    end: int
    highlight: Highlight | None
    passage_number: int | None


# What ``urlencode`` leaves as it is (``quote_plus``'s always-safe characters).
_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*")


def format_link(link: ReaderLink) -> str:
    """Return the text of a link."""
    query: dict[str, str] = {"start": str(link.start)}
    if link.end is not None:
        query["end"] = str(link.end)
    if link.highlight_id:
        query["highlight"] = link.highlight_id
    if all(_PLAIN.fullmatch(v) for v in query.values()):
        # Offsets and ids need no quoting: urlencode would return them as they are, slower
        # (an export formats thousands of links).
        encoded = "&".join(f"{k}={v}" for k, v in query.items())
    else:
        encoded = urlencode(query)
    return f"{SCHEME}://open/{quote(link.doc_id, safe='')}?{encoded}"


def _offset(values: dict[str, list[str]], key: str) -> int | None:
    raw = values.get(key)
    if not raw:
        return None
    # ASCII digits only ("²".isdigit() is true), and few of them.
    if not (raw[0].isascii() and raw[0].isdigit()) or len(raw[0]) > MAX_OFFSET_DIGITS:
        raise LinkError(f"{key} must be a whole number, not {raw[0]!r:.40}")
    return int(raw[0])


def parse_link(text: str) -> ReaderLink:
    """Parse a link; raise ``LinkError`` for anything else."""
    try:
        parts = urlsplit(text.strip())
    except ValueError as exc:  # "Invalid IPv6 URL" and the like
        raise LinkError(f"not a reader link ({exc}): {text!r:.80}") from None
    if parts.scheme != SCHEME or parts.netloc != "open":
        raise LinkError(f"not a reader link (expected {SCHEME}://open/DOC_ID?start=N): {text!r}")
    doc_id = unquote(parts.path.lstrip("/"))
    if not is_valid_doc_id(doc_id):
        raise LinkError(f"not a document id in the link: {doc_id!r}")
    values = parse_qs(parts.query)
    start = _offset(values, "start") or 0
    end = _offset(values, "end")
    if end is not None and end < start:
        raise LinkError("end comes before start in the link")
    highlight = values.get("highlight", [None])[0]
    return ReaderLink(DocId(doc_id), start, end, highlight)
