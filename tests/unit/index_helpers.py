"""Shared by the index tests: the bundled corpus extracted with rules only, an index to fill."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from reader.core.actors import DocumentActors
from reader.core.dates import DateMention
from reader.core.model import Document
from reader.corpus.catalog import read_catalog
from reader.corpus.loader import load_document
from reader.corpus.locate import bundled_corpus_dir, resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.dates import dates_by_passage
from reader.index import DocumentEntry, LibraryIndex, Stamp

Dates = list[list[DateMention]]


def rules_extractor() -> ActorExtractor:
    """The extractor as the library builds it with ``READER_EXTRACT_MODEL=off``."""
    extractor, _ = ActorExtractor.from_files(resources_dir() / "gazetteer.toml", None, False)
    return extractor


@functools.cache
def bundled() -> tuple[tuple[Document, ...], tuple[DocumentActors, ...], tuple[Dates, ...]]:
    """The bundled corpus: documents in catalogue order, their actors and their dates."""
    folder = bundled_corpus_dir()
    docs = tuple(load_document(m, folder) for m in read_catalog(folder))
    results = tuple(rules_extractor().extract_many(docs))
    dates = tuple(dates_by_passage(d.text, d.passages, d.meta.published) for d in docs)
    return docs, results, dates


def stamp_of(doc: Document) -> Stamp:
    """A stamp that changes with the text and the metadata (tests have no files)."""
    return Stamp(len(doc.text), 1_000, str(hash((doc.content_hash, doc.meta))))


def open_index(folder: Path, version: str = "rules/test") -> LibraryIndex:
    return LibraryIndex(folder / "index" / "library.sqlite3", folder / "damaged", version)


def filled(
    folder: Path,
    docs: Sequence[Document],
    results: Sequence[DocumentActors],
    dates: Sequence[Dates],
    version: str = "rules/test",
) -> LibraryIndex:
    """Return an index holding the documents and their extraction results."""
    index = open_index(folder, version)
    index.put_documents(DocumentEntry(d.meta, "corpus", stamp_of(d), d) for d in docs)
    index.put_extractions(zip(results, dates, strict=True))
    return index
