"""Read Web Annotation JSON back into highlights and document notes (``highlights import``).

Our own exports come back exactly (same ids, offsets, quote, context, note, colour, tags, times,
status). Annotations from other tools are read as far as they fit: a ``urn:uuid:`` id is kept,
any other id becomes a stable UUID derived from it (so a second import merges); a colour outside
the palette becomes the default. An item that cannot be a highlight is skipped and said why.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, cast

__all__ = [
    "Imported",
    "is_newer",
    "place_import",
    "place_imports",
    "read_annotations",
    "read_highlight",
    "verified",
]

from reader.core.highlight import (
    DEFAULT_COLOR,
    PALETTE,
    STATUSES,
    DocumentNote,
    Highlight,
    HighlightId,
    Status,
    is_newer,
    is_valid_highlight_id,
    normalize_tags,
)
from reader.core.links import LinkError, parse_link
from reader.core.model import DocId, Document, is_valid_doc_id
from reader.export.annotations import NAMESPACE
from reader.export.model import ExportError

MAX_OFFSET = 2**31 - 1  # no text we read is that long; Qt counts in int


@dataclass(frozen=True)
class Imported:
    """What a file holds: highlights, document notes, colour labels, and what was skipped."""

    highlights: tuple[Highlight, ...]
    notes: tuple[DocumentNote, ...]
    labels: dict[str, str]
    skipped: tuple[str, ...]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(value: dict[str, Any]) -> list[str]:
    return [str(t) for t in _as_list(value.get("type"))]


def _items(data: Any) -> list[Any]:
    """Return the annotations of a collection, a page, a list or a single annotation."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ExportError("not a Web Annotation file: expected a JSON object or list")
    kinds = _types(data)
    if "Annotation" in kinds:
        return [data]
    if "AnnotationCollection" in kinds or "AnnotationPage" in kinds:
        first = data.get("first")
        pages = [first] if isinstance(first, dict) else []
        items: list[Any] = list(_as_list(data.get("items")))
        for page in pages:
            items.extend(_as_list(page.get("items")))
        return items
    raise ExportError(
        "not a Web Annotation file: expected an AnnotationCollection, a page or Annotations"
    )


def _field(item: dict[str, Any], name: str) -> Any:
    """Return one of our namespaced fields, written compact (``rr:x``) or as a full IRI."""
    return item.get(f"rr:{name}", item.get(NAMESPACE + name))


def _highlight_id(raw: Any) -> HighlightId | None:
    if not isinstance(raw, str) or not raw:
        return None
    bare = raw[len("urn:uuid:"):] if raw.lower().startswith("urn:uuid:") else raw
    if is_valid_highlight_id(bare.lower()):
        return HighlightId(bare.lower())
    return HighlightId(str(uuid.uuid5(uuid.NAMESPACE_URL, raw)))


def _doc_id(item: dict[str, Any], target: dict[str, Any]) -> DocId | None:
    raw = _field(item, "docId")
    if isinstance(raw, str) and is_valid_doc_id(raw):
        return DocId(raw)
    source = target.get("source")
    if isinstance(source, str):
        try:
            return parse_link(source).doc_id
        except LinkError:
            return None
    return None


def _selectors(target: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for selector in _as_list(target.get("selector")):
        if isinstance(selector, dict):
            for kind in _types(selector):
                found.setdefault(kind, selector)
    return found


def _bodies(item: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """Return the note (commenting bodies, joined) and the tags (tagging bodies)."""
    notes: list[str] = []
    tags: list[str] = []
    if isinstance(item.get("bodyValue"), str):
        notes.append(item["bodyValue"])
    for body in _as_list(item.get("body")):
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        purposes = [str(p) for p in _as_list(body.get("purpose"))]
        (tags if "tagging" in purposes else notes).append(body["value"])
    return "\n\n".join(notes), normalize_tags(tags)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _target(item: dict[str, Any]) -> dict[str, Any]:
    for target in _as_list(item.get("target")):
        if isinstance(target, dict):
            return target
        if isinstance(target, str):
            return {"source": target}
    return {}


def _offset(value: Any) -> int | None:
    """Return a selector's value if it is an offset (below ``MAX_OFFSET``)."""
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < MAX_OFFSET
    return value if ok else None


def _huge(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= MAX_OFFSET


def _is_status(value: Any) -> bool:
    return isinstance(value, str) and value in STATUSES


def read_highlight(item: dict[str, Any]) -> Highlight:
    """Return the highlight an annotation stands for; raise ``ValueError`` saying why not."""
    target = _target(item)
    hid = _highlight_id(item.get("id"))
    doc_id = _doc_id(item, target)
    selectors = _selectors(target)
    position = selectors.get("TextPositionSelector", {})
    quote = selectors.get("TextQuoteSelector", {})
    start, end = _offset(position.get("start")), _offset(position.get("end"))
    if hid is None:
        raise ValueError("it has no id")
    if doc_id is None:
        raise ValueError("its document is not named (rr:docId or a reader link as source)")
    if not isinstance(quote.get("exact"), str) or not quote["exact"]:
        raise ValueError("it has no TextQuoteSelector with the exact quote")
    color, status = _field(item, "color"), _field(item, "status")
    if _huge(position.get("start")) or _huge(position.get("end")):
        # Offsets no text has: placed by its quote alone (``verified``), or left orphaned.
        start, end, status = 0, len(quote["exact"]), "orphaned"
    if start is None or end is None or not start < end:
        raise ValueError("it has no TextPositionSelector with 0 <= start < end (whole numbers)")
    note, tags = _bodies(item)
    return Highlight(
        id=hid, doc_id=doc_id, start=start, end=end, quote=quote["exact"],
        prefix=_text(quote.get("prefix")), suffix=_text(quote.get("suffix")),
        content_hash=_text(_field(item, "contentHash")),
        color=color if isinstance(color, str) and color in PALETTE else DEFAULT_COLOR,
        note=note, tags=tags,
        created=_text(item.get("created")), modified=_text(item.get("modified")),
        status=cast(Status, status) if _is_status(status) else "anchored",
    )


def _read_note(item: dict[str, Any]) -> DocumentNote | None:
    doc_id = _doc_id(item, _target(item))
    if doc_id is None:
        return None
    text, _tags = _bodies(item)
    return DocumentNote(doc_id, text, _text(item.get("created")), _text(item.get("modified")))


def _is_document_note(item: dict[str, Any]) -> bool:
    motivations = [str(m) for m in _as_list(item.get("motivation"))]
    return "commenting" in motivations and not _selectors(_target(item))


def read_annotations(data: bytes) -> Imported:
    """Return what a Web Annotation JSON file holds; raise ``ExportError`` if it is not one."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ExportError(f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ExportError(f"not JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise ExportError("not a Web Annotation file: nested too deeply") from None
    highlights: dict[str, Highlight] = {}
    notes: list[DocumentNote] = []
    labels: dict[str, str] = {}
    skipped: list[str] = []
    for index, item in enumerate(_items(parsed), 1):
        if not isinstance(item, dict) or "Annotation" not in _types(item):
            skipped.append(f"item {index}: not an Annotation")
            continue
        if _is_document_note(item):
            note = _read_note(item)
            if note is None:
                skipped.append(f"item {index}: notes without a document")
            else:
                notes.append(note)
            continue
        try:
            h = read_highlight(item)
        except ValueError as exc:
            skipped.append(f"item {index}: {exc}")
            continue
        highlights[h.id] = h  # a repeated id: the last one wins, as a merge would
        label = _field(item, "label")
        if isinstance(label, str) and label.strip() and h.color in PALETTE:
            labels.setdefault(h.color, label)
    return Imported(tuple(highlights.values()), tuple(notes), labels, tuple(skipped))


def place_import(h: Highlight, known: Container[str], hashes: Mapping[str, DocId]) -> Highlight:
    """Return an imported highlight for this library: in its document if known, else in a
    document with its text's hash, else waiting (``orphaned``) under its own document id."""
    if h.doc_id in known:
        return h
    if h.content_hash in hashes:
        return replace(h, doc_id=hashes[h.content_hash])
    return replace(h, status="orphaned")


def place_imports(
    highlights: Iterable[Highlight],
    known: Container[str],
    hashes: Mapping[str, DocId],
    document: Callable[[DocId], Document],
) -> list[Highlight]:
    """Return imported highlights placed in this library (``place_import``), each checked
    against its document's text (``verified``)."""
    placed = []
    for h in highlights:
        h = place_import(h, known, hashes)
        if h.doc_id in known:
            try:
                doc = document(h.doc_id)
            except ValueError:  # the document cannot be read: the highlight waits, unchecked
                h = replace(h, status="orphaned")
            else:
                h = verified(h, doc.text, doc.content_hash)
        placed.append(h)
    return placed


def verified(h: Highlight, text: str, content_hash: str) -> Highlight:
    """Return an imported highlight as the text bears it out.

    Its selectors are claims: kept when the quote is the text at its offsets in the text it
    names; else placed by its quote and context (``moved``) or left ``orphaned``, so that an
    export never prints a quote the document does not contain.
    """
    claims_hold = h.content_hash == content_hash and text[h.start : h.end] == h.quote
    if claims_hold and h.status != "orphaned":
        return h
    # Imported here: a file of our own exports never needs it, and rapidfuzz costs ~0.1 s to load.
    from reader.core.anchoring import reanchor

    return reanchor(replace(h, status="orphaned"), text, content_hash)
