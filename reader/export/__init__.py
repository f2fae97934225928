"""Writers: highlights and notes out to Markdown, CSV, JSON (and later an annotated PDF).

Core types in, bytes out: the facade (``reader.library``) gathers an ``Export`` and writes the
bytes atomically; nothing here touches the data folder.
"""

from __future__ import annotations

from reader.export.annotations import to_json
from reader.export.csvfile import to_csv
from reader.export.markdown import to_markdown
from reader.export.model import Export, ExportFormat

__all__ = ["render"]


def render(export: Export, fmt: ExportFormat) -> bytes:
    """Return the export in one of the formats, as the bytes of a file."""
    if fmt == "md":
        return to_markdown(export)
    if fmt == "csv":
        return to_csv(export)
    return to_json(export)
