"""An annotated PDF of one document: its text laid out, each highlight a real annotation.

Core types in, bytes out, like the other writers. PyMuPDF lays the passages out from HTML
(``Story``, the engine behind ``insert_htmlbox``: it shapes Arabic script and lays out
right-to-left paragraphs), page furniture (chrome passages) left out. Each page's characters are
then read back and aligned to the document text (``reader.export.pdf_align``), and every
highlight becomes a highlight annotation over exactly its characters' boxes: its colour, its note
as the content (with a popup), colour label and tags as the subject, and a link back into the
reader under the key ``/ReaderLink``. The document's notes, and highlights that could not be
shown, go on a last page.

PyMuPDF is imported inside the functions (it is slow to import and not thread-safe: the window
runs exports on one ``export`` lane).
"""

from __future__ import annotations

import html
import io
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.core.highlight import DEFAULT_COLOR, PALETTE
from reader.core.model import Document
from reader.export.model import Export, ExportDocument, ExportError, ExportHighlight
from reader.export.pdf_align import Box, Line, Placement, align, text_keys

if TYPE_CHECKING:
    import pymupdf

PAGE = (595.0, 842.0)  # A4, in points
MARGIN = (64.0, 60.0)  # left/right, top/bottom
POPUP = (190.0, 110.0)  # width, height of a note's popup
LINK_KEY = "ReaderLink"
CREATOR = "Reference Reader"

CSS = """
body { font-size: 11pt; line-height: 1.4; }
h1 { font-size: 17pt; margin: 0 0 6pt 0; }
h2 { font-size: 13pt; margin: 12pt 0 6pt 0; }
p { margin: 0 0 7pt 0; }
p.cite { font-size: 10pt; margin: 0 0 3pt 0; }
p.about { font-size: 8.5pt; color: #555555; margin: 0 0 14pt 0; }
p.quote { margin: 0 0 2pt 12pt; font-style: italic; }
p.small { font-size: 9pt; color: #444444; margin: 0 0 9pt 12pt; }
"""


@dataclass(frozen=True)
class Body:
    """What is laid out: a text, the spans of it shown (passages), and each highlight's span.

    ``places`` is aligned with the document's highlights; ``None`` for one that has no place in
    the text (orphaned).
    """

    text: str
    spans: tuple[tuple[int, int], ...]
    places: tuple[tuple[int, int] | None, ...]


def to_pdf(export: Export) -> bytes:
    """Return an export of one document as an annotated PDF: a copy of the PDF it came from,
    or its text laid out."""
    if len(export.documents) != 1:
        raise ExportError("a PDF holds one document: export several into a folder")
    doc = export.documents[0]
    if doc.original is not None:
        from reader.export.pdf_original import to_original_pdf

        annotated = to_original_pdf(doc, doc.original)
        if annotated is not None:
            return annotated
    body = body_of(doc)
    pdf, pages, top = _layout(_header_html(doc, export.exported), _body_html(body))
    lines = _read_lines(pdf, pages, top)
    align(lines, *text_keys(body.text, body.spans))
    placement = Placement(lines)
    missed = []
    for item, place in zip(doc.highlights, body.places, strict=True):
        boxes = placement.boxes(*place) if place is not None else {}
        if boxes:
            _annotate(pdf, item, boxes)
        else:
            missed.append(item)
    notes = _notes_html(doc, missed)
    if notes:
        _append(pdf, notes)
    _set_metadata(pdf, doc, export.exported)
    return bytes(pdf.tobytes(garbage=1, deflate=True))


def body_of(doc: ExportDocument) -> Body:
    """Return what to lay out: the passages that are not page furniture, or only the quotes.

    A document not in the library has no text: its highlights' quotes are laid out instead.
    """
    source = doc.source
    if source is None:
        text, spans, places = "", [], []
        for item in doc.highlights:
            start = len(text) + (2 if text else 0)
            text = (text + "\n\n" if text else "") + item.highlight.quote
            spans.append((start, len(text)))
            places.append((start, len(text)))
        return Body(text, tuple(spans), tuple(places))
    shown = tuple((p.start, p.end) for p in source.passages if not p.chrome)
    return Body(
        source.text,
        shown,
        tuple(_place(source, item) for item in doc.highlights),
    )


def _place(source: Document, item: ExportHighlight) -> tuple[int, int] | None:
    h = item.highlight
    if h.status == "orphaned" or not 0 <= h.start < h.end <= len(source.text):
        return None
    return (h.start, h.end)


def _direction(text: str) -> str:
    """Return ``rtl`` when the first strong character is right-to-left, else ``ltr``."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _paragraph(text: str, cls: str = "") -> str:
    lines = "<br>".join(html.escape(line) for line in text.split("\n"))
    klass = f' class="{cls}"' if cls else ""
    return f'<p dir="{_direction(text)}"{klass}>{lines}</p>'


def _body_html(body: Body) -> str:
    return "".join(_paragraph(body.text[start:end]) for start, end in body.spans)


def citation(doc: ExportDocument) -> str:
    """Return the document's citation as plain text: author, “title”, site, date, URL."""
    meta = doc.meta
    if meta is None:
        return f"{doc.doc_id} (this document is not in the library)"
    parts = [meta.author] if meta.author else []
    parts.append(f"“{meta.title}”")
    parts += [value for value in (meta.site, meta.published, meta.url) if value]
    return ", ".join(" ".join(p.split()) for p in parts)


def _header_html(doc: ExportDocument, exported: str) -> str:
    count = len(doc.highlights)
    about = (
        f"Exported from {CREATOR} on {exported[:10]} with {count} highlight(s). "
        f"Page furniture is left out. {doc.link}"
    )
    if doc.source is None:
        about += " Only the highlighted passages are shown: the document is not in the library."
    return (
        f"<h1 dir=\"{_direction(doc.title)}\">{html.escape(doc.title)}</h1>"
        f"{_paragraph(citation(doc), 'cite')}{_paragraph(about, 'about')}"
    )


MISSED_REASON = (
    "Their text is page furniture (left out), or was not found in the document's current text."
)


def _notes_html(
    doc: ExportDocument, missed: list[ExportHighlight], reason: str = MISSED_REASON
) -> str:
    parts = []
    note = doc.note.text.strip() if doc.note is not None else ""
    if note:
        parts.append("<h2>Notes</h2>")
        parts += [_paragraph(para.strip()) for para in note.split("\n\n") if para.strip()]
    if missed:
        parts.append("<h2>Highlights not shown in the text</h2>")
        parts.append(
            _paragraph(reason, "small")
        )
        for item in missed:
            h = item.highlight
            parts.append(_paragraph(h.quote, "quote"))
            details = [h.note] if h.note.strip() else []
            details.append(f"{_subject(item)} · {item.link}")
            parts.append(_paragraph("\n".join(details), "small"))
    return "".join(parts)


def _story(content: str) -> pymupdf.Story:
    import pymupdf

    return pymupdf.Story(html=content, user_css=CSS)


def _frames() -> tuple[pymupdf.Rect, pymupdf.Rect]:
    import pymupdf

    page = pymupdf.Rect(0, 0, *PAGE)
    frame = pymupdf.Rect(MARGIN[0], MARGIN[1], PAGE[0] - MARGIN[0], PAGE[1] - MARGIN[1])
    return page, frame


def _layout(header: str, body: str) -> tuple[pymupdf.Document, range, float]:
    """Lay out the header, then the body below it; return the PDF, the body's pages, its top."""
    import pymupdf

    page, frame = _frames()
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    device = writer.begin_page(page)
    head = _story(header)
    more, filled = head.place(frame)
    head.draw(device)
    number = 0
    while more:  # a header longer than a page (a very long title)
        writer.end_page()
        device, number = writer.begin_page(page), number + 1
        more, filled = head.place(frame)
        head.draw(device)
    top = pymupdf.Rect(filled).y1
    first = number
    where = pymupdf.Rect(frame.x0, top, frame.x1, frame.y1)
    story = _story(body)
    while True:
        more, _filled = story.place(where)
        story.draw(device)
        if not more:
            break
        writer.end_page()
        device, number, where = writer.begin_page(page), number + 1, frame
    writer.end_page()
    writer.close()
    return pymupdf.open("pdf", buffer.getvalue()), range(first, number + 1), top


def _read_lines(pdf: pymupdf.Document, pages: range, top: float) -> list[Line]:
    """Return the body's lines as drawn, page by page (the header's lines left out)."""
    import pymupdf

    flags = pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_PRESERVE_IMAGES
    lines = []
    for number in pages:
        raw: dict[str, Any] = pdf[number].get_text("rawdict", flags=flags)
        for block in raw["blocks"]:
            for line in block.get("lines", ()):
                if number == pages.start and line["bbox"][3] <= top + 0.5:
                    continue  # the header's (a rounding's width of tolerance)
                chars = [c for span in line["spans"] for c in span["chars"]]
                lines.append(
                    Line(number, [c["c"] for c in chars], [c["bbox"] for c in chars])
                )
    return lines


def _rgb(color: str) -> tuple[float, float, float]:
    value = PALETTE.get(color, PALETTE[DEFAULT_COLOR]).lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return (r, g, b)


def _subject(item: ExportHighlight) -> str:
    """Return the annotation's subject: the colour and its label, then the tags."""
    h = item.highlight
    subject = h.color + (f" ({item.label})" if item.label else "")
    if h.tags:
        subject += "; tags: " + ", ".join(h.tags)
    return subject


def _annotate(pdf: pymupdf.Document, item: ExportHighlight, boxes: dict[int, list[Box]]) -> None:
    """Add one highlight annotation per page the highlight is drawn on."""
    import pymupdf

    h = item.highlight
    for part, (number, rects) in enumerate(sorted(boxes.items())):
        page = pdf[number]
        quads = [pymupdf.Rect(box).quad for box in rects]
        annot = page.add_highlight_annot(quads=quads)
        annot.set_colors(stroke=_rgb(h.color))
        annot.set_info(content=h.note, title=CREATOR, subject=_subject(item))
        first = pymupdf.Rect(rects[0])
        x1 = page.rect.x1 - 8
        y0 = min(first.y0, page.rect.y1 - POPUP[1] - 8)
        annot.set_popup(pymupdf.Rect(x1 - POPUP[0], y0, x1, y0 + POPUP[1]))
        annot.update()
        name = h.id if part == 0 else f"{h.id}-{part + 1}"
        pdf.xref_set_key(annot.xref, "NM", pymupdf.get_pdf_str(name))
        pdf.xref_set_key(annot.xref, LINK_KEY, pymupdf.get_pdf_str(item.link))


def _append(pdf: pymupdf.Document, content: str) -> None:
    """Lay out ``content`` on pages of its own at the end of the PDF."""
    import pymupdf

    page, frame = _frames()
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    story = _story(content)
    more = True
    while more:
        device = writer.begin_page(page)
        more, _filled = story.place(frame)
        story.draw(device)
        writer.end_page()
    writer.close()
    with pymupdf.open("pdf", buffer.getvalue()) as extra:
        pdf.insert_pdf(extra)


def _pdf_date(iso: str) -> str:
    """Return an ISO-8601 UTC time as a PDF date (``D:YYYYMMDDHHmmSSZ``)."""
    digits = "".join(ch for ch in iso[:19] if ch.isdigit())
    return f"D:{digits}Z" if len(digits) == 14 else ""


def _set_metadata(pdf: pymupdf.Document, doc: ExportDocument, exported: str) -> None:
    meta = doc.meta
    when = _pdf_date(exported)
    pdf.set_metadata(
        {
            "title": doc.title,
            "author": (meta.author or "") if meta is not None else "",
            "subject": citation(doc),
            "keywords": ", ".join(doc.tags()),
            "creator": CREATOR,
            "producer": f"{CREATOR} (PyMuPDF)",
            "creationDate": when,
            "modDate": when,
        }
    )
    if meta is not None and meta.language:
        pdf.set_language(meta.language)

