"""Writers: highlights and notes out to Markdown, CSV, JSON and an annotated PDF.

Core types in, bytes out: the facade (``reader.library``) gathers an ``Export`` and writes the
bytes atomically; nothing here touches the data folder. The writers are imported when used, so
that importing ``reader.export.model`` (for its types) does not load PyYAML and the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from reader.export.model import Export

# Here, not in reader.export.model: the command line offers the formats without importing it.
ExportFormat = Literal["md", "csv", "json", "pdf"]
FORMATS: tuple[ExportFormat, ...] = ("md", "csv", "json", "pdf")

__all__ = ["FORMATS", "ExportFormat", "render"]


def render(export: Export, fmt: ExportFormat) -> bytes:
    """Return the export in one of the formats, as the bytes of a file."""
    if fmt == "md":
        from reader.export.markdown import to_markdown

        return to_markdown(export)
    if fmt == "csv":
        from reader.export.csvfile import to_csv

        return to_csv(export)
    if fmt == "pdf":
        from reader.export.pdf import to_pdf

        return to_pdf(export)
    from reader.export.annotations import to_json

    return to_json(export)
