"""Render a PDF's pages to pixels (PyMuPDF), for the window's page view.

PyMuPDF documents are not safe across threads: a ``PageRenderer`` is meant to be used from one
thread (the window's ``pages`` lane), and a lock makes a call from elsewhere wait rather than
race. It keeps the last few documents open, so scrolling does not reopen the file per page.
PyMuPDF is imported inside the functions: start-up never loads it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from reader.core.page_map import PageImage

OPEN_DOCUMENTS = 2
MAX_PIXELS = 40_000_000  # a page is never rendered larger than this (about 160 MB of RGB)


class PageRenderer:
    """Renders pages of PDFs by path; one owning thread, a few documents kept open."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: OrderedDict[Path, Any] = OrderedDict()

    def render(self, path: Path, page: int, scale: float) -> PageImage:
        """Return ``page`` of the PDF at ``path`` drawn at ``scale`` pixels a point."""
        import pymupdf

        with self._lock:
            doc = self._document(path)
            loaded = doc.load_page(page)
            rect = loaded.rect
            area = max(rect.width * rect.height * scale * scale, 1.0)
            if area > MAX_PIXELS:
                scale *= (MAX_PIXELS / area) ** 0.5
            pix = loaded.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
            return PageImage(page, scale, pix.width, pix.height, pix.stride, bytes(pix.samples))

    def _document(self, path: Path) -> Any:
        import pymupdf

        doc = self._open.get(path)
        if doc is not None:
            self._open.move_to_end(path)
            return doc
        doc = pymupdf.open(str(path), filetype="pdf")
        self._open[path] = doc
        while len(self._open) > OPEN_DOCUMENTS:
            _old, closing = self._open.popitem(last=False)
            closing.close()
        return doc

    def close(self) -> None:
        """Close the documents kept open."""
        with self._lock:
            for doc in self._open.values():
                doc.close()
            self._open.clear()
