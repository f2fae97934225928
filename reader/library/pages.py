"""The pages of documents that came from a PDF: where their characters are, and their pixels.

A small part of the facade: the window's page view asks it for a document's page map (from the
character boxes the import kept) and for rendered pages. Rendering uses PyMuPDF, which is not
safe across threads: the window calls ``render`` from one lane only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.page_map import PageImage, PageMap
from reader.library.documents import Documents
from reader.library.errors import LibraryError

if TYPE_CHECKING:
    from reader.corpus.page_render import PageRenderer


class Pages:
    """Page maps and rendered pages of the library's PDF documents."""

    def __init__(self, documents: Documents) -> None:
        self._documents = documents
        self._renderer: PageRenderer | None = None

    def map(self, doc_id: str) -> PageMap | None:
        """Return a document's page map; ``None`` unless it came from a PDF with boxes."""
        if self._documents.original_pdf(doc_id) is None:
            return None
        return self._documents.page_map(doc_id)

    def render(self, doc_id: str, page: int, scale: float) -> PageImage:
        """Return a page of a document's original PDF drawn at ``scale`` pixels a point."""
        path = self._documents.original_pdf(doc_id)
        if path is None:
            raise LibraryError(f"{doc_id} did not come from a PDF: it has no pages to show")
        if self._renderer is None:
            from reader.corpus.page_render import PageRenderer

            self._renderer = PageRenderer()
        try:
            return self._renderer.render(path, page, scale)
        except (RuntimeError, ValueError, IndexError) as exc:  # MuPDF's errors
            raise LibraryError(f"{doc_id}: page {page + 1} cannot be drawn ({exc})") from None

    def close(self) -> None:
        """Close the PDFs kept open for rendering."""
        if self._renderer is not None:
            self._renderer.close()
