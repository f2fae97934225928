"""Highlights and document notes: the user's own work, as frozen dataclasses.

A highlight carries both W3C selectors: the TextPositionSelector (``start``/``end``, offsets into
the document's fixed text) and the TextQuoteSelector (``quote`` with ``prefix``/``suffix``
context), plus the content hash of the text it was made on, so it can be re-anchored when the
text changes (``reader.core.anchoring``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Literal, NewType

from reader.core.model import DocId

HighlightId = NewType("HighlightId", str)
Status = Literal["anchored", "moved", "orphaned"]
STATUSES: tuple[Status, ...] = ("anchored", "moved", "orphaned")

CONTEXT_CHARS = 32
DEFAULT_COLOR = "yellow"

# The palette, in the order the user sees it; the hex values are what the window paints.
PALETTE: dict[str, str] = {
    "yellow": "#ffe066",
    "green": "#8ce99a",
    "blue": "#74c0fc",
    "pink": "#faa2c1",
    "purple": "#b197fc",
}
COLORS: tuple[str, ...] = tuple(PALETTE)


def new_highlight_id() -> HighlightId:
    """Return a fresh highlight id: a UUID4 string."""
    import uuid  # here: listing highlights never makes one

    return HighlightId(str(uuid.uuid4()))


def now_iso() -> str:
    """Return the current UTC time as ISO-8601 with microseconds and a ``Z``."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _stamp(value: str) -> str:
    # Our stamps are ISO-8601 UTC with a Z; other tools' may carry an offset.
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC).isoformat()
    except ValueError:
        return ""


def is_newer(local: Highlight | DocumentNote | None, incoming: Highlight | DocumentNote) -> bool:
    """Tell whether what is here was changed after what comes in (so it stays)."""
    return local is not None and _stamp(local.modified) > _stamp(incoming.modified)


def is_valid_highlight_id(value: str) -> bool:
    """Tell whether a string is a UUID in canonical form."""
    import uuid

    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def normalize_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Return tags stripped, without empties and duplicates, in first-seen order."""
    seen: dict[str, None] = {}
    for tag in tags:
        clean = " ".join(tag.split())
        if clean:
            seen.setdefault(clean, None)
    return tuple(seen)


@dataclass(frozen=True)
class Highlight:
    """A span of a document's text that the user marked, with their note, colour and tags."""

    id: HighlightId
    doc_id: DocId
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    content_hash: str
    color: str = DEFAULT_COLOR
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    created: str = ""
    modified: str = ""
    status: Status = "anchored"

    @property
    def needs_attention(self) -> bool:
        """Tell whether the user should look at it: it could not be placed in the text."""
        return self.status == "orphaned"


@dataclass(frozen=True)
class ColorLabel:
    """One colour of the palette and what the user says it means (``None`` = no label)."""

    color: str
    hex: str
    label: str | None


@dataclass(frozen=True)
class DocumentNote:
    """A document's free-standing notes: one text per document."""

    doc_id: DocId
    text: str
    created: str
    modified: str


def context_around(text: str, start: int, end: int) -> tuple[str, str]:
    """Return the ``CONTEXT_CHARS`` characters before ``start`` and after ``end``."""
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


def check_color(color: str) -> str:
    """Return ``color`` if it is in the palette; raise ``ValueError`` naming the palette."""
    if color not in PALETTE:
        raise ValueError(f"unknown colour {color!r}; the palette is {', '.join(COLORS)}")
    return color


def check_span(text: str, start: int, end: int) -> None:
    """Raise ``ValueError`` unless ``text[start:end]`` is a non-blank span of the text."""
    if not 0 <= start < end <= len(text):
        raise ValueError(
            f"the span {start}:{end} is not inside the document (0:{len(text)}, end after start)"
        )
    if not text[start:end].strip():
        raise ValueError(f"the span {start}:{end} holds only whitespace")


def make_highlight(
    doc_id: DocId,
    text: str,
    text_hash: str,
    span: tuple[int, int],
    *,
    color: str = DEFAULT_COLOR,
    note: str = "",
    tags: tuple[str, ...] | list[str] = (),
) -> Highlight:
    """Return a new highlight of ``text[start:end]``; raise ``ValueError`` for bad input."""
    start, end = span
    check_span(text, start, end)
    prefix, suffix = context_around(text, start, end)
    now = now_iso()
    return Highlight(
        id=new_highlight_id(),
        doc_id=doc_id,
        start=start,
        end=end,
        quote=text[start:end],
        prefix=prefix,
        suffix=suffix,
        content_hash=text_hash,
        color=check_color(color),
        note=note,
        tags=normalize_tags(tags),
        created=now,
        modified=now,
    )


def place(highlight: Highlight, text: str, text_hash: str, span: tuple[int, int]) -> Highlight:
    """Return the highlight moved to ``text[start:end]`` by the user (so ``anchored``)."""
    start, end = span
    check_span(text, start, end)
    prefix, suffix = context_around(text, start, end)
    return replace(
        highlight,
        start=start,
        end=end,
        quote=text[start:end],
        prefix=prefix,
        suffix=suffix,
        content_hash=text_hash,
        status="anchored",
        modified=now_iso(),
    )


def edit_highlight(
    highlight: Highlight,
    *,
    note: str | None = None,
    color: str | None = None,
    add_tags: tuple[str, ...] | list[str] = (),
    remove_tags: tuple[str, ...] | list[str] = (),
) -> Highlight:
    """Return the highlight with a new note, colour or tags, and a new ``modified`` time."""
    drop = set(normalize_tags(remove_tags))
    tags = tuple(t for t in normalize_tags([*highlight.tags, *add_tags]) if t not in drop)
    return replace(
        highlight,
        note=highlight.note if note is None else note,
        color=highlight.color if color is None else check_color(color),
        tags=tags,
        modified=now_iso(),
    )
