"""The annotated PDF of a document that came from a PDF: a copy of the original, annotated.

People who read the printed page want their highlights on it, not on a layout of the text. The
original's bytes are opened in memory (the file itself is never written) and every highlight
becomes a highlight annotation over its characters, their boxes taken from those the import
kept (``reader.core.page_map``): the offsets are the document's, so nothing is searched for.
Colour, note (``/Contents``), label and tags (subject) and the link back are set as in the
generated PDF (``reader.export.pdf``). The document's notes and any highlight with no place on
the pages go on a last page. An original that cannot be opened without its password gives
``None``: the caller lays the text out instead.
"""

from __future__ import annotations

from typing import Any

from reader.export.model import ExportDocument, ExportHighlight, OriginalPdf
from reader.export.pdf import _annotate, _append, _notes_html


def to_original_pdf(doc: ExportDocument, original: OriginalPdf) -> bytes | None:
    """Return a copy of the document's original PDF with its highlights as annotations."""
    import pymupdf

    data, pages = original.read()
    try:
        pdf: Any = pymupdf.open("pdf", data)
    except Exception:  # MuPDF raises several types for a file it cannot read
        return None
    try:
        if pdf.needs_pass or pdf.page_count != pages.page_count:
            return None
        missed: list[ExportHighlight] = []
        for item in doc.highlights:
            h = item.highlight
            boxes = pages.rects(h.start, h.end) if h.status != "orphaned" else {}
            if boxes:
                _annotate(pdf, item, {p: list(r) for p, r in boxes.items()})
            else:
                missed.append(item)
        notes = _notes_html(doc, missed, "Their text was not found in the document's text.")
        if notes:
            _append(pdf, notes)
        return bytes(pdf.tobytes(garbage=1, deflate=True))
    finally:
        pdf.close()
