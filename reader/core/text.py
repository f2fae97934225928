"""The coordinate system: a document's fixed text, its hash, and its passages."""

from __future__ import annotations

import hashlib
import re

_PASSAGE_RE = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")


def decode_text(raw: bytes) -> str:
    """Return a file's text: UTF-8, BOM removed, ``\\r\\n`` and ``\\r`` turned into ``\\n``.

    Nothing else is changed, so offsets into the result are stable for a given file.
    """
    text = raw.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of the text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def passage_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each run of non-blank lines, surrounding whitespace excluded.

    Runs are separated by one or more whitespace-only lines. ``start`` is the first
    non-whitespace character and ``end`` is one past the last.
    """
    spans: list[tuple[int, int]] = []
    for match in _PASSAGE_RE.finditer(text):
        chunk = match.group(0)
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        start = match.start() + lead
        end = match.end() - trail
        if end > start:
            spans.append((start, end))
    return spans
