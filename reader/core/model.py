"""The document model: documents, passages and their metadata, as frozen dataclasses."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, NewType

DocId = NewType("DocId", str)
PassageId = NewType("PassageId", str)
Origin = Literal["corpus", "imported"]

DOC_ID_RE = re.compile(r"[a-z0-9-]+")
# A document id names files (``.<id>.lock``, ``<id>.json.<stamp>.<n>``): kept well under 255 bytes.
MAX_DOC_ID = 120
PUBLISHED_RE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")

METADATA_FIELDS = (
    "title",
    "author",
    "site",
    "published",
    "source_kind",
    "url",
    "language",
)


def is_valid_doc_id(value: str) -> bool:
    """Tell whether a string is a document id: a slug of [a-z0-9-], at most ``MAX_DOC_ID`` long."""
    return len(value) <= MAX_DOC_ID and DOC_ID_RE.fullmatch(value) is not None


def is_valid_published(value: str) -> bool:
    """Tell whether a string is a publication date: YYYY, YYYY-MM or YYYY-MM-DD, on the calendar
    (no year 0000, no 31 February)."""
    if PUBLISHED_RE.fullmatch(value) is None:
        return False
    parts = [int(p) for p in value.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def passage_id(doc_id: str, index: int) -> PassageId:
    """Return the id of a passage: ``"<doc_id>:<index>"``."""
    return PassageId(f"{doc_id}:{index}")


@dataclass(frozen=True)
class DocumentMeta:
    """What is known about a document; ``None`` where unknown."""

    id: DocId
    file: str
    title: str
    author: str | None = None
    site: str | None = None
    published: str | None = None
    source_kind: str | None = None
    url: str | None = None
    language: str | None = None
    origin: Origin = "corpus"
    imported: str | None = None  # when an imported document was added (ISO date)


_META_FIELDS = tuple(DocumentMeta.__dataclass_fields__)


def meta_from_values(values: Iterable[object]) -> DocumentMeta:
    """Return the metadata whose fields (in their order) are ``values``, built without the
    frozen ``__init__``'s per-field ``object.__setattr__``: a listing builds thousands at once
    (3× faster; the fields are plain values, with no check to skip)."""
    meta = object.__new__(DocumentMeta)
    meta.__dict__.update(zip(_META_FIELDS, values, strict=True))
    return meta


@dataclass(frozen=True)
class Passage:
    """A run of non-blank lines; ``text[start:end]`` of its document is its text.

    ``page`` is the page it starts on in a paged document (the page's label, else its 1-based
    number) and ``section`` the heading of the part it belongs to (a reflowed book's chapter);
    both ``None`` where the document has none.
    """

    doc_id: DocId
    index: int
    start: int
    end: int
    chrome: bool
    # Document offsets of interface lines inside a body passage ("SHARE" under a caption, a share
    # bar above an author's bio): folded and greyed like chrome. Empty for chrome passages, which
    # are folded whole. Extraction still reads them (a logo's publisher is an actor).
    furniture: tuple[tuple[int, int], ...] = ()
    page: str | None = None
    section: str | None = None

    @property
    def id(self) -> PassageId:
        return passage_id(self.doc_id, self.index)

    @property
    def number(self) -> int:
        """The passage number people see (¶ number)."""
        return self.index + 1


_PASSAGE_FIELDS = tuple(Passage.__dataclass_fields__)


def passage_from_values(values: Iterable[object]) -> Passage:
    """Return the passage whose fields (in their order) are ``values``, as
    ``meta_from_values`` does (the index rebuilds tens of thousands at once)."""
    passage = object.__new__(Passage)
    passage.__dict__.update(zip(_PASSAGE_FIELDS, values, strict=True))
    return passage


@dataclass(frozen=True)
class Document:
    """A document's metadata, its fixed text, and its passages."""

    meta: DocumentMeta
    text: str
    content_hash: str
    passages: tuple[Passage, ...] = field(default_factory=tuple)

    @property
    def id(self) -> DocId:
        return self.meta.id

    def passage_text(self, passage: Passage) -> str:
        """Return the text of one of this document's passages."""
        return self.text[passage.start : passage.end]

    def passage_at(self, offset: int) -> Passage | None:
        """Return the passage containing ``offset``, else the nearest one before it."""
        found: Passage | None = None
        for passage in self.passages:
            if passage.start > offset:
                break
            found = passage
        return found if found is not None else (self.passages[0] if self.passages else None)
