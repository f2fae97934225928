"""Load a document's fixed text and passages from a file of a corpus folder."""

from __future__ import annotations

from pathlib import Path

from reader.core.model import Document, DocumentMeta, Passage
from reader.core.text import content_hash, decode_text, passage_spans
from reader.corpus.chrome import classify_chrome


class DocumentLoadError(ValueError):
    """A document's file cannot be read as text; the message says which and why."""


def build_document(meta: DocumentMeta, text: str) -> Document:
    """Return the document for a fixed text: its hash, passages and chrome flags."""
    spans = passage_spans(text)
    flags = classify_chrome([text[s:e] for s, e in spans])
    passages = tuple(
        Passage(doc_id=meta.id, index=i, start=s, end=e, chrome=flag)
        for i, ((s, e), flag) in enumerate(zip(spans, flags, strict=True))
    )
    return Document(meta=meta, text=text, content_hash=content_hash(text), passages=passages)


def read_text_file(path: Path) -> str:
    """Return a text file's fixed text (UTF-8, BOM dropped, newlines normalised)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentLoadError(f"{path}: file not found") from None
    except OSError as exc:
        raise DocumentLoadError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        return decode_text(raw)
    except UnicodeDecodeError as exc:
        raise DocumentLoadError(
            f"{path}: not UTF-8 text (byte {exc.start} cannot be decoded)"
        ) from None


def load_document(meta: DocumentMeta, folder: Path) -> Document:
    """Read and build the document that ``meta`` describes, from a file in ``folder``."""
    return build_document(meta, read_text_file(folder / meta.file))
