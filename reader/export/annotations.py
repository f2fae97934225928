"""JSON in the W3C Web Annotation Data Model: the backup and transfer format, read back by import.

One file is an ``AnnotationCollection`` whose first page holds the items. A highlight is an
``Annotation`` (motivation ``highlighting``) whose ``target`` has the reader link as ``source``
and both a ``TextQuoteSelector`` and a ``TextPositionSelector``; its note is a ``TextualBody``
with purpose ``commenting``, each tag one with purpose ``tagging``. What the model has no term
for (colour, label, content hash, status, passage, actors, dates) is in fields of our own
namespace, prefix ``rr:``. A document's notes are an ``Annotation`` with motivation
``commenting`` targeting the document.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from reader.core.highlight import DocumentNote, Highlight
from reader.export.model import Export, ExportDocument, ExportHighlight

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "urn:reference-reader:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"rr": NAMESPACE}]
# Document notes have no id of their own: theirs is derived from the document's, so that
# exporting twice gives the same id and importing merges.
NOTE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE + "document-note")


def urn(value: str | uuid.UUID) -> str:
    """Return a UUID as a ``urn:uuid:`` IRI."""
    return f"urn:uuid:{value}"


def note_id(doc_id: str) -> str:
    """Return the stable id of a document's notes."""
    return urn(uuid.uuid5(NOTE_NAMESPACE, doc_id))


def _bodies(h: Highlight) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []
    if h.note:
        bodies.append({
            "type": "TextualBody", "purpose": "commenting", "value": h.note, "format": "text/plain",
        })
    bodies.extend({"type": "TextualBody", "purpose": "tagging", "value": t} for t in h.tags)
    return bodies


def highlight_annotation(item: ExportHighlight, doc: ExportDocument) -> dict[str, Any]:
    """Return one highlight as a Web Annotation."""
    h = item.highlight
    ctx = item.context
    annotation: dict[str, Any] = {
        "id": urn(h.id),
        "type": "Annotation",
        "motivation": "highlighting",
        "created": h.created,
        "modified": h.modified,
    }
    bodies = _bodies(h)
    if bodies:
        annotation["body"] = bodies
    annotation["target"] = {
        "source": item.link,
        "selector": [
            {"type": "TextQuoteSelector", "exact": h.quote, "prefix": h.prefix,
             "suffix": h.suffix},
            {"type": "TextPositionSelector", "start": h.start, "end": h.end},
        ],
    }
    annotation.update({
        "rr:docId": h.doc_id,
        "rr:title": doc.title,
        "rr:url": doc.url,
        "rr:contentHash": h.content_hash,
        "rr:color": h.color,
        "rr:label": item.label,
        "rr:status": h.status,
        "rr:passage": ctx.number,
        "rr:page": ctx.page,
        "rr:actors": list(ctx.actors),
        "rr:dates": [{"text": d.text, "value": d.value} for d in ctx.dates],
    })
    return annotation


def note_annotation(note: DocumentNote, doc: ExportDocument) -> dict[str, Any]:
    """Return a document's notes as a Web Annotation with motivation ``commenting``."""
    return {
        "id": note_id(note.doc_id),
        "type": "Annotation",
        "motivation": "commenting",
        "created": note.created,
        "modified": note.modified,
        "body": {"type": "TextualBody", "purpose": "commenting", "value": note.text,
                 "format": "text/plain"},
        "target": {"source": doc.link},
        "rr:docId": note.doc_id,
        "rr:title": doc.title,
        "rr:url": doc.url,
    }


def annotation_items(export: Export) -> list[dict[str, Any]]:
    """Return every annotation of the export: per document, its highlights then its notes."""
    items: list[dict[str, Any]] = []
    for doc in export.documents:
        items.extend(highlight_annotation(item, doc) for item in doc.highlights)
        if doc.note is not None and doc.note.text:
            items.append(note_annotation(doc.note, doc))
    return items


def to_annotation_collection(export: Export) -> dict[str, Any]:
    """Return the export as one AnnotationCollection with its items on the first page."""
    items = annotation_items(export)
    return {
        "@context": CONTEXT,
        "id": urn(uuid.uuid4()),
        "type": "AnnotationCollection",
        "label": f"Reference Reader highlights: {export.scope.describe()}",
        "generator": {"type": "Software", "name": "Reference Reader"},
        "generated": export.exported,
        "total": len(items),
        "first": {"id": urn(uuid.uuid4()), "type": "AnnotationPage", "startIndex": 0,
                  "items": items},
    }


def to_json(export: Export) -> bytes:
    """Return the export as UTF-8 JSON-LD."""
    text = json.dumps(to_annotation_collection(export), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
