"""Where documents come from: sources behind one small protocol.

The corpus folder (``catalog.toml`` beside the files, never written) and the user's own
imported documents (``library/<doc_id>/`` in the data folder, pages and all).
A source knows its documents' base metadata and reads a document's text; the user's
corrections of metadata are applied above it, by ``Documents``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader.core.model import DocId, Document, DocumentMeta
from reader.corpus.catalog import CatalogError, read_catalog
from reader.library.errors import LibraryError
from reader.store.catalog_cache import cached_catalog
from reader.store.user_library import UserLibrary

if TYPE_CHECKING:
    from reader.core.page_map import PageMap


class DocumentSource(Protocol):
    """A set of documents: their metadata, and their texts on demand."""

    name: str

    def metadata(self) -> list[DocumentMeta]:
        """Return the base metadata of every document, in the source's order."""
        ...

    def load(self, meta: DocumentMeta) -> Document:
        """Read a document's text; ``LibraryError`` saying why when it cannot be read."""
        ...

    def stat(self, meta: DocumentMeta) -> tuple[int, int]:
        """Return the size and modification time (ns) of a document's file, ``(-1, -1)`` when
        it is missing: the index's cheap check of what changed."""
        ...

    def stat_many(self, metas: list[DocumentMeta]) -> list[tuple[int, int]]:
        """Return ``stat`` of each document (the start-up check: thousands at once)."""
        ...


class CorpusSource:
    """A corpus folder: ``catalog.toml`` describes the documents, the files beside it hold them."""

    name = "corpus"

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.folder = folder.resolve()
        self._folder_name = str(self.folder)
        if not self.folder.is_dir():
            raise LibraryError(f"corpus folder not found: {self.folder}")
        try:
            # With a cache folder, the parsed catalogue is kept there (a large one is slow
            # to parse at every start).
            self._catalog: list[DocumentMeta] = (
                read_catalog(self.folder)
                if cache_dir is None
                else cached_catalog(self.folder, cache_dir)
            )
        except CatalogError as exc:
            raise LibraryError(str(exc)) from None

    def metadata(self) -> list[DocumentMeta]:
        return list(self._catalog)

    def ids(self) -> list[DocId]:
        return [m.id for m in self._catalog]

    def stat(self, meta: DocumentMeta) -> tuple[int, int]:
        # A string path: pathlib's joining costs more than the stat, 5,000 times at start.
        return _stat(os.path.join(self._folder_name, meta.file))

    def stat_many(self, metas: list[DocumentMeta]) -> list[tuple[int, int]]:
        # Relative to the folder, opened once: no path to join and resolve for each of 5,000
        # files (a third quicker); where the system cannot, one by one.
        if os.stat not in os.supports_dir_fd:
            return [self.stat(m) for m in metas]
        try:
            folder = os.open(self._folder_name, os.O_RDONLY)
        except OSError:
            return [self.stat(m) for m in metas]
        try:
            return [_stat(m.file, folder) for m in metas]
        finally:
            os.close(folder)

    def load(self, meta: DocumentMeta) -> Document:
        # Imported here: the window paints before any text is read (docs/ARCHITECTURE.md).
        from reader.corpus.loader import DocumentLoadError, load_document

        try:
            return load_document(meta, self.folder)
        except DocumentLoadError as exc:
            raise LibraryError(str(exc)) from None


class ImportedSource:
    """The user's imported documents: ``library/<doc_id>/`` in the data folder."""

    name = "imported"

    def __init__(self, store: UserLibrary) -> None:
        self.store = store

    def metadata(self) -> list[DocumentMeta]:
        return [_imported_meta(d.doc_id, d.meta) for d in self.store.documents()]

    def stat(self, meta: DocumentMeta) -> tuple[int, int]:
        return _stat(self.store.folder / meta.id / "text.txt")

    def stat_many(self, metas: list[DocumentMeta]) -> list[tuple[int, int]]:
        return [self.stat(m) for m in metas]

    def load(self, meta: DocumentMeta) -> Document:
        from reader.core.pages import PageLayout
        from reader.corpus.loader import build_document

        try:
            text = self.store.read_text(meta.id)
            pages = self.store.read_pages(meta.id)
        except (OSError, UnicodeDecodeError) as exc:
            raise LibraryError(f"{meta.id}: its stored text cannot be read ({exc})") from None
        try:
            layout = PageLayout.from_json(pages) if pages else None
        except (TypeError, ValueError):
            layout = None  # a damaged pages.json loses the pages, never the text
        return build_document(meta, text, layout)

    def page_map(self, doc_id: str) -> PageMap | None:
        """Return where a PDF's characters sit on its pages (``None`` without boxes)."""
        from reader.core.page_map import PageMap

        try:
            pages = self.store.read_pages(doc_id)
            boxes = self.store.read_boxes(doc_id) if pages else b""
        except OSError:
            return None
        return PageMap.from_stored(pages, boxes) if pages and boxes else None

    def original(self, doc_id: str) -> Path | None:
        """Return the file a document was imported from, if it is still there."""
        return self.store.original_path(doc_id)


def _stat(path: str | Path, folder: int | None = None) -> tuple[int, int]:
    try:
        found = os.stat(path, dir_fd=folder)
    except OSError:
        return -1, -1
    return found.st_size, found.st_mtime_ns


def _imported_meta(doc_id: str, record: dict[str, object]) -> DocumentMeta:
    def text(key: str) -> str | None:
        value = record.get(key)
        return str(value) if isinstance(value, str) and value else None

    return DocumentMeta(
        id=DocId(doc_id),
        file=f"library/{doc_id}/text.txt",
        title=text("title") or doc_id,
        author=text("author"),
        site=text("site"),
        published=text("published"),
        source_kind=text("source_kind"),
        url=text("url"),
        language=text("language"),
        origin="imported",
        imported=text("imported"),
    )
