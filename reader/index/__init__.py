"""The derived library index (SQLite, WAL): documents, passages, actors and dates.

A cache that can always be rebuilt: the library fills it from the documents' sources and the
extractor, and every listing, count and passage list reads it. Qt-free; used by
``reader.library`` only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.index.database import IndexDamage
from reader.index.documents import DocumentEntry, IndexedSummary, Stamp
from reader.index.library_index import DateFact, LibraryIndex, PassageFacts
from reader.index.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from reader.index.search import Filters, FoundPassage

INDEX_FILE = "library.sqlite3"


def __getattr__(name: str) -> Any:
    # The search's types are imported when first asked for: most commands never search.
    if name in ("Filters", "FoundPassage"):
        from reader.index import search

        value = getattr(search, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "INDEX_FILE",
    "SCHEMA_VERSION",
    "DateFact",
    "DocumentEntry",
    "Filters",
    "FoundPassage",
    "IndexDamage",
    "IndexedSummary",
    "LibraryIndex",
    "PassageFacts",
    "Stamp",
]
