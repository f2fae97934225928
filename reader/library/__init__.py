"""The facade that the command line and the window both call.

It joins the corpus folder (read-only) and the user's data folder (overrides, highlights, the
extraction cache, state) and answers in core types. Nothing above it reaches into TinyDB, spaCy
or the files directly. The class is assembled from parts, one module per concern: ``base``
(documents, metadata, window state), ``highlights``, ``extraction`` (actors, dates) and
``exporting`` (export, import, links).
"""

from __future__ import annotations

from reader.library.base import MODEL_ENV_VAR, DocumentSummary, LibraryError, NoteConflictError
from reader.library.exporting import ExportPart

__all__ = ["MODEL_ENV_VAR", "DocumentSummary", "Library", "LibraryError", "NoteConflictError"]


class Library(ExportPart):
    """The corpus folder plus the documents a user imports, and the user's data about them."""
