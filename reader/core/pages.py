"""Where a paged document's passages sit: pages (with their labels) and sections.

A document read from a PDF or an EPUB keeps, beside its fixed text, the offset where each page
starts, each page's label, the paragraphs the reader found (their page and whether they are page
furniture) and the sections of its table of contents. Pure data; the store reads and writes it.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PageLayout:
    """The pages and sections of a document's fixed text.

    ``paged`` is false for reflowed documents (EPUB chapters): their passages get a section,
    not a page. ``paragraphs`` maps a paragraph's start offset to its page index and chrome flag.
    """

    paged: bool
    labels: tuple[str, ...] = ()
    page_starts: tuple[int, ...] = ()
    paragraphs: Mapping[int, tuple[int, bool]] = field(default_factory=dict)
    section_starts: tuple[int, ...] = ()
    section_titles: tuple[str, ...] = ()

    def page_index(self, offset: int) -> int | None:
        """Return the index of the page holding ``offset`` (the paragraph's own page first)."""
        known = self.paragraphs.get(offset)
        if known is not None:
            return known[0]
        found = bisect.bisect_right(self.page_starts, offset) - 1
        return found if found >= 0 else (0 if self.page_starts else None)

    def page_label(self, offset: int) -> str | None:
        """Return the page people see for ``offset`` (``None`` for a reflowed document)."""
        index = self.page_index(offset) if self.paged else None
        if index is None or index >= len(self.labels):
            return None
        return self.labels[index] or str(index + 1)

    def section(self, offset: int) -> str | None:
        """Return the title of the section holding ``offset``, if the document has sections."""
        found = bisect.bisect_right(self.section_starts, offset) - 1
        return self.section_titles[found] if found >= 0 else None

    def chrome(self, offset: int) -> bool | None:
        """Return whether the paragraph starting at ``offset`` is page furniture, if known."""
        known = self.paragraphs.get(offset)
        return None if known is None else known[1]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PageLayout:
        """Return the layout stored as ``pages.json`` (see ``to_json``)."""
        pages = [p for p in data.get("pages", []) if isinstance(p, dict)]
        sections = [s for s in data.get("sections", []) if isinstance(s, list) and len(s) == 2]
        return cls(
            paged=bool(data.get("paged", True)),
            labels=tuple(str(p.get("label") or "") for p in pages),
            page_starts=tuple(int(p.get("start", 0)) for p in pages),
            paragraphs={int(s): (int(p), bool(c)) for s, p, c in data.get("paragraphs", [])},
            section_starts=tuple(int(s[0]) for s in sections),
            section_titles=tuple(str(s[1]) for s in sections),
        )
