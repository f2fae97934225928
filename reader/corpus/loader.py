"""Load a document's fixed text and passages from a file of a corpus folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reader.core.model import Document, DocumentMeta, Passage
from reader.core.pages import PageLayout
from reader.core.text import content_hash, decode_text, passage_spans
from reader.corpus.chrome import classify_chrome, furniture_in_body


class DocumentLoadError(ValueError):
    """A document's file cannot be read as text; the message says which and why."""


def build_document(meta: DocumentMeta, text: str, layout: PageLayout | None = None) -> Document:
    """Return the document for a fixed text: its hash, passages and chrome flags; a paged
    document's ``layout`` gives each passage its page or section, and its reader's chrome
    flags (running headers, page numbers) win over the rules for web pages."""
    spans = passage_spans(text)
    if layout is None:
        texts = [text[s:e] for s, e in spans]
        flags = classify_chrome(texts)
        furniture = furniture_in_body(texts, flags)
        passages = tuple(
            Passage(
                doc_id=meta.id,
                index=i,
                start=s,
                end=e,
                chrome=flag,
                furniture=tuple((s + a, s + b) for a, b in lines),
            )
            for i, ((s, e), flag, lines) in enumerate(zip(spans, flags, furniture, strict=True))
        )
    else:
        passages = tuple(
            Passage(
                doc_id=meta.id,
                index=i,
                start=s,
                end=e,
                chrome=bool(layout.chrome(s)),
                page=layout.page_label(s),
                section=layout.section(s),
            )
            for i, (s, e) in enumerate(spans)
        )
    return Document(meta=meta, text=text, content_hash=content_hash(text), passages=passages)


# A document larger than this is refused rather than read (``/dev/zero`` would never end).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def read_text_file(path: Path, limit: int = MAX_DOCUMENT_BYTES) -> str:
    """Return a text file's fixed text (UTF-8, BOM dropped, newlines normalised).

    Only a regular file is read (a FIFO would hang, a device never end), and at most ``limit``
    bytes of it.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DocumentLoadError(f"{path}: file not found") from None
    except OSError as exc:
        raise DocumentLoadError(f"{path}: cannot be read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise DocumentLoadError(f"{path}: not a regular file")
        if st.st_size > limit:
            raise DocumentLoadError(f"{path}: larger than {limit // 2**20} MB, not read")
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise DocumentLoadError(f"{path}: cannot be read ({exc.strerror})") from None
    if len(raw) > limit:
        raise DocumentLoadError(f"{path}: larger than {limit // 2**20} MB, not read")
    try:
        return decode_text(raw)
    except UnicodeDecodeError as exc:
        raise DocumentLoadError(
            f"{path}: not UTF-8 text (byte {exc.start} cannot be decoded)"
        ) from None


def corpus_file(folder: Path, name: str) -> Path:
    """Return the file a catalogue entry names, which must lie inside the corpus folder once
    links are resolved (no ``../``, no absolute path, no link out)."""
    root = folder.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise DocumentLoadError(f"{name}: outside the corpus folder {root}, not read")
    return path


def load_document(meta: DocumentMeta, folder: Path) -> Document:
    """Read and build the document that ``meta`` describes, from a file in ``folder``."""
    return build_document(meta, read_text_file(corpus_file(folder, meta.file)))
