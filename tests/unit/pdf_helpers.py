"""Reading an annotated PDF back: the text under each highlight annotation, by two readers."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import pymupdf


@dataclass(frozen=True)
class ReadAnnotation:
    """A highlight annotation as PyMuPDF reads it, with the text it covers."""

    page: int
    covered: str
    content: str
    subject: str
    title: str
    name: str
    link: str
    stroke: tuple[float, ...]
    quads: int
    has_popup: bool


def squash(text: str) -> str:
    """Return text after NFKC, without whitespace (lines may wrap at any space or hyphen)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def quads_of(annot: pymupdf.Annot) -> list[pymupdf.Rect]:
    points = annot.vertices
    return [pymupdf.Quad(*points[i : i + 4]).rect for i in range(0, len(points), 4)]


def covered_text(page: pymupdf.Page, annot: pymupdf.Annot) -> str:
    """Return the characters whose box centre lies inside one of the annotation's quads.

    In drawing order; a line break between two lines of the covered text becomes a space.
    """
    rects = quads_of(annot)
    lines = []
    raw: dict[str, Any] = page.get_text("rawdict")
    for block in raw["blocks"]:
        for line in block.get("lines", ()):
            chars = []
            for span in line["spans"]:
                for char in span["chars"]:
                    x0, y0, x1, y1 = char["bbox"]
                    centre = pymupdf.Point((x0 + x1) / 2, (y0 + y1) / 2)
                    if any(r.contains(centre) for r in rects):
                        chars.append(char["c"])
            if chars:
                lines.append("".join(chars))
    return " ".join(lines)


def read_annotations(pdf: pymupdf.Document) -> list[ReadAnnotation]:
    """Return every highlight annotation of the PDF, page by page."""
    found = []
    for page in pdf:
        for annot in page.annots(types=[pymupdf.PDF_ANNOT_HIGHLIGHT]):
            link = pdf.xref_get_key(annot.xref, "ReaderLink")
            found.append(
                ReadAnnotation(
                    page=page.number or 0,
                    covered=covered_text(page, annot),
                    content=annot.info["content"],
                    subject=annot.info["subject"],
                    title=annot.info["title"],
                    name=annot.info["id"],
                    link=link[1] if link[0] == "string" else "",
                    stroke=tuple(annot.colors["stroke"]),
                    quads=len(annot.vertices) // 4,
                    has_popup=annot.has_popup,
                )
            )
    return found


def by_highlight(annots: list[ReadAnnotation]) -> dict[str, list[ReadAnnotation]]:
    """Return the annotations per highlight id (from their link back), in page order."""
    grouped: dict[str, list[ReadAnnotation]] = {}
    for annot in annots:
        hid = annot.link.rsplit("highlight=", 1)[-1]
        grouped.setdefault(hid, []).append(annot)
    return grouped
